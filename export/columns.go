package export

import (
	"time"

	"sitewatch/store"
	"sitewatch/tally"
)

// Sheet names of the workbook.
const (
	SheetSummary  = "Tổng hợp"
	SheetPosts    = "Danh sách tin bài"
	SheetCriteria = "Tiêu chí"
)

// Fixed columns of the summary, before the month columns.
var summaryLead = []string{"STT", "Tên đơn vị", "Loại", "Định mức (tin/tháng)", "Khối", "Website"}

// Per-month sub-columns of the summary.
var summaryMonth = []string{"Số tin", "Đánh giá"}

// Columns of the summary after the month columns.
var summaryTail = []string{"Tổng số tin", "Số ảnh", "Ảnh có chú thích", "Tin mới nhất", "Số ngày không truy cập được", "Đánh giá chung", "Ghi chú"}

// PostHeaders are the columns of the post list, in XLSX and CSV alike.
var PostHeaders = []string{"STT", "Đơn vị", "Khối", "Ngày đăng", "Tiêu đề", "Số ảnh", "Ảnh có chú thích",
	"Nguồn ngày đăng", "Chuỗi ngày gốc", "Tìm thấy qua", "Lần đầu thấy", "Trạng thái", "Cờ", "Địa chỉ"}

// Column positions in PostHeaders (0-based).
const (
	postColDate  = 3
	postColTitle = 4
	postColFirst = 10
	postColURL   = 13
)

// SummaryHeaders are the flat column names of the summary as written in CSV
// ("Tháng 10/2026: số tin"); the XLSX shows the same columns under a two-row
// header.
func (r *Report) SummaryHeaders() []string {
	h := append([]string(nil), summaryLead...)
	for _, m := range r.Period.Months() {
		h = append(h, monthTitle(m)+": số tin", monthTitle(m)+": đánh giá")
	}
	h = append(h, summaryTail...)
	h = append(h, "Mã đơn vị")
	if r.hasPortal() {
		h = append(h, contributionSummary...)
	}
	return h
}

// postRow is one post with its unit, in report order.
type postRow struct {
	unit *tally.Unit
	post *store.Post
}

// postRows lists every counted post of the report: blocks, units in report
// order, each unit's posts oldest first (as tally.Compute returns them).
func (r *Report) postRows() []postRow {
	var out []postRow
	for _, b := range r.blocks() {
		for _, u := range b.Units {
			for i := range u.Posts {
				out = append(out, postRow{unit: u, post: &u.Posts[i]})
			}
		}
	}
	return out
}

// dateOrZero returns t in loc, or the zero time.
func dateOrZero(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(loc)
}
