// Package datecmp runs go-htmldate on simulated post pages so that bench can
// compare it with extract.FromHTML. It lives apart from bench so that the
// binary that crawls (cmd/swbench) links go-htmldate only if the crawler
// itself does: its date parser allocates about 60 MB of language tables at
// init, which would otherwise inflate the crawl's peak RSS.
package datecmp

import (
	"bytes"
	"time"

	dps "github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-htmldate"

	"sitewatch/internal/testkit/bench"
)

var hcm = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("+07", 7*3600)
	}
	return loc
}()

// Options are the go-htmldate options used for p: the publication date,
// time extraction on, bounds at the site's present, relative dates counted
// from it, naive times in Asia/Ho_Chi_Minh.
func Options(p bench.PostPage, fast bool) htmldate.Options {
	y, m, d := p.Now.In(hcm).Date()
	return htmldate.Options{
		ExtractTime: true, UseOriginalDate: true, URL: p.URL, SkipExtensiveSearch: fast,
		MaxDate:          time.Date(y, m, d, 23, 59, 59, 0, hcm),
		DateParserConfig: &dps.Configuration{CurrentTime: p.Now, DefaultTimezone: hcm},
	}
}

// Date runs go-htmldate on p (extensive mode unless fast).
func Date(p bench.PostPage, fast bool) bench.Dated {
	r, err := htmldate.FromReader(bytes.NewReader(p.Body), Options(p, fast))
	if err != nil || r.IsZero() {
		return bench.Dated{}
	}
	t := r.DateTime
	if !r.HasTimezone {
		// Wall-clock fields as shown on the page: read them in +07.
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, hcm)
	}
	return bench.Dated{Time: t, HasTime: r.HasTime}
}

// Extractors are go-htmldate in extensive and fast mode.
func Extractors() []bench.Extractor {
	mk := func(name string, fast bool) bench.Extractor {
		return bench.Extractor{Name: name, Run: func(p bench.PostPage, s *bench.ExtractScore) {
			d := Date(p, fast)
			if s != nil {
				s.Judge(p, d)
			}
		}}
	}
	return []bench.Extractor{mk(bench.ExtractorHTMLDate, false), mk(bench.ExtractorHTMLDateFast, true)}
}

// Compare scores extract.FromHTML and go-htmldate (both modes) on pages.
func Compare(pages []bench.PostPage, runs int) []bench.ExtractScore {
	return bench.CompareExtract(pages, runs, append([]bench.Extractor{bench.CrawlerExtractor}, Extractors()...)...)
}
