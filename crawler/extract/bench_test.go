package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// benchPages are the pages of testdata (golden files and fixtures) with
// their addresses.
func benchPages(b *testing.B) (bodies [][]byte, urls []string) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	more, _ := filepath.Glob(filepath.Join("testdata", "golden", "*.html"))
	site, _ := filepath.Glob(filepath.Join("testdata", "golden", "*", "*.html"))
	for _, f := range append(append(files, more...), site...) {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		u := "http://truong.example/" + strings.TrimSuffix(filepath.Base(f), ".html") + ".html"
		if first, _, ok := bytes.Cut(body, []byte("\n")); ok && bytes.HasPrefix(first, []byte("<!-- url: ")) {
			u = strings.TrimSuffix(strings.TrimPrefix(string(first), "<!-- url: "), " -->")
		}
		bodies, urls = append(bodies, body), append(urls, u)
	}
	if len(bodies) == 0 {
		b.Fatal("no pages in testdata")
	}
	return bodies, urls
}

// BenchmarkFromHTML reads every testdata page as a lone page (parse
// included); compare it with BenchmarkParseFloor, the least any DOM-based
// reader spends on the same pages.
func BenchmarkFromHTML(b *testing.B) {
	bodies, urls := benchPages(b)
	loc := time.FixedZone("+07", 7*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	b.ResetTimer()
	for range b.N {
		for i := range bodies {
			FromHTML(bodies[i], urls[i], Options{Location: loc, Now: now})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(bodies)), "ns/page")
}

// BenchmarkParseFloor parses the same pages into trees and does nothing else.
func BenchmarkParseFloor(b *testing.B) {
	bodies, _ := benchPages(b)
	b.ResetTimer()
	for range b.N {
		for i := range bodies {
			if _, err := html.Parse(bytes.NewReader(bodies[i])); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(bodies)), "ns/page")
}
