package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/notify"
	"sitewatch/store"
)

// blockingSender stands for a slow mail server: each Send waits for
// release, then answers with the next of its errors.
type blockingSender struct {
	release chan struct{}
	mu      sync.Mutex
	errs    []error
	got     []notify.Message
}

func (b *blockingSender) Send(ctx context.Context, m notify.Message) error {
	select {
	case <-b.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.got = append(b.got, m)
	if len(b.errs) == 0 {
		return nil
	}
	err := b.errs[0]
	b.errs = b.errs[1:]
	return err
}

// TestServeNotices: serve's notices of the month before are handed to the
// queue without waiting for the mail server (the crawl lock stays free),
// retried after the configured backoff on the injected clock, and counted
// in /metrics, delivered or given up.
func TestServeNotices(t *testing.T) {
	t.Parallel()
	temp := errors.New("451 thử lại sau")
	for _, tc := range []struct {
		name                 string
		errs                 []error
		sent, failed, latest string
	}{
		{"retried then delivered", []error{temp}, "1", "0", "0"},
		{"given up", []error{temp, temp}, "0", "1", "1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			dir := t.TempDir()
			yml := fmt.Sprintf(`settings:
  database: %s
  notify: {host: 127.0.0.1, tls: none, from: "Văn phòng Sở <vanphong@so.example.gov.vn>", attempts: 2, backoff: 3m}
units:
  - {id: thcs-a, name: "Trường THCS A", kind: truc_thuoc, block: "Khối 2", url: "https://thcsa.example.edu.vn/"}
blocks:
  - {name: "Khối 2", leader: "Lê Văn Cường", emails: ["cuong@thcsa.example.edu.vn"]}
`, filepath.Join(dir, "s.db"))
			cfg, err := config.Parse("sites.yaml", []byte(yml))
			if err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(ctx, cfg.Settings.Database)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			now := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC) // 07:00 on the 2nd, +07
			if err := SyncUnits(ctx, st, cfg, now); err != nil {
				t.Fatal(err)
			}
			sender := &blockingSender{release: make(chan struct{}), errs: tc.errs}
			var waits []time.Duration
			done := make(chan error, 1)
			svc := New(Options{
				Config: cfg, Store: st, Now: func() time.Time { return now }, Logger: slog.New(slog.DiscardHandler),
				NotifySender: sender,
				NotifyWait:   func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil },
				AfterNotice:  func(_ string, err error) { done <- err },
			})
			go svc.notices.Run(ctx)

			svc.SendNotices(ctx) // returns although the mail server has not answered
			if !svc.mu.TryLock() {
				t.Fatal("sending notices holds the crawl lock")
			}
			svc.mu.Unlock()
			close(sender.release)
			if err := <-done; (err != nil) != (tc.failed == "1") {
				t.Fatalf("outcome %v", err)
			}
			if !slices.Equal(waits, []time.Duration{3 * time.Minute}) {
				t.Errorf("waits %v, want one of 3m (settings.notify.backoff)", waits)
			}
			if len(sender.got) != 2 && tc.failed == "1" || len(sender.got) == 0 {
				t.Errorf("%d tries", len(sender.got))
			}
			if m := sender.got[0]; !strings.Contains(m.Subject, "tháng 10/2026") || m.To[0].Address != "cuong@thcsa.example.edu.vn" {
				t.Errorf("notice %q to %v, want October's to the block leader", m.Subject, m.To)
			}
			rec := httptest.NewRecorder()
			svc.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
			body := rec.Body.String()
			for _, want := range []string{
				`sitewatch_notify_sent_total{block="Khối 2"} ` + tc.sent,
				`sitewatch_notify_failures_total{block="Khối 2"} ` + tc.failed,
				`sitewatch_notify_last_failed{block="Khối 2"} ` + tc.latest,
			} {
				if !strings.Contains(body, want+"\n") {
					t.Errorf("/metrics lacks %q", want)
				}
			}
			if has := strings.Contains(body, "sitewatch_notify_last_success_timestamp_seconds{"); has != (tc.sent == "1") {
				t.Errorf("last success exposed: %v", has)
			}
		})
	}
}
