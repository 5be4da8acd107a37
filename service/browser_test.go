package service

import (
	"bytes"
	"strings"
	"testing"

	"sitewatch/internal/testkit/browsertest"
)

// TestBrowserOverSimulatedWeb loads the status pages of `serve` over the
// simulated web in headless Chromium: one row per unit, the down unit red,
// a unit page linking to a post of the site, and a working report download.
func TestBrowserOverSimulatedWeb(t *testing.T) {
	t.Parallel()
	b := browsertest.New(t) // skips without Chromium, fails under CI=true
	base, svc, _ := startServe(t, 6)
	cfg := svc.config()
	b.Open(base + "/")
	if n := b.Count("#units tbody tr[data-unit]"); n != len(cfg.Units) {
		t.Fatalf("%d unit rows, want %d", n, len(cfg.Units))
	}
	down := cfg.Units[5].ID // startServe makes the last simulated site answer 503
	if got := b.Style(`tr[data-unit="`+down+`"] td`, "background-color"); got != "rgb(253, 226, 228)" {
		t.Errorf("down unit %s background %s, want red", down, got)
	}
	unit := cfg.Units[0]
	b.Open(base + "/unit/" + unit.ID)
	href := browsertest.Eval[string](b, `(() => { const a = [...document.querySelectorAll("a[href]")].find(a => a.href.startsWith(`+"`"+strings.TrimSuffix(unit.URL, "/")+"`"+`) && a.href.length > `+"`"+unit.URL+"`"+`.length + 5); return a ? a.href : "" })()`)
	if href == "" {
		t.Errorf("unit page of %s links to no post of %s", unit.ID, unit.URL)
	}
	b.Open(base + "/")
	data := b.Download(`a[href*="/export"]`)
	if !bytes.HasPrefix(data, []byte("PK")) {
		t.Errorf("report download is not an XLSX (starts %q)", data[:min(len(data), 8)])
	}
}
