package export

import (
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"sitewatch/evaluation"
	"sitewatch/tally"
)

// Layout of the summary sheet: title, subtitle, two header rows, data.
const (
	sumTitleRow  = 1
	sumInfoRow   = 2
	sumHeadRow   = 3
	sumSubRow    = 4
	sumFirstData = 5
	// Layout of the post sheet: title, header, data.
	postHeadRow   = 2
	postFirstData = 3
)

// maxLinkLen is the longest hyperlink target Excel accepts.
const maxLinkLen = 2079

// WriteXLSX writes the report as a workbook with the sheets "Tổng hợp",
// "Danh sách tin bài" and "Tiêu chí".
func WriteXLSX(w io.Writer, r *Report) error {
	if err := r.check(); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("export: styles: %w", err)
	}
	if err := f.SetSheetName("Sheet1", SheetSummary); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	type sheet struct {
		name  string
		write func(*excelize.File, *styles, *Report) (*sheetWriter, error)
	}
	sheets := []sheet{{SheetSummary, writeSummary}, {SheetPosts, writePosts}}
	if r.hasPortal() {
		sheets = append(sheets, sheet{SheetContributions, writeContributions})
	}
	sheets = append(sheets, sheet{SheetCriteria, writeCriteria})
	for _, sh := range sheets[1:] {
		if _, err := f.NewSheet(sh.name); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	// Before the sheets are written: on a streamed sheet, SetActiveSheet
	// would read the whole sheet back into memory (and excelize would
	// marshal it again on Write), about a second at a province's quarter.
	f.SetActiveSheet(0)
	links := map[string][]sheetLink{}
	for _, sh := range sheets {
		w, err := sh.write(f, st, r)
		if err != nil {
			return fmt.Errorf("export: sheet %s: %w", sh.name, err)
		}
		if len(w.links) > 0 {
			part, err := sheetPart(f, sh.name)
			if err != nil {
				return err
			}
			links[part] = w.links
		}
	}
	created := r.Generated.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:    "Báo cáo thi đua cập nhật tin bài: " + PeriodTitle(r.Period),
		Creator:  "sitewatch",
		Created:  created,
		Modified: created,
		Language: "vi-VN",
	}); err != nil {
		return fmt.Errorf("export: properties: %w", err)
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return newLinkZip(w, links) })
	if err := f.Write(w); err != nil {
		return fmt.Errorf("export: write xlsx: %w", err)
	}
	return nil
}

// sheetPart is the package part of a worksheet made by this package:
// excelize names the part of a new sheet after its sheet id
// (xl/worksheets/sheet<ID>.xml).
func sheetPart(f *excelize.File, name string) (string, error) {
	for id, n := range f.GetSheetMap() {
		if n == name {
			return fmt.Sprintf("xl/worksheets/sheet%d.xml", id), nil
		}
	}
	return "", fmt.Errorf("export: no sheet %q", name)
}

// styles are the cell styles of the workbook.
type styles struct {
	title, info, head, text, wrap, num, date, dateTime, link int
	total, totalNum, totalMid, grand, grandNum, grandMid     int
	critKey, critVal                                         int
	state                                                    map[string]int
	// wraps holds the styles whose text wraps, for row heights.
	wraps map[int]bool
}

// Font of the workbook: Times New Roman, as in Vietnamese administrative documents.
const (
	fontFamily = "Times New Roman"
	fontSize   = 11
	// lineHeight is the height in points of one line of text at fontSize.
	lineHeight = 15.0
)

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	top := &excelize.Alignment{Vertical: "top"}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	dateFmt, dateTimeFmt := "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
	var firstErr error
	if err := f.SetDefaultFont(fontFamily); err != nil {
		firstErr = err
	}
	ns := func(s *excelize.Style) int {
		if s.Font == nil {
			s.Font = &excelize.Font{}
		}
		s.Font.Family = fontFamily
		if s.Font.Size == 0 {
			s.Font.Size = fontSize
		}
		id, err := f.NewStyle(s)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return id
	}
	s := &styles{
		title:    ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		info:     ns(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "444444"}}),
		head:     ns(&excelize.Style{Border: border, Fill: fill("D9E2F3"), Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}),
		text:     ns(&excelize.Style{Border: border, Alignment: top}),
		wrap:     ns(&excelize.Style{Border: border, Alignment: wrapTop}),
		num:      ns(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}),
		date:     ns(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}, CustomNumFmt: &dateFmt}),
		dateTime: ns(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}, CustomNumFmt: &dateTimeFmt}),
		link:     ns(&excelize.Style{Border: border, Alignment: wrapTop, Font: &excelize.Font{Color: "1F4E9E", Underline: "single"}}),
		total:    ns(&excelize.Style{Border: border, Fill: fill("EDEDED"), Font: &excelize.Font{Bold: true}, Alignment: wrapTop}),
		totalMid: ns(&excelize.Style{Border: border, Fill: fill("EDEDED"), Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}),
		grandMid: ns(&excelize.Style{Border: border, Fill: fill("D9D9D9"), Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}),
		totalNum: ns(&excelize.Style{Border: border, Fill: fill("EDEDED"), Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}),
		grand:    ns(&excelize.Style{Border: border, Fill: fill("D9D9D9"), Font: &excelize.Font{Bold: true}, Alignment: wrapTop}),
		grandNum: ns(&excelize.Style{Border: border, Fill: fill("D9D9D9"), Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}),
		critKey:  ns(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: wrapTop}),
		critVal:  ns(&excelize.Style{Alignment: wrapTop}),
		state:    map[string]int{},
	}
	for state, c := range map[string]string{
		tally.StateMet: "C6EFCE", tally.StatePending: "FFEB9C", tally.StateMissed: "FFC7CE",
		tally.StateExempt: "E7E6E6", tally.StateNoQuota: "FFFFFF",
		// The overall states of the evaluation (column "Đánh giá chung").
		evaluation.StateOK: "C6EFCE", evaluation.StateWarn: "FFEB9C", evaluation.StateFail: "FFC7CE", evaluation.StateUnknown: "E7E6E6",
	} {
		s.state[state] = ns(&excelize.Style{Border: border, Fill: fill(c), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}})
	}
	s.wraps = map[int]bool{s.wrap: true, s.link: true, s.total: true, s.grand: true, s.critKey: true, s.critVal: true}
	for _, id := range s.state {
		s.wraps[id] = true
	}
	return s, firstErr
}

// sheetWriter writes cells of one sheet, remembering the first error and the
// widest text of each column. A streaming writer (newStreamSheetWriter)
// holds the cells, widths and heights until stream writes them in order
// with excelize's StreamWriter, whose cost is linear in the cells; the
// other writes each cell at once.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
	// widths is the widest text (in characters) seen per column.
	widths map[int]int
	// final is the width set per column.
	final map[int]float64
	// wrapped is the wrapping text of each row, by row then column.
	wrapped map[int]map[int]string
	wraps   map[int]bool
	// links are the sheet's hyperlinks, added to the package by linkZip.
	links []sheetLink
	// streaming: rows[r-1][c-1] is the cell at (c, r); heights by row.
	streaming bool
	rows      [][]any
	heights   map[int]float64
}

func newSheetWriter(f *excelize.File, sheet string, st *styles) *sheetWriter {
	return &sheetWriter{f: f, sheet: sheet, widths: map[int]int{}, final: map[int]float64{}, wrapped: map[int]map[int]string{}, wraps: st.wraps}
}

func newStreamSheetWriter(f *excelize.File, sheet string, st *styles) *sheetWriter {
	w := newSheetWriter(f, sheet, st)
	w.streaming, w.heights = true, map[int]float64{}
	return w
}

// hold keeps a cell of a streaming writer; a nil value is a styled empty cell.
func (w *sheetWriter) hold(col, row int, v any, style int) {
	for len(w.rows) < row {
		w.rows = append(w.rows, nil)
	}
	r := w.rows[row-1]
	for len(r) < col {
		r = append(r, nil)
	}
	r[col-1] = excelize.Cell{StyleID: style, Value: v}
	w.rows[row-1] = r
}

// rowHeight sets the height of a row in points.
func (w *sheetWriter) rowHeight(row int, h float64) {
	if w.streaming {
		w.heights[row] = h
		return
	}
	w.set(w.f.SetRowHeight(w.sheet, row, h))
}

// stream writes a streaming writer's columns and rows. Sheet settings made
// through the File before (panes, filter, page setup) are kept by
// excelize's StreamWriter, which writes the rest of the worksheet from them.
func (w *sheetWriter) stream() {
	if w.err != nil {
		return
	}
	sw, err := w.f.NewStreamWriter(w.sheet)
	if err != nil {
		w.set(err)
		return
	}
	cols := make([]int, 0, len(w.final))
	for c := range w.final {
		cols = append(cols, c)
	}
	// The stream writer writes <col> elements in the reverse order of these
	// calls (excelize v2.11.1), and Excel wants them ascending.
	sort.Sort(sort.Reverse(sort.IntSlice(cols)))
	for _, c := range cols {
		w.set(sw.SetColWidth(c, c, w.final[c]))
	}
	for i, r := range w.rows {
		if r == nil {
			continue
		}
		var opts []excelize.RowOpts
		if h, ok := w.heights[i+1]; ok {
			opts = append(opts, excelize.RowOpts{Height: h})
		}
		w.set(sw.SetRow(cell(1, i+1), r, opts...))
	}
	w.set(sw.Flush())
}

func (w *sheetWriter) set(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

func (w *sheetWriter) measure(col int, s string) {
	for _, line := range strings.Split(s, "\n") {
		if n := utf8.RuneCountInString(line); n > w.widths[col] {
			w.widths[col] = n
		}
	}
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// str writes s as a text cell (a shared string, or an inline string in a
// streamed sheet), never a formula, whatever it starts with.
func (w *sheetWriter) str(col, row int, s string, style int) {
	s = cleanText(s)
	switch {
	case w.streaming && s == "":
		w.hold(col, row, nil, style)
	case w.streaming:
		w.hold(col, row, s, style)
	default:
		c := cell(col, row)
		w.set(w.f.SetCellStr(w.sheet, c, s))
		w.set(w.f.SetCellStyle(w.sheet, c, c, style))
	}
	w.measure(col, s)
	if w.wraps[style] && s != "" {
		if w.wrapped[row] == nil {
			w.wrapped[row] = map[int]string{}
		}
		w.wrapped[row][col] = s
	}
}

func (w *sheetWriter) int(col, row, v int, style int) {
	if w.streaming {
		w.hold(col, row, int64(v), style)
	} else {
		c := cell(col, row)
		w.set(w.f.SetCellInt(w.sheet, c, int64(v)))
		w.set(w.f.SetCellStyle(w.sheet, c, c, style))
	}
	w.measure(col, strconv.Itoa(v))
}

// date writes t (already in the report zone) as a date cell; zero writes an empty cell.
func (w *sheetWriter) date(col, row int, t time.Time, style int, width int) {
	if !t.IsZero() && width > w.widths[col] {
		w.widths[col] = width
	}
	if w.streaming {
		var v any
		if !t.IsZero() {
			v = t
		}
		w.hold(col, row, v, style)
		return
	}
	c := cell(col, row)
	if !t.IsZero() {
		w.set(w.f.SetCellValue(w.sheet, c, t))
	}
	w.set(w.f.SetCellStyle(w.sheet, c, c, style))
}

// link writes text as a text cell carrying a hyperlink to target when target
// is an absolute http(s) URL Excel can hold.
func (w *sheetWriter) link(col, row int, text, target string, linkStyle, plainStyle int) {
	if !linkable(target) || len(w.links) >= excelize.TotalSheetHyperlinks {
		w.str(col, row, text, plainStyle)
		return
	}
	w.str(col, row, text, linkStyle)
	tip := target
	if len(tip) > maxTooltipLen {
		tip = strings.ToValidUTF8(tip[:maxTooltipLen], "")
	}
	w.links = append(w.links, sheetLink{cell: cell(col, row), target: target, tooltip: tip})
}

// cleanText makes s safe for a cell: valid UTF-8, no control characters
// other than tab and newline (XML 1.0 cannot carry them).
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f || r == 0xFFFE || r == 0xFFFF {
			return ' '
		}
		return r
	}, s)
}

func linkable(s string) bool {
	if len(s) > maxLinkLen {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// fitColumns sets each column's width from its widest text, clamped to [min, max].
func (w *sheetWriter) fitColumns(ncols int, min, max map[int]int) {
	for col := 1; col <= ncols; col++ {
		lo, hi := 5, 45
		if v, ok := min[col]; ok {
			lo = v
		}
		if v, ok := max[col]; ok {
			hi = v
		}
		width := w.widths[col] + 2
		if width < lo {
			width = lo
		}
		if width > hi {
			width = hi
		}
		w.setWidth(col, float64(width))
	}
}

func (w *sheetWriter) setWidth(col int, width float64) {
	w.final[col] = width
	if w.streaming {
		return
	}
	name, _ := excelize.ColumnNumberToName(col)
	w.set(w.f.SetColWidth(w.sheet, name, name, width))
}

// fitRows sets the height of rows from..to so that their wrapped text shows:
// spreadsheet programs do not grow rows on opening a file (LibreOffice does
// not), so the height is estimated from the text and the column widths.
func (w *sheetWriter) fitRows(from, to int) {
	for row := from; row <= to; row++ {
		lines := 1
		for col, text := range w.wrapped[row] {
			width, ok := w.final[col]
			if !ok {
				width = 9
			}
			// Text fonts fit about 1.1 characters per unit of column width
			// (the unit is the width of a digit).
			if n := wrapLines(text, int(width*1.1)-1); n > lines {
				lines = n
			}
		}
		if lines > 1 {
			w.rowHeight(row, float64(lines)*lineHeight+2)
		}
	}
}

// wrapLines counts the lines text takes when wrapped greedily at spaces into
// lines of at most width characters (longer words are cut).
func wrapLines(text string, width int) int {
	if width < 1 {
		width = 1
	}
	total := 0
	for _, para := range strings.Split(text, "\n") {
		lines, cur := 1, 0
		for _, word := range strings.Fields(para) {
			n := utf8.RuneCountInString(word)
			switch {
			case cur == 0:
				cur = n
			case cur+1+n <= width:
				cur += 1 + n
				continue
			default:
				lines++
				cur = n
			}
			for cur > width {
				lines++
				cur -= width
			}
		}
		total += lines
	}
	return total
}

// printSetup makes the sheet print on A4 landscape, fitted to the page
// width, with rows 1..headRows repeated on every page and page numbers.
func (w *sheetWriter) printSetup(headRows int) {
	size, orient, fitW, fitH := 9, "landscape", 1, 0
	w.set(w.f.SetPageLayout(w.sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}))
	yes := true
	w.set(w.f.SetSheetProps(w.sheet, &excelize.SheetPropsOptions{FitToPage: &yes}))
	m, mh := 0.4, 0.2
	w.set(w.f.SetPageMargins(w.sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m, Header: &mh, Footer: &mh}))
	w.set(w.f.SetHeaderFooter(w.sheet, &excelize.HeaderFooterOptions{OddFooter: "&L&8" + xmlSafeHF(w.sheet) + "&R&8Trang &P/&N"}))
	if headRows > 0 {
		w.set(w.f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", w.sheet, headRows),
			Scope:    w.sheet,
		}))
	}
}

// xmlSafeHF escapes the header/footer control character &.
func xmlSafeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// freeze keeps rows above row and columns left of col in view.
func (w *sheetWriter) freeze(col, row int) {
	w.set(w.f.SetPanes(w.sheet, &excelize.Panes{
		Freeze: true, XSplit: col - 1, YSplit: row - 1, TopLeftCell: cell(col, row), ActivePane: "bottomRight",
	}))
}

func writeSummary(f *excelize.File, st *styles, r *Report) (*sheetWriter, error) {
	w := newSheetWriter(f, SheetSummary, st)
	loc := r.loc()
	months := r.Period.Months()
	nLead, nMonth := len(summaryLead), len(summaryMonth)
	firstTail := nLead + nMonth*len(months) + 1
	tail := r.summaryTail()
	ncols := firstTail + len(tail) - 1

	w.str(1, sumTitleRow, "BÁO CÁO THI ĐUA CẬP NHẬT TIN BÀI TRÊN TRANG THÔNG TIN ĐIỆN TỬ: "+strings.ToUpper(PeriodTitle(r.Period)), st.title)
	w.str(1, sumInfoRow, infoLine(r), st.info)
	w.widths = map[int]int{}

	for i, h := range summaryLead {
		w.str(i+1, sumHeadRow, h, st.head)
		w.str(i+1, sumSubRow, "", st.head)
		w.set(f.MergeCell(w.sheet, cell(i+1, sumHeadRow), cell(i+1, sumSubRow)))
	}
	for mi, m := range months {
		c := nLead + mi*nMonth + 1
		w.str(c, sumHeadRow, monthTitle(m), st.head)
		w.str(c+1, sumHeadRow, "", st.head)
		w.set(f.MergeCell(w.sheet, cell(c, sumHeadRow), cell(c+nMonth-1, sumHeadRow)))
		for j, h := range summaryMonth {
			w.str(c+j, sumSubRow, h, st.head)
		}
	}
	for i, h := range tail {
		w.str(firstTail+i, sumHeadRow, h, st.head)
		w.str(firstTail+i, sumSubRow, "", st.head)
		w.set(f.MergeCell(w.sheet, cell(firstTail+i, sumHeadRow), cell(firstTail+i, sumSubRow)))
	}
	// Header texts wrap; do not let them widen the columns.
	w.widths = map[int]int{}

	row, stt := sumFirstData, 0
	var all []*tally.Unit
	blocks := r.blocks()
	for _, b := range blocks {
		for _, u := range b.Units {
			stt++
			w.int(1, row, stt, st.num)
			w.str(2, row, u.Unit.Name, st.wrap)
			w.str(3, row, kindName(u), st.wrap)
			w.int(4, row, quota(u), st.num)
			w.str(5, row, b.Name, st.wrap)
			w.link(6, row, siteName(u.Unit.URL), u.Unit.URL, st.link, st.wrap)
			for mi := range months {
				c := nLead + mi*nMonth + 1
				if mi < len(u.Months) {
					mo := u.Months[mi]
					w.int(c, row, mo.Posts, st.num)
					w.str(c+1, row, stateLabel(mo.State), st.state[mo.State])
				}
			}
			c := firstTail
			w.int(c, row, u.Total, st.num)
			w.int(c+1, row, u.Images, st.num)
			w.int(c+2, row, u.CaptionedImages, st.num)
			w.date(c+3, row, dateOrZero(u.Newest, loc), st.date, 10)
			w.int(c+4, row, u.DaysUnreachable, st.num)
			state := r.State(u)
			w.str(c+5, row, evaluation.StateLabel(state), st.state[state])
			w.str(c+6, row, strings.Join(r.Remarks(u), "\n"), st.wrap)
			if r.hasPortal() {
				cu := r.Contributions[u.Unit.ID]
				w.int(c+7, row, cu.Total, st.num)
				w.int(c+8, row, cu.Images, st.num)
				w.int(c+9, row, cu.CaptionedImages, st.num)
			}
			row++
		}
		writeTotal(w, row, "Cộng "+b.Name+fmt.Sprintf(" (%d đơn vị)", len(b.Units)), b.Units, months, firstTail, st.total, st.totalNum, st.totalMid)
		r.contributionTotals(w, row, b.Units, firstTail+7, st.totalNum)
		row++
		all = append(all, b.Units...)
	}
	if len(blocks) > 1 {
		writeTotal(w, row, fmt.Sprintf("Tổng cộng (%d đơn vị)", len(all)), all, months, firstTail, st.grand, st.grandNum, st.grandMid)
		r.contributionTotals(w, row, all, firstTail+7, st.grandNum)
		row++
	}
	w.fitColumns(ncols, map[int]int{1: 5, 2: 22, 3: 10, 4: 11, 5: 10, 6: 16, firstTail: 7, firstTail + 1: 7, firstTail + 2: 9, firstTail + 3: 11, firstTail + 4: 12, firstTail + 5: 10, firstTail + 6: 30},
		map[int]int{1: 6, 2: 30, 3: 14, 4: 11, 5: 14, 6: 30, firstTail: 7, firstTail + 1: 7, firstTail + 2: 9, firstTail + 3: 11, firstTail + 4: 12, firstTail + 5: 12, firstTail + 6: 40})
	for mi := range months {
		c := nLead + mi*nMonth + 1
		w.setWidth(c, 6)
		w.setWidth(c+1, 10)
	}
	w.set(f.SetRowHeight(w.sheet, sumTitleRow, 22))
	w.set(f.SetRowHeight(w.sheet, sumHeadRow, 20))
	w.set(f.SetRowHeight(w.sheet, sumSubRow, 48))
	w.fitRows(sumFirstData, row-1)
	w.freeze(3, sumFirstData)
	if row > sumFirstData {
		w.set(f.AutoFilter(w.sheet, cell(1, sumSubRow)+":"+cell(ncols, row-1), nil))
	}
	// After AutoFilter, which rewrites the sheet properties.
	w.printSetup(sumSubRow)
	return w, w.err
}

// writeTotal writes a totals row: sums of posts, images and captions, and per
// month how many units with a quota met it.
func writeTotal(w *sheetWriter, row int, label string, units []*tally.Unit, months []string, firstTail, style, numStyle, midStyle int) {
	w.str(1, row, "", style)
	w.str(2, row, label, style)
	for c := 3; c <= len(summaryLead); c++ {
		w.str(c, row, "", style)
	}
	// The label spans name to website, so it stays on one line.
	w.set(w.f.MergeCell(w.sheet, cell(2, row), cell(len(summaryLead), row)))
	delete(w.wrapped[row], 2)
	for mi := range months {
		c := len(summaryLead) + mi*len(summaryMonth) + 1
		sum := 0
		for _, u := range units {
			if mi < len(u.Months) {
				sum += u.Months[mi].Posts
			}
		}
		w.int(c, row, sum, numStyle)
		w.str(c+1, row, stateCount(units, mi), midStyle)
	}
	var total, img, capd, down int
	for _, u := range units {
		total += u.Total
		img += u.Images
		capd += u.CaptionedImages
		down += u.DaysUnreachable
	}
	w.int(firstTail, row, total, numStyle)
	w.int(firstTail+1, row, img, numStyle)
	w.int(firstTail+2, row, capd, numStyle)
	w.str(firstTail+3, row, "", style)
	w.str(firstTail+4, row, "", style)
	w.str(firstTail+5, row, "", style)
	note := ""
	if img > 0 {
		note = fmt.Sprintf("Tỷ lệ ảnh có chú thích: %.0f%%", 100*float64(capd)/float64(img))
	}
	w.str(firstTail+6, row, note, style)
}

// infoLine is the line under the title: period dates, data time, generation time.
func infoLine(r *Report) string {
	loc := r.loc()
	parts := []string{"Kỳ báo cáo: " + periodDates(r.Period)}
	if !r.DataAsOf.IsZero() {
		parts = append(parts, "số liệu thu thập đến "+r.DataAsOf.In(loc).Format("15:04 02/01/2006"))
	}
	if !r.Generated.IsZero() {
		parts = append(parts, "lập lúc "+r.Generated.In(loc).Format("15:04 02/01/2006"))
	}
	return strings.Join(parts, "; ") + " (giờ " + loc.String() + "). Tiêu chí đánh giá: xem trang \"" + SheetCriteria + "\"."
}

// listHead writes the title and the column headers of a list sheet (the
// posts, the contributions); neither widens the columns, which fit the data.
func (w *sheetWriter) listHead(st *styles, title string, headers []string) {
	w.str(1, 1, title, st.title)
	w.widths = map[int]int{}
	for i, h := range headers {
		w.str(i+1, postHeadRow, h, st.head)
	}
	w.widths = map[int]int{}
}

// writePosts streams the post list: one row per post, the bulk of the
// workbook (23,000 rows for a province's quarter).
func writePosts(f *excelize.File, st *styles, r *Report) (*sheetWriter, error) {
	w := newStreamSheetWriter(f, SheetPosts, st)
	loc := r.loc()
	w.listHead(st, "DANH SÁCH TIN BÀI ĐƯỢC TÍNH: "+strings.ToUpper(PeriodTitle(r.Period))+" ("+periodDates(r.Period)+")", PostHeaders)
	row := postFirstData
	for i, pr := range r.postRows() {
		p := pr.post
		w.int(1, row, i+1, st.num)
		w.str(2, row, pr.unit.Unit.Name, st.wrap)
		w.str(3, row, blockName(pr.unit), st.wrap)
		w.date(postColDate+1, row, dateOrZero(p.Published, loc), st.dateTime, 16)
		title := p.Title
		if strings.TrimSpace(title) == "" {
			title = p.URL
		}
		w.link(postColTitle+1, row, title, p.URL, st.link, st.wrap)
		w.int(6, row, p.Images, st.num)
		w.int(7, row, p.CaptionedImages, st.num)
		w.str(8, row, p.DateSource, st.wrap)
		w.str(9, row, p.DateRaw, st.wrap)
		w.str(10, row, p.FoundVia, st.wrap)
		w.date(postColFirst+1, row, dateOrZero(p.FirstSeen, loc), st.dateTime, 16)
		w.str(12, row, postStatus(p), st.text)
		w.str(13, row, FlagText(p.Flags), st.wrap)
		w.str(postColURL+1, row, p.URL, st.wrap)
		row++
	}
	w.fitColumns(len(PostHeaders), map[int]int{1: 5, 2: 18, 3: 10, 4: 16, 5: 30, 6: 6, 7: 9, 8: 14, 9: 14, 10: 14, 11: 16, 12: 9, 13: 8, 14: 20},
		map[int]int{1: 7, 2: 26, 3: 14, 4: 16, 5: 50, 6: 6, 7: 9, 8: 20, 9: 20, 10: 26, 11: 16, 12: 9, 13: 26, 14: 36})
	w.rowHeight(postHeadRow, 32)
	w.fitRows(postFirstData, row-1)
	w.freeze(3, postFirstData)
	if row > postFirstData {
		w.set(f.AutoFilter(w.sheet, cell(1, postHeadRow)+":"+cell(len(PostHeaders), row-1), nil))
	}
	w.printSetup(postHeadRow)
	// Last: the settings above are in the sheet the stream writer starts from.
	w.stream()
	return w, w.err
}

// siteName is the host of a unit URL with its path, without scheme, "www."
// and trailing slash: what the summary shows for the website.
func siteName(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	s := strings.TrimPrefix(u.Host, "www.") + strings.TrimSuffix(u.EscapedPath(), "/")
	return s
}

func blockName(u *tally.Unit) string {
	if b := strings.TrimSpace(u.Unit.Block); b != "" {
		return b
	}
	return noBlock
}

func writeCriteria(f *excelize.File, st *styles, r *Report) (*sheetWriter, error) {
	w := newSheetWriter(f, SheetCriteria, st)
	w.str(1, 1, "TIÊU CHÍ VÀ CĂN CỨ ĐÁNH GIÁ", st.title)
	row := 3
	for _, kv := range r.Criteria() {
		w.str(1, row, kv[0], st.critKey)
		w.str(2, row, kv[1], st.critVal)
		row++
	}
	w.setWidth(1, 30)
	w.setWidth(2, 100)
	w.fitRows(3, row-1)
	w.printSetup(0)
	return w, w.err
}
