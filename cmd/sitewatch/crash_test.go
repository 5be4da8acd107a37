package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
)

// buildBinary builds sitewatch into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build sitewatch: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "sitewatch")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// proc is a running sitewatch with its stderr collected.
type proc struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	logs strings.Builder
	done chan error
}

func start(t *testing.T, bin string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(bin, args...), done: make(chan error, 1)}
	p.cmd.Env = append(os.Environ(), "SITEWATCH_CONFIG=")
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			p.mu.Lock()
			p.logs.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
		}
		p.done <- p.cmd.Wait()
	}()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func (p *proc) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logs.String()
}

// waitFor polls cond every 50ms until it holds, the process exits, or the
// deadline passes.
func (p *proc) waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		select {
		case err := <-p.done:
			p.done <- err
			t.Fatalf("sitewatch exited (%v) while waiting for %s:\n%s", err, what, p.log())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s after %s:\n%s", what, limit, p.log())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// count runs a COUNT query on the database with a connection of its own.
func count(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// TestCrashRestart kills `sitewatch serve --crawl-now` with SIGKILL in the
// middle of its first crawl, then checks that the database is intact, that
// no committed post was lost, and that a restarted serve crawls every unit
// while `posts`, `check`, `export` and `backup` run beside it without
// "database is locked"; then stops it with SIGTERM.
func TestCrashRestart(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	sites := simweb.Generate(simweb.Options{Seed: 3}, 8)
	// Half the sites are slow, so that the first crawl is still running when
	// the first units are written.
	for _, s := range sites[4:] {
		s.SetFault(simweb.Fault{Delay: 100 * time.Millisecond})
	}
	w, err := simweb.Start(sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "sitewatch.db")
	cfg := filepath.Join(dir, "sites.yaml")
	yml := w.SitesYAML(simweb.RegistryOptions{Settings: map[string]string{
		"database": dbPath, "delay": "1ms", "listen": "127.0.0.1:0", "workers": "4", "schedule": "[]", "request_timeout": "10s",
	}})
	if err := os.WriteFile(cfg, yml, 0o644); err != nil {
		t.Fatal(err)
	}

	// 1. Serve, crawl at start, kill -9 once some posts are committed.
	first := start(t, bin, "serve", "--crawl-now", "--config", cfg)
	first.waitFor(t, "listening", 60*time.Second, func() bool { return strings.Contains(first.log(), "listening") })
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db := st.DB()
	first.waitFor(t, "committed posts", 60*time.Second, func() bool { return count(t, db, `SELECT COUNT(*) FROM posts`) > 0 })
	postsBefore := count(t, db, `SELECT COUNT(*) FROM posts`)
	if err := first.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-first.done
	crawlsAtKill := count(t, db, `SELECT COUNT(*) FROM crawls`)
	t.Logf("killed with %d posts and %d of %d unit crawls committed", postsBefore, crawlsAtKill, len(sites))
	if crawlsAtKill >= len(sites) {
		t.Errorf("the first crawl had finished (%d crawls) before the kill: not a mid-crawl crash", crawlsAtKill)
	}

	// 2. The database survived.
	if r, err := st.IntegrityCheck(context.Background()); err != nil || r != "ok" {
		t.Fatalf("integrity after kill -9: %q %v", r, err)
	}
	if n := count(t, db, `SELECT COUNT(*) FROM posts`); n < postsBefore {
		t.Fatalf("%d posts after the crash, %d committed before", n, postsBefore)
	}

	// 3. Restart; the next crawl completes while the other commands read.
	for _, s := range sites[4:6] {
		s.SetFault(simweb.Fault{Delay: 30 * time.Millisecond}) // still slow enough to overlap
	}
	for _, s := range sites[6:] {
		s.SetFault(simweb.Fault{})
	}
	restart := time.Now().Add(-time.Second).Unix()
	second := start(t, bin, "serve", "--crawl-now", "--config", cfg)
	second.waitFor(t, "listening", 60*time.Second, func() bool { return strings.Contains(second.log(), "listening") })
	crawled := func() bool {
		return count(t, db, `SELECT COUNT(DISTINCT unit_id) FROM crawls WHERE started >= ?`, restart) == len(sites)
	}
	rounds, overlapping := 0, 0
	for i := 0; !crawled(); i++ {
		during := !crawled()
		backup := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		for _, args := range [][]string{
			{"posts", "--all"},
			{"check", "--json"},
			{"export", "--format", "csv", "--out", filepath.Join(dir, fmt.Sprintf("bao-cao-%d.csv", i))},
			{"backup", backup},
		} {
			out, err := exec.Command(bin, append([]string{args[0], "--config", cfg}, args[1:]...)...).CombinedOutput()
			if err != nil || strings.Contains(string(out), "locked") || strings.Contains(string(out), "SQLITE_BUSY") {
				t.Errorf("sitewatch %s while serve writes: %v\n%s", args[0], err, out)
			}
		}
		if b, err := store.Open(context.Background(), backup); err != nil {
			t.Errorf("backup %s: %v", backup, err)
		} else {
			if r, err := b.IntegrityCheck(context.Background()); err != nil || r != "ok" {
				t.Errorf("backup %s integrity: %q %v", backup, r, err)
			}
			b.Close()
		}
		rounds++
		if during {
			overlapping++
		}
		if time.Unix(restart, 0).Add(2 * time.Minute).Before(time.Now()) {
			t.Fatalf("the crawl after the restart did not complete:\n%s", second.log())
		}
	}
	t.Logf("after restart: %d rounds of posts/check/export/backup, %d while the crawl was writing", rounds, overlapping)
	if overlapping == 0 {
		t.Error("the commands never ran while serve was writing")
	}
	failed := count(t, db, `SELECT COUNT(*) FROM crawls WHERE started >= ? AND outcome = 'failed'`, restart)
	postsAfter := count(t, db, `SELECT COUNT(*) FROM posts`)
	t.Logf("after the crawl that followed the restart: %d posts (%d before the kill), %d failed crawls", postsAfter, postsBefore, failed)
	if failed > 0 || postsAfter < postsBefore {
		t.Errorf("%d failed crawls, %d posts (at least %d expected)", failed, postsAfter, postsBefore)
	}
	if r, err := st.IntegrityCheck(context.Background()); err != nil || r != "ok" {
		t.Errorf("integrity after the restart: %q %v", r, err)
	}
	if strings.Contains(second.log(), "locked") || strings.Contains(second.log(), "SQLITE_BUSY") {
		t.Errorf("serve met a locked database:\n%s", second.log())
	}

	// 4. A graceful stop.
	if err := second.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-second.done:
		if err != nil {
			t.Errorf("serve stopped with %v:\n%s", err, second.log())
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not stop on SIGTERM:\n%s", second.log())
	}
}
