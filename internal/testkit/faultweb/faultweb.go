// Package faultweb serves misbehaving websites on loopback for
// fault-injection tests of the crawler and the service: servers that refuse
// connections, accept and never answer, drip a byte at a time, reset a
// connection mid-body, answer 5xx or 429 storms, redirect in loops and long
// chains, paginate forever, send huge pages and gzip bombs, mislabel their
// charset, serve broken HTML, forbid everything in robots.txt, or present an
// expired or self-signed certificate; and a small healthy news site whose
// posts are known exactly, to check that the other units of a crawl come out
// right.
//
// Every server listens on 127.0.0.1 only. Close ends every connection a
// server accepted and waits for its handlers, so that a test can then check
// for leaked goroutines and file descriptors with Snapshot.
package faultweb

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// TCP is a loopback TCP server that hands each accepted connection to a
// function: for faults below HTTP (silence, drip, reset). Its methods are
// safe for concurrent use.
type TCP struct {
	// URL is the server's root, "http://127.0.0.1:PORT".
	URL string

	ln     net.Listener
	handle func(c net.Conn, done <-chan struct{})
	done   chan struct{}
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
	hits   atomic.Int64
}

// NewTCP serves handle on a new loopback port. handle must return when done
// is closed or its connection fails; the server closes the connection after
// handle returns.
func NewTCP(handle func(c net.Conn, done <-chan struct{})) (*TCP, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faultweb: listen: %w", err)
	}
	s := &TCP{URL: "http://" + ln.Addr().String(), ln: ln, handle: handle, done: make(chan struct{}), conns: map[net.Conn]struct{}{}}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

func (s *TCP) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		s.hits.Add(1)
		go func() {
			defer s.wg.Done()
			defer func() {
				s.mu.Lock()
				delete(s.conns, c)
				s.mu.Unlock()
				c.Close()
			}()
			s.handle(c, s.done)
		}()
	}
}

// Conns returns how many connections the server accepted.
func (s *TCP) Conns() int64 { return s.hits.Load() }

// Close stops the server, closes its connections and waits for the handlers.
func (s *TCP) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.done)
	s.ln.Close()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// RefusedURL returns the URL of a loopback port where nothing listens, so
// that connecting is refused, and a function that frees the port. The port
// stays bound (a socket bound but never listening, without SO_REUSEADDR)
// until then (freeing it twice is harmless), so no other server of the same machine (a test running in
// parallel) can take it and answer in its place.
func RefusedURL() (string, func(), error) {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		return "", nil, fmt.Errorf("faultweb: socket: %w", err)
	}
	var once sync.Once // a second close could close a descriptor reused since
	closeFD := func() { once.Do(func() { _ = syscall.Close(fd) }) }
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		closeFD()
		return "", nil, fmt.Errorf("faultweb: bind: %w", err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		closeFD()
		return "", nil, fmt.Errorf("faultweb: getsockname: %w", err)
	}
	in4, ok := sa.(*syscall.SockaddrInet4)
	if !ok {
		closeFD()
		return "", nil, fmt.Errorf("faultweb: bound to %T", sa)
	}
	return fmt.Sprintf("http://127.0.0.1:%d/", in4.Port), closeFD, nil
}

// Silent accepts connections, reads what the client sends and never answers.
func Silent() (*TCP, error) {
	return NewTCP(func(c net.Conn, done <-chan struct{}) {
		go func() {
			<-done
			c.Close()
		}()
		_, _ = io.Copy(io.Discard, c)
	})
}

// serveRequests reads HTTP requests from c one after another and answers
// each with answer, until answer returns false or the connection fails.
func serveRequests(c net.Conn, done <-chan struct{}, answer func(w *bufio.Writer, r *http.Request) bool) {
	go func() {
		<-done
		c.Close()
	}()
	br := bufio.NewReader(c)
	bw := bufio.NewWriter(c)
	for {
		r, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		_, _ = io.Copy(io.Discard, r.Body)
		if !answer(bw, r) {
			return
		}
		if bw.Flush() != nil {
			return
		}
	}
}

// notFound writes a 404 that keeps the connection open (robots.txt of the
// raw servers: the crawler then goes on to the home page).
func notFound(w *bufio.Writer) {
	body := "không có"
	fmt.Fprintf(w, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
}

// Drip answers /robots.txt with 404 and every other request with a 200
// whose body comes one byte every interval (Content-Length promises 64 KiB),
// until the client gives up. With slowHeaders the status line and headers
// drip too.
func Drip(interval time.Duration, slowHeaders bool) (*TCP, error) {
	return NewTCP(func(c net.Conn, done <-chan struct{}) {
		serveRequests(c, done, func(w *bufio.Writer, r *http.Request) bool {
			if r.URL.Path == "/robots.txt" {
				notFound(w)
				return true
			}
			head := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 65536\r\n\r\n"
			if !slowHeaders {
				w.WriteString(head)
				head = ""
			}
			stream := head + strings.Repeat("<p>chậm</p>", 65536/len("<p>chậm</p>")+1)
			t := time.NewTicker(interval)
			defer t.Stop()
			for i := 0; i < len(stream); i++ {
				w.WriteByte(stream[i])
				if w.Flush() != nil {
					return false
				}
				select {
				case <-done:
					return false
				case <-t.C:
				}
			}
			return false
		})
	})
}

// Reset answers /robots.txt with 404 and every other request with a 200
// whose body stops after a few hundred bytes of the promised length: the
// connection is then reset (RST, not a clean close).
func Reset() (*TCP, error) {
	return NewTCP(func(c net.Conn, done <-chan struct{}) {
		serveRequests(c, done, func(w *bufio.Writer, r *http.Request) bool {
			if r.URL.Path == "/robots.txt" {
				notFound(w)
				return true
			}
			part := "<!DOCTYPE html><html lang=\"vi\"><head><title>Trường bị ngắt</title></head><body>" + strings.Repeat("<p>Nội dung bị cắt giữa chừng.</p>", 10)
			fmt.Fprintf(w, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", 100*len(part), part)
			_ = w.Flush()
			if tc, ok := c.(*net.TCPConn); ok {
				_ = tc.SetLinger(0) // Close sends RST
			}
			return false
		})
	})
}
