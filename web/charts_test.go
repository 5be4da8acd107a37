package web

import (
	"strings"
	"testing"

	"sitewatch/config"
	"sitewatch/tally"
)

// TestBuildChart: bars as tall as their posts, the quota line at the
// quota, and contribution bars only when contributions are counted.
func TestBuildChart(t *testing.T) {
	t.Parallel()
	u := &config.Unit{ID: "thpt-a", Name: "Trường THPT A"}
	k := &config.Kind{MonthlyQuota: 2}
	months := []tally.Month{{Month: "2026-10", Posts: 4, State: tally.StateMet}, {Month: "2026-11", Posts: 2, State: tally.StateMet}, {Month: "2026-12", Posts: 0, State: tally.StatePending}}
	tu := &tally.Unit{Unit: u, Months: months}
	for _, tc := range []struct {
		name    string
		contrib func(string) (int, bool)
		want    map[string]int // contribution bar heights relative to posts of 2026-11
	}{
		{"posts only", nil, nil},
		{"with contributions", func(m string) (int, bool) { return map[string]int{"2026-10": 1, "2026-11": 2}[m], true }, map[string]int{"2026-10": 1, "2026-11": 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := buildChart(u, k, tu, tc.contrib)
			if len(c.Bars) != 3 || !strings.Contains(c.Title, "Trường THPT A") {
				t.Fatalf("chart %+v", c)
			}
			oct, nov, dec := c.Bars[0], c.Bars[1], c.Bars[2]
			if oct.H != 2*nov.H || dec.H != 0 || dec.ZeroH == 0 || nov.Y != c.QuotaY {
				t.Errorf("heights %d %d %d (zero mark %d), November top %d, quota line %d", oct.H, nov.H, dec.H, dec.ZeroH, nov.Y, c.QuotaY)
			}
			if c.HasContributions != (tc.want != nil) {
				t.Errorf("HasContributions %v", c.HasContributions)
			}
			for _, b := range c.Bars {
				if want, ok := tc.want[b.Month]; ok {
					if b.CH != want*nov.H/2 || b.CTitle == "" {
						t.Errorf("%s: contribution bar %d high (%q), want %d", b.Month, b.CH, b.CTitle, want*nov.H/2)
					}
				} else if tc.want == nil && b.CTitle != "" {
					t.Errorf("%s: contribution bar without contributions", b.Month)
				}
			}
		})
	}
}
