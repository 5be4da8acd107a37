package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"sitewatch/checks"
	"sitewatch/evaluation"
	"sitewatch/export"
	"sitewatch/store"
	"sitewatch/tally"
)

// Row classes, by state: green, amber, red, grey.
const (
	classOK      = "ok"
	classPending = "pending"
	classBad     = "bad"
	classUnknown = "unknown"
)

// stateClass is the colour class of a state (of a unit or of a check).
func stateClass(state string) string {
	switch state {
	case evaluation.StateOK:
		return classOK
	case evaluation.StateWarn:
		return classPending
	case evaluation.StateFail:
		return classBad
	}
	return classUnknown
}

// current is the evaluation the pages render (see Evaluations.Current).
func (s *Server) current(r *http.Request) (*evaluation.Evaluation, error) {
	if s.evals == nil {
		return nil, errors.New("web: no evaluations configured")
	}
	return s.evals.Current(r.Context())
}

func crawlTime(c store.Crawl) time.Time {
	if !c.Finished.IsZero() {
		return c.Finished
	}
	return c.Started
}

// unitStatus is the verdict of one unit as the pages show it: its colour
// class, the Vietnamese word of its state and the reasons behind it. It is
// read from evaluation.Unit.Verdict, never decided here.
type unitStatus struct {
	Class   string
	Label   string
	Reasons []string
}

func statusOf(u *evaluation.Unit) unitStatus {
	st := unitStatus{Class: stateClass(u.Verdict.State), Label: u.Verdict.Label()}
	for _, r := range u.Verdict.Reasons {
		st.Reasons = append(st.Reasons, checks.CheckLabel(r.Check)+": "+r.Text)
	}
	return st
}

// indexRow is one unit on the overview.
type indexRow struct {
	ID, Name, Kind, KindName, Block, URL string
	Posts, Quota                         int
	PostsText                            string
	QuarterPosts                         int
	DaysSince                            int // -1: no post
	DaysText                             string
	CaptionShare                         float64 // -1: no image
	CaptionText                          string
	Site, SiteText, SiteTitle            string
	Status                               unitStatus
	Order                                int
}

type option struct {
	Value, Label string
	Selected     bool
}

type indexData struct {
	Rows          []indexRow
	Total         int
	Counts        map[string]int
	MonthTitle    string
	QuarterTitle  string
	LastCrawl     string
	Blocks, Kinds []option
	Block, Kind   string
	Filtered      bool
	Exports       []exportLink
	// Grid is the unit × month picture of the quarter (or of the year with ?grid=year).
	Grid grid
	// Claims are the units with claims waiting for the office.
	Claims []pendingClaims
}

// pendingClaims counts the claims of one unit waiting for the office.
type pendingClaims struct {
	ID, Name string
	N        int
}

type exportLink struct {
	Label, URL string
}

// handleIndex answers the overview from the snapshot. The page is rendered
// once per snapshot, filter and set of pending claims (see pageCache): the
// claims are read at each view, since a unit may add one from the command
// line without a new snapshot.
func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	ev, err := s.current(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	block, kind := strings.TrimSpace(r.URL.Query().Get("block")), strings.TrimSpace(r.URL.Query().Get("kind"))
	pending, err := s.store.Claims(r.Context(), store.ClaimPending)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := []string{block, kind, r.URL.Query().Get("grid")}
	for _, c := range pending {
		key = append(key, strconv.FormatInt(c.ID, 10))
	}
	s.renderCached(w, r, ev, strings.Join(key, "\x00"), func() (string, string, any, error) {
		d, err := s.indexData(r, ev, block, kind, pending)
		return "index", "Tình hình cập nhật tin bài", d, err
	})
}

// indexData builds the overview's rows and filters from the snapshot.
func (s *Server) indexData(r *http.Request, ev *evaluation.Evaluation, block, kind string, pending []store.Claim) (indexData, error) {
	loc := s.cfg.Location
	d := indexData{
		MonthTitle: monthTitle(ev.Month.Label), QuarterTitle: export.PeriodTitle(ev.Quarter),
		Block: block, Kind: kind, Filtered: block != "" || kind != "",
		Counts: map[string]int{},
	}
	if !ev.LastCrawl.IsZero() {
		d.LastCrawl = ev.LastCrawl.In(loc).Format("15:04 02/01/2006")
	}
	col := collate.New(language.Vietnamese, collate.IgnoreCase)
	blocks := map[string]bool{}
	for _, eu := range ev.Enabled() {
		u := eu.Unit
		blocks[u.Block] = true
		if (block != "" && u.Block != block) || (kind != "" && u.Kind != kind) {
			continue
		}
		d.Rows = append(d.Rows, s.indexRow(eu))
	}
	sort.SliceStable(d.Rows, func(a, b int) bool {
		x, y := d.Rows[a], d.Rows[b]
		if x.Block != y.Block {
			return col.CompareString(x.Block, y.Block) < 0
		}
		return col.CompareString(x.Name, y.Name) < 0
	})
	for i := range d.Rows {
		d.Rows[i].Order = i
		d.Counts[d.Rows[i].Status.Class]++
	}
	d.Total = len(d.Rows)
	var err error
	if d.Grid, err = s.indexGrid(r, ev, d.Rows, block, kind); err != nil {
		return d, err
	}
	var names []string
	for b := range blocks {
		names = append(names, b)
	}
	sort.Slice(names, func(a, b int) bool { return col.CompareString(names[a], names[b]) < 0 })
	for _, b := range names {
		label := b
		if label == "" {
			label = "(chưa phân khối)"
		}
		d.Blocks = append(d.Blocks, option{Value: b, Label: label, Selected: b == block})
	}
	for _, id := range s.cfg.KindOrder {
		if k := s.cfg.Kinds[id]; k != nil {
			d.Kinds = append(d.Kinds, option{Value: id, Label: k.Name, Selected: id == kind})
		}
	}
	at := map[string]int{}
	for _, c := range pending {
		u := s.cfg.Unit(c.UnitID)
		if u == nil {
			continue
		}
		i, ok := at[u.ID]
		if !ok {
			i = len(d.Claims)
			at[u.ID] = i
			d.Claims = append(d.Claims, pendingClaims{ID: u.ID, Name: u.Name})
		}
		d.Claims[i].N++
	}
	q := quarterParam(ev.Quarter)
	d.Exports = []exportLink{
		{Label: "Báo cáo " + export.PeriodTitle(ev.Quarter) + " (XLSX)", URL: "/export?" + url.Values{"quarter": {q}, "format": {"xlsx"}}.Encode()},
		{Label: "Báo cáo " + export.PeriodTitle(ev.Quarter) + " (CSV, tệp nén)", URL: "/export?" + url.Values{"quarter": {q}, "format": {"csv"}}.Encode()},
		{Label: "Báo cáo " + d.MonthTitle + " (XLSX)", URL: "/export?" + url.Values{"month": {ev.Month.Label}, "format": {"xlsx"}}.Encode()},
	}
	return d, nil
}

// indexRow lays out the evaluation of one unit; every number and the
// state come from eu.
func (s *Server) indexRow(eu *evaluation.Unit) indexRow {
	loc := s.cfg.Location
	u, c := eu.Unit, eu.Counts
	row := indexRow{ID: u.ID, Name: u.Name, Kind: u.Kind, KindName: u.Kind, Block: u.Block, URL: u.URL,
		Posts: c.PostsMonth, Quota: c.Quota, QuarterPosts: c.PostsQuarter,
		DaysSince: c.DaysSinceLastPost, CaptionShare: c.CaptionShareQuarter()}
	if eu.Kind != nil {
		row.KindName = eu.Kind.Name
	}
	if row.Quota > 0 {
		row.PostsText = fmt.Sprintf("%d/%d", row.Posts, row.Quota)
	} else {
		row.PostsText = fmt.Sprint(row.Posts)
	}
	switch row.DaysSince {
	case -1:
		row.DaysText = "chưa có tin"
	case 0:
		row.DaysText = "hôm nay"
	default:
		row.DaysText = fmt.Sprintf("%d ngày", row.DaysSince)
	}
	if row.CaptionShare < 0 {
		row.CaptionText = "không có ảnh"
	} else {
		row.CaptionText = fmt.Sprintf("%.0f%%", 100*row.CaptionShare)
	}
	row.Site, row.SiteText, row.SiteTitle = siteState(eu.Latest, loc)
	row.Status = statusOf(eu)
	return row
}

// siteState describes the newest crawl: a state (up, partial, down, never),
// a label and a tooltip with the time and error.
func siteState(latest *store.Crawl, loc *time.Location) (state, label, title string) {
	if latest == nil {
		return "never", "Chưa thu thập", ""
	}
	c := *latest
	title = "Lần thu thập gần nhất: " + crawlTime(c).In(loc).Format("15:04 02/01/2006")
	switch c.Outcome {
	case store.OutcomeOK:
		return "up", "Hoạt động", title
	case store.OutcomePartial:
		return "partial", "Một phần", title + reasonText(c)
	default:
		return "down", "Không truy cập được", title + reasonText(c)
	}
}

func reasonSuffix(c store.Crawl) string {
	switch {
	case c.ErrorReason != "":
		return " (" + c.ErrorReason + ")"
	case c.HTTPStatus != 0:
		return fmt.Sprintf(" (HTTP %d)", c.HTTPStatus)
	}
	return ""
}

func reasonText(c store.Crawl) string {
	if c.Error != "" {
		return " — " + c.Error
	}
	return reasonSuffix(c)
}

func quarterParam(p tally.Period) string { return p.Label }

// monthTitle turns "2026-10" into "Tháng 10/2026".
func monthTitle(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return fmt.Sprintf("Tháng %d/%d", t.Month(), t.Year())
}

// indexGrid draws the overview's grid of rows: the quarter of ev, or the
// year with ?grid=year (evaluated over the year by the same code path); its
// caption links to the other.
func (s *Server) indexGrid(r *http.Request, ev *evaluation.Evaluation, rows []indexRow, block, kind string) (grid, error) {
	q := url.Values{}
	if block != "" {
		q.Set("block", block)
	}
	if kind != "" {
		q.Set("kind", kind)
	}
	if r.URL.Query().Get("grid") == "year" {
		p := yearPeriod(ev.Now, s.cfg.Location)
		yev, err := s.evals.Evaluate(r.Context(), evaluation.Options{Period: p})
		if err != nil {
			return grid{}, err
		}
		units := map[string]*tally.Unit{}
		for i := range yev.Units {
			units[yev.Units[i].Unit.ID] = yev.Units[i].Period
		}
		g := buildGrid(p, units, rows, ev.Now)
		g.Other, g.OtherLabel = "/?"+q.Encode(), "Xem "+export.PeriodTitle(ev.Quarter)
		return g, nil
	}
	units := map[string]*tally.Unit{}
	for i := range ev.Units {
		units[ev.Units[i].Unit.ID] = &ev.Units[i].Quarter
	}
	g := buildGrid(ev.Quarter, units, rows, ev.Now)
	q.Set("grid", "year")
	g.Other, g.OtherLabel = "/?"+q.Encode(), fmt.Sprintf("Xem cả năm %d", ev.Now.In(s.cfg.Location).Year())
	return g, nil
}
