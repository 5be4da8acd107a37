package metrics

import (
	"sort"
	"time"

	"sitewatch/checks"
	"sitewatch/config"
	"sitewatch/store"
	"sitewatch/tally"
)

// Input is what BuildSnapshot reads: the results of the newest crawl and
// check pass, all computed by the caller from the database (tally.Compute and
// checks.Evaluate), so that /metrics says what the reports say.
type Input struct {
	Config *config.Config
	// Now is when the facts were computed; it decides the current month.
	Now time.Time
	// Month is tally.Compute over tally.MonthOf(Now).
	Month []tally.Unit
	// Previous is tally.Compute over the month before; optional: when nil the
	// previous month is read from Quarter if it lies in the same quarter.
	Previous []tally.Unit
	// Quarter is tally.Compute over tally.QuarterOf(Now).
	Quarter []tally.Unit
	// Checks are checks.Evaluate results by unit id.
	Checks map[string][]checks.Result
	// Latest is the newest crawl by unit id (store.LatestCrawls).
	Latest map[string]store.Crawl
	// LastSuccess is by unit id (store.LastSuccess).
	LastSuccess map[string]time.Time
	// LastRun is when the last crawl run (of all units) finished.
	LastRun time.Time
}

// Snapshot is an immutable view of everything /metrics exposes. Build it with
// BuildSnapshot after each crawl and check pass; scrapes read it and never
// touch the database.
type Snapshot struct {
	// Taken is Input.Now.
	Taken time.Time
	// Month is the current month ("2026-11") in the configured zone.
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

// UnitSnapshot is one enabled unit in a Snapshot.
type UnitSnapshot struct {
	ID, Name, Kind, KindName, Block, URL string

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

	// LastPost is the newest counted post (zero if none).
	LastPost time.Time
	// DaysSinceLastPost counts calendar days in the configured zone (-1 if no post).
	DaysSinceLastPost int
	StaleAfterDays    int
	// Stale is the verdict of the freshness check (no post, or too old).
	Stale bool
	// Compromised is set when the crawler reported signs of a defaced or
	// spammed site: evidence in store.Crawl.Sections[store.SectionCompromised] (as the
	// integrity check reads it), or a counted post of the quarter flagged
	// "compromised" or "spam".
	Compromised bool

	Checks []checks.Result
	// Crawl is the newest crawl, nil if never crawled.
	Crawl       *store.Crawl
	LastSuccess time.Time
}

// BuildSnapshot assembles a Snapshot of the enabled units of in.Config.
func BuildSnapshot(in Input) *Snapshot {
	loc := in.Config.Location
	if loc == nil {
		loc = time.UTC
	}
	mp := tally.MonthOf(in.Now, loc)
	s := &Snapshot{Taken: in.Now, Month: mp.Label, MonthStart: mp.From, MonthEnd: mp.To, LastRun: in.LastRun}
	prevLabel := tally.MonthOf(mp.From.AddDate(0, 0, -1), loc).Label
	month, prev, quarter := byID(in.Month), byID(in.Previous), byID(in.Quarter)

	for _, cu := range in.Config.Units {
		if !cu.IsEnabled() {
			continue
		}
		k := in.Config.KindOf(cu)
		u := UnitSnapshot{ID: cu.ID, Name: cu.Name, Kind: cu.Kind, Block: cu.Block, URL: cu.URL, DaysSinceLastPost: -1,
			MinCaptionShare: checks.DefaultMinCaptionShare}
		if k != nil {
			u.KindName, u.Quota, u.StaleAfterDays = k.Name, k.MonthlyQuota, k.StaleAfterDays
			if k.MinCaptionShare != nil {
				u.MinCaptionShare = *k.MinCaptionShare
			}
		}
		if t, ok := month[cu.ID]; ok {
			u.PostsThisMonth, u.ImagesThisMonth, u.CaptionedImagesThisMonth = t.Total, t.Images, t.CaptionedImages
			u.LastPost = t.Newest
			if m, ok := find(t.Months, mp.Label); ok {
				u.Quota = m.Quota
				u.Needed = m.Needed
				u.States = append(u.States, MonthState{m.Month, m.State})
			}
		}
		if t, ok := quarter[cu.ID]; ok {
			u.PostsThisQuarter, u.ImagesThisQuarter, u.CaptionedImagesThisQuarter = t.Total, t.Images, t.CaptionedImages
			if t.Newest.After(u.LastPost) {
				u.LastPost = t.Newest
			}
			for _, m := range t.Months {
				if m.Month <= mp.Label {
					u.Months = append(u.Months, MonthPosts{m.Month, m.Posts})
				}
			}
			for _, p := range t.Posts {
				if p.Flags[store.FlagSpam] != "" {
					u.Compromised = true
				}
			}
		}
		pm, ok := tally.Month{}, false
		if t, in := prev[cu.ID]; in {
			pm, ok = find(t.Months, prevLabel)
		}
		if !ok {
			if t, in := quarter[cu.ID]; in {
				pm, ok = find(t.Months, prevLabel)
			}
		}
		if ok {
			u.States = append([]MonthState{{pm.Month, pm.State}}, u.States...)
		}
		if !u.LastPost.IsZero() {
			u.DaysSinceLastPost = max(checks.DaysSince(u.LastPost, in.Now, loc), 0)
		}
		u.Checks = in.Checks[cu.ID]
		u.Stale = stale(u)
		if c, ok := in.Latest[cu.ID]; ok {
			c := c
			u.Crawl = &c
			if c.Sections[store.SectionCompromised] != "" {
				u.Compromised = true
			}
		}
		u.LastSuccess = in.LastSuccess[cu.ID]
		s.Units = append(s.Units, u)
	}
	sort.SliceStable(s.Units, func(a, b int) bool { return s.Units[a].ID < s.Units[b].ID })
	return s
}

// stale is the freshness check's verdict when there is one, else the same
// rule applied to the snapshot's numbers.
func stale(u UnitSnapshot) bool {
	for _, r := range u.Checks {
		if r.Check == "freshness" {
			return r.State == checks.StateFail
		}
	}
	if u.DaysSinceLastPost < 0 {
		return false
	}
	return u.StaleAfterDays > 0 && u.DaysSinceLastPost >= u.StaleAfterDays
}

func byID(us []tally.Unit) map[string]tally.Unit {
	m := make(map[string]tally.Unit, len(us))
	for _, u := range us {
		if u.Unit != nil {
			m[u.Unit.ID] = u
		}
	}
	return m
}

func find(ms []tally.Month, label string) (tally.Month, bool) {
	for _, m := range ms {
		if m.Month == label {
			return m, true
		}
	}
	return tally.Month{}, false
}
