package service

import (
	"testing"
	"time"
)

// TestServerTimeouts: the HTTP server of serve sets every timeout (a
// client that stalls cannot hold a connection) and caps header size.
func TestServerTimeouts(t *testing.T) {
	t.Parallel()
	srv := newTestService(t, "").newServer()
	for name, d := range map[string]time.Duration{
		"ReadHeaderTimeout": srv.ReadHeaderTimeout, "ReadTimeout": srv.ReadTimeout,
		"WriteTimeout": srv.WriteTimeout, "IdleTimeout": srv.IdleTimeout,
	} {
		if d <= 0 || d > 5*time.Minute {
			t.Errorf("%s = %s, want set and at most 5m", name, d)
		}
	}
	if srv.ReadHeaderTimeout > 30*time.Second {
		t.Errorf("ReadHeaderTimeout %s: slow-header clients held too long", srv.ReadHeaderTimeout)
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes = %d", srv.MaxHeaderBytes)
	}
	if srv.Handler == nil || srv.ErrorLog == nil {
		t.Error("server without handler or error log")
	}
}
