package export

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/store"
	"sitewatch/tally"
)

// benchUnits and benchPostsPerUnit size the synthetic quarter of
// BenchmarkWriteXLSX1000: a province of 1,000 units with about the posts a
// quarter holds (23,147 posts in the simulated 1,000-site crawl).
const (
	benchUnits        = 1000
	benchPostsPerUnit = 23
)

// syntheticReport is a quarter of n units with perUnit posts each, spread
// over the quarter's months, every post with a long Vietnamese title.
func syntheticReport(tb testing.TB, n, perUnit int) *Report {
	tb.Helper()
	var y strings.Builder
	y.WriteString("settings:\n  timezone: Asia/Ho_Chi_Minh\nunits:\n")
	kinds := []string{"phong_gddt", "truc_thuoc", "phong_so"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&y, "  - id: unit-%d\n    name: Trường THPT Số %d\n    kind: %s\n    block: Khối %d\n    url: https://unit-%d.example.edu.vn/\n",
			i, i, kinds[i%len(kinds)], i%7, i)
	}
	cfg, err := config.Parse("bench.yaml", []byte(y.String()))
	if err != nil {
		tb.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, cfg.Location)
	q := tally.QuarterOf(now, cfg.Location)
	span := now.Sub(q.From)
	posts := make([]store.Post, 0, n*perUnit)
	for i := 0; i < n; i++ {
		for j := 0; j < perUnit; j++ {
			pub := q.From.Add(span * time.Duration(j) / time.Duration(perUnit))
			url := fmt.Sprintf("https://unit-%d.example.edu.vn/tin-tuc/hoi-nghi-tong-ket-cong-tac-nam-hoc-%d-%d.html", i, j, i)
			posts = append(posts, store.Post{
				UnitID: fmt.Sprintf("unit-%d", i), URL: url,
				Title:     fmt.Sprintf("Hội nghị tổng kết công tác năm học và triển khai nhiệm vụ trọng tâm, số %d", j),
				Published: pub.UTC(), DateSource: "json-ld datePublished", DateRaw: pub.Format(time.RFC3339),
				FoundVia: "feed", FirstSeen: pub.Add(time.Hour).UTC(), Images: j % 5, CaptionedImages: j % 3,
				Status: store.StatusLive, Flags: map[string]string{},
			})
		}
	}
	units := tally.Compute(cfg, posts, nil, q, now)
	return &Report{Config: cfg, Period: q, Units: units, Generated: now, DataAsOf: now.Add(-time.Hour)}
}

// BenchmarkWriteXLSX1000 is WriteXLSX of a quarter with 1,000 units and
// 23,000 posts (export --quarter at a province's size, without the store).
func BenchmarkWriteXLSX1000(b *testing.B) {
	r := syntheticReport(b, benchUnits, benchPostsPerUnit)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := WriteXLSX(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}
