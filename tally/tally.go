// Package tally computes the numbers sitewatch reports: posts, images and
// captioned images per unit and per month, and whether each month met its
// quota. It is the one code path behind `sitewatch posts` and package
// evaluation, whose snapshot `check`, /metrics, the status pages and the
// quarterly export render, so that all of them say the same thing for the
// same period.
package tally

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"sitewatch/config"
	"sitewatch/store"
)

// Month states.
const (
	StateMet     = "met"
	StatePending = "pending"
	StateMissed  = "missed"
	StateExempt  = "exempt"
	StateNoQuota = "no_quota"
	// StateUpcoming is a month that has not begun yet (in a quarter report).
	StateUpcoming = "upcoming"
)

// Period is a half-open interval [From, To) of whole months in a time zone.
type Period struct {
	From, To time.Time
	Loc      *time.Location
	// Label is e.g. "2026Q4", "2026-11" or "2026-10-01..2026-11-30".
	Label string
}

// MonthOf returns the period of the month containing t (in loc).
func MonthOf(t time.Time, loc *time.Location) Period {
	t = t.In(loc)
	from := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
	return Period{From: from, To: from.AddDate(0, 1, 0), Loc: loc, Label: from.Format("2006-01")}
}

// QuarterOf returns the quarter containing t.
func QuarterOf(t time.Time, loc *time.Location) Period {
	t = t.In(loc)
	q := (int(t.Month()) - 1) / 3
	from := time.Date(t.Year(), time.Month(q*3+1), 1, 0, 0, 0, 0, loc)
	return Period{From: from, To: from.AddDate(0, 3, 0), Loc: loc, Label: fmt.Sprintf("%dQ%d", t.Year(), q+1)}
}

// ParseMonth parses "2026-11".
func ParseMonth(s string, loc *time.Location) (Period, error) {
	t, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil {
		return Period{}, fmt.Errorf("month %q: write it as YYYY-MM, e.g. 2026-11", s)
	}
	return MonthOf(t, loc), nil
}

// ParseQuarter parses "2026Q4" (also "2026-Q4", "Q4-2026").
func ParseQuarter(s string, loc *time.Location) (Period, error) {
	u := strings.ToUpper(strings.ReplaceAll(s, "-", ""))
	var y, q int
	if i := strings.Index(u, "Q"); i == 4 && len(u) == 6 {
		y, _ = strconv.Atoi(u[:4])
		q, _ = strconv.Atoi(u[5:])
	} else if i == 0 && len(u) == 6 {
		q, _ = strconv.Atoi(u[1:2])
		y, _ = strconv.Atoi(u[2:])
	}
	if y < 2000 || q < 1 || q > 4 {
		return Period{}, fmt.Errorf("quarter %q: write it as YYYYQn, e.g. 2026Q4", s)
	}
	return QuarterOf(time.Date(y, time.Month((q-1)*3+1), 1, 0, 0, 0, 0, loc), loc), nil
}

// ParseRange parses --from/--to dates (YYYY-MM-DD, inclusive) into a period.
func ParseRange(from, to string, loc *time.Location) (Period, error) {
	f, err := time.ParseInLocation("2006-01-02", from, loc)
	if err != nil {
		return Period{}, fmt.Errorf("--from %q: write it as YYYY-MM-DD", from)
	}
	t, err := time.ParseInLocation("2006-01-02", to, loc)
	if err != nil {
		return Period{}, fmt.Errorf("--to %q: write it as YYYY-MM-DD", to)
	}
	if t.Before(f) {
		return Period{}, fmt.Errorf("--to %s is before --from %s", to, from)
	}
	return Period{From: f, To: t.AddDate(0, 0, 1), Loc: loc, Label: from + ".." + to}, nil
}

// Months lists the months ("2006-01") the period touches.
func (p Period) Months() []string {
	var out []string
	for m := time.Date(p.From.Year(), p.From.Month(), 1, 0, 0, 0, 0, p.Loc); m.Before(p.To); m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

// Contains reports whether t falls in the period.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.From) && t.Before(p.To) }

// Counted reports whether a post counts toward the numbers, and why not.
// Gone posts still count (they were published); posts the office excluded,
// duplicates of an earlier post and backdated posts in closed months do not.
func Counted(p store.Post) (bool, string) {
	if p.Published.IsZero() {
		return false, "không xác định được ngày đăng"
	}
	if v, ok := p.Flags[store.FlagExcluded]; ok {
		return false, "văn phòng loại: " + v
	}
	if _, ok := p.Flags[store.FlagIncluded]; ok {
		return true, ""
	}
	if v, ok := p.Flags[store.FlagCopied]; ok {
		return false, "trùng nội dung: " + v
	}
	return true, ""
}

// countedByPolicy applies the deployment's settings to flagged posts:
// empty posts count unless the kind says otherwise; backdated posts in a
// month already closed when they appeared count unless exclude_backdated.
func countedByPolicy(cfg *config.Config, k *config.Kind, p store.Post) bool {
	if _, ok := p.Flags[store.FlagIncluded]; ok {
		return true
	}
	if _, empty := p.Flags[store.FlagEmpty]; empty && k != nil && k.CountEmpty != nil && !*k.CountEmpty {
		return false
	}
	if _, back := p.Flags[store.FlagBackdated]; back && cfg.Settings.ExcludeBackdated && !p.FirstSeen.IsZero() {
		end := MonthOf(p.Published, cfg.Location).To
		if !p.FirstSeen.Before(end) {
			return false
		}
	}
	return true
}

// Month is the tally of one unit in one month.
type Month struct {
	Month           string
	Posts           int
	Images          int
	CaptionedImages int
	Quota           int
	State           string
	// Needed is how many posts are still needed (pending) or were missing (missed).
	Needed int
	// Deadline is the last day of the month, for pending months.
	Deadline time.Time
}

// Unit is the tally of one unit over a period.
type Unit struct {
	Unit            *config.Unit
	Kind            *config.Kind
	Months          []Month
	Posts           []store.Post // counted posts in the period, oldest first
	Total           int
	Images          int
	CaptionedImages int
	AltImages       int
	// Newest is the newest counted post ever (not just in the period).
	Newest time.Time
	// DaysUnreachable is the number of days in the period on which every crawl failed.
	DaysUnreachable int
}

// CaptionShare is captioned/images, or -1 when there were no images.
func (u *Unit) CaptionShare() float64 {
	if u.Images == 0 {
		return -1
	}
	return float64(u.CaptionedImages) / float64(u.Images)
}

// Compute tallies every unit of cfg over period p from the posts (all posts
// of all units, any date) and the crawls of the period. now decides which
// months are still open.
func Compute(cfg *config.Config, posts []store.Post, crawls []store.Crawl, p Period, now time.Time) []Unit {
	// Indexes, not copies: a store.Post is a few hundred bytes, and
	// copying every post into per-unit slices was most of what an
	// evaluation of a province allocated.
	byUnit := map[string][]int{}
	for i := range posts {
		byUnit[posts[i].UnitID] = append(byUnit[posts[i].UnitID], i)
	}
	failDays := map[string]map[string]bool{}
	okDays := map[string]map[string]bool{}
	for _, c := range crawls {
		if !p.Contains(c.Started) {
			continue
		}
		day := c.Started.In(p.Loc).Format("2006-01-02")
		m := okDays
		if c.Outcome == store.OutcomeFailed {
			m = failDays
		}
		if m[c.UnitID] == nil {
			m[c.UnitID] = map[string]bool{}
		}
		m[c.UnitID][day] = true
	}
	months := p.Months()
	out := make([]Unit, 0, len(cfg.Units))
	for _, cu := range cfg.Units {
		k := cfg.KindOf(cu)
		t := Unit{Unit: cu, Kind: k}
		idx := map[string]int{}
		for i, m := range months {
			idx[m] = i
			t.Months = append(t.Months, Month{Month: m, Quota: k.MonthlyQuota})
		}
		for _, pi := range byUnit[cu.ID] {
			post := &posts[pi]
			ok, _ := Counted(*post)
			if !ok || !countedByPolicy(cfg, k, *post) {
				continue
			}
			if post.Published.After(t.Newest) {
				t.Newest = post.Published
			}
			if !p.Contains(post.Published) {
				continue
			}
			m := post.Published.In(p.Loc).Format("2006-01")
			i, in := idx[m]
			if !in {
				continue
			}
			t.Months[i].Posts++
			t.Months[i].Images += post.Images
			t.Months[i].CaptionedImages += post.CaptionedImages
			t.Total++
			t.Images += post.Images
			t.CaptionedImages += post.CaptionedImages
			t.AltImages += post.AltImages
			t.Posts = append(t.Posts, *post)
		}
		sort.SliceStable(t.Posts, func(a, b int) bool { return t.Posts[a].Published.Before(t.Posts[b].Published) })
		for i := range t.Months {
			mo := &t.Months[i]
			mo.State, mo.Needed, mo.Deadline = monthState(cfg, cu, mo.Month, mo.Quota, mo.Posts, now, p.Loc)
		}
		for d := range failDays[cu.ID] {
			if !okDays[cu.ID][d] {
				t.DaysUnreachable++
			}
		}
		out = append(out, t)
	}
	return out
}

// monthState decides a month against its quota: the state, how many are
// still needed (pending) or were missing (missed), and the month's last second.
func monthState(cfg *config.Config, cu *config.Unit, month string, quota, n int, now time.Time, loc *time.Location) (string, int, time.Time) {
	start, _ := time.ParseInLocation("2006-01", month, loc)
	end := start.AddDate(0, 1, 0)
	deadline := end.Add(-time.Second)
	switch {
	case cfg.Exempt(cu, month):
		return StateExempt, 0, deadline
	case quota == 0:
		return StateNoQuota, 0, deadline
	case n >= quota:
		return StateMet, 0, deadline
	case now.Before(start):
		return StateUpcoming, 0, deadline
	case now.Before(end):
		return StatePending, quota - n, deadline
	}
	return StateMissed, quota - n, deadline
}

// StateLabel is the Vietnamese label of a month state.
func StateLabel(s string) string {
	switch s {
	case StateMet:
		return "Đạt"
	case StatePending:
		return "Đang chờ"
	case StateMissed:
		return "Không đạt"
	case StateExempt:
		return "Miễn"
	case StateNoQuota:
		return "Không định mức"
	case StateUpcoming:
		return "Chưa đến kỳ"
	}
	return s
}
