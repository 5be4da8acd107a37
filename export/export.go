// Package export writes the quarterly emulation report (báo cáo thi đua) of
// sitewatch as an XLSX workbook or as two CSV files.
//
// Every number and state in the report comes from an evaluation.Evaluation
// (FromEvaluation, Build); this package lays them out and explains them, it
// never counts posts or judges a unit itself. Text taken from websites
// (titles, URLs, raw date strings) is always written as text: as a string
// cell in XLSX, and with a
// leading apostrophe in CSV when it would otherwise start a formula.
package export

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/store"
	"sitewatch/tally"
)

// DefaultDispatch names the provincial dispatch when Report.Dispatch is empty.
const DefaultDispatch = "Công văn của Sở GD&ĐT về việc cập nhật tin, bài trên trang thông tin điện tử của các đơn vị"

// Report is everything one report shows. The zero value is not usable:
// Config and Period are required.
type Report struct {
	// Config is the registry the numbers were computed with (kinds, quotas, zone).
	Config *config.Config
	// Period is the reporting period (a quarter, a month or a date range).
	Period tally.Period
	// Units are the tallies of Period, in any order.
	Units []tally.Unit
	// Evaluation is the evaluation the tallies come from; it gives each
	// unit's overall state and staleness. When nil (a report laid out from
	// tallies alone) the state column reads "Chưa rõ" and nothing is said
	// about staleness.
	Evaluation *evaluation.Evaluation
	// Generated is when the report was produced.
	Generated time.Time
	// DataAsOf is when the data was collected (the newest crawl); zero when unknown.
	DataAsOf time.Time
	// Overrides is the audit log of office overrides (one line each); may be empty.
	Overrides []string
	// Dispatch names the provincial dispatch the quotas come from. Default DefaultDispatch.
	Dispatch string
	// Contributions are, by unit id, the items each unit sent to the
	// portals in Period (the sheet "Tin gửi về Sở"); empty without a portal.
	Contributions map[string]tally.Contributions
}

// block is one emulation block with its units in report order.
type block struct {
	Name  string
	Units []*tally.Unit
}

// noBlock labels units without an emulation block.
const noBlock = "Chưa phân khối"

// blocks groups the units by block, blocks and units sorted by Vietnamese
// collation, units without a block last.
func (r *Report) blocks() []block {
	col := collate.New(language.Vietnamese, collate.IgnoreCase)
	idx := map[string]int{}
	var out []block
	for i := range r.Units {
		u := &r.Units[i]
		name := strings.TrimSpace(u.Unit.Block)
		if name == "" {
			name = noBlock
		}
		j, ok := idx[name]
		if !ok {
			j = len(out)
			idx[name] = j
			out = append(out, block{Name: name})
		}
		out[j].Units = append(out[j].Units, u)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if (out[a].Name == noBlock) != (out[b].Name == noBlock) {
			return out[b].Name == noBlock
		}
		return col.CompareString(out[a].Name, out[b].Name) < 0
	})
	for _, b := range out {
		sort.SliceStable(b.Units, func(x, y int) bool {
			if c := col.CompareString(b.Units[x].Unit.Name, b.Units[y].Unit.Name); c != 0 {
				return c < 0
			}
			return b.Units[x].Unit.ID < b.Units[y].Unit.ID
		})
	}
	return out
}

func (r *Report) loc() *time.Location {
	if r.Period.Loc != nil {
		return r.Period.Loc
	}
	if r.Config != nil && r.Config.Location != nil {
		return r.Config.Location
	}
	return time.UTC
}

func (r *Report) dispatch() string {
	if r.Dispatch != "" {
		return r.Dispatch
	}
	return DefaultDispatch
}

func (r *Report) check() error {
	if r == nil || r.Config == nil {
		return fmt.Errorf("export: report needs a configuration")
	}
	if r.Period.From.IsZero() || !r.Period.To.After(r.Period.From) {
		return fmt.Errorf("export: report needs a non-empty period")
	}
	return nil
}

// kindName is the Vietnamese label of the unit's kind.
func kindName(u *tally.Unit) string {
	if u.Kind != nil && u.Kind.Name != "" {
		return u.Kind.Name
	}
	return u.Unit.Kind
}

func quota(u *tally.Unit) int {
	if u.Kind == nil {
		return 0
	}
	return u.Kind.MonthlyQuota
}

var romanQuarter = [...]string{"I", "II", "III", "IV"}

// PeriodTitle is the Vietnamese name of a period: "Quý IV/2026",
// "Tháng 11/2026" or "Từ 01/10/2026 đến 30/11/2026".
func PeriodTitle(p tally.Period) string {
	from := p.From.In(p.Loc)
	last := p.To.In(p.Loc).AddDate(0, 0, -1)
	if from.Day() == 1 && p.To.In(p.Loc).Day() == 1 {
		switch {
		case from.AddDate(0, 1, 0).Equal(p.To):
			return fmt.Sprintf("Tháng %d/%d", from.Month(), from.Year())
		case from.AddDate(0, 3, 0).Equal(p.To) && (from.Month()-1)%3 == 0:
			return fmt.Sprintf("Quý %s/%d", romanQuarter[(from.Month()-1)/3], from.Year())
		}
	}
	return fmt.Sprintf("Từ %s đến %s", from.Format("02/01/2006"), last.Format("02/01/2006"))
}

// periodDates is "01/10/2026 – 31/12/2026".
func periodDates(p tally.Period) string {
	return p.From.In(p.Loc).Format("02/01/2006") + " – " + p.To.In(p.Loc).AddDate(0, 0, -1).Format("02/01/2006")
}

// monthTitle turns "2026-10" into "Tháng 10/2026".
func monthTitle(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return fmt.Sprintf("Tháng %d/%d", t.Month(), t.Year())
}

// monthShort turns "2026-10" into "10" (or "10/2026" when the period spans years).
func monthShort(m string, multiYear bool) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	if multiYear {
		return fmt.Sprintf("%d/%d", t.Month(), t.Year())
	}
	return fmt.Sprint(int(t.Month()))
}

func (r *Report) multiYear() bool {
	ms := r.Period.Months()
	return len(ms) > 0 && ms[0][:4] != ms[len(ms)-1][:4]
}

// stateLabel is the month verdict as the report shows it.
func stateLabel(s string) string { return tally.StateLabel(s) }

// Remarks explains a unit's row in Vietnamese: unreachable days, missed and
// pending months, exemptions, staleness.
func (r *Report) Remarks(u *tally.Unit) []string {
	var out []string
	loc := r.loc()
	my := r.multiYear()
	if !u.Unit.IsEnabled() {
		out = append(out, "Đơn vị không còn được theo dõi")
	}
	if u.DaysUnreachable > 0 {
		out = append(out, fmt.Sprintf("Trang web không truy cập được %d ngày: số liệu có thể thiếu", u.DaysUnreachable))
	}
	for _, m := range u.Months {
		switch m.State {
		case tally.StateMissed:
			out = append(out, fmt.Sprintf("Chưa đạt định mức tháng %s (thiếu %d tin)", monthShort(m.Month, my), m.Needed))
		case tally.StatePending:
			if ref := r.reference(); !ref.IsZero() && ref.Before(monthStart(m.Month, loc)) {
				continue // not begun yet: nothing to say
			}
			out = append(out, fmt.Sprintf("Tháng %s còn thiếu %d tin (hạn %s)", monthShort(m.Month, my), m.Needed, m.Deadline.In(loc).Format("02/01/2006")))
		case tally.StateExempt:
			out = append(out, fmt.Sprintf("Miễn định mức tháng %s", monthShort(m.Month, my)))
		}
	}
	if u.Newest.IsZero() {
		out = append(out, "Chưa ghi nhận tin bài nào")
	} else if eu := r.unit(u); eu != nil && eu.Stale {
		out = append(out, fmt.Sprintf("%d ngày chưa có tin mới (tính đến %s)", eu.Counts.DaysSinceLastPost, r.Evaluation.Now.In(loc).Format("02/01/2006")))
	}
	return out
}

// unit returns the evaluation of u, nil without one.
func (r *Report) unit(u *tally.Unit) *evaluation.Unit {
	if r.Evaluation == nil {
		return nil
	}
	return r.Evaluation.Unit(u.Unit.ID)
}

// State is the overall state of u (evaluation.Verdict.State), unknown
// without an evaluation.
func (r *Report) State(u *tally.Unit) string {
	if eu := r.unit(u); eu != nil {
		return eu.Verdict.State
	}
	return evaluation.StateUnknown
}

// reference is the moment the report speaks from: when it was generated,
// else when the data was collected.
func (r *Report) reference() time.Time {
	if !r.Generated.IsZero() {
		return r.Generated
	}
	return r.DataAsOf
}

func monthStart(m string, loc *time.Location) time.Time {
	t, _ := time.ParseInLocation("2006-01", m, loc)
	return t
}

// postStatus is the Vietnamese status of a post.
func postStatus(p *store.Post) string {
	if p.Status == store.StatusGone {
		return "Đã gỡ"
	}
	return "Còn"
}

// flagLabels are the Vietnamese names of the post flags the crawler and the
// office set; an unknown flag is shown by its key.
var flagLabels = map[string]string{
	store.FlagBackdated: "Đăng lùi ngày",
	store.FlagCopied:    "Trùng nội dung",
	store.FlagEmpty:     "Nội dung trống",
	store.FlagRedated:   "Đổi ngày đăng",
	store.FlagGone:      "Đã gỡ",
	store.FlagSpam:      "Nội dung lạ (cờ bạc, quảng cáo)",
	// Set by office overrides and approved claims (store).
	store.FlagExcluded:         "Văn phòng loại",
	store.FlagIncluded:         "Văn phòng tính",
	store.FlagOfficeRedated:    "Văn phòng sửa ngày đăng",
	store.FlagClaimed:          "Đơn vị đề nghị, văn phòng đã duyệt",
	store.FlagOfficeAttributed: "Văn phòng xác định đơn vị gửi tin",
	// Notes on what inspecting a claimed URL found (web).
	store.NoteNotPost:      "Không giống tin bài",
	store.NoteInspectError: "Không kiểm tra được",
	store.NoteOtherSite:    "Không thuộc trang web của đơn vị",
	store.NoteKnown:        "sitewatch đã có tin này",
}

// FlagLabel is the Vietnamese name of a post flag.
func FlagLabel(key string) string {
	if l, ok := flagLabels[key]; ok {
		return l
	}
	return key
}

// flagDetail is a flag's value as office staff read it: the kind of an
// empty post in Vietnamese, other values as the setter wrote them.
func flagDetail(key, v string) string {
	if key == store.FlagEmpty {
		return store.EmptyText(v)
	}
	return v
}

// FlagText renders the post flags as "Label: detail; Label: detail", sorted by key.
func FlagText(flags map[string]string) string {
	keys := make([]string, 0, len(flags))
	for k := range flags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		if v := flagDetail(k, flags[k]); v != "" {
			parts = append(parts, FlagLabel(k)+": "+v)
		} else {
			parts = append(parts, FlagLabel(k))
		}
	}
	return strings.Join(parts, "; ")
}

// stateCount is "3/5 đạt" for a block's month, or "" when no unit has a quota.
func stateCount(units []*tally.Unit, i int) string {
	met, withQuota := 0, 0
	for _, u := range units {
		if i >= len(u.Months) {
			continue
		}
		switch u.Months[i].State {
		case tally.StateMet:
			met++
			withQuota++
		case tally.StateMissed, tally.StatePending:
			withQuota++
		}
	}
	if withQuota == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d đạt", met, withQuota)
}

// Only returns a copy of the report restricted to the units of the
// emulation block named block (the block's own report, e.g. attached to the
// notice its leader receives).
func (r *Report) Only(block string) *Report {
	c := *r
	c.Units = nil
	for _, u := range r.Units {
		if strings.TrimSpace(u.Unit.Block) == block {
			c.Units = append(c.Units, u)
		}
	}
	if r.Contributions != nil {
		c.Contributions = map[string]tally.Contributions{}
		for id, con := range r.Contributions {
			if con.Unit != nil && strings.TrimSpace(con.Unit.Block) == block {
				c.Contributions[id] = con
			}
		}
	}
	return &c
}
