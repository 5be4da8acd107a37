package export

import (
	"strings"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/store"
)

// TestContributionsSheet: with a portal in the registry, the workbook has
// the sheet "Tin gửi về Sở" listing every counted contribution, linked to
// its page, and the summary the per-unit totals; the CSV summary too.
func TestContributionsSheet(t *testing.T) {
	t.Parallel()
	cfg, err := config.Parse("test.yaml", []byte(`
units:
  - {id: so, name: "Sở GD&ĐT tỉnh A", kind: phong_so, block: "Sở", url: "https://so.example.gov.vn/", portal: true}
  - {id: pgd, name: "Phòng GD&ĐT huyện B", kind: phong_gddt, block: "Khối 1", url: "https://pgdb.example.edu.vn/"}
  - {id: thpt, name: "Trường THPT C", kind: truc_thuoc, block: "Khối 2", url: "https://thptc.example.edu.vn/"}
`))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	post := func(url, by, found, text string, day, images, captioned int, flags map[string]string) store.Post {
		return store.Post{UnitID: "so", URL: "https://so.example.gov.vn/tin/" + url, Title: "Tin " + url, Published: time.Date(2026, 11, day, 2, 0, 0, 0, time.UTC),
			ContributedBy: by, AttributionFound: found, AttributionText: text, Images: images, CaptionedImages: captioned, Status: store.StatusLive, Flags: flags}
	}
	posts := []store.Post{
		post("1", "pgd", "byline", "Tin, ảnh: Phòng GD&ĐT huyện B", 3, 4, 2, nil),
		post("2", "pgd", "office", "Nguyễn Thị Hoa", 10, 1, 1, map[string]string{store.FlagOfficeAttributed: "chưa rõ → pgd: e-mail (VP, 2026-11-12)"}),
		post("3", "thpt", "title", "THPT C", 11, 0, 0, nil),
		post("4", "", "source", "Nguồn: Báo A", 12, 3, 3, nil),
		post("5", "thpt", "byline", "Tin: Trường THPT C", 13, 2, 0, map[string]string{store.FlagExcluded: "tin trùng"}),
	}
	ev := evaluation.Compute(cfg, evaluation.Facts{Posts: posts}, now, evaluation.Options{})
	r, err := FromEvaluation(ev, ev.Quarter)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := writeWorkbook(t, r)
	if got, want := strings.Join(f.GetSheetList(), "|"), SheetSummary+"|"+SheetPosts+"|"+SheetContributions+"|"+SheetCriteria; got != want {
		t.Fatalf("sheets %s, want %s", got, want)
	}
	rows, err := f.GetRows(SheetContributions)
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, row := range rows[postFirstData-1:] {
		items = append(items, row[1]+"|"+row[4]+"|"+row[8]+"|"+row[9])
	}
	want := []string{
		"Phòng GD&ĐT huyện B|Tin 1|Dòng ký tên cuối bài|Tin, ảnh: Phòng GD&ĐT huyện B",
		"Phòng GD&ĐT huyện B|Tin 2|Văn phòng xác định|Nguyễn Thị Hoa",
		"Trường THPT C|Tin 3|Tiêu đề|THPT C",
	}
	if strings.Join(items, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(items, "\n"), strings.Join(want, "\n"))
	}
	if ok, target, err := f.GetCellHyperLink(SheetContributions, cell(5, postFirstData)); err != nil || !ok || target != "https://so.example.gov.vn/tin/1" {
		t.Errorf("title link: %v %q %v", ok, target, err)
	}
	// Summary: the contribution columns, after the unit's remarks.
	head, err := f.GetRows(SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range head[sumHeadRow-1] {
		if h == contributionSummary[0] {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no column %q in the summary: %v", contributionSummary[0], head[sumHeadRow-1])
	}
	totals := map[string]string{}
	for _, row := range head[sumFirstData-1:] {
		if len(row) > col+2 {
			totals[row[1]] = row[col] + "/" + row[col+1] + "/" + row[col+2]
		}
	}
	if totals["Phòng GD&ĐT huyện B"] != "2/5/3" || totals["Trường THPT C"] != "1/0/0" {
		t.Errorf("summary contributions: %v", totals)
	}
	var sum, posts2 strings.Builder
	if err := WriteCSV(&sum, &posts2, r); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, []byte(sum.String()))
	if h := recs[0]; h[len(h)-3] != contributionSummary[0] {
		t.Errorf("CSV header %v", h)
	}
	for _, rec := range recs[1:] {
		if rec[1] == "Phòng GD&ĐT huyện B" && strings.Join(rec[len(rec)-3:], "/") != "2/5/3" {
			t.Errorf("CSV contributions of the PGD: %v", rec[len(rec)-3:])
		}
	}
}
