package faultweb

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

// TB is the part of testing.TB that Snapshot.Check uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// Snapshot counts the goroutines and open file descriptors of the process.
type Snapshot struct {
	Goroutines int
	// FDs is -1 where /proc/self/fd cannot be read.
	FDs int
}

// Take counts the goroutines and open file descriptors now.
func Take() Snapshot {
	s := Snapshot{Goroutines: runtime.NumGoroutine(), FDs: -1}
	if es, err := os.ReadDir("/proc/self/fd"); err == nil {
		s.FDs = len(es)
	}
	return s
}

// Check polls, for up to wait, until the goroutines and descriptors are
// back to at most the snapshot's counts plus slack (goroutines winding
// down and sockets closing take a moment), and reports a leak otherwise
// with the stacks of every goroutine. The test must not run in parallel
// with others for the counts to mean anything.
func (s Snapshot) Check(t TB, slack int, wait time.Duration) {
	t.Helper()
	deadline := time.Now().Add(wait)
	poll := 10 * time.Millisecond
	for {
		now := Take()
		gOK := now.Goroutines <= s.Goroutines+slack
		fdOK := s.FDs < 0 || now.FDs <= s.FDs+slack
		if gOK && fdOK {
			return
		}
		if time.Now().After(deadline) {
			if !gOK {
				buf := make([]byte, 1<<20)
				buf = buf[:runtime.Stack(buf, true)]
				t.Errorf("goroutine leak: %d before, %d after (slack %d)\n%s", s.Goroutines, now.Goroutines, slack, buf)
			}
			if !fdOK {
				t.Errorf("file descriptor leak: %d before, %d after (slack %d): %s", s.FDs, now.FDs, slack, fdList())
			}
			return
		}
		runtime.GC() // finalizers close forgotten files
		time.Sleep(poll)
		if poll < 200*time.Millisecond {
			poll *= 2
		}
	}
}

// fdList describes the open descriptors (their link targets).
func fdList() string {
	es, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return err.Error()
	}
	var out []string
	for _, e := range es {
		target, err := os.Readlink("/proc/self/fd/" + e.Name())
		if err != nil {
			continue
		}
		out = append(out, fmt.Sprintf("%s→%s", e.Name(), target))
	}
	return strings.Join(out, " ")
}
