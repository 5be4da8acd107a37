// Package evaluation decides the state of every unit, in one place, at one
// moment: per unit the tallies of the month, the previous month and the
// quarter (package tally), the result of every check (package checks), the
// counts every view shows, and the overall state with its reasons.
//
// An Evaluation is built once per crawl run or evaluation and then only
// read: /metrics, the status pages, the export and `sitewatch check` all
// render the same Evaluation, and none of them re-tallies or re-judges. The
// overall state follows from the checks by one rule (see Decide); which
// failing checks make a unit "Không đạt" and which only warn is the kind's
// fail_on in sites.yaml.
package evaluation

import (
	"context"
	"fmt"
	"time"

	"sitewatch/checks"
	"sitewatch/config"
	"sitewatch/store"
	"sitewatch/tally"
)

// Source is what Build reads. *store.Store implements it.
type Source interface {
	Posts(ctx context.Context, f store.PostFilter) ([]store.Post, error)
	CrawlsBetween(ctx context.Context, from, to time.Time) ([]store.Crawl, error)
	LatestCrawls(ctx context.Context) (map[string]store.Crawl, error)
	LastSuccess(ctx context.Context) (map[string]time.Time, error)
	// The same facts of one unit (Options.Unit), read by its index.
	Crawls(ctx context.Context, unitID string, limit int) ([]store.Crawl, error)
	UnitCrawlsBetween(ctx context.Context, unitID string, from, to time.Time) ([]store.Crawl, error)
	UnitLastSuccess(ctx context.Context, unitID string) (time.Time, error)
}

var _ Source = (*store.Store)(nil)

// Options choose what an evaluation covers. The zero value evaluates the
// month and quarter of now for every unit.
type Options struct {
	// Month is the month whose quota is checked. Zero: the month of Period's
	// last begun day when Period is set, else the month of now.
	Month tally.Period
	// Period is an extra reporting period to tally (a report of a month, a
	// quarter or a date range); zero: none. Unit.Period then holds its tally.
	Period tally.Period
	// Unit, when set, evaluates that unit only, reading only its posts.
	Unit string
}

// Facts are the stored facts an evaluation is computed from.
type Facts struct {
	// Posts are every post of the units evaluated, any date, gone ones included.
	Posts []store.Post
	// Crawls are the crawls of the quarter (and of Options.Period), for the
	// days a site could not be reached.
	Crawls []store.Crawl
	// Latest is the newest crawl by unit id.
	Latest map[string]store.Crawl
	// LastSuccess is the finish time of the newest crawl that did not fail, by unit id.
	LastSuccess map[string]time.Time
}

// Evaluation is the state of every unit at one moment. It is immutable once
// built and safe for concurrent readers.
type Evaluation struct {
	// Config is the registry the evaluation was computed with.
	Config *config.Config
	// Now is the moment of the evaluation; it decides which months are
	// closed and how many days have passed since a post.
	Now time.Time
	// Month is the month checked, Previous the one before it, Quarter the
	// quarter containing Month; Period is Options.Period (zero when unset).
	Month, Previous, Quarter, Period tally.Period
	// Units are the units of the registry (enabled or not), in registry order.
	Units []Unit
	// LastCrawl is when the newest crawl of any unit finished (not after Now).
	LastCrawl time.Time

	index map[string]int
}

// Unit is the evaluation of one unit.
type Unit struct {
	Unit *config.Unit
	Kind *config.Kind
	// Month, Previous and Quarter are the tallies of those periods.
	Month, Previous, Quarter tally.Unit
	// Period is the tally of Options.Period (nil when unset).
	Period *tally.Unit
	// Contributions are what the unit sent to the portals (units with
	// portal: true) in the month checked, the quarter, and Options.Period
	// (nil when unset): the portals' posts attributed to it.
	Contributions, ContributionsQuarter tally.Contributions
	ContributionsPeriod                 *tally.Contributions
	// Checks are the results of every check, in registry order.
	Checks []checks.Result
	// Latest is the newest crawl, nil if the unit was never crawled.
	Latest *store.Crawl
	// LastSuccess is when the newest crawl that did not fail finished (zero if none).
	LastSuccess time.Time
	// LastPost is the publication time of the newest counted post (zero if none).
	LastPost time.Time
	// Stale is the freshness check's verdict: it failed.
	Stale bool
	// Compromised is set when the crawler found signs of a defaced or
	// spammed site: evidence in the newest crawl's
	// Sections[store.SectionCompromised], or a counted post of the quarter
	// flagged store.FlagSpam.
	Compromised bool
	// Counts are the numbers every view shows.
	Counts Counts
	// Verdict is the overall state and its reasons.
	Verdict Verdict
}

// Counts are the numbers of one unit that the views show, computed once.
type Counts struct {
	// PostsMonth are the counted posts of the month checked.
	PostsMonth int `json:"posts_month"`
	// Quota is the month's quota (0: no fixed number).
	Quota int `json:"quota"`
	// Needed is how many posts the month still needs (pending) or lacked (missed).
	Needed int `json:"needed"`
	// MonthState is the tally state of the month checked (met, pending …).
	MonthState string `json:"month_state"`
	// PostsQuarter are the counted posts of the quarter.
	PostsQuarter int `json:"posts_quarter"`
	// Images and captioned images of the month and of the quarter; alt-only images of the quarter.
	ImagesMonth      int `json:"images_month"`
	CaptionedMonth   int `json:"captioned_images_month"`
	ImagesQuarter    int `json:"images_quarter"`
	CaptionedQuarter int `json:"captioned_images_quarter"`
	AltOnlyQuarter   int `json:"alt_only_images_quarter"`
	// DaysSinceLastPost counts calendar days in the configured zone from the
	// newest counted post to Now (-1: no post).
	DaysSinceLastPost int `json:"days_since_last_post"`
	// DaysUnreachable are the days of the quarter on which every crawl failed.
	DaysUnreachable int `json:"days_unreachable_quarter"`
	// Contributions to the portals: items, their images and captioned
	// images, in the month checked and in the quarter.
	ContributionsMonth           int    `json:"contributions_month"`
	ContributionImagesMonth      int    `json:"contribution_images_month"`
	ContributionCaptionedMonth   int    `json:"contribution_captioned_images_month"`
	ContributionsQuarter         int    `json:"contributions_quarter"`
	ContributionImagesQuarter    int    `json:"contribution_images_quarter"`
	ContributionCaptionedQuarter int    `json:"contribution_captioned_images_quarter"`
	ContributionQuota            int    `json:"contribution_quota"`
	ContributionNeeded           int    `json:"contribution_needed"`
	ContributionMonthState       string `json:"contribution_month_state"`
}

// CaptionShareQuarter is the quarter's captioned/images, -1 without images.
func (c Counts) CaptionShareQuarter() float64 {
	if c.ImagesQuarter == 0 {
		return -1
	}
	return float64(c.CaptionedQuarter) / float64(c.ImagesQuarter)
}

// Unit returns the evaluation of the unit with id, nil if there is none.
func (e *Evaluation) Unit(id string) *Unit {
	if i, ok := e.index[id]; ok {
		return &e.Units[i]
	}
	return nil
}

// Enabled returns the units that are watched (enabled and not retired), in
// registry order: the units the views list.
func (e *Evaluation) Enabled() []*Unit {
	out := make([]*Unit, 0, len(e.Units))
	for i := range e.Units {
		if e.Units[i].Unit.IsEnabled() {
			out = append(out, &e.Units[i])
		}
	}
	return out
}

// Tally returns the tallies of every unit over p when p is one of the
// periods of e (Month, Quarter or Period), in registry order.
func (e *Evaluation) Tally(p tally.Period) ([]tally.Unit, bool) {
	var pick func(u *Unit) *tally.Unit
	switch {
	case samePeriod(p, e.Quarter):
		pick = func(u *Unit) *tally.Unit { return &u.Quarter }
	case samePeriod(p, e.Month):
		pick = func(u *Unit) *tally.Unit { return &u.Month }
	case !e.Period.From.IsZero() && samePeriod(p, e.Period):
		pick = func(u *Unit) *tally.Unit { return u.Period }
	default:
		return nil, false
	}
	out := make([]tally.Unit, 0, len(e.Units))
	for i := range e.Units {
		out = append(out, *pick(&e.Units[i]))
	}
	return out, true
}

// ContributionsOf returns, by unit id, what each unit sent to the portals
// over p when p is one of the periods of e (Month, Quarter or Period).
func (e *Evaluation) ContributionsOf(p tally.Period) (map[string]tally.Contributions, bool) {
	out := make(map[string]tally.Contributions, len(e.Units))
	for i := range e.Units {
		u := &e.Units[i]
		switch {
		case samePeriod(p, e.Quarter):
			out[u.Unit.ID] = u.ContributionsQuarter
		case samePeriod(p, e.Month):
			out[u.Unit.ID] = u.Contributions
		case !e.Period.From.IsZero() && samePeriod(p, e.Period) && u.ContributionsPeriod != nil:
			out[u.Unit.ID] = *u.ContributionsPeriod
		default:
			return nil, false
		}
	}
	return out, true
}

func samePeriod(a, b tally.Period) bool { return a.From.Equal(b.From) && a.To.Equal(b.To) }

// Build reads the facts from src and evaluates cfg's units at now.
func Build(ctx context.Context, src Source, cfg *config.Config, now time.Time, o Options) (*Evaluation, error) {
	month, quarter := periods(cfg, now, o)
	from, to := quarter.From, quarter.To
	if !o.Period.From.IsZero() {
		from, to = minTime(from, o.Period.From), maxTime(to, o.Period.To)
	}
	var f Facts
	var err error
	if f.Posts, err = src.Posts(ctx, store.PostFilter{UnitID: o.Unit, IncludeGone: true}); err != nil {
		return nil, fmt.Errorf("evaluation: %w", err)
	}
	if o.Unit != "" {
		// A unit's contributions are posts of the portals.
		for _, pu := range cfg.Units {
			if !pu.Portal || pu.ID == o.Unit {
				continue
			}
			ps, err := src.Posts(ctx, store.PostFilter{UnitID: pu.ID, IncludeGone: true})
			if err != nil {
				return nil, fmt.Errorf("evaluation: %w", err)
			}
			f.Posts = append(f.Posts, ps...)
		}
		err = unitFacts(ctx, src, o.Unit, from, to, &f)
	} else {
		err = allFacts(ctx, src, from, to, &f)
	}
	if err != nil {
		return nil, fmt.Errorf("evaluation: %w", err)
	}
	o.Month = month
	return Compute(cfg, f, now, o), nil
}

// allFacts reads the crawls of every unit.
func allFacts(ctx context.Context, src Source, from, to time.Time, f *Facts) error {
	var err error
	if f.Crawls, err = src.CrawlsBetween(ctx, from, to); err != nil {
		return err
	}
	if f.Latest, err = src.LatestCrawls(ctx); err != nil {
		return err
	}
	f.LastSuccess, err = src.LastSuccess(ctx)
	return err
}

// unitFacts reads the crawls of one unit only (a unit page evaluated on
// demand must not read a province's crawls).
func unitFacts(ctx context.Context, src Source, unit string, from, to time.Time, f *Facts) error {
	var err error
	if f.Crawls, err = src.UnitCrawlsBetween(ctx, unit, from, to); err != nil {
		return err
	}
	latest, err := src.Crawls(ctx, unit, 1)
	if err != nil {
		return err
	}
	f.Latest = map[string]store.Crawl{}
	if len(latest) > 0 {
		f.Latest[unit] = latest[0]
	}
	ok, err := src.UnitLastSuccess(ctx, unit)
	if err != nil {
		return err
	}
	f.LastSuccess = map[string]time.Time{}
	if !ok.IsZero() {
		f.LastSuccess[unit] = ok
	}
	return nil
}

// periods returns the month to check and its quarter.
func periods(cfg *config.Config, now time.Time, o Options) (month, quarter tally.Period) {
	loc := cfg.Location
	month = o.Month
	if month.From.IsZero() {
		at := now
		if p := o.Period; !p.From.IsZero() {
			// The month of the period's last begun day (its first day if the
			// period has not begun).
			last := p.To.Add(-time.Second)
			at = maxTime(p.From, minTime(now, last))
		}
		month = tally.MonthOf(at, loc)
	}
	return month, tally.QuarterOf(month.From, loc)
}

// Compute evaluates cfg's units at now from the facts f. It does no IO.
func Compute(cfg *config.Config, f Facts, now time.Time, o Options) *Evaluation {
	loc := cfg.Location
	month, quarter := periods(cfg, now, o)
	units := cfg.Units
	if o.Unit != "" {
		units = nil
		if u := cfg.Unit(o.Unit); u != nil {
			units = []*config.Unit{u}
		}
	}
	one := *cfg
	one.Units = units
	e := &Evaluation{
		Config: cfg, Now: now, Month: month, Quarter: quarter, Period: o.Period,
		Previous: tally.MonthOf(month.From.AddDate(0, 0, -1), loc),
		index:    make(map[string]int, len(units)),
	}
	tm := tally.Compute(&one, f.Posts, f.Crawls, e.Month, now)
	tp := tally.Compute(&one, f.Posts, f.Crawls, e.Previous, now)
	tq := tally.Compute(&one, f.Posts, f.Crawls, e.Quarter, now)
	var tr []tally.Unit
	if !o.Period.From.IsZero() {
		tr = tally.Compute(&one, f.Posts, f.Crawls, o.Period, now)
	}
	// Contributions are tallied over the whole registry (a portal's posts
	// name any unit), then picked by unit.
	cm := byUnit(tally.ComputeContributions(cfg, f.Posts, e.Month, now))
	cq := byUnit(tally.ComputeContributions(cfg, f.Posts, e.Quarter, now))
	var cr map[string]tally.Contributions
	if !o.Period.From.IsZero() {
		cr = byUnit(tally.ComputeContributions(cfg, f.Posts, o.Period, now))
	}
	for _, c := range f.Latest {
		if t := crawlTime(c); t.After(e.LastCrawl) && !t.After(now) {
			e.LastCrawl = t
		}
	}
	e.Units = make([]Unit, len(units))
	for i, cu := range units {
		u := &e.Units[i]
		u.Unit, u.Kind = cu, cfg.KindOf(cu)
		u.Month, u.Previous, u.Quarter = tm[i], tp[i], tq[i]
		if tr != nil {
			u.Period = &tr[i]
		}
		u.Contributions, u.ContributionsQuarter = cm[cu.ID], cq[cu.ID]
		if cr != nil {
			c := cr[cu.ID]
			u.ContributionsPeriod = &c
		}
		if c, ok := f.Latest[cu.ID]; ok {
			u.Latest = &c
		}
		u.LastSuccess = f.LastSuccess[cu.ID]
		u.Checks = checks.Evaluate(checks.Input{
			Config: cfg, Unit: cu, Kind: u.Kind, Month: u.Month, Quarter: u.Quarter,
			Latest: u.Latest, LastSuccess: u.LastSuccess, Now: now, Contributions: u.Contributions,
		})
		u.fill(e)
		u.Verdict = Decide(u.Kind, u.Checks)
		e.index[cu.ID] = i
	}
	return e
}

// fill derives the counts and signals of u from its tallies and checks.
func (u *Unit) fill(e *Evaluation) {
	c := Counts{
		PostsMonth: u.Month.Total, PostsQuarter: u.Quarter.Total,
		ImagesMonth: u.Month.Images, CaptionedMonth: u.Month.CaptionedImages,
		ImagesQuarter: u.Quarter.Images, CaptionedQuarter: u.Quarter.CaptionedImages, AltOnlyQuarter: u.Quarter.AltImages,
		DaysUnreachable: u.Quarter.DaysUnreachable, DaysSinceLastPost: -1,
	}
	if u.Kind != nil {
		c.Quota = u.Kind.MonthlyQuota
	}
	if m, ok := MonthOf(u.Month, e.Month.Label); ok {
		c.Quota, c.Needed, c.MonthState = m.Quota, m.Needed, m.State
	}
	c.ContributionsMonth, c.ContributionImagesMonth, c.ContributionCaptionedMonth = u.Contributions.Total, u.Contributions.Images, u.Contributions.CaptionedImages
	c.ContributionsQuarter, c.ContributionImagesQuarter, c.ContributionCaptionedQuarter = u.ContributionsQuarter.Total, u.ContributionsQuarter.Images, u.ContributionsQuarter.CaptionedImages
	if len(u.Contributions.Months) > 0 {
		m := u.Contributions.Months[len(u.Contributions.Months)-1]
		c.ContributionQuota, c.ContributionNeeded, c.ContributionMonthState = m.Quota, m.Needed, m.State
	}
	u.LastPost = u.Quarter.Newest
	if u.Month.Newest.After(u.LastPost) {
		u.LastPost = u.Month.Newest
	}
	if !u.LastPost.IsZero() {
		c.DaysSinceLastPost = max(checks.DaysSince(u.LastPost, e.Now, e.Config.Location), 0)
	}
	u.Counts = c
	for _, r := range u.Checks {
		if r.Check == "freshness" {
			u.Stale = r.State == checks.StateFail
		}
	}
	if u.Latest != nil && u.Latest.Sections[store.SectionCompromised] != "" {
		u.Compromised = true
	}
	for _, p := range u.Quarter.Posts {
		if p.Flags[store.FlagSpam] != "" {
			u.Compromised = true
		}
	}
}

// byUnit indexes contribution tallies by unit id.
func byUnit(cs []tally.Contributions) map[string]tally.Contributions {
	m := make(map[string]tally.Contributions, len(cs))
	for _, c := range cs {
		m[c.Unit.ID] = c
	}
	return m
}

// Check returns the result of the named check, false if it did not run.
func (u *Unit) Check(name string) (checks.Result, bool) {
	for _, r := range u.Checks {
		if r.Check == name {
			return r, true
		}
	}
	return checks.Result{}, false
}

// MonthOf returns the month labelled label ("2026-11") of a tally.
func MonthOf(t tally.Unit, label string) (tally.Month, bool) {
	for _, m := range t.Months {
		if m.Month == label {
			return m, true
		}
	}
	return tally.Month{}, false
}

func crawlTime(c store.Crawl) time.Time {
	if !c.Finished.IsZero() {
		return c.Finished
	}
	return c.Started
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
