package service

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"sitewatch/config"
	"sitewatch/store"
)

// newTestService builds a service over a fresh database holding one unit
// with one post whose title is hostile HTML.
func newTestService(t *testing.T, auth string) *Service {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	yml := fmt.Sprintf("settings:\n  database: %s\n%sunits:\n  - {id: thcs-a, name: \"Trường THCS A\", kind: truc_thuoc, url: \"https://thcsa.edu.vn/\"}\n",
		filepath.Join(dir, "s.db"), auth)
	cfg, err := config.Parse("sites.yaml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	if err := st.SyncUnits(ctx, []store.Unit{{ID: "thcs-a", Name: "Trường THCS A", Kind: "truc_thuoc", URL: "https://thcsa.edu.vn/", Enabled: true}}, now); err != nil {
		t.Fatal(err)
	}
	_, err = st.SaveCrawl(ctx, &store.CrawlResult{
		Crawl: store.Crawl{UnitID: "thcs-a", Started: now, Finished: now, Outcome: store.OutcomeOK, HTTPStatus: 200},
		Posts: []store.Post{{URL: "https://thcsa.edu.vn/tin-tuc/bai-1.html", Title: `<script>alert("x")</script><img src=x onerror=alert(1)> Hội giảng`,
			Published: now.Add(-time.Hour), DateSource: "meta", Images: 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return New(Options{Config: cfg, Store: st, Now: func() time.Time { return now }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

func authSettings(t *testing.T, protectMetrics bool) string {
	t.Helper()
	h, err := bcrypt.GenerateFromPassword([]byte("mật khẩu đúng"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("  auth:\n    users: {vanphong: %q}\n    protect_metrics: %v\n", h, protectMetrics)
}

// TestBasicAuth: with settings.auth.users, the pages and the export need a
// user; /metrics stays open for Prometheus unless protect_metrics; the
// probes are always open.
func TestBasicAuth(t *testing.T) {
	t.Parallel()
	type req struct {
		path       string
		user, pass string
		want       int
	}
	open, good, bad, unknown := [2]string{}, [2]string{"vanphong", "mật khẩu đúng"}, [2]string{"vanphong", "sai"}, [2]string{"ai-do", "mật khẩu đúng"}
	tests := []struct {
		name string
		auth string
		reqs []req
	}{
		{"no auth configured", "", []req{
			{"/", "", "", 200}, {"/unit/thcs-a", "", "", 200}, {"/export?format=csv&part=summary", "", "", 200}, {"/metrics", "", "", 200},
		}},
		{"pages protected", authSettings(t, false), []req{
			{"/", open[0], open[1], 401}, {"/", bad[0], bad[1], 401}, {"/", unknown[0], unknown[1], 401}, {"/", good[0], good[1], 200},
			{"/unit/thcs-a", open[0], open[1], 401}, {"/unit/thcs-a", good[0], good[1], 200},
			{"/export?format=csv&part=summary", open[0], open[1], 401}, {"/export?format=csv&part=summary", good[0], good[1], 200},
			{"/metrics", open[0], open[1], 200}, {"/healthz", open[0], open[1], 200},
		}},
		{"metrics protected too", authSettings(t, true), []req{
			{"/metrics", open[0], open[1], 401}, {"/metrics", bad[0], bad[1], 401}, {"/metrics", good[0], good[1], 200},
			{"/healthz", open[0], open[1], 200}, {"/", open[0], open[1], 401},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newTestService(t, tc.auth).Handler()
			for _, r := range tc.reqs {
				rq := httptest.NewRequest(http.MethodGet, r.path, nil)
				if r.user != "" {
					rq.SetBasicAuth(r.user, r.pass)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, rq)
				if rec.Code != r.want {
					t.Errorf("GET %s as %q: %d, want %d", r.path, r.user, rec.Code, r.want)
				}
				if rec.Code == http.StatusUnauthorized && !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Basic ") {
					t.Errorf("GET %s: 401 without a Basic challenge", r.path)
				}
			}
		})
	}
}

// TestWebsiteTextEscaped: text taken from a unit's website (a post title
// carrying HTML) is shown as text on the pages served by the service. The
// web package tests every page and the export package the formula cells
// (web/web_test.go, export/csv_test.go, export/xlsx_test.go); this checks
// the service serves those pages.
func TestWebsiteTextEscaped(t *testing.T) {
	t.Parallel()
	h := newTestService(t, "").Handler()
	for _, path := range []string{"/", "/unit/thcs-a"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		body := rec.Body.String()
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d", path, rec.Code)
		}
		if strings.Contains(body, `<script>alert`) || strings.Contains(body, `<img src=x onerror`) {
			t.Errorf("GET %s: website text reached the page unescaped", path)
		}
		if path == "/unit/thcs-a" && !strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("GET %s: the post title is not shown as text", path)
		}
	}
}
