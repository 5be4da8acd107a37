package export

import (
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"sitewatch/store"
	"sitewatch/tally"
)

// SheetContributions is the sheet of the items the units sent to the
// portals, written when the registry has a portal (a unit with portal: true).
const SheetContributions = "Tin gửi về Sở"

// contributionSummary are the summary's columns of contributions, after
// the unit id, when the registry has a portal.
var contributionSummary = []string{"Tin gửi về Sở", "Ảnh gửi về Sở", "Ảnh gửi về Sở có chú thích"}

// ContributionHeaders are the columns of the sheet "Tin gửi về Sở".
var ContributionHeaders = []string{"STT", "Đơn vị gửi", "Khối", "Ngày đăng", "Tiêu đề", "Số ảnh", "Ảnh có chú thích",
	"Đăng trên", "Đơn vị đọc từ", "Chữ ký trên tin", "Cờ", "Địa chỉ"}

// hasPortal reports whether the registry has a portal unit.
func (r *Report) hasPortal() bool {
	for _, u := range r.Config.Units {
		if u.Portal {
			return true
		}
	}
	return false
}

// summaryTail is the summary's columns after the months.
func (r *Report) summaryTail() []string {
	if !r.hasPortal() {
		return summaryTail
	}
	return append(append([]string(nil), summaryTail...), contributionSummary...)
}

// FoundLabel is the Vietnamese name of where a post's sender was read
// (store.Post.AttributionFound).
func FoundLabel(found string) string {
	switch found {
	case "byline":
		return "Dòng ký tên cuối bài"
	case "author":
		return "Tác giả"
	case "source":
		return "Nguồn tin"
	case "title":
		return "Tiêu đề"
	case store.FoundOffice:
		return "Văn phòng xác định"
	}
	return found
}

// contributionRows lists the counted contributions: blocks and units in
// report order, each unit's items oldest first.
func (r *Report) contributionRows() []postRow {
	var out []postRow
	for _, b := range r.blocks() {
		for _, u := range b.Units {
			c := r.Contributions[u.Unit.ID]
			for i := range c.Items {
				out = append(out, postRow{unit: u, post: &c.Items[i]})
			}
		}
	}
	// Units that sent items but are not in the report (not watched) last.
	var rest []string
	in := map[string]bool{}
	for _, u := range r.Units {
		in[u.Unit.ID] = true
	}
	for id, c := range r.Contributions {
		if !in[id] && c.Total > 0 {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	for _, id := range rest {
		c := r.Contributions[id]
		u := &tally.Unit{Unit: c.Unit}
		for i := range c.Items {
			out = append(out, postRow{unit: u, post: &c.Items[i]})
		}
	}
	return out
}

// contributionTotals writes the contribution sums of units at column col of row.
func (r *Report) contributionTotals(w *sheetWriter, row int, units []*tally.Unit, col, style int) {
	if !r.hasPortal() {
		return
	}
	var n, img, capd int
	for _, u := range units {
		c := r.Contributions[u.Unit.ID]
		n, img, capd = n+c.Total, img+c.Images, capd+c.CaptionedImages
	}
	w.int(col, row, n, style)
	w.int(col+1, row, img, style)
	w.int(col+2, row, capd, style)
}

// writeContributions writes every counted contribution of the period, each
// linked to its page on the portal: the evidence of the per-unit totals.
func writeContributions(f *excelize.File, st *styles, r *Report) (*sheetWriter, error) {
	w := newSheetWriter(f, SheetContributions, st)
	loc := r.loc()
	w.listHead(st, "TIN, BÀI, ẢNH CÁC ĐƠN VỊ GỬI VỀ SỞ (ĐÃ ĐĂNG): "+strings.ToUpper(PeriodTitle(r.Period))+" ("+periodDates(r.Period)+")", ContributionHeaders)
	row := postFirstData
	for i, pr := range r.contributionRows() {
		p := pr.post
		w.int(1, row, i+1, st.num)
		w.str(2, row, pr.unit.Unit.Name, st.wrap)
		w.str(3, row, blockName(pr.unit), st.wrap)
		w.date(4, row, dateOrZero(p.Published, loc), st.dateTime, 16)
		title := p.Title
		if strings.TrimSpace(title) == "" {
			title = p.URL
		}
		w.link(5, row, title, p.URL, st.link, st.wrap)
		w.int(6, row, p.Images, st.num)
		w.int(7, row, p.CaptionedImages, st.num)
		portal := p.UnitID
		if u := r.Config.Unit(p.UnitID); u != nil {
			portal = u.Name
		}
		w.str(8, row, portal, st.wrap)
		w.str(9, row, FoundLabel(p.AttributionFound), st.wrap)
		w.str(10, row, p.AttributionText, st.wrap)
		w.str(11, row, FlagText(p.Flags), st.wrap)
		w.str(12, row, p.URL, st.wrap)
		row++
	}
	w.fitColumns(len(ContributionHeaders), map[int]int{1: 5, 2: 18, 3: 10, 4: 16, 5: 30, 6: 6, 7: 9, 8: 14, 9: 12, 10: 20, 11: 8, 12: 20},
		map[int]int{1: 7, 2: 26, 3: 14, 4: 16, 5: 50, 6: 6, 7: 9, 8: 22, 9: 16, 10: 36, 11: 26, 12: 36})
	w.rowHeight(postHeadRow, 32)
	w.fitRows(postFirstData, row-1)
	w.freeze(3, postFirstData)
	if row > postFirstData {
		w.set(f.AutoFilter(w.sheet, cell(1, postHeadRow)+":"+cell(len(ContributionHeaders), row-1), nil))
	}
	w.printSetup(postHeadRow)
	return w, w.err
}
