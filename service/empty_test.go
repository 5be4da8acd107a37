package service

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/internal/testkit/emptyweb"
	"sitewatch/store"
)

// TestEmptyKindsShown crawls a site whose posts are a title only, an
// attachment only and a short notice (and one article): each empty post is
// flagged with its kind in the store, and the unit page and the report say
// which kind in Vietnamese; the article is not flagged.
func TestEmptyKindsShown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	w := emptyweb.Start(now)
	t.Cleanup(w.Close)
	dir := t.TempDir()
	yml := fmt.Sprintf("settings:\n  database: %s\n  delay: 0s\n  allow_private_network: true\nunits:\n  - {id: thpt-hoabinh, name: \"Trường THPT Hòa Bình\", kind: truc_thuoc, url: %q}\n",
		filepath.Join(dir, "s.db"), w.URL()+"/")
	cfg, err := config.Parse("sites.yaml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := New(Options{Config: cfg, Store: st, Now: func() time.Time { return now }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := SyncUnits(ctx, st, cfg, now); err != nil {
		t.Fatal(err)
	}
	s.CrawlAll(ctx)

	posts, err := st.Posts(ctx, store.PostFilter{UnitID: "thpt-hoabinh", IncludeGone: true})
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]store.Post{}
	for _, p := range posts {
		byURL[p.URL] = p
	}
	h := s.Handler()
	get := func(target string) string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", target, rec.Code, rec.Body.String())
		}
		return rec.Body.String()
	}
	unitPage := get("/unit/thpt-hoabinh")
	report := get("/export?" + url.Values{"month": {"2026-11"}, "format": {"csv"}, "part": {"posts"}}.Encode())
	for _, wp := range w.Posts {
		p, ok := byURL[w.URL()+wp.Path]
		if !ok {
			t.Errorf("%s not found (found %d posts)", wp.Path, len(posts))
			continue
		}
		got := store.ParseEmpty(p.Flags[store.FlagEmpty])
		if string(got.Kind) != wp.Kind {
			t.Errorf("%s: empty kind %q (flag %q), want %q", wp.Path, got.Kind, p.Flags[store.FlagEmpty], wp.Kind)
		}
		if wp.Text == "" {
			continue
		}
		if !strings.Contains(unitPage, wp.Text) {
			t.Errorf("unit page does not say %q for %s", wp.Text, wp.Path)
		}
		if !strings.Contains(report, wp.Text) {
			t.Errorf("report does not say %q for %s", wp.Text, wp.Path)
		}
	}
}
