package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSaveCrawlSeenOnly: the rows SaveCrawl writes when it moves only
// last_seen on posts the crawl left as they were are the rows the full
// update writes, whatever changed between two crawls.
func TestSaveCrawlSeenOnly(t *testing.T) {
	at := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	base := Post{UnitID: "u1", URL: "http://u1.test/bai-1.html", Title: "Hội nghị", Published: at.Add(-48 * time.Hour), DateSource: "meta", DateRaw: "23/11/2026",
		FoundVia: "listing", Images: 2, CaptionedImages: 1, ContentHash: "abc", BodyChars: 900, Status: StatusLive, Flags: map[string]string{}}
	tests := []struct {
		name   string
		first  func(*Post)
		second func(*Post)
		gone   bool // the post is marked gone between the crawls
	}{
		{"identical", nil, nil, false},
		{"kept from the store (first seen set)", nil, func(p *Post) { p.FirstSeen = at }, false},
		{"title changed", nil, func(p *Post) { p.Title = "Hội nghị tổng kết" }, false},
		{"redated", nil, func(p *Post) { p.Published = at.Add(-96 * time.Hour) }, false},
		{"same day, other time", nil, func(p *Post) { p.Published = p.Published.Add(time.Hour) }, false},
		{"date raw changed", nil, func(p *Post) { p.DateRaw = "23-11-2026" }, false},
		{"no date this time", nil, func(p *Post) { p.Published = time.Time{} }, false},
		{"images changed", nil, func(p *Post) { p.Images = 3 }, false},
		{"page flag set", nil, func(p *Post) { p.Flags = map[string]string{FlagEmpty: "x"} }, false},
		{"page flag gone", func(p *Post) { p.Flags = map[string]string{FlagEmpty: "x"} }, nil, false},
		{"checked later", nil, func(p *Post) { p.Checked = at.Add(2 * time.Hour) }, false},
		{"checked earlier", func(p *Post) { p.Checked = at.Add(time.Hour) }, func(p *Post) { p.Checked = at.Add(-time.Hour) }, false},
		{"attribution changed", nil, func(p *Post) { p.ContributedBy = "u2" }, false},
		{"found again after gone", nil, nil, true},
	}
	dump := func(st *Store) string {
		rows, err := st.db.Query(`SELECT unit_id, url, title, published, date_source, date_raw, found_via, first_seen, last_seen, images,
			captioned_images, alt_images, content_hash, body_chars, status, gone_since, flags, checked, contributed_by, attribution_text, attribution_found FROM posts ORDER BY url`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			v := make([]any, 21)
			ptrs := make([]any, len(v))
			for i := range v {
				ptrs[i] = &v[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, v...)
		}
		return b.String()
	}
	run := func(t *testing.T, fast bool, first, second func(*Post), gone bool) string {
		seenOnly = fast
		defer func() { seenOnly = true }()
		ctx := context.Background()
		st := openTest(t, filepath.Join(t.TempDir(), "s.db"))
		if err := st.SyncUnits(ctx, []Unit{{ID: "u1", Name: "Trường", URL: "http://u1.test/", Enabled: true}}, at); err != nil {
			t.Fatal(err)
		}
		save := func(when time.Time, edit func(*Post), goneURLs []string) {
			p := base
			p.Flags = map[string]string{}
			for k, v := range base.Flags {
				p.Flags[k] = v
			}
			if edit != nil {
				edit(&p)
			}
			other := base
			other.URL, other.Flags = "http://u1.test/bai-2.html", map[string]string{}
			r := &CrawlResult{Crawl: Crawl{UnitID: "u1", Started: when, Finished: when.Add(time.Second), Outcome: OutcomeOK}, Posts: []Post{p, other}, Gone: goneURLs}
			if goneURLs != nil {
				r.Posts = r.Posts[1:]
			}
			if _, err := st.SaveCrawl(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		save(at, first, nil)
		if gone {
			save(at.Add(time.Hour), nil, []string{base.URL})
		}
		save(at.Add(2*time.Hour), second, nil)
		return dump(st)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := run(t, false, tc.first, tc.second, tc.gone)
			if got := run(t, true, tc.first, tc.second, tc.gone); got != want {
				t.Errorf("rows after moving only last_seen:\n%s\nafter the full update:\n%s", got, want)
			}
		})
	}
}
