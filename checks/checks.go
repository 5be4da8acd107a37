// Package checks evaluates the publishing and site rules for each unit: the
// monthly quota of posts, freshness, captions on images, the health of the
// site and the sections its kind must carry.
//
// Every check is a pure function of an Input (the parsed configuration, the
// tallies of the month and the quarter, the newest crawl and a clock); none
// does IO, so the same facts always give the same verdict. Checks are kept in
// a name→constructor registry, one file per check kind, and Evaluate runs all
// of them in a stable order. Reasons are written in Vietnamese for the office
// staff who read them; Details carry the numbers behind each reason.
package checks

import (
	"fmt"
	"time"

	"sitewatch/config"
	"sitewatch/store"
	"sitewatch/tally"
)

// States of a Result.
const (
	StateOK      = "ok"
	StateWarn    = "warn"
	StateFail    = "fail"
	StateUnknown = "unknown"
)

// DefaultTLSWarnDays is how many days before expiry a certificate is reported.
const DefaultTLSWarnDays = 14

// DefaultCrawlMaxAge is how old the newest crawl may be before the site check
// says its facts are out of date.
const DefaultCrawlMaxAge = 48 * time.Hour

// DefaultMinCaptionShare applies when a kind has no min_caption_share.
const DefaultMinCaptionShare = 0.5

// Input is everything a check may look at for one unit. It is read-only.
type Input struct {
	Config *config.Config
	Unit   *config.Unit
	Kind   *config.Kind
	// Month is the tally of the month being checked (tally.Compute over tally.MonthOf).
	Month tally.Unit
	// Quarter is the tally of the quarter containing that month.
	Quarter tally.Unit
	// Latest is the newest crawl of the unit, nil if it was never crawled.
	Latest *store.Crawl
	// LastSuccess is when the newest crawl that did not fail finished (zero if none).
	LastSuccess time.Time
	// Now is the time of the evaluation; it decides which months are closed.
	Now time.Time
	// Contributions are what the unit sent to the portals in the month
	// checked (tally.ComputeContributions over the same month).
	Contributions tally.Contributions
	// TLSWarnDays overrides DefaultTLSWarnDays when positive.
	TLSWarnDays int
	// CrawlMaxAge overrides DefaultCrawlMaxAge when positive.
	CrawlMaxAge time.Duration
}

// Result is the verdict of one check for one unit.
type Result struct {
	// Check is the registry name of the check (quota, freshness …).
	Check string `json:"check"`
	// OK is true when the rule is met (State is ok).
	OK bool `json:"ok"`
	// State is one of ok, warn, fail, unknown.
	State string `json:"state"`
	// Reason says in Vietnamese, in words, why.
	Reason string `json:"reason"`
	// Details are the facts behind the reason (numbers, dates, pages).
	Details map[string]string `json:"details,omitempty"`
}

// Check is one rule. Implementations are pure and safe for concurrent use.
type Check interface {
	// Name is the registry name, also used as the check label of metrics.
	Name() string
	// Evaluate returns the verdict for in.
	Evaluate(in Input) Result
}

// Constructor makes a Check.
type Constructor func() Check

type entry struct {
	name string
	make Constructor
}

// registry lists every check in evaluation order.
func registry() []entry {
	return []entry{
		{"quota", func() Check { return quotaCheck{} }},
		{"freshness", func() Check { return freshnessCheck{} }},
		{"captions", func() Check { return captionsCheck{} }},
		{"site", func() Check { return siteCheck{} }},
		{"sections", func() Check { return sectionsCheck{} }},
		{"integrity", func() Check { return integrityCheck{} }},
		{"contributions", func() Check { return contributionsCheck{} }},
	}
}

// Names returns the names of every registered check, in evaluation order.
func Names() []string {
	var out []string
	for _, e := range registry() {
		out = append(out, e.name)
	}
	return out
}

// New returns the check registered under name.
func New(name string) (Check, error) {
	for _, e := range registry() {
		if e.name == name {
			return e.make(), nil
		}
	}
	return nil, fmt.Errorf("checks: unknown check %q", name)
}

// Evaluate runs every registered check on in, in the order of Names.
func Evaluate(in Input) []Result {
	reg := registry()
	out := make([]Result, 0, len(reg))
	for _, e := range reg {
		r := e.make().Evaluate(in)
		r.Check = e.name
		r.OK = r.State == StateOK
		out = append(out, r)
	}
	return out
}

// result builds a Result; Evaluate fills Check and OK.
func result(state, reason string, details map[string]string) Result {
	return Result{State: state, OK: state == StateOK, Reason: reason, Details: details}
}

// location is the configured zone, Asia/Ho_Chi_Minh when none is set.
func location(in Input) *time.Location {
	if in.Config != nil && in.Config.Location != nil {
		return in.Config.Location
	}
	if loc, err := time.LoadLocation(config.DefaultTimezone); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}

// kindOf is in.Kind, or the unit's kind from the configuration.
func kindOf(in Input) *config.Kind {
	if in.Kind != nil {
		return in.Kind
	}
	if in.Config != nil && in.Unit != nil {
		if k := in.Config.KindOf(in.Unit); k != nil {
			return k
		}
	}
	return &config.Kind{}
}

// DaysSince counts the calendar days (in loc) from the day of t to the day of
// now: 0 on the same local day, 1 the next day. It is negative when t is
// after now.
func DaysSince(t, now time.Time, loc *time.Location) int {
	a, b := t.In(loc), now.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da) / (24 * time.Hour))
}

// date formats t as a Vietnamese date (31/10/2026) in loc.
func date(t time.Time, loc *time.Location) string { return t.In(loc).Format("02/01/2006") }

// dateTime formats t as 31/10/2026 23:50 in loc.
func dateTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("02/01/2006 15:04")
}

// monthLabel turns "2026-10" into "10/2026".
func monthLabel(m string) string {
	if len(m) == 7 {
		return m[5:] + "/" + m[:4]
	}
	return m
}

// percent formats a share as a Vietnamese percentage, rounded down to one
// decimal so that 49.96% never reads as the 50% it falls short of.
func percent(share float64) string {
	p := float64(int64(share*1000)) / 10
	s := fmt.Sprintf("%.1f", p)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	for i := range s {
		if s[i] == '.' {
			s = s[:i] + "," + s[i+1:]
			break
		}
	}
	return s + "%"
}

// lastMonth returns the tally of the month being checked.
func lastMonth(u tally.Unit) (tally.Month, bool) {
	if len(u.Months) == 0 {
		return tally.Month{}, false
	}
	return u.Months[len(u.Months)-1], true
}

// neverCrawled reports whether nothing is known of the site yet.
func neverCrawled(in Input) bool { return in.Latest == nil && in.LastSuccess.IsZero() }

// CheckLabel is the Vietnamese name of a check.
func CheckLabel(name string) string {
	switch name {
	case "quota":
		return "Định mức bài"
	case "freshness":
		return "Cập nhật"
	case "captions":
		return "Chú thích ảnh"
	case "site":
		return "Trang web"
	case "sections":
		return "Mục nội dung"
	case "integrity":
		return "An toàn trang"
	case "contributions":
		return "Tin gửi về Sở"
	}
	return name
}
