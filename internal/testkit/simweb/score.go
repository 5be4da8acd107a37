package simweb

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
)

// Found is one post a crawler reports, the input of Score.
type Found struct {
	// URL is absolute or root-relative; scheme, host, fragment, a trailing
	// slash, tracking and session parameters and the order of the query do
	// not matter.
	URL string
	// Published is the publication time; zero when the crawler found none.
	Published       time.Time
	Images          int
	CaptionedImages int
}

// Window is the scoring window: the calendar days From..To, both
// included, in Asia/Ho_Chi_Minh.
type Window struct {
	From, To time.Time
}

func (w Window) day(t time.Time) string { return t.In(zone()).Format("2006-01-02") }

func (w Window) contains(day string) bool {
	return day != "" && day >= w.day(w.From) && day <= w.day(w.To)
}

// months lists the months of the window, "2026-09" …
func (w Window) months() []string {
	var out []string
	f, t := w.From.In(zone()), w.To.In(zone())
	for m := time.Date(f.Year(), f.Month(), 1, 0, 0, 0, 0, zone()); !m.After(t); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

// SiteScore is how a crawler's report of one site compares with its
// truth, by the definitions of the project's corpus scorer: a truth post
// counts when its day is in the window; a report counts when it matches an
// in-window truth post or when its own day is in the window (or missing).
// Reports of old posts carrying an old date are ignored, so a crawler may
// stop at the window's start.
type SiteScore struct {
	Site   string  `json:"site"`
	Layout *Layout `json:"layout,omitempty"`
	// Truth counts truth posts in the window.
	Truth int `json:"truth_in_window"`
	// Found counts in-window truth posts reported (once each).
	Found int `json:"found"`
	// Reported counts reports inside the scope (found, duplicates, false).
	Reported int `json:"reported_in_window"`
	// False = FalseUnknown + FalseDup + FalseOld.
	False        int `json:"false_posts"`
	FalseUnknown int `json:"false_unknown_url"`
	FalseDup     int `json:"false_duplicate"`
	FalseOld     int `json:"false_old_post_dated_in_window"`
	// FalsePages counts FalseUnknown reports that are known non-post pages
	// of the site (menu pages, documents, albums, listings).
	FalsePages int `json:"false_known_pages"`
	DateOK     int `json:"date_correct"`
	ImgOK      int `json:"images_correct"`
	CapOK      int `json:"captioned_correct"`
	NoDate     int `json:"reports_without_date"`
	// MonthTruth and MonthFound count posts per month of the window; a
	// cell is exact when they agree (MonthFound counts every report dated
	// in the window, false ones too, as a unit-month count would).
	MonthTruth map[string]int `json:"month_truth"`
	MonthFound map[string]int `json:"month_found"`
	Cells      int            `json:"cells"`
	CellsExact int            `json:"cells_exact"`
	Missed     []string       `json:"missed,omitempty"`
	FalseList  []string       `json:"false_list,omitempty"`
	DateErrs   []string       `json:"date_errors,omitempty"`
	// Requests is how many requests the site answered during the crawl
	// (RunDiscovery fills it; Score leaves it zero).
	Requests int64 `json:"requests,omitempty"`
}

// Recall is Found/Truth (1 when the window holds no post).
func (s SiteScore) Recall() float64 { return ratio(s.Found, s.Truth) }

// Precision is the share of reports in scope that are right (1 when none).
func (s SiteScore) Precision() float64 { return ratio(s.Reported-s.False, s.Reported) }

// DateAccuracy is the share of found posts with the right day (1 when none).
func (s SiteScore) DateAccuracy() float64 { return ratio(s.DateOK, s.Found) }

// CellAccuracy is the share of exact unit-month cells.
func (s SiteScore) CellAccuracy() float64 { return ratio(s.CellsExact, s.Cells) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// add sums o into s (for totals over sites).
func (s *SiteScore) add(o SiteScore) {
	s.Truth += o.Truth
	s.Found += o.Found
	s.Reported += o.Reported
	s.False += o.False
	s.FalseUnknown += o.FalseUnknown
	s.FalseDup += o.FalseDup
	s.FalseOld += o.FalseOld
	s.FalsePages += o.FalsePages
	s.DateOK += o.DateOK
	s.ImgOK += o.ImgOK
	s.CapOK += o.CapOK
	s.NoDate += o.NoDate
	s.Cells += o.Cells
	s.CellsExact += o.CellsExact
	s.Requests += o.Requests
}

var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true, "_ga": true, "_gl": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "zarsrc": true, "phpsessid": true, "jsessionid": true,
	"aspsessionid": true, "ref": true, "share": true,
}

// scoreKey is the identity of a URL for scoring: path without trailing
// slashes and without an ASP.NET cookieless session segment (/(S(…))/),
// the query sorted, without tracking parameters and the site's session
// parameters.
func scoreKey(raw string, session []string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	p := stripCookieless(u.Path)
	if p == "" {
		p = "/"
	}
	for len(p) > 1 && strings.HasSuffix(p, "/") {
		p = p[:len(p)-1]
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		q = url.Values{}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || trackingParams[lk] || slices.ContainsFunc(session, func(s string) bool { return strings.EqualFold(s, k) }) {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(p)
	first := true
	for _, k := range keys {
		vs := slices.Clone(q[k])
		sort.Strings(vs)
		for _, v := range vs {
			if first {
				b.WriteByte('?')
				first = false
			} else {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
		}
	}
	return b.String()
}

// Score compares the posts a crawler reported for one site with the
// site's truth over window w. Aliases and translations of a truth post
// match it; the first report of a post counts, later ones are duplicates.
func Score(st SiteTruth, found []Found, w Window) SiteScore {
	r := SiteScore{Site: st.Name, Layout: st.Layout, MonthTruth: map[string]int{}, MonthFound: map[string]int{}}
	index := map[string]int{}
	for i, t := range st.Posts {
		for _, u := range append(append([]string{t.URL}, t.Aliases...), t.Translations...) {
			if k := scoreKey(u, st.SessionParams); index[k] == 0 {
				index[k] = i + 1
			}
		}
		if d := w.day(t.Published); w.contains(d) {
			r.Truth++
			r.MonthTruth[d[:7]]++
		}
	}
	pages := map[string]bool{}
	for _, p := range st.Pages {
		for _, u := range append([]string{p.URL}, p.Aliases...) {
			pages[scoreKey(u, st.SessionParams)] = true
		}
	}
	matched := make([]bool, len(st.Posts))
	for _, f := range found {
		k := scoreKey(f.URL, st.SessionParams)
		idx := index[k] - 1
		day := ""
		if !f.Published.IsZero() {
			day = w.day(f.Published)
		}
		dateIn := w.contains(day)
		if day == "" {
			r.NoDate++
		} else if dateIn {
			r.MonthFound[day[:7]]++
		}
		switch {
		case idx >= 0 && !matched[idx]:
			matched[idx] = true
			t := st.Posts[idx]
			td := w.day(t.Published)
			if w.contains(td) {
				r.Found++
				r.Reported++
				if day == td {
					r.DateOK++
				} else {
					r.DateErrs = append(r.DateErrs, fmt.Sprintf("%s: reported %q, truth %s", t.URL, day, t.PublishedText))
				}
				if f.Images == t.Images {
					r.ImgOK++
				}
				if f.CaptionedImages == t.CaptionedImages {
					r.CapOK++
				}
			} else if dateIn || day == "" {
				r.Reported++
				r.False++
				r.FalseOld++
				r.FalseList = append(r.FalseList, fmt.Sprintf("old post (%s) reported as %q: %s", t.PublishedText, day, f.URL))
			}
		case idx >= 0:
			if dateIn || day == "" || w.contains(w.day(st.Posts[idx].Published)) {
				r.Reported++
				r.False++
				r.FalseDup++
				r.FalseList = append(r.FalseList, "duplicate: "+f.URL)
			}
		default:
			if dateIn || day == "" {
				r.Reported++
				r.False++
				r.FalseUnknown++
				what := "not a post"
				if pages[k] {
					r.FalsePages++
					what = "a known non-post page"
				}
				r.FalseList = append(r.FalseList, fmt.Sprintf("%s (%s): %s", what, day, f.URL))
			}
		}
	}
	for i, t := range st.Posts {
		if w.contains(w.day(t.Published)) && !matched[i] {
			r.Missed = append(r.Missed, t.PublishedText+" "+t.URL)
		}
	}
	for _, m := range w.months() {
		r.Cells++
		if r.MonthFound[m] == r.MonthTruth[m] {
			r.CellsExact++
		}
	}
	return r
}
