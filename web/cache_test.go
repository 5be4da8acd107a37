package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"sitewatch/store"
)

// cspNonce is the nonce of a response's Content-Security-Policy.
func cspNonce(t *testing.T, h http.Header) string {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	_, rest, ok := strings.Cut(csp, "'nonce-")
	n, _, ok2 := strings.Cut(rest, "'")
	if !ok || !ok2 || n == "" {
		t.Fatalf("no nonce in %q", csp)
	}
	return n
}

// TestIndexCachedPerSnapshot checks the overview kept per snapshot: each
// view carries its own nonce and time, a claim added behind the snapshot's
// back shows at once, and a new snapshot is rendered anew.
func TestIndexCachedPerSnapshot(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := f.srv.Handler()
	first, second := get(t, h, "/"), get(t, h, "/")
	n1, n2 := cspNonce(t, first.Header()), cspNonce(t, second.Header())
	if n1 == n2 {
		t.Fatal("two views share a nonce")
	}
	for _, v := range []struct {
		body  []byte
		nonce string
	}{{first.Body.Bytes(), n1}, {second.Body.Bytes(), n2}} {
		if !bytes.Contains(v.body, []byte(`nonce="`+strings.ReplaceAll(v.nonce, "+", "&#43;")+`"`)) && !bytes.Contains(v.body, []byte(`nonce="`+v.nonce+`"`)) {
			t.Errorf("page lacks its response's nonce %s", v.nonce)
		}
		if bytes.Contains(v.body, f.srv.cache.nonceMark) || bytes.Contains(v.body, f.srv.cache.nowMark) {
			t.Error("a placeholder reached the page")
		}
		if !bytes.Contains(v.body, []byte("10:00 25/11/2026")) {
			t.Error("page lacks the current time")
		}
	}
	if strings.ReplaceAll(second.Body.String(), n2, n1) != first.Body.String() {
		t.Error("the second view differs from the first beyond its nonce")
	}
	if cl := second.Header().Get("Content-Length"); cl == "" {
		t.Error("kept page sent without Content-Length")
	}
	// The clock moves: the time shown moves with it, the rows do not.
	f.now = f.now.Add(3 * time.Minute)
	if !strings.Contains(get(t, h, "/").Body.String(), "10:03 25/11/2026") {
		t.Error("kept page shows a stale time")
	}
	// A claim recorded by another process (the command line) shows at once.
	if parse(t, get(t, h, "/")).Find("a[href='/unit/thpt-dat']").Length() == 0 {
		t.Fatal("no link to thpt-dat")
	}
	before := strings.Count(get(t, h, "/").Body.String(), "thpt-dat")
	if _, err := f.store.AddClaim(context.Background(), store.Claim{UnitID: "thpt-dat", URL: "https://thpt-dat.example.edu.vn/tin/moi", SubmittedBy: "cô Lan", Submitted: f.now}); err != nil {
		t.Fatal(err)
	}
	if after := strings.Count(get(t, h, "/").Body.String(), "thpt-dat"); after <= before {
		t.Errorf("pending claim not shown: %d mentions of the unit before, %d after", before, after)
	}
	// A crawl saved after the snapshot shows only with the next snapshot.
	posts := func() string {
		return strings.TrimSpace(parse(t, get(t, h, "/")).Find("tr[data-unit='thpt-moi'] td[data-label='Tin/định mức']").Text())
	}
	if got := posts(); got != "0/1" {
		t.Fatalf("thpt-moi posts = %q, want 0/1", got)
	}
	c := store.Crawl{UnitID: "thpt-moi", Started: f.now, Finished: f.now.Add(time.Minute), Outcome: store.OutcomeOK, Requests: 3, HTTPStatus: 200, PostsFound: 1}
	p := store.Post{UnitID: "thpt-moi", URL: "https://thpt-moi.example.edu.vn/tin/a", Title: "Tin mới", Published: f.now.Add(-time.Hour),
		DateSource: "meta", Flags: map[string]string{}}
	if _, err := f.store.SaveCrawl(context.Background(), &store.CrawlResult{Crawl: c, Posts: []store.Post{p}}); err != nil {
		t.Fatal(err)
	}
	if got := posts(); got != "0/1" {
		t.Errorf("before the new snapshot thpt-moi posts = %q, want the snapshot's 0/1", got)
	}
	if err := f.ev.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := posts(); got != "1/1" {
		t.Errorf("after the new snapshot thpt-moi posts = %q, want 1/1", got)
	}
}
