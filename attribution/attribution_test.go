package attribution

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// registry is a province with the similar names the rules must tell apart.
var registry = []Unit{
	{ID: "so", Name: "Sở Giáo dục và Đào tạo tỉnh Lâm Hà", Aliases: []string{"Văn phòng Sở"}, URL: "https://sogddt.lamha.gov.vn/"},
	{ID: "pgd-cu-jut", Name: "Phòng GD&ĐT huyện Cư Jút", URL: "https://pgdcujut.lamha.edu.vn/"},
	{ID: "pgd-dak-mil", Name: "Phòng GD&ĐT huyện Đắk Mil"},
	{ID: "pgd-gia-nghia", Name: "Phòng Giáo dục và Đào tạo thành phố Gia Nghĩa"},
	{ID: "thpt-dak-mil", Name: "Trường THPT Đắk Mil"},
	{ID: "thpt-chu-van-an", Name: "Trường THPT Chu Văn An", Aliases: []string{"THPT CVA"}, URL: "https://thptchuvanan.lamha.edu.vn/"},
	{ID: "thpt-nguyen-du", Name: "Trường THPT Nguyễn Du"},
	{ID: "thcs-nguyen-du", Name: "Trường THCS Nguyễn Du"},
	{ID: "thpt-truong-chinh", Name: "Trường THPT Trường Chinh"},
	{ID: "ptdtnt-dak-glong", Name: "Trường PT DTNT THCS và THPT huyện Đắk Glong"},
	{ID: "ptdtnt-ntrang-long", Name: "Trường PT Dân tộc nội trú N'Trang Lơng"},
	{ID: "tt-dak-song", Name: "Trung tâm GDNN-GDTX huyện Đắk Song"},
	{ID: "th-le-loi", Name: "Trường Tiểu học Lê Lợi"},
	{ID: "mn-hoa-sen", Name: "Trường Mầm non Hoa Sen"},
	{ID: "p-gdtrh", Name: "Phòng Giáo dục Trung học - Sở GD&ĐT tỉnh Lâm Hà"},
	{ID: "p-ktkd", Name: "Phòng Khảo thí và Kiểm định chất lượng"},
}

func TestAttribute(t *testing.T) {
	t.Parallel()
	m := NewMatcher(registry, "so")
	by := func(text string) []Evidence { return []Evidence{{Text: text, Found: FoundByline}} }
	styled := func(text string) []Evidence { return []Evidence{{Text: text, Found: FoundByline, Styled: true}} }
	tests := []struct {
		name  string
		evs   []Evidence
		unit  string
		found Found
	}{
		{"tin anh", by("Tin, ảnh: Trường THPT Chu Văn An"), "thpt-chu-van-an", FoundByline},
		{"bai va anh person dash unit", by("Bài và ảnh: Nguyễn Thị Hoa – Trường THPT Chu Văn An"), "thpt-chu-van-an", FoundByline},
		{"person then unit in parentheses", styled("Hoàng Minh (Phòng GD&ĐT huyện Cư Jút)"), "pgd-cu-jut", FoundByline},
		{"without diacritics", by("Tin, anh: Truong THPT Chu Van An"), "thpt-chu-van-an", FoundByline},
		{"upper case", styled("TRƯỜNG THPT CHU VĂN AN"), "thpt-chu-van-an", FoundByline},
		{"PGD abbreviation without huyện", by("Tin: PGD Cư Jút"), "pgd-cu-jut", FoundByline},
		{"PGDĐT", by("Tin, ảnh: PGDĐT Cư Jút"), "pgd-cu-jut", FoundByline},
		{"Phòng GD-ĐT", by("Tin: Phòng GD-ĐT Cư Jút"), "pgd-cu-jut", FoundByline},
		{"TP. abbreviation", by("Tin, ảnh: Phòng GD&ĐT TP. Gia Nghĩa"), "pgd-gia-nghia", FoundByline},
		{"Trường omitted, written out type", by("Tin: Trung học phổ thông Nguyễn Du"), "thpt-nguyen-du", FoundByline},
		{"cơ sở is not the Sở", by("Tác giả: Trường Trung học cơ sở Nguyễn Du"), "thcs-nguyen-du", FoundAuthor},
		{"upper-case CƠ SỞ", styled("TRƯỜNG TRUNG HỌC CƠ SỞ NGUYỄN DU"), "thcs-nguyen-du", FoundByline},
		{"THCS is not THPT", by("Tin, ảnh: Trường THCS Nguyễn Du"), "thcs-nguyen-du", FoundByline},
		{"THPT is not THCS", by("Tin, ảnh: THPT Nguyễn Du"), "thpt-nguyen-du", FoundByline},
		{"district office is not the school", by("Tin: Phòng GD&ĐT huyện Đắk Mil"), "pgd-dak-mil", FoundByline},
		{"school is not the district office", by("Tin: Trường THPT Đắk Mil"), "thpt-dak-mil", FoundByline},
		{"place alone is ambiguous", by("Tin, ảnh: Đắk Mil"), "", FoundByline},
		{"type alone is ambiguous", by("Tin, ảnh: Trường THPT"), "", ""},
		{"Trường inside the name", by("Tin: THPT Trường Chinh"), "thpt-truong-chinh", FoundByline},
		{"PT DTNT first type only", by("Tin, ảnh: Trường PT DTNT Đắk Glong"), "ptdtnt-dak-glong", FoundByline},
		{"PTDTNT in full", by("Tin: Trường PTDTNT THCS&THPT Đắk Glong"), "ptdtnt-dak-glong", FoundByline},
		{"DTNT apostrophe", by("Ảnh: Trường PTDTNT N’Trang Lơng"), "ptdtnt-ntrang-long", FoundByline},
		{"TT GDNN-GDTX", by("Tin: TT GDNN-GDTX Đắk Song"), "tt-dak-song", FoundByline},
		{"TH", by("Tin, ảnh: TH Lê Lợi"), "th-le-loi", FoundByline},
		{"MN", by("Tin, ảnh: MN Hoa Sen"), "mn-hoa-sen", FoundByline},
		{"alias", by("Tin: THPT CVA"), "thpt-chu-van-an", FoundByline},
		{"department abbreviated", by("Tin: Phòng GDTrH"), "p-gdtrh", FoundByline},
		{"department in full with its parent", styled("Phòng Giáo dục Trung học - Sở GD&ĐT tỉnh Lâm Hà"), "p-gdtrh", FoundByline},
		{"department with lower-case words", styled("Phòng Khảo thí và Kiểm định chất lượng"), "p-ktkd", FoundByline},
		{"office alias", styled("Văn phòng Sở"), "so", FoundByline},
		{"office without the alias", styled("Văn phòng Sở GD&ĐT"), "so", FoundByline},
		{"office bare type", by("Tin: Sở GD&ĐT"), "so", FoundByline},
		{"editorial board is the office", styled("Ban Biên tập"), "so", FoundByline},
		{"another province's Sở", by("Nguồn: Sở GD&ĐT tỉnh Đắk Lắk"), "", FoundSource},
		{"source names the unit", by("Nguồn tin: Trường THPT Chu Văn An"), "thpt-chu-van-an", FoundSource},
		{"source is the unit's website", by("Nguồn: thptchuvanan.lamha.edu.vn"), "thpt-chu-van-an", FoundSource},
		{"newspaper", by("Nguồn: Báo Lâm Hà điện tử"), "", FoundSource},
		{"newspaper website", by("Nguồn: https://baolamha.vn/giao-duc/abc.html"), "", FoundSource},
		{"Theo newspaper", styled("Theo Báo Giáo dục và Thời đại"), "", FoundSource},
		{"person alone", styled("Nguyễn Thị Hoa"), "", FoundByline},
		{"author label", []Evidence{{Text: "Tác giả: Lê Văn Nam - THCS Nguyễn Du", Found: FoundByline}}, "thcs-nguyen-du", FoundAuthor},
		{"mention in a sentence", by("Hội nghị diễn ra tại Trường THPT Nguyễn Du với sự tham gia của đông đảo giáo viên."), "", ""},
		{"mention styled", styled("Lãnh đạo Sở thăm và làm việc với Trường THPT Đắk Mil"), "", ""},
		{"two units are ambiguous", by("Tin: Trường THPT Nguyễn Du, Trường THCS Nguyễn Du"), "", FoundByline},
		{"longest name wins over its parent", styled("Phòng GDTrH - Sở GD&ĐT"), "p-gdtrh", FoundByline},
		{"name goes on", by("Tin: Trường THPT Nguyễn Du Krông Nô"), "", FoundByline},
		{"unit with its district after it", by("Tin, ảnh: Trường THPT Chu Văn An, huyện Đắk Mil"), "thpt-chu-van-an", FoundByline},
		{"title prefix", []Evidence{{Text: "THPT Chu Văn An", Found: FoundTitle}}, "thpt-chu-van-an", FoundTitle},
		{"title prefix with lower-case words", []Evidence{{Text: "Lãnh đạo Sở thăm Trường THPT Đắk Mil", Found: FoundTitle}}, "", ""},
		{"meta author decides alone", []Evidence{{Text: "Trường THCS Nguyễn Du", Found: FoundAuthor, Meta: true}}, "thcs-nguyen-du", FoundAuthor},
		{"meta author loses to a signature", []Evidence{
			{Text: "Tin, ảnh: Trường THPT Chu Văn An", Found: FoundByline},
			{Text: "Sở Giáo dục và Đào tạo tỉnh Lâm Hà", Found: FoundAuthor, Meta: true},
		}, "thpt-chu-van-an", FoundByline},
		{"meta author does not override a person", []Evidence{
			{Text: "Nguyễn Văn Bình", Found: FoundByline, Styled: true},
			{Text: "Sở Giáo dục và Đào tạo tỉnh Lâm Hà", Found: FoundAuthor, Meta: true},
		}, "", FoundByline},
		{"newspaper source beats a school byline", []Evidence{
			{Text: "Bài: Nguyễn Văn A - Trường THPT Nguyễn Du", Found: FoundByline},
			{Text: "Nguồn: Báo Lâm Hà", Found: FoundByline},
		}, "", FoundSource},
		{"title and byline agree", []Evidence{
			{Text: "THPT Chu Văn An", Found: FoundTitle},
			{Text: "Tin, ảnh: Hoa Mai", Found: FoundByline},
		}, "thpt-chu-van-an", FoundTitle},
		{"meta author naming the portal is its default", []Evidence{{Text: "Sở Giáo dục và Đào tạo tỉnh Lâm Hà", Found: FoundAuthor, Meta: true}}, "", ""},
		{"nothing", nil, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := m.Attribute(tc.evs)
			if got.UnitID != tc.unit || got.Found != tc.found {
				t.Errorf("Attribute(%+v) = %+v, want unit %q found %q", tc.evs, got, tc.unit, tc.found)
			}
		})
	}
}

// page wraps an article in a portal layout with a sidebar of unit news.
func pageHTML(meta, title, article string) string {
	return `<html><head><title>` + title + `</title>` + meta + `</head><body>
<div id="header"><a href="/">Sở Giáo dục và Đào tạo tỉnh Lâm Hà</a></div>
<ul class="menu"><li><a href="/tin-tuc">Tin tức</a></li><li><a href="/don-vi">Tin đơn vị</a></li></ul>
<div id="content"><div class="main">` + article + `</div>
<div class="right"><div class="box"><h3>Tin đơn vị</h3><ul>
<li><a href="/a">Trường THCS Nguyễn Du tổ chức hội thi giáo viên dạy giỏi</a></li>
<li><a href="/b">[THPT Đắk Mil] Lễ kỷ niệm Ngày Nhà giáo Việt Nam</a></li>
<li><a href="/c">Phòng GD&amp;ĐT huyện Cư Jút tổng kết năm học</a></li>
</ul></div><div class="box2"><p>Tin, ảnh: Trường THPT Nguyễn Du</p></div></div></div>
<div id="footer"><p>Sở Giáo dục và Đào tạo tỉnh Lâm Hà</p><p>Tin, ảnh: Trường THPT Đắk Mil</p></div></body></html>`
}

const para = `<p>Sáng ngày 20/11, nhà trường long trọng tổ chức lễ kỷ niệm với sự tham dự của đại diện lãnh đạo địa phương, Ban đại diện cha mẹ học sinh cùng toàn thể cán bộ, giáo viên, nhân viên và học sinh.</p>
<p>Tại buổi lễ, nhiều tiết mục văn nghệ đặc sắc đã được biểu diễn, thể hiện lòng biết ơn của các thế hệ học trò đối với thầy cô.</p>`

func TestCollect(t *testing.T) {
	t.Parallel()
	m := NewMatcher(registry, "so")
	tests := []struct {
		name  string
		html  string
		title string
		unit  string
		found Found
	}{
		{"byline right-aligned bold", pageHTML("", "Lễ kỷ niệm", `<h1>Lễ kỷ niệm 20/11</h1><div class="content">`+para+`<p style="text-align:right"><strong>Hoàng Minh (Phòng GD&amp;ĐT huyện Cư Jút)</strong></p></div>`), "", "pgd-cu-jut", FoundByline},
		{"byline after the body", pageHTML("", "Lễ kỷ niệm", `<h1>Lễ kỷ niệm 20/11</h1><div class="content">`+para+`</div><div class="author-detail" style="text-align:right"><b>Tin, ảnh: Trường THPT Chu Văn An</b></div><div class="tin-khac"><ul><li><a href="/x">Trường THPT Nguyễn Du khai giảng năm học mới</a></li></ul></div>`), "", "thpt-chu-van-an", FoundByline},
		{"italic byline in the body", pageHTML("", "Hội thi", `<h1>Hội thi</h1><div>`+para+`<p><em>Bài và ảnh: Nguyễn Thị Hoa – Trường THCS Nguyễn Du</em></p></div>`), "", "thcs-nguyen-du", FoundByline},
		{"title prefix", pageHTML("", "x", `<h1>[THPT Chu Văn An] Hội trại truyền thống</h1><div>`+para+`</div>`), "[THPT Chu Văn An] Hội trại truyền thống", "thpt-chu-van-an", FoundTitle},
		{"author element", pageHTML("", "x", `<h1>Tập huấn</h1><div class="tacgia">Tác giả: Phòng GD&amp;ĐT huyện Đắk Mil</div><div>`+para+`</div>`), "", "pgd-dak-mil", FoundAuthor},
		{"meta author", pageHTML(`<meta name="author" content="Trường THPT Đắk Mil">`, "x", `<h1>Tập huấn</h1><div>`+para+`</div>`), "", "thpt-dak-mil", FoundAuthor},
		{"source line", pageHTML("", "x", `<h1>Tập huấn</h1><div>`+para+`<p>Nguồn: Báo Lâm Hà</p></div>`), "", "", FoundSource},
		{"mention only, sidebar and footer name units", pageHTML("", "x", `<h1>Tập huấn</h1><div>`+para+`<p>Đoàn công tác đã đến thăm Trường THPT Nguyễn Du và Trường THCS Nguyễn Du.</p></div>`), "", "", ""},
		{"person only", pageHTML("", "x", `<h1>Tập huấn</h1><div>`+para+`<p style="text-align: right;"><strong>Lê Thị Mai</strong></p></div>`), "", "", FoundByline},
		{"office own post", pageHTML("", "x", `<h1>Hội nghị</h1><div>`+para+`<p align="right"><b>Văn phòng Sở</b></p></div>`), "", "so", FoundByline},
		{"right-aligned by class", pageHTML("", "x", `<h1>Hội nghị</h1><div>`+para+`<p class="text-right">Cô Nguyễn Thị Hoa, lớp 10A1 – Trường THPT Chu Văn An</p></div>`), "", "thpt-chu-van-an", FoundByline},
		{"the same line unstyled is a sentence", pageHTML("", "x", `<h1>Hội nghị</h1><div>`+para+`<p>Cô Nguyễn Thị Hoa, lớp 10A1 – Trường THPT Chu Văn An</p></div>`), "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(tc.html))
			if err != nil {
				t.Fatal(err)
			}
			evs := Collect(doc, tc.title)
			got := m.Attribute(evs)
			if got.UnitID != tc.unit || got.Found != tc.found {
				t.Errorf("got %+v, want unit %q found %q; evidence %+v", got, tc.unit, tc.found, evs)
			}
		})
	}
}
