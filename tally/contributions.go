package tally

import (
	"sort"
	"time"

	"sitewatch/config"
	"sitewatch/store"
)

// Contributions is what one unit sent to the portals (units with portal:
// true) over a period: the portals' posts attributed to it.
type Contributions struct {
	Unit *config.Unit
	// Months are per month, with the kind's monthly_contribution_quota
	// checked as the posting quota is (State, Needed).
	Months []Month
	// Items are the counted contributions in the period, oldest first: the
	// evidence of the report.
	Items           []store.Post
	Total           int
	Images          int
	CaptionedImages int
}

// CountedContribution reports whether a post counts as a contribution of
// p.ContributedBy, and why not: a post of a portal unit, attributed to a
// unit (by the crawler or the office), that Counted counts.
func CountedContribution(cfg *config.Config, p store.Post) (bool, string) {
	if u := cfg.Unit(p.UnitID); u == nil || !u.Portal {
		return false, "không phải tin của cổng thông tin"
	}
	if p.ContributedBy == "" {
		return false, "chưa xác định được đơn vị gửi tin"
	}
	return Counted(p)
}

// ComputeContributions tallies, for every unit of cfg in registry order,
// the contributions among posts (any unit, any date) published in period p.
// now decides which months are still open.
func ComputeContributions(cfg *config.Config, posts []store.Post, p Period, now time.Time) []Contributions {
	by := map[string][]store.Post{}
	for _, post := range posts {
		if ok, _ := CountedContribution(cfg, post); ok && p.Contains(post.Published) {
			by[post.ContributedBy] = append(by[post.ContributedBy], post)
		}
	}
	months := p.Months()
	out := make([]Contributions, 0, len(cfg.Units))
	for _, cu := range cfg.Units {
		quota := 0
		if k := cfg.KindOf(cu); k != nil {
			quota = k.MonthlyContributionQuota
		}
		c := Contributions{Unit: cu}
		idx := map[string]int{}
		for i, m := range months {
			idx[m] = i
			c.Months = append(c.Months, Month{Month: m, Quota: quota})
		}
		for _, post := range by[cu.ID] {
			i, in := idx[post.Published.In(p.Loc).Format("2006-01")]
			if !in {
				continue
			}
			c.Months[i].Posts++
			c.Months[i].Images += post.Images
			c.Months[i].CaptionedImages += post.CaptionedImages
			c.Total++
			c.Images += post.Images
			c.CaptionedImages += post.CaptionedImages
			c.Items = append(c.Items, post)
		}
		sort.SliceStable(c.Items, func(a, b int) bool { return c.Items[a].Published.Before(c.Items[b].Published) })
		for i := range c.Months {
			mo := &c.Months[i]
			mo.State, mo.Needed, mo.Deadline = monthState(cfg, cu, mo.Month, mo.Quota, mo.Posts, now, p.Loc)
		}
		out = append(out, c)
	}
	return out
}
