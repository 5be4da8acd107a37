package metrics

import (
	"sort"
	"time"

	"sitewatch/checks"
	"sitewatch/evaluation"
	"sitewatch/store"
)

// Snapshot is an immutable view of everything /metrics exposes. Build it with
// BuildSnapshot from the evaluation made after each crawl run or evaluation;
// scrapes read it and never touch the database.
type Snapshot struct {
	// Taken is the evaluation's Now.
	Taken time.Time
	// Month is the month checked ("2026-11") in the configured zone.
	Month      string
	MonthStart time.Time
	MonthEnd   time.Time
	LastRun    time.Time
	Units      []UnitSnapshot
}

// MonthPosts is the number of counted posts of one month.
type MonthPosts struct {
	Month string
	Posts int
}

// MonthState is the quota state of one month.
type MonthState struct {
	Month string
	// State is a tally month state: met, pending, missed, exempt, no_quota.
	State string
}

// UnitSnapshot is one watched unit in a Snapshot. Every value is read from
// the unit's evaluation.Unit; nothing here is decided again.
type UnitSnapshot struct {
	ID, Name, Kind, KindName, Block, URL string

	// State is the unit's overall state (evaluation.Verdict.State).
	State string

	PostsThisMonth   int
	PostsThisQuarter int
	Quota            int
	// Needed is the posts still needed this month (0 when met, exempt or no quota).
	Needed int
	// Months are the months of the current quarter up to the current one.
	Months []MonthPosts
	// States are the quota states of the previous and the current month.
	States []MonthState

	ImagesThisMonth            int
	CaptionedImagesThisMonth   int
	ImagesThisQuarter          int
	CaptionedImagesThisQuarter int
	MinCaptionShare            float64

	// Contributions to the portals (evaluation.Counts).
	ContributionsThisMonth, ContributionsThisQuarter                 int
	ContributionImagesThisMonth, ContributionImagesThisQuarter       int
	ContributionCaptionedThisMonth, ContributionCaptionedThisQuarter int
	ContributionQuota, ContributionsNeeded                           int

	// LastPost is the newest counted post (zero if none).
	LastPost time.Time
	// DaysSinceLastPost counts calendar days in the configured zone (-1 if no post).
	DaysSinceLastPost int
	StaleAfterDays    int
	// Stale is the verdict of the freshness check (no post, or too old).
	Stale bool
	// Compromised is evaluation.Unit.Compromised.
	Compromised bool

	Checks []checks.Result
	// Crawl is the newest crawl, nil if never crawled.
	Crawl       *store.Crawl
	LastSuccess time.Time
}

// BuildSnapshot assembles the Snapshot of the watched units of ev; lastRun is
// when the last crawl run (of all units) finished.
func BuildSnapshot(ev *evaluation.Evaluation, lastRun time.Time) *Snapshot {
	s := &Snapshot{Taken: ev.Now, Month: ev.Month.Label, MonthStart: ev.Month.From, MonthEnd: ev.Month.To, LastRun: lastRun}
	for _, eu := range ev.Enabled() {
		cu, c := eu.Unit, eu.Counts
		u := UnitSnapshot{
			ID: cu.ID, Name: cu.Name, Kind: cu.Kind, KindName: cu.Kind, Block: cu.Block, URL: cu.URL,
			State:          eu.Verdict.State,
			PostsThisMonth: c.PostsMonth, PostsThisQuarter: c.PostsQuarter, Quota: c.Quota, Needed: c.Needed,
			ImagesThisMonth: c.ImagesMonth, CaptionedImagesThisMonth: c.CaptionedMonth,
			ImagesThisQuarter: c.ImagesQuarter, CaptionedImagesThisQuarter: c.CaptionedQuarter,
			MinCaptionShare:        checks.DefaultMinCaptionShare,
			ContributionsThisMonth: c.ContributionsMonth, ContributionsThisQuarter: c.ContributionsQuarter,
			ContributionImagesThisMonth: c.ContributionImagesMonth, ContributionImagesThisQuarter: c.ContributionImagesQuarter,
			ContributionCaptionedThisMonth: c.ContributionCaptionedMonth, ContributionCaptionedThisQuarter: c.ContributionCaptionedQuarter,
			ContributionQuota: c.ContributionQuota, ContributionsNeeded: c.ContributionNeeded,
			LastPost: eu.LastPost, DaysSinceLastPost: c.DaysSinceLastPost,
			Stale: eu.Stale, Compromised: eu.Compromised,
			Checks: eu.Checks, Crawl: eu.Latest, LastSuccess: eu.LastSuccess,
		}
		if k := eu.Kind; k != nil {
			u.KindName, u.StaleAfterDays = k.Name, k.StaleAfterDays
			if k.MinCaptionShare != nil {
				u.MinCaptionShare = *k.MinCaptionShare
			}
		}
		for _, m := range eu.Quarter.Months {
			if m.Month <= ev.Month.Label {
				u.Months = append(u.Months, MonthPosts{m.Month, m.Posts})
			}
		}
		if m, ok := evaluation.MonthOf(eu.Previous, ev.Previous.Label); ok {
			u.States = append(u.States, MonthState{m.Month, m.State})
		}
		if m, ok := evaluation.MonthOf(eu.Month, ev.Month.Label); ok {
			u.States = append(u.States, MonthState{m.Month, m.State})
		}
		s.Units = append(s.Units, u)
	}
	sort.SliceStable(s.Units, func(a, b int) bool { return s.Units[a].ID < s.Units[b].ID })
	return s
}
