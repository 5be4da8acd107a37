package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"sitewatch/config"
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

// snapshot is what the overview and the unit pages compute from the store:
// the tallies of the current month and quarter (one tally.Compute each) and
// the newest crawl of each unit.
type snapshot struct {
	now     time.Time
	month   tally.Period
	quarter tally.Period
	byMonth map[string]*tally.Unit
	byQtr   map[string]*tally.Unit
	// view is the quarter a unit page shows (the current one unless asked),
	// and byView its tallies.
	view   tally.Period
	byView map[string]*tally.Unit
	latest map[string]store.Crawl
	posts  []store.Post
	// lastCrawl is when the newest crawl of any unit finished.
	lastCrawl time.Time
}

func (s *Server) snapshot(r *http.Request, quarter *tally.Period) (*snapshot, error) {
	ctx := r.Context()
	now := s.now()
	loc := s.cfg.Location
	sn := &snapshot{now: now, month: tally.MonthOf(now, loc), quarter: tally.QuarterOf(now, loc)}
	sn.view = sn.quarter
	if quarter != nil {
		sn.view = *quarter
	}
	posts, err := s.store.Posts(ctx, store.PostFilter{IncludeGone: true})
	if err != nil {
		return nil, err
	}
	sn.posts = posts
	// The current month lies in the current quarter.
	from, to := sn.quarter.From, sn.quarter.To
	if sn.view.From.Before(from) {
		from = sn.view.From
	}
	if sn.view.To.After(to) {
		to = sn.view.To
	}
	crawls, err := s.store.CrawlsBetween(ctx, from, to)
	if err != nil {
		return nil, err
	}
	if sn.latest, err = s.store.LatestCrawls(ctx); err != nil {
		return nil, err
	}
	for _, c := range sn.latest {
		if t := crawlTime(c); t.After(sn.lastCrawl) {
			sn.lastCrawl = t
		}
	}
	sn.byMonth = index(tally.Compute(s.cfg, posts, crawls, sn.month, now))
	sn.byQtr = index(tally.Compute(s.cfg, posts, crawls, sn.quarter, now))
	sn.byView = sn.byQtr
	if sn.view.Label != sn.quarter.Label {
		sn.byView = index(tally.Compute(s.cfg, posts, crawls, sn.view, now))
	}
	return sn, nil
}

func index(units []tally.Unit) map[string]*tally.Unit {
	m := make(map[string]*tally.Unit, len(units))
	for i := range units {
		m[units[i].Unit.ID] = &units[i]
	}
	return m
}

func crawlTime(c store.Crawl) time.Time {
	if !c.Finished.IsZero() {
		return c.Finished
	}
	return c.Started
}

// unitStatus is the verdict of one unit on the overview: its colour class,
// a short label and the reasons behind it.
type unitStatus struct {
	Class   string
	Label   string
	Reasons []string
}

// status decides a unit's colour: red when the site is down, a closed month
// of the quarter was missed or the site is stale; amber when the month is
// still short; green otherwise; grey before the first crawl.
func (s *Server) status(sn *snapshot, u *config.Unit) unitStatus {
	loc := s.cfg.Location
	k := s.cfg.KindOf(u)
	mo, qt := sn.byMonth[u.ID], sn.byQtr[u.ID]
	latest, crawled := sn.latest[u.ID]
	var st unitStatus
	var bad, pending []string
	label := "" // of the first bad reason
	addBad := func(l, reason string) {
		if label == "" {
			label = l
		}
		bad = append(bad, reason)
	}
	if crawled && latest.Outcome == store.OutcomeFailed {
		addBad("Không truy cập được", "Trang web không truy cập được"+reasonSuffix(latest))
	}
	if qt != nil {
		for _, m := range qt.Months {
			if m.State == tally.StateMissed {
				addBad("Không đạt", fmt.Sprintf("Không đạt định mức %s (thiếu %d tin)", strings.ToLower(monthTitle(m.Month)), m.Needed))
			}
		}
	}
	if mo != nil && k != nil && k.StaleAfterDays > 0 && crawled {
		if mo.Newest.IsZero() {
			addBad("Chưa có tin", "Chưa ghi nhận tin bài nào")
		} else if d := daysSince(mo.Newest, sn.now, loc); d > k.StaleAfterDays {
			addBad("Chậm cập nhật", fmt.Sprintf("Chậm cập nhật: %d ngày chưa có tin mới (quá %d ngày)", d, k.StaleAfterDays))
		}
	}
	if mo != nil && len(mo.Months) > 0 && mo.Months[0].State == tally.StatePending {
		m := mo.Months[0]
		pending = append(pending, fmt.Sprintf("Tháng này còn thiếu %d tin (hạn %s)", m.Needed, m.Deadline.In(loc).Format("02/01/2006")))
	}
	switch {
	case !crawled:
		// Nothing is known yet: no verdict, whatever the counts say.
		return unitStatus{Class: classUnknown, Label: "Chưa thu thập", Reasons: []string{"Chưa có lần thu thập nào"}}
	case len(bad) > 0:
		st.Class, st.Label = classBad, label
	case len(pending) > 0:
		st.Class, st.Label = classPending, "Đang chờ"
	default:
		st.Class = classOK
		st.Label = "Đạt"
		if mo != nil && len(mo.Months) > 0 && mo.Months[0].State != tally.StateMet {
			st.Label = tally.StateLabel(mo.Months[0].State)
		}
	}
	st.Reasons = append(bad, pending...)
	return st
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

// daysSince counts calendar days in loc from t's day to now's day.
func daysSince(t, now time.Time, loc *time.Location) int {
	a := t.In(loc)
	b := now.In(loc)
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
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

func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	sn, err := s.snapshot(r, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := s.cfg.Location
	block, kind := strings.TrimSpace(r.URL.Query().Get("block")), strings.TrimSpace(r.URL.Query().Get("kind"))
	d := indexData{
		MonthTitle: monthTitle(sn.month.Months()[0]), QuarterTitle: export.PeriodTitle(sn.quarter),
		Block: block, Kind: kind, Filtered: block != "" || kind != "",
		Counts: map[string]int{},
	}
	if !sn.lastCrawl.IsZero() {
		d.LastCrawl = sn.lastCrawl.In(loc).Format("15:04 02/01/2006")
	}
	col := collate.New(language.Vietnamese, collate.IgnoreCase)
	blocks := map[string]bool{}
	for _, u := range s.cfg.Units {
		if !u.IsEnabled() {
			continue
		}
		blocks[u.Block] = true
		if (block != "" && u.Block != block) || (kind != "" && u.Kind != kind) {
			continue
		}
		d.Rows = append(d.Rows, s.indexRow(sn, u))
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
	pending, err := s.store.Claims(r.Context(), store.ClaimPending)
	if err != nil {
		s.fail(w, r, err)
		return
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
	q := quarterParam(sn.quarter)
	d.Exports = []exportLink{
		{Label: "Báo cáo " + export.PeriodTitle(sn.quarter) + " (XLSX)", URL: "/export?" + url.Values{"quarter": {q}, "format": {"xlsx"}}.Encode()},
		{Label: "Báo cáo " + export.PeriodTitle(sn.quarter) + " (CSV, tệp nén)", URL: "/export?" + url.Values{"quarter": {q}, "format": {"csv"}}.Encode()},
		{Label: "Báo cáo " + d.MonthTitle + " (XLSX)", URL: "/export?" + url.Values{"month": {sn.month.Label}, "format": {"xlsx"}}.Encode()},
	}
	s.render(w, r, http.StatusOK, "index", "Tình hình cập nhật tin bài", d)
}

func (s *Server) indexRow(sn *snapshot, u *config.Unit) indexRow {
	loc := s.cfg.Location
	k := s.cfg.KindOf(u)
	row := indexRow{ID: u.ID, Name: u.Name, Kind: u.Kind, KindName: u.Kind, Block: u.Block, URL: u.URL, DaysSince: -1, CaptionShare: -1}
	if k != nil {
		row.KindName = k.Name
		row.Quota = k.MonthlyQuota
	}
	if mo := sn.byMonth[u.ID]; mo != nil {
		row.Posts = mo.Total
		if !mo.Newest.IsZero() {
			row.DaysSince = daysSince(mo.Newest, sn.now, loc)
		}
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
	if qt := sn.byQtr[u.ID]; qt != nil {
		row.QuarterPosts = qt.Total
		row.CaptionShare = qt.CaptionShare()
	}
	if row.CaptionShare < 0 {
		row.CaptionText = "không có ảnh"
	} else {
		row.CaptionText = fmt.Sprintf("%.0f%%", 100*row.CaptionShare)
	}
	row.Site, row.SiteText, row.SiteTitle = siteState(sn.latest, u.ID, loc)
	row.Status = s.status(sn, u)
	return row
}

// siteState describes the newest crawl: a state (up, partial, down, never),
// a label and a tooltip with the time and error.
func siteState(latest map[string]store.Crawl, id string, loc *time.Location) (state, label, title string) {
	c, ok := latest[id]
	if !ok {
		return "never", "Chưa thu thập", ""
	}
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
