package simweb

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func BenchmarkGenerate1000(b *testing.B) {
	for b.Loop() {
		Generate(Options{Seed: 1}, 1000)
	}
}

// BenchmarkServe renders and serves post, listing and feed pages of every
// style, with 40 KB padding and gzip, as a crawl does.
func BenchmarkServe(b *testing.B) {
	sites := Generate(Options{Seed: 1, PageBytes: 40000}, 6)
	type tgt struct {
		s *Site
		u string
	}
	var targets []tgt
	for _, s := range sites {
		for _, p := range s.Truth()[:10] {
			targets = append(targets, tgt{s, p.URL})
		}
		targets = append(targets, tgt{s, "/"}, tgt{s, "/sitemap.xml"})
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		t := targets[i%len(targets)]
		i++
		req := httptest.NewRequest(http.MethodGet, "http://sim.test"+t.u, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		t.s.Handler().ServeHTTP(rec, req)
	}
}
