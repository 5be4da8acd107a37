package bench

import (
	"net/url"
	"time"

	"sitewatch/crawler"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
)

// Accuracy compares what a crawl stored with the simulated truth, over the
// posts published inside the lookback window.
type Accuracy struct {
	// Sites are the sites judged: healthy and slow ones (sites down or
	// answering 500 on purpose are reported apart).
	Sites int `json:"sites"`
	// Truth is the number of true posts in the window on those sites.
	Truth int `json:"truth"`
	// Found counts true posts the crawl stored (under any of their URLs).
	Found int `json:"found"`
	// Extra counts stored posts dated in the window that match no true post
	// of the window (false positives).
	Extra int `json:"extra"`
	// Duplicates counts true posts stored more than once.
	Duplicates int `json:"duplicates"`
	// DateExact, DateDay and DateMonth count found posts whose stored date
	// equals the truth at its precision, on its day, in its month (+07).
	DateExact int `json:"date_exact"`
	DateDay   int `json:"date_day"`
	DateMonth int `json:"date_month"`
	// Images counts found posts whose image and captioned-image counts equal
	// the truth; Alt those whose alt-only count does too.
	Images int `json:"images"`
	Alt    int `json:"alt"`
	// DownSites are sites down on purpose; DownFailed those whose latest
	// crawl failed (the right answer).
	DownSites  int `json:"down_sites"`
	DownFailed int `json:"down_failed"`
	// ErrorSites answer ErrorShare of their pages with 500; ErrorPartial
	// those whose latest crawl is partial or failed (the right answer), and
	// ErrorFound/ErrorTruth their recall.
	ErrorSites   int `json:"error_sites"`
	ErrorPartial int `json:"error_partial"`
	ErrorTruth   int `json:"error_truth"`
	ErrorFound   int `json:"error_found"`
}

// pathKey is a URL's canonical path and query (host dropped: the crawl and
// the truth name sites differently).
func pathKey(raw string) string {
	u, err := url.Parse(crawler.Canonical(raw))
	if err != nil {
		return raw
	}
	k := u.EscapedPath()
	if u.RawQuery != "" {
		k += "?" + u.RawQuery
	}
	return k
}

// Judge scores posts (every unit's stored posts) against the truth of
// sites, whose faults are given by faults (FaultPlan or nil), with the
// lookback window starting at since.
func Judge(sites []*simweb.Site, faults map[int]simweb.Fault, posts []store.Post, latest map[string]store.Crawl, since time.Time) Accuracy {
	byUnit := map[string][]store.Post{}
	for _, p := range posts {
		byUnit[p.UnitID] = append(byUnit[p.UnitID], p)
	}
	var a Accuracy
	for _, s := range sites {
		f := faults[s.Index]
		if f.Down {
			a.DownSites++
			if latest[s.Name].Outcome == store.OutcomeFailed {
				a.DownFailed++
			}
			continue
		}
		truth := map[string]int{} // path key -> index in tps
		var tps []simweb.TruthPost
		for _, tp := range s.Truth() {
			if tp.Published.Before(since) {
				continue
			}
			i := len(tps)
			tps = append(tps, tp)
			truth[pathKey("http://x"+tp.URL)] = i
			for _, al := range tp.Aliases {
				if _, taken := truth[pathKey("http://x"+al)]; !taken {
					truth[pathKey("http://x"+al)] = i
				}
			}
		}
		matched := make([]int, len(tps))
		if f.ErrorShare > 0 {
			a.ErrorSites++
			if o := latest[s.Name].Outcome; o == store.OutcomePartial || o == store.OutcomeFailed {
				a.ErrorPartial++
			}
			a.ErrorTruth += len(tps)
			for _, p := range byUnit[s.Name] {
				if i, ok := truth[pathKey(p.URL)]; ok && matched[i] == 0 {
					matched[i]++
					a.ErrorFound++
				}
			}
			continue
		}
		a.Sites++
		a.Truth += len(tps)
		for _, p := range byUnit[s.Name] {
			i, ok := truth[pathKey(p.URL)]
			if !ok {
				if !p.Published.Before(since) {
					a.Extra++
				}
				continue
			}
			matched[i]++
			if matched[i] > 1 {
				a.Duplicates++
				continue
			}
			a.Found++
			tp := tps[i]
			got, want := p.Published.In(hcm), tp.Published.In(hcm)
			day := got.Format("2006-01-02") == want.Format("2006-01-02")
			if day {
				a.DateDay++
			}
			if got.Format("2006-01") == want.Format("2006-01") {
				a.DateMonth++
			}
			if (tp.DatePrecision == "day" && day) || got.Truncate(time.Minute).Equal(want.Truncate(time.Minute)) {
				a.DateExact++
			}
			if p.Images == tp.Images && p.CaptionedImages == tp.CaptionedImages {
				a.Images++
			}
			if p.AltImages == tp.AltImages {
				a.Alt++
			}
		}
	}
	return a
}
