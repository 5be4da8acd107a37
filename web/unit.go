package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"sitewatch/checks"
	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/export"
	"sitewatch/store"
	"sitewatch/tally"
)

// crawlHistory is how many crawls a unit page lists.
const crawlHistory = 40

// maxUndated caps the list of posts without a date on a unit page.
const maxUndated = 50

type postView struct {
	Date, DateSource, DateRaw, Title, URL string
	published                             time.Time
	Images, Captioned                     int
	Status, Flags                         string
	Gone                                  bool
	// Fix is the link that fills the office's override form with the post.
	Fix string
	// Excluded says why the post does not count ("" when it counts).
	Excluded string
}

type monthView struct {
	Title      string
	Posts      int
	Quota      int
	State      string
	StateLabel string
	Class      string
	Items      []postView
	Uncounted  int
}

type crawlView struct {
	Started, Duration, Outcome, OutcomeLabel, Class string
	HTTPStatus, Requests, NotModified               int
	PostsFound, PostsNew                            int
	Error                                           string
}

type checkView struct {
	Label, State, StateLabel, Class, Reason string
	Details                                 []string
}

type unitData struct {
	ID, Name, KindName, Block, URL string
	Quota, StaleAfterDays          int
	Enabled                        bool
	Status                         unitStatus
	QuarterTitle                   string
	PrevQuarter, NextQuarter       string
	Months                         []monthView
	Undated                        []postView
	Total, Images, Captioned       int
	CaptionText                    string
	DaysUnreachable                int
	Crawls                         []crawlView
	HasChecks                      bool
	Checks                         []checkView
	ChecksError                    string
	Site, SiteText, SiteTitle      string
	DaysText                       string

	// User is the authenticated user ("" when none): only then are the
	// office's forms shown; NoUser says why they are not.
	User, NoUser string
	// Notice reports the claim or override just recorded.
	Notice string
	// Claims of the unit, newest first, and the form to send one.
	Claims                 []claimView
	PendingClaims          int
	ClaimForm              claimForm
	ClaimAction, ClaimPage string
	// Overrides is the office's audit log of the unit, newest first.
	Overrides      []overrideView
	OverrideForm   overrideForm
	OverrideAction string
	// PostURLs are the addresses of the listed posts, offered in the override form.
	PostURLs []string
	// Portal is true for a unit whose posts are other units' contributions;
	// Senders are the units the office may attribute a post to.
	Portal  bool
	Senders []unitOption
	// Chart is the bar chart of the last twelve months.
	Chart chart
	// Contrib is what the unit sent to the portals in the quarter listed
	// (nil when the registry has no portal).
	Contrib *contribView
}

// contribView is the unit's contributions to the portals in a quarter.
type contribView struct {
	Total, Images, Captioned int
	// Quota is the kind's monthly_contribution_quota (0: none).
	Quota  int
	Months []monthView
	Items  []contribItem
}

// contribItem is one counted contribution.
type contribItem struct {
	Date, Title, URL, Portal, Found, Text string
	Images, Captioned                     int
}

// unitOption is a unit offered in a form.
type unitOption struct{ ID, Name string }

func (s *Server) handleUnit(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	u := s.cfg.Unit(id)
	if u == nil {
		s.renderError(w, r, http.StatusNotFound, "Không có đơn vị này trong danh sách theo dõi.")
		return
	}
	var qp *tally.Period
	if q := r.URL.Query().Get("quarter"); q != "" {
		p, err := tally.ParseQuarter(q, s.cfg.Location)
		if err != nil {
			s.renderError(w, r, http.StatusBadRequest, "Quý không hợp lệ: hãy viết dạng 2026Q4.")
			return
		}
		qp = &p
	}
	s.renderUnit(w, r, u, qp, http.StatusOK, nil)
}

// renderUnit renders the page of unit u for quarter qp (nil: the current
// one); edit, when set, completes the page data (a form sent back with its
// problems).
func (s *Server) renderUnit(w http.ResponseWriter, r *http.Request, u *config.Unit, qp *tally.Period, status int, edit func(*unitData)) {
	d, err := s.unitData(r, u, qp)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if edit != nil {
		edit(d)
	}
	s.render(w, r, status, "unit", u.Name, d)
}

// unitView is what a unit page reads: the unit's evaluation in the
// snapshot (its state, checks and counts: today's), the evaluation of the
// quarter listed (the snapshot for the current quarter, evaluated on demand
// for another) and the unit's posts, counted or not.
type unitView struct {
	now     *evaluation.Unit
	ev      *evaluation.Evaluation
	unit    *evaluation.Unit
	quarter tally.Period
	posts   []store.Post
}

// unitView returns the view of unit u for quarter qp (nil: the current one).
func (s *Server) unitView(r *http.Request, u *config.Unit, qp *tally.Period) (*unitView, error) {
	ev, err := s.current(r)
	if err != nil {
		return nil, err
	}
	today := ev.Unit(u.ID)
	if qp != nil && qp.Label != ev.Quarter.Label {
		if ev, err = s.evals.Evaluate(r.Context(), evaluation.Options{Period: *qp, Unit: u.ID}); err != nil {
			return nil, err
		}
	}
	v := &unitView{now: today, ev: ev, unit: ev.Unit(u.ID), quarter: ev.Quarter}
	if v.unit == nil || v.now == nil {
		return nil, fmt.Errorf("web: unit %s is not in the evaluation", u.ID)
	}
	v.posts, err = s.store.Posts(r.Context(), store.PostFilter{UnitID: u.ID, IncludeGone: true})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// contribView lays out the quarter's contributions of eu, nil when no unit
// of the registry is a portal.
func (s *Server) contribView(eu *evaluation.Unit, k *config.Kind) *contribView {
	portal := false
	for _, u := range s.cfg.Units {
		portal = portal || u.Portal
	}
	if !portal {
		return nil
	}
	c := &eu.ContributionsQuarter
	v := &contribView{Total: c.Total, Images: c.Images, Captioned: c.CaptionedImages}
	if k != nil {
		v.Quota = k.MonthlyContributionQuota
	}
	for _, m := range c.Months {
		v.Months = append(v.Months, monthView{Title: monthTitle(m.Month), Posts: m.Posts, Quota: m.Quota, State: m.State, StateLabel: tally.StateLabel(m.State), Class: monthClass(m.State)})
	}
	for _, p := range c.Items {
		portal := p.UnitID
		if u := s.cfg.Unit(p.UnitID); u != nil {
			portal = u.Name
		}
		v.Items = append(v.Items, contribItem{Date: p.Published.In(s.cfg.Location).Format("02/01/2006 15:04"), Title: p.Title, URL: p.URL,
			Portal: portal, Found: export.FoundLabel(p.AttributionFound), Text: p.AttributionText, Images: p.Images, Captioned: p.CaptionedImages})
	}
	return v
}

// unitData lays out everything the page of unit u shows.
func (s *Server) unitData(r *http.Request, u *config.Unit, qp *tally.Period) (*unitData, error) {
	loc := s.cfg.Location
	v, err := s.unitView(r, u, qp)
	if err != nil {
		return nil, err
	}
	// The state, the checks and the facts at the top speak of today; the
	// posts and counts below of the quarter listed.
	eu := v.now
	k := eu.Kind
	qt := &v.unit.Quarter
	d := unitData{
		ID: u.ID, Name: u.Name, KindName: u.Kind, Block: u.Block, URL: u.URL, Enabled: u.IsEnabled(),
		Status:       statusOf(eu),
		QuarterTitle: export.PeriodTitle(v.quarter),
		PrevQuarter:  tally.QuarterOf(v.quarter.From.AddDate(0, -1, 0), loc).Label,
		NextQuarter:  tally.QuarterOf(v.quarter.To, loc).Label,
	}
	if k != nil {
		d.KindName, d.Quota, d.StaleAfterDays = k.Name, k.MonthlyQuota, k.StaleAfterDays
	}
	row := s.indexRow(eu)
	d.Site, d.SiteText, d.SiteTitle, d.DaysText = row.Site, row.SiteText, row.SiteTitle, row.DaysText

	// Counted posts come from the tally; the others of the quarter are
	// listed with tally.Counted's reason, so the page explains every number.
	byMonth := map[string]*monthView{}
	d.Total, d.Images, d.Captioned, d.DaysUnreachable = qt.Total, qt.Images, qt.CaptionedImages, qt.DaysUnreachable
	d.Months = make([]monthView, len(qt.Months))
	for i, m := range qt.Months {
		d.Months[i] = monthView{Title: monthTitle(m.Month), Posts: m.Posts, Quota: m.Quota, State: m.State, StateLabel: tally.StateLabel(m.State), Class: monthClass(m.State)}
		byMonth[m.Month] = &d.Months[i]
	}
	d.Contrib = s.contribView(v.unit, k)
	for _, p := range qt.Posts {
		m := p.Published.In(loc).Format("2006-01")
		if mv := byMonth[m]; mv != nil {
			mv.Items = append(mv.Items, s.postView(p, ""))
		}
	}
	if qt.Images == 0 {
		d.CaptionText = "không có ảnh"
	} else {
		d.CaptionText = fmt.Sprintf("%.0f%%", 100*qt.CaptionShare())
	}
	// Twelve months of the unit, evaluated by the same code path.
	months, err := s.evals.Evaluate(r.Context(), evaluation.Options{Period: chartPeriod(v.ev.Now, loc), Unit: u.ID})
	if err != nil {
		return nil, err
	}
	if cu := months.Unit(u.ID); cu != nil && cu.Period != nil {
		// Contributions to the portals, drawn beside the posts.
		var contrib func(month string) (int, bool)
		if cp := cu.ContributionsPeriod; cp != nil && (cp.Total > 0 || k != nil && k.MonthlyContributionQuota > 0) {
			contrib = func(month string) (int, bool) {
				for _, m := range cp.Months {
					if m.Month == month {
						return m.Posts, true
					}
				}
				return 0, false
			}
		}
		d.Chart = buildChart(u, k, cu.Period, contrib)
	}
	for _, p := range v.posts {
		if p.Published.IsZero() {
			if !p.LastSeen.Before(v.quarter.From) && len(d.Undated) < maxUndated {
				_, why := tally.Counted(p)
				d.Undated = append(d.Undated, s.postView(p, why))
			}
			continue
		}
		if !v.quarter.Contains(p.Published) {
			continue
		}
		if ok, why := tally.Counted(p); !ok {
			if mv := byMonth[p.Published.In(loc).Format("2006-01")]; mv != nil {
				mv.Items = append(mv.Items, s.postView(p, why))
				mv.Uncounted++
			}
		}
	}
	for i := range d.Months {
		items := d.Months[i].Items
		sort.SliceStable(items, func(a, b int) bool { return items[a].published.After(items[b].published) })
	}
	// Months that have not begun are left out.
	shown := d.Months[:0]
	for i, m := range d.Months {
		if monthBegun(qt.Months[i].Month, v.ev.Now, loc) {
			shown = append(shown, m)
		}
	}
	d.Months = shown
	// Newest month first.
	for i, j := 0, len(d.Months)-1; i < j; i, j = i+1, j-1 {
		d.Months[i], d.Months[j] = d.Months[j], d.Months[i]
	}

	crawls, err := s.store.Crawls(r.Context(), u.ID, crawlHistory)
	if err != nil {
		return nil, err
	}
	for _, c := range crawls {
		cv := crawlView{
			Started: c.Started.In(loc).Format("15:04 02/01/2006"), Outcome: c.Outcome, OutcomeLabel: outcomeLabel(c.Outcome),
			Class: outcomeClass(c.Outcome), HTTPStatus: c.HTTPStatus, Requests: c.Requests, NotModified: c.NotModified,
			PostsFound: c.PostsFound, PostsNew: c.PostsNew, Error: crawlError(c),
		}
		if !c.Finished.IsZero() {
			cv.Duration = c.Finished.Sub(c.Started).Round(1e9).String()
		}
		d.Crawls = append(d.Crawls, cv)
	}

	d.HasChecks = true
	for _, c := range eu.Checks {
		cv := checkView{Label: checks.CheckLabel(c.Check), State: c.State, StateLabel: evaluation.StateLabel(c.State), Class: stateClass(c.State), Reason: c.Reason}
		keys := make([]string, 0, len(c.Details))
		for k := range c.Details {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			cv.Details = append(cv.Details, k+": "+c.Details[k])
		}
		d.Checks = append(d.Checks, cv)
	}
	if err := s.corrections(r, u, v, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// corrections fills the claims, the audit log and the office's forms of a
// unit page.
func (s *Server) corrections(r *http.Request, u *config.Unit, v *unitView, d *unitData) error {
	ctx := r.Context()
	loc := s.cfg.Location
	q := r.URL.Query()
	d.User = UserFrom(ctx)
	d.NoUser = s.noUserMessage()
	d.ClaimAction = unitURL(u.ID) + "/claim"
	d.ClaimPage = d.ClaimAction
	d.OverrideAction = unitURL(u.ID) + "/override"
	if u.Portal {
		d.Portal = true
		for _, o := range s.cfg.Units {
			d.Senders = append(d.Senders, unitOption{ID: o.ID, Name: o.Name})
		}
	}
	d.ClaimForm.From = "unit"
	d.OverrideForm.URL = cleanLine(q.Get("fix"))
	d.OverrideForm.Action = store.ActionExclude

	cs, err := s.unitClaims(ctx, u.ID)
	if err != nil {
		return err
	}
	d.Claims, d.Notice = s.claimViews(cs, q.Get("claim"), d.User != "")
	for _, c := range d.Claims {
		if c.Pending {
			d.PendingClaims++
		}
	}

	titles := map[string]string{}
	for _, p := range v.posts {
		titles[p.URL] = p.Title
	}
	ovs, err := s.store.Overrides(ctx, u.ID)
	if err != nil {
		return err
	}
	done := q.Get("done")
	for i := len(ovs) - 1; i >= 0; i-- {
		o := ovs[i]
		v := overrideView{
			ID: o.ID, At: o.At.In(loc).Format("15:04 02/01/2006"), Who: o.Who, ActionLabel: export.ActionLabel(o.Action),
			URL: o.URL, Title: titles[o.URL], Why: o.Why, Highlight: done == fmt.Sprintf("override-%d", o.ID),
		}
		if o.Action == store.ActionRedate {
			v.To = o.Published.In(loc).Format("02/01/2006 15:04")
		}
		if o.Action == store.ActionAttribute {
			v.To = "không đơn vị nào"
			if su := s.cfg.Unit(o.AttributedTo); su != nil {
				v.To = su.Name
			}
		}
		if v.Highlight {
			d.Notice = fmt.Sprintf("Đã lưu điều chỉnh #%d: %s. Số tin bên dưới đã tính lại.", o.ID, v.ActionLabel)
		}
		d.Overrides = append(d.Overrides, v)
	}

	// Every listed post gets a link that fills the override form with it.
	seen := map[string]bool{}
	fix := func(p *postView) {
		p.Fix = "?" + url.Values{"quarter": {v.quarter.Label}, "fix": {p.URL}}.Encode() + "#override"
		if !seen[p.URL] {
			seen[p.URL] = true
			d.PostURLs = append(d.PostURLs, p.URL)
		}
	}
	for i := range d.Months {
		for j := range d.Months[i].Items {
			fix(&d.Months[i].Items[j])
		}
	}
	for i := range d.Undated {
		fix(&d.Undated[i])
	}
	return nil
}

func (s *Server) postView(p store.Post, excluded string) postView {
	v := postView{
		Title: p.Title, URL: p.URL, DateSource: p.DateSource, DateRaw: p.DateRaw,
		Images: p.Images, Captioned: p.CaptionedImages, Flags: export.FlagText(p.Flags), Excluded: excluded,
		Status: "Còn", Gone: p.Status == store.StatusGone,
	}
	if v.Gone {
		v.Status = "Đã gỡ"
	}
	if strings.TrimSpace(v.Title) == "" {
		v.Title = p.URL
	}
	if !p.Published.IsZero() {
		v.published = p.Published
		v.Date = p.Published.In(s.cfg.Location).Format("02/01/2006 15:04")
	}
	return v
}

// crawlError is the error of a crawl as the history shows it: the message,
// with its short reason; "" for a crawl without error.
func crawlError(c store.Crawl) string {
	switch {
	case c.Error != "" && c.ErrorReason != "":
		return c.Error + " (" + c.ErrorReason + ")"
	case c.Error != "":
		return c.Error
	case c.ErrorReason != "":
		return c.ErrorReason
	case c.Outcome == store.OutcomeFailed && c.HTTPStatus != 0:
		return fmt.Sprintf("HTTP %d", c.HTTPStatus)
	}
	return ""
}

// monthBegun reports whether month ("2006-01") has begun at now.
func monthBegun(month string, now time.Time, loc *time.Location) bool {
	start, err := time.ParseInLocation("2006-01", month, loc)
	return err == nil && !now.Before(start)
}

func monthClass(state string) string {
	switch state {
	case tally.StateMet, tally.StateNoQuota, tally.StateExempt:
		return classOK
	case tally.StatePending:
		return classPending
	case tally.StateMissed:
		return classBad
	}
	return classUnknown
}

func outcomeLabel(o string) string {
	switch o {
	case store.OutcomeOK:
		return "Thành công"
	case store.OutcomePartial:
		return "Một phần"
	case store.OutcomeFailed:
		return "Thất bại"
	}
	return o
}

func outcomeClass(o string) string {
	switch o {
	case store.OutcomeOK:
		return classOK
	case store.OutcomePartial:
		return classPending
	case store.OutcomeFailed:
		return classBad
	}
	return classUnknown
}

// unitURL is the path of a unit page.
func unitURL(id string) string { return "/unit/" + url.PathEscape(id) }
