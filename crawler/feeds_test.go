package crawler

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"sitewatch/store"
)

const keptFeedRSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin tức</title>
<item><title>Lễ khai giảng</title><link>https://truong.example/tin/le-khai-giang.html</link><pubDate>Thu, 05 Nov 2026 08:00:00 +0700</pubDate></item>
<item><title>Hội thi văn nghệ</title><link>https://truong.example/tin/hoi-thi.html</link><pubDate>Mon, 02 Nov 2026 09:30:00 +0700</pubDate></item>
</channel></rss>`

// TestFeedAnswered304IsNotParsedAgain: what a feed listed is kept beside
// its validator; when it answers 304 the next crawl takes that, unless the
// stored body it came from is not the one kept now.
func TestFeedAnswered304IsNotParsedAgain(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(keptFeedRSS))
	}))
	t.Cleanup(srv.Close)
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	c := New(Options{AllowPrivateNetwork: true, Location: loc, Now: func() time.Time { return now }})
	feed := srv.URL + "/feed"
	session := func(vals map[string]store.Validator) *session {
		return &session{c: c, ctx: context.Background(), private: true, t: Target{Validators: vals},
			res: &store.CrawlResult{Crawl: store.Crawl{Codes: map[int]int{}}}}
	}
	byURL := func(vs []store.Validator) map[string]store.Validator {
		m := map[string]store.Validator{}
		for _, v := range vs {
			m[v.URL] = v
		}
		return m
	}

	s1 := session(nil)
	title, items, r, err := s1.readFeed(feed)
	if err != nil || r.NotModified || title != "Tin tức" || len(items) != 2 {
		t.Fatalf("first read: %q %d items, 304 %v, %v", title, len(items), r != nil && r.NotModified, err)
	}
	vals := byURL(s1.res.Validators)
	kv, ok := vals[feedItemsKey(feed)]
	if !ok {
		t.Fatalf("no kept items among validators %v", s1.res.Validators)
	}

	// What is kept is what the next crawl reads: mark it to see it used.
	var kf keptFeed
	if err := json.Unmarshal(kv.Payload, &kf); err != nil {
		t.Fatal(err)
	}
	kf.Title = "kept"
	kv.Payload, _ = json.Marshal(kf)
	vals[feedItemsKey(feed)] = kv
	s2 := session(vals)
	title, items, r, err = s2.readFeed(feed)
	if err != nil || !r.NotModified || title != "kept" || len(items) != 2 || !items[0].Published.Equal(time.Date(2026, 11, 5, 8, 0, 0, 0, loc)) {
		t.Fatalf("304 read: %q %v, 304 %v, %v", title, items, r.NotModified, err)
	}
	if _, ok := byURL(s2.res.Validators)[feedItemsKey(feed)]; !ok {
		t.Error("the kept items were not kept for the crawl after")
	}

	// Kept from another body: parsed again.
	fv := vals[feed]
	fv.Payload = gzipBytes([]byte(keptFeedRSS + " "))
	vals[feed] = fv
	title, items, r, err = session(vals).readFeed(feed)
	if err != nil || !r.NotModified || title != "Tin tức" || len(items) != 2 {
		t.Fatalf("304 read of another body: %q %d items, 304 %v, %v", title, len(items), r.NotModified, err)
	}
}
