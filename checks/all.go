package checks

import (
	"time"

	"sitewatch/config"
	"sitewatch/store"
	"sitewatch/tally"
)

// Facts are what checking every unit at once needs: the tallies of one month
// and of its quarter (tally.Compute over the whole registry), the newest crawl
// and the last successful crawl of each unit (store.LatestCrawls,
// store.LastSuccess), and the time of the check.
type Facts struct {
	Config      *config.Config
	Month       []tally.Unit
	Quarter     []tally.Unit
	Latest      map[string]store.Crawl
	LastSuccess map[string]time.Time
	Now         time.Time
}

// EvaluateAll runs every check for every enabled unit of f.Config, in the
// order of the registry file. Units missing from the tallies are checked
// with empty tallies.
func EvaluateAll(f Facts) []UnitResults {
	month, quarter := map[string]tally.Unit{}, map[string]tally.Unit{}
	for _, u := range f.Month {
		if u.Unit != nil {
			month[u.Unit.ID] = u
		}
	}
	for _, u := range f.Quarter {
		if u.Unit != nil {
			quarter[u.Unit.ID] = u
		}
	}
	var out []UnitResults
	for _, u := range f.Config.Units {
		if !u.IsEnabled() {
			continue
		}
		in := Input{
			Config:      f.Config,
			Unit:        u,
			Kind:        f.Config.KindOf(u),
			Month:       month[u.ID],
			Quarter:     quarter[u.ID],
			LastSuccess: f.LastSuccess[u.ID],
			Now:         f.Now,
		}
		if c, ok := f.Latest[u.ID]; ok {
			in.Latest = &c
		}
		out = append(out, UnitResults{Unit: u.ID, Name: u.Name, Kind: u.Kind, Block: u.Block, Results: Evaluate(in)})
	}
	return out
}

// ByUnit indexes rows by unit id (the form metrics.Input.Checks takes).
func ByUnit(rows []UnitResults) map[string][]Result {
	m := make(map[string][]Result, len(rows))
	for _, r := range rows {
		m[r.Unit] = r.Results
	}
	return m
}
