package web

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"sitewatch/config"
)

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

func parse(t *testing.T, rec *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestIndexRowsAndColours(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := get(t, f.srv.Handler(), "/")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	doc := parse(t, rec)
	want := map[string]struct{ class, posts, site string }{
		"thpt-dat":   {classOK, "1/1", "Hoạt động"},
		"pgd-cho":    {classPending, "1/2", "Hoạt động"},
		"thpt-truot": {classBad, "1/1", "Hoạt động"},
		// A failed crawl fails the site check, which only warns by default.
		"thpt-sap":   {classPending, "1/1", "Không truy cập được"},
		"phong-cham": {classBad, "0", "Hoạt động"},
		"thpt-moi":   {classUnknown, "0/1", "Chưa thu thập"},
	}
	rows := doc.Find("#units tbody tr[data-unit]")
	if rows.Length() != len(want) {
		t.Fatalf("%d rows, want %d (retired unit hidden)", rows.Length(), len(want))
	}
	rows.Each(func(_ int, row *goquery.Selection) {
		id, _ := row.Attr("data-unit")
		w, ok := want[id]
		if !ok {
			t.Errorf("unexpected row %s", id)
			return
		}
		if !row.HasClass(w.class) {
			cls, _ := row.Attr("class")
			t.Errorf("%s: class %q, want %q", id, cls, w.class)
		}
		if got := strings.TrimSpace(row.Find("td").Eq(3).Text()); got != w.posts {
			t.Errorf("%s: posts %q, want %q", id, got, w.posts)
		}
		if got := strings.TrimSpace(row.Find("td").Eq(6).Text()); got != w.site {
			t.Errorf("%s: site %q, want %q", id, got, w.site)
		}
		if href, _ := row.Find("td").First().Find("a").First().Attr("href"); href != "/unit/"+id {
			t.Errorf("%s: unit link %q", id, href)
		}
	})
	reasons := map[string]string{
		"thpt-truot": "Định mức bài: Không đạt trong quý 4/2026: tháng 10/2026 chỉ có 0/1 bài",
		"thpt-sap":   "Trang web: Không truy cập được trang web lúc 25/11/2026 06:32: máy chủ từ chối kết nối",
		"phong-cham": "Cập nhật: Đã 46 ngày không có bài mới",
		"pgd-cho":    "Định mức bài: Chưa đủ: tháng 11/2026 mới có 1/2 bài, cần đăng thêm 1 bài",
	}
	for id, reason := range reasons {
		if got := doc.Find(`tr[data-unit="` + id + `"] .reasons`).Text(); !strings.Contains(got, reason) {
			t.Errorf("%s reasons %q lack %q", id, got, reason)
		}
	}
	if got := doc.Find("#last-crawl").Text(); got != "06:32 25/11/2026" {
		t.Errorf("last crawl %q", got)
	}
	if got := doc.Find(`tr[data-unit="pgd-cho"] td`).Eq(4).Text(); got != "5 ngày" {
		t.Errorf("days since last post %q, want 5 ngày", got)
	}
	if got := doc.Find(`tr[data-unit="thpt-dat"] td`).Eq(5).Text(); got != "83%" {
		t.Errorf("caption share %q, want 83%% (5 of 6 images this quarter)", got)
	}
	// Blocks and kinds are offered as filters.
	if n := doc.Find("#f-block option").Length(); n != 4 {
		t.Errorf("%d block options, want 4 (all + 3)", n)
	}
	if n := doc.Find("#f-kind option").Length(); n != 4 {
		t.Errorf("%d kind options, want 4", n)
	}
}

func TestIndexFilter(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tests := []struct {
		name, query string
		want        []string
	}{
		{"block", "?block=Kh%E1%BB%91i+Ph%C3%B2ng+GD%26%C4%90T", []string{"pgd-cho"}},
		{"kind", "?kind=phong_so", []string{"phong-cham"}},
		{"both", "?block=Kh%E1%BB%91i+THPT&kind=truc_thuoc", []string{"thpt-dat", "thpt-moi", "thpt-sap", "thpt-truot"}},
		{"none", "?kind=nothing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parse(t, get(t, f.srv.Handler(), "/"+tt.query))
			var got []string
			doc.Find("#units tbody tr[data-unit]").Each(func(_ int, s *goquery.Selection) {
				id, _ := s.Attr("data-unit")
				got = append(got, id)
			})
			if strings.Join(sorted(got), ",") != strings.Join(tt.want, ",") {
				t.Errorf("rows %v, want %v", got, tt.want)
			}
		})
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestEscaping(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, target := range []string{"/unit/pgd-cho", "/unit/thpt-truot", "/unit/thpt-dat", "/"} {
		t.Run(target, func(t *testing.T) {
			rec := get(t, f.srv.Handler(), target)
			body := rec.Body.String()
			if strings.Contains(body, `<script>alert`) || strings.Contains(body, "<b>thiếu</b>") {
				t.Errorf("unescaped text from a website in %s", target)
			}
			if strings.Contains(body, `href="javascript:`) {
				t.Errorf("javascript: URL in a link in %s", target)
			}
			doc := parse(t, rec)
			// Exactly one script, carrying the nonce of the CSP.
			csp := rec.Header().Get("Content-Security-Policy")
			doc.Find("script").Each(func(_ int, s *goquery.Selection) {
				n, _ := s.Attr("nonce")
				if n == "" || !strings.Contains(csp, "'nonce-"+n+"'") {
					t.Errorf("script without the CSP nonce (csp %q)", csp)
				}
			})
		})
	}
	doc := parse(t, get(t, f.srv.Handler(), "/unit/pgd-cho"))
	if !strings.Contains(doc.Find("table.posts").Text(), titleScript) {
		t.Errorf("the <script> title is not shown as text")
	}
	doc = parse(t, get(t, f.srv.Handler(), "/unit/thpt-truot"))
	if !strings.Contains(doc.Find("table.posts").Text(), titleFormula) {
		t.Errorf("the = title is not shown as text")
	}
}

func TestUnitPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rec := get(t, f.srv.Handler(), "/unit/pgd-cho")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	doc := parse(t, rec)
	if got := doc.Find("h1").Text(); got != "Phòng GD&ĐT Đang Chờ" {
		t.Errorf("h1 %q", got)
	}
	if got := doc.Find("#quarter-total").Text(); got != "3" {
		t.Errorf("quarter total %q, want 3", got)
	}
	months := doc.Find("h2.month")
	if months.Length() != 2 {
		t.Fatalf("%d months, want 2 (December has not begun)", months.Length())
	}
	nov := months.First().Text()
	if !strings.Contains(nov, "Tháng 11/2026: 1/2 tin") || !strings.Contains(nov, "Đang chờ") || !strings.Contains(nov, "1 tin không tính") {
		t.Errorf("November heading %q", nov)
	}
	link := doc.Find(`a[href="https://pgd-cho.example.edu.vn/tin/a"]`)
	if link.Text() != "Tập huấn chuyên môn" {
		t.Errorf("post link text %q", link.Text())
	}
	row := link.Closest("tr")
	if got := row.Find("td").First().Text(); got != "03/10/2026 08:00" {
		t.Errorf("post date %q (want the local time)", got)
	}
	if got := row.Find("td").Eq(4).Text(); !strings.Contains(got, "json-ld datePublished") || !strings.Contains(got, "2026-10-03 08:00:00+07:00") {
		t.Errorf("date source %q", got)
	}
	excl := doc.Find("tr.uncounted")
	if excl.Length() != 1 || !strings.Contains(excl.Text(), "Không tính: văn phòng loại: trùng với tin ngày 20/11") {
		t.Errorf("excluded post: %d rows %q", excl.Length(), excl.Text())
	}
	if got := doc.Find("#checks tbody tr").Length(); got != len(config.CheckNames) {
		t.Errorf("%d check rows, want one per check", got)
	}

	doc = parse(t, get(t, f.srv.Handler(), "/unit/thpt-sap"))
	crawls := doc.Find("#crawls tbody tr")
	if crawls.Length() != 2 {
		t.Fatalf("%d crawls, want 2", crawls.Length())
	}
	first := crawls.First()
	if !first.HasClass(classBad) || !strings.Contains(first.Text(), "connection refused") || !strings.Contains(first.Text(), "06:30 25/11/2026") {
		t.Errorf("failed crawl row %q", first.Text())
	}

	doc = parse(t, get(t, f.srv.Handler(), "/unit/thpt-truot"))
	checks := doc.Find("#checks tbody tr")
	if checks.Length() != len(config.CheckNames) || !checks.First().HasClass(classBad) || !strings.Contains(checks.First().Text(), "Không đạt") || !strings.Contains(checks.First().Text(), "missed_months: 1") {
		t.Errorf("checks %q", checks.Text())
	}

	doc = parse(t, get(t, f.srv.Handler(), "/unit/thpt-dat?quarter=2026Q3"))
	if got := doc.Find("#quarter-total").Text(); got != "0" {
		t.Errorf("Q3 total %q, want 0", got)
	}
	// The badge speaks of today, whatever quarter is listed.
	doc = parse(t, get(t, f.srv.Handler(), "/unit/thpt-truot?quarter=2026Q3"))
	if got := doc.Find("#unit-status").Text(); got != "Không đạt" {
		t.Errorf("status on a past quarter %q, want the current Không đạt", got)
	}

	for _, target := range []string{"/unit/khong-co", "/khong-co"} {
		if rec := get(t, f.srv.Handler(), target); rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", target, rec.Code)
		}
	}
	if rec := get(t, f.srv.Handler(), "/unit/thpt-dat?quarter=abc"); rec.Code != http.StatusBadRequest {
		t.Errorf("bad quarter: status %d, want 400", rec.Code)
	}
}

func TestExport(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := f.srv.Handler()

	rec := get(t, h, "/export?quarter=2026Q4&format=xlsx")
	if rec.Code != http.StatusOK {
		t.Fatalf("xlsx status %d: %s", rec.Code, rec.Body)
	}
	if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="bao-cao-thi-dua-2026Q4.xlsx"` {
		t.Errorf("content disposition %q", cd)
	}
	body := rec.Body.Bytes()
	if !bytes.HasPrefix(body, []byte("PK")) {
		t.Fatalf("xlsx does not start with PK")
	}
	x, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("Tổng hợp")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows[4:] {
		if len(r) > 1 && r[0] != "" {
			names = append(names, r[1])
		}
	}
	if len(names) != 6 {
		t.Errorf("report units %v, want the 6 watched units", names)
	}
	posts, _ := x.GetRows("Danh sách tin bài")
	if got := len(posts) - 2; got != 10 {
		t.Errorf("report posts %d, want the 10 counted posts of the quarter", got)
	}

	rec = get(t, h, "/export?quarter=2026Q4&format=csv")
	if ct := rec.Header().Get("Content-Type"); ct != "application/zip" {
		t.Fatalf("csv zip content type %q", ct)
	}
	zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, zf := range zr.File {
		files = append(files, zf.Name)
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s lacks the BOM", zf.Name)
		}
		if strings.Contains(zf.Name, "danh-sach") && !strings.Contains(string(b), `"'=HYPERLINK(`) {
			t.Errorf("%s: formula title not neutralised", zf.Name)
		}
	}
	if strings.Join(files, ",") != "bao-cao-thi-dua-2026Q4-tong-hop.csv,bao-cao-thi-dua-2026Q4-danh-sach-tin-bai.csv" {
		t.Errorf("zip files %v", files)
	}

	rec = get(t, h, "/export?month=2026-11&format=csv&part=summary")
	if ct := rec.Header().Get("Content-Type"); ct != "text/csv; charset=utf-8" || !strings.Contains(rec.Body.String(), "Tháng 11/2026: số tin") {
		t.Errorf("summary csv: %q %q", ct, rec.Body.String())
	}
	rec = get(t, h, "/export?from=2026-10-01&to=2026-11-30&format=csv&part=posts")
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "2026-10-01_2026-11-30-danh-sach-tin-bai.csv") {
		t.Errorf("range file name %q", cd)
	}
	rec = get(t, h, "/export")
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "2026Q4.xlsx") {
		t.Errorf("default export %q, want the current quarter as xlsx", cd)
	}

	for _, bad := range []string{"?quarter=2026Q9", "?month=11-2026", "?from=2026-11-30&to=2026-10-01", "?format=pdf", "?format=xlsx&part=posts", "?quarter=2026Q4&month=2026-11"} {
		if rec := get(t, h, "/export"+bad); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", bad, rec.Code)
		}
	}
}

func TestTemplatesParse(t *testing.T) {
	t.Parallel()
	// New panics if an embedded template does not parse.
	f := newFixture(t)
	if len(f.srv.pages) != 4 {
		t.Errorf("pages %d", len(f.srv.pages))
	}
}
