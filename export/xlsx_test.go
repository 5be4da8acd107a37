package export

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sitewatch/tally"
)

func writeWorkbook(t *testing.T, r *Report) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	data := buf.Bytes()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f, data
}

func get(t *testing.T, f *excelize.File, sheet string, col, row int) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell(col, row))
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell(col, row), err)
	}
	return v
}

func TestWriteXLSXSheetsAndHeaders(t *testing.T) {
	t.Parallel()
	fx := loadFixture(t)
	f, _ := writeWorkbook(t, fx.report())
	if got, want := strings.Join(f.GetSheetList(), "|"), SheetSummary+"|"+SheetPosts+"|"+SheetCriteria; got != want {
		t.Fatalf("sheets = %q, want %q", got, want)
	}
	wantHead := map[string]string{
		"A3": "STT", "B3": "Tên đơn vị", "C3": "Loại", "D3": "Định mức (tin/tháng)", "E3": "Khối", "F3": "Website",
		"G3": "Tháng 10/2026", "G4": "Số tin", "H4": "Đánh giá", "I3": "Tháng 11/2026", "K3": "Tháng 12/2026", "L4": "Đánh giá",
		"M3": "Tổng số tin", "N3": "Số ảnh", "O3": "Ảnh có chú thích", "P3": "Tin mới nhất", "Q3": "Số ngày không truy cập được", "R3": "Đánh giá chung", "S3": "Ghi chú",
	}
	for c, want := range wantHead {
		if got, _ := f.GetCellValue(SheetSummary, c); got != want {
			t.Errorf("%s!%s = %q, want %q", SheetSummary, c, got, want)
		}
	}
	for i, want := range PostHeaders {
		if got := get(t, f, SheetPosts, i+1, postHeadRow); got != want {
			t.Errorf("%s header %d = %q, want %q", SheetPosts, i+1, got, want)
		}
	}
	for _, sheet := range []string{SheetSummary, SheetPosts} {
		panes, err := f.GetPanes(sheet)
		if err != nil || !panes.Freeze {
			t.Errorf("%s: panes not frozen (%+v, %v)", sheet, panes, err)
		}
		lay, err := f.GetPageLayout(sheet)
		if err != nil || lay.Size == nil || *lay.Size != 9 || lay.Orientation == nil || *lay.Orientation != "landscape" || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
			t.Errorf("%s: page layout %+v (%v), want A4 landscape fit to width", sheet, lay, err)
		}
	}
	var titles []string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles = append(titles, dn.Scope+"="+dn.RefersTo)
		}
	}
	if len(titles) != 2 {
		t.Errorf("print titles = %v, want one per data sheet", titles)
	}
}

// TestWriteXLSXCounts reads the summary back and checks every number against
// the tally input.
func TestWriteXLSXCounts(t *testing.T) {
	t.Parallel()
	fx := loadFixture(t)
	r := fx.report()
	f, _ := writeWorkbook(t, r)
	rows, err := f.GetRows(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string][]string{}
	var order []string
	for _, row := range rows[sumFirstData-1:] {
		if len(row) > 1 && row[0] != "" {
			byName[row[1]] = row
			order = append(order, row[1])
		}
	}
	if len(byName) != len(fx.units) {
		t.Fatalf("summary has %d unit rows, want %d: %v", len(byName), len(fx.units), order)
	}
	nMonths := len(fx.period.Months())
	tail := len(summaryLead) + 2*nMonths
	for _, u := range fx.units {
		t.Run(u.Unit.ID, func(t *testing.T) {
			row, ok := byName[u.Unit.Name]
			if !ok {
				t.Fatalf("no row for %q", u.Unit.Name)
			}
			for i, m := range u.Months {
				if got := row[len(summaryLead)+2*i]; got != strconv.Itoa(m.Posts) {
					t.Errorf("%s posts = %s, want %d", m.Month, got, m.Posts)
				}
				if got := row[len(summaryLead)+2*i+1]; got != tally.StateLabel(m.State) {
					t.Errorf("%s state = %s, want %s", m.Month, got, tally.StateLabel(m.State))
				}
			}
			for i, want := range []int{u.Total, u.Images, u.CaptionedImages} {
				if got := row[tail+i]; got != strconv.Itoa(want) {
					t.Errorf("column %s = %s, want %d", summaryTail[i], got, want)
				}
			}
			if got := row[tail+4]; got != strconv.Itoa(u.DaysUnreachable) {
				t.Errorf("days unreachable = %s, want %d", got, u.DaysUnreachable)
			}
			if !u.Newest.IsZero() {
				if got, want := row[tail+3], u.Newest.In(fx.cfg.Location).Format("02/01/2006"); got != want {
					t.Errorf("newest = %s, want %s", got, want)
				}
			}
		})
	}
	// Vietnamese collation: "Ánh" sorts before "Bắc" (byte order would not).
	if a, b := index(order, "Trường THPT Ánh Sáng"), index(order, "Trường THPT Bắc Sơn"); a < 0 || b < 0 || a > b {
		t.Errorf("unit order %v: want Ánh Sáng before Bắc Sơn", order)
	}
	bacSon := byName["Trường THPT Bắc Sơn"]
	if note := bacSon[len(bacSon)-1]; !strings.Contains(note, "không truy cập được 3 ngày") || !strings.Contains(note, "Chưa đạt định mức tháng 10") {
		t.Errorf("Bắc Sơn remark = %q", note)
	}
	// Block totals: posts of the THPT block in October and the grand total.
	var thptTotal, grand []string
	for _, row := range rows {
		if len(row) > 1 && strings.HasPrefix(row[1], "Cộng Khối THPT") {
			thptTotal = row
		}
		if len(row) > 1 && strings.HasPrefix(row[1], "Tổng cộng") {
			grand = row
		}
	}
	if thptTotal == nil || grand == nil {
		t.Fatalf("missing totals rows")
	}
	octTHPT := fx.unit("thpt-anh-sang").Months[0].Posts + fx.unit("thpt-bac-son").Months[0].Posts
	if got := thptTotal[len(summaryLead)]; got != strconv.Itoa(octTHPT) {
		t.Errorf("THPT October total = %s, want %d", got, octTHPT)
	}
	if got := thptTotal[len(summaryLead)+1]; got != "1/2 đạt" {
		t.Errorf("THPT October verdict = %q, want 1/2 đạt", got)
	}
	all := 0
	for _, u := range fx.units {
		all += u.Total
	}
	if got := grand[tail]; got != strconv.Itoa(all) {
		t.Errorf("grand total = %s, want %d", got, all)
	}
}

func index(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// TestWriteXLSXPosts checks the post list: one row per counted post, real
// date cells, hyperlinks, and titles that stay text.
func TestWriteXLSXPosts(t *testing.T) {
	t.Parallel()
	fx := loadFixture(t)
	f, data := writeWorkbook(t, fx.report())
	want := 0
	for _, u := range fx.units {
		want += len(u.Posts)
	}
	rows, err := f.GetRows(SheetPosts)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rows) - postHeadRow; got != want {
		t.Fatalf("post rows = %d, want %d", got, want)
	}
	byURL := map[string]int{}
	for i := postFirstData; i <= len(rows); i++ {
		byURL[get(t, f, SheetPosts, postColURL+1, i)] = i
	}
	dateFmt := map[int]bool{}
	for _, u := range fx.units {
		for _, p := range u.Posts {
			row, ok := byURL[p.URL]
			if !ok {
				t.Errorf("post %s missing", p.URL)
				continue
			}
			title := cell(postColTitle+1, row)
			if got := get(t, f, SheetPosts, postColTitle+1, row); got != p.Title {
				t.Errorf("%s title = %q, want %q", title, got, p.Title)
			}
			if ft, _ := f.GetCellFormula(SheetPosts, title); ft != "" {
				t.Errorf("%s has formula %q", title, ft)
			}
			if ct, _ := f.GetCellType(SheetPosts, title); ct != excelize.CellTypeInlineString {
				t.Errorf("%s cell type = %v, want an inline string", title, ct)
			}
			if ok, link, err := f.GetCellHyperLink(SheetPosts, title); err != nil || !ok || link != p.URL {
				t.Errorf("%s hyperlink = %v %q %v, want %q", title, ok, link, err, p.URL)
			}
			date := cell(postColDate+1, row)
			raw, _ := f.GetCellValue(SheetPosts, date, excelize.Options{RawCellValue: true})
			serial, err := strconv.ParseFloat(raw, 64)
			if err != nil || serial < 40000 {
				t.Errorf("%s raw value %q is not a date serial", date, raw)
			}
			if got, want := get(t, f, SheetPosts, postColDate+1, row), p.Published.In(fx.cfg.Location).Format("02/01/2006 15:04"); got != want {
				t.Errorf("%s = %q, want %q", date, got, want)
			}
			sid, _ := f.GetCellStyle(SheetPosts, date)
			dateFmt[sid] = true
			if p.Status == "gone" {
				if got := get(t, f, SheetPosts, 12, row); got != "Đã gỡ" {
					t.Errorf("gone post status = %q", got)
				}
			}
		}
	}
	for sid := range dateFmt {
		st, err := f.GetStyle(sid)
		if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "dd/mm/yyyy hh:mm" {
			t.Errorf("date style %d = %+v (%v), want dd/mm/yyyy hh:mm", sid, st, err)
		}
	}
	// No formula anywhere in the package.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") || !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			t.Errorf("%s contains a formula", zf.Name)
		}
	}
}

func TestWriteXLSXCriteria(t *testing.T) {
	t.Parallel()
	fx := loadFixture(t)
	r := fx.report()
	f, _ := writeWorkbook(t, r)
	rows, err := f.GetRows(SheetCriteria)
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, row := range rows {
		text.WriteString(strings.Join(row, " | ") + "\n")
	}
	for _, want := range []string{
		"Quý IV/2026 (01/10/2026 – 31/12/2026)", "Asia/Ho_Chi_Minh", "Phòng GD&ĐT | tối thiểu 2 tin bài/tháng",
		"Đơn vị trực thuộc | tối thiểu 1 tin bài/tháng", "Thông tư 37/2020/TT-BGDĐT", "Thông tư 53/2012/TT-BGDĐT",
		"07:00 ngày 25/11/2026", r.Overrides[0], "Trường THPT Ánh Sáng: 2026-12",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("criteria sheet lacks %q:\n%s", want, text.String())
		}
	}
}

func TestWriteXLSXEmptyAndInvalid(t *testing.T) {
	t.Parallel()
	fx := loadFixture(t)
	r := fx.report()
	r.Units = nil
	r.Overrides = nil
	f, _ := writeWorkbook(t, r)
	if v := get(t, f, SheetSummary, 2, sumFirstData); v != "" {
		t.Errorf("empty report has a row %q", v)
	}
	if err := WriteXLSX(io.Discard, &Report{}); err == nil {
		t.Error("WriteXLSX without config: no error")
	}
}

// TestWriteXLSXLayoutKept checks what the streamed post sheet and the
// summary carry besides cells: links on both sheets, column widths, row
// heights and the filter.
func TestWriteXLSXLayoutKept(t *testing.T) {
	t.Parallel()
	fx := loadFixture(t)
	f, data := writeWorkbook(t, fx.report())
	// Excel repairs a sheet whose <col> elements are not in ascending order.
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	colMin := regexp.MustCompile(`<col min="(\d+)"`)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		last := 0
		for _, m := range colMin.FindAllSubmatch(b, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			if n <= last {
				t.Errorf("%s: <col min=%d> after min=%d", zf.Name, n, last)
			}
			last = n
		}
	}
	for row := sumFirstData; ; row++ {
		name := get(t, f, SheetSummary, 2, row)
		if strings.HasPrefix(name, "Cộng ") || name == "" {
			break
		}
		var want string
		for _, u := range fx.units {
			if u.Unit.Name == name {
				want = u.Unit.URL
			}
		}
		if ok, link, err := f.GetCellHyperLink(SheetSummary, cell(6, row)); err != nil || !ok || link != want {
			t.Errorf("summary %s website link = %v %q %v, want %q", name, ok, link, err, want)
		}
	}
	if w, err := f.GetColWidth(SheetPosts, "E"); err != nil || w < 30 || w > 50 {
		t.Errorf("post title column width = %v (%v), want 30..50", w, err)
	}
	if h, err := f.GetRowHeight(SheetPosts, postHeadRow); err != nil || h != 32 {
		t.Errorf("post header height = %v (%v), want 32", h, err)
	}
	var filters []string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filters = append(filters, dn.RefersTo)
		}
	}
	if len(filters) != 2 {
		t.Errorf("filters = %v, want one per data sheet", filters)
	}
}
