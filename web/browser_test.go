package web

import (
	"bytes"
	"flag"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"sitewatch/internal/testkit/browsertest"
)

var screenshotDir = flag.String("screenshots", "", "save PNG screenshots of the pages seen by the browser test into this directory")

func (f *fixture) shot(t *testing.T, b *browsertest.Browser, name string) {
	t.Helper()
	if *screenshotDir != "" {
		b.Screenshot(filepath.Join(*screenshotDir, name+".png"))
	}
}

// TestBrowser loads the pages in a real headless Chromium and checks what a
// person sees: the rows, their colours, sorting and filtering, a link to a
// post, a hostile title shown as text, the download of the report, and the
// layout on a phone.
func TestBrowser(t *testing.T) {
	f := newFixture(t)
	ts := f.server(t)
	b := browsertest.New(t)

	b.Open(ts.URL + "/")
	f.shot(t, b, "index")
	if n := b.Count("#units tbody tr[data-unit]"); n != 6 {
		t.Fatalf("%d unit rows visible, want 6", n)
	}
	colours := map[string]string{
		"thpt-dat":   "rgb(227, 244, 230)", // green: met
		"pgd-cho":    "rgb(255, 243, 196)", // amber: pending
		"thpt-truot": "rgb(253, 226, 228)", // red: missed
		"thpt-sap":   "rgb(255, 243, 196)", // amber: down (the site check only warns)
		"phong-cham": "rgb(253, 226, 228)", // red: stale
		"thpt-moi":   "rgb(238, 238, 238)", // grey: never crawled
	}
	for id, want := range colours {
		if got := b.Style(`tr[data-unit="`+id+`"] td`, "background-color"); got != want {
			t.Errorf("%s: background %s, want %s", id, got, want)
		}
	}
	if got := b.Text(`tr[data-unit="thpt-sap"] td:nth-child(7)`); got != "Không truy cập được" {
		t.Errorf("site column of the down unit reads %q", got)
	}
	if got := b.Text(`tr[data-unit="pgd-cho"] td:nth-child(4)`); got != "1/2" {
		t.Errorf("posts column reads %q, want 1/2", got)
	}

	// Sorting runs the inline script (so the CSP nonce works): sort by
	// posts this month, descending on the second click.
	b.Click("#units thead th:nth-child(4) button")
	b.Click("#units thead th:nth-child(4) button")
	if got := b.Attr("#units thead th:nth-child(4)", "aria-sort"); got != "descending" {
		t.Errorf("aria-sort = %q after two clicks", got)
	}
	if got := b.Attr("#units tbody tr:last-child", "data-unit"); got != "phong-cham" && got != "thpt-moi" {
		t.Errorf("last row after sorting by posts descending is %q, want a unit with 0 posts", got)
	}

	// Typing in the name box hides the other rows.
	b.Type("#f-name", "sập")
	b.WaitFor(`document.querySelectorAll("#units tbody tr:not([hidden])").length === 1`)
	if got := b.Text("#units tbody tr:not([hidden]) td a"); got != "Trường THPT Sập Mạng" {
		t.Errorf("filtered row %q", got)
	}

	// Choosing a kind submits the filter form.
	b.RunAndWait(`(function(){var s=document.getElementById("f-kind");s.value="phong_so";s.dispatchEvent(new Event("change"));})()`)
	if n := b.Count("#units tbody tr[data-unit]"); n != 1 {
		t.Errorf("%d rows after filtering by kind, want 1", n)
	}
	if got := browsertest.Eval[string](b, "location.search"); got != "?block=&kind=phong_so" {
		t.Errorf("filter URL %q", got)
	}

	// The unit page: a link to a post, the hostile title as text.
	b.Open(ts.URL + "/")
	b.ClickAndWait(`tr[data-unit="pgd-cho"] td:first-child a`)
	f.shot(t, b, "unit")
	if got := b.Text("h1"); got != "Phòng GD&ĐT Đang Chờ" {
		t.Errorf("unit page h1 %q", got)
	}
	if got := b.Text(`a[href="https://pgd-cho.example.edu.vn/tin/a"]`); got != "Tập huấn chuyên môn" {
		t.Errorf("post link reads %q", got)
	}
	if got := b.Text(`a[href="https://pgd-cho.example.edu.vn/tin/c"]`); got != titleScript {
		t.Errorf("hostile title reads %q, want it shown as text", got)
	}
	if n := browsertest.Eval[int](b, "document.scripts.length"); n != 0 {
		t.Errorf("%d scripts on the unit page, want 0 (a title turned into a script?)", n)
	}
	if got := b.Style("tr.uncounted td", "color"); got == "" {
		t.Errorf("excluded post row not shown")
	}

	// The export link downloads a workbook.
	b.Open(ts.URL + "/")
	data := b.Download(`.exports a[href*="quarter="][href*="format=xlsx"]`)
	if !bytes.HasPrefix(data, []byte("PK")) {
		t.Errorf("downloaded file starts with %q, want PK (a zip/xlsx)", data[:min(len(data), 8)])
	}

	// A unit sends a claim through the form on its page: it comes back
	// listed as pending, with what sitewatch found, and counts nothing yet.
	b.Open(ts.URL + "/unit/pgd-cho")
	b.Type("#claim-url", claimDated)
	b.Type("#claim-by", "Nguyễn Văn An, văn thư")
	b.Type("#claim-note", "Tin ngày 15/11 ở mục Tin tức")
	b.ClickAndWait("#claim-form button[type=submit]")
	f.shot(t, b, "unit-claim")
	if got := browsertest.Eval[string](b, "location.pathname + location.search"); got != "/unit/pgd-cho?claim=1&quarter=2026Q4" {
		t.Errorf("after the claim the browser is at %q", got)
	}
	if got := b.Text("#notice"); !strings.Contains(got, "Đã ghi nhận đề nghị #1") {
		t.Errorf("notice %q", got)
	}
	if got := b.Attr("#claim-1", "data-status"); got != "pending" {
		t.Errorf("claim status %q, want pending", got)
	}
	if got := b.Text("#claim-1 td.state"); got != "Chờ duyệt" {
		t.Errorf("claim state reads %q", got)
	}
	if got := b.Text("#claim-1 td.found strong"); got != titleClaimed {
		t.Errorf("found title reads %q, want the hostile title as text", got)
	}
	if got := b.Text("#claim-1"); !strings.Contains(got, "Nguyễn Văn An, văn thư") || !strings.Contains(got, claimedAtText) {
		t.Errorf("claim row reads %q", got)
	}
	if n := browsertest.Eval[int](b, `document.querySelectorAll("#claims img").length`); n != 0 {
		t.Errorf("%d images in the claims table: a title became markup", n)
	}
	if got := b.Text("#quarter-total"); got != "3" {
		t.Errorf("quarter total %q after a pending claim, want 3", got)
	}
	if cs := f.claims(t, "pending"); len(cs) != 1 || cs[0].SubmittedBy != "Nguyễn Văn An, văn thư" {
		t.Errorf("stored claims %+v", cs)
	}

	// The office, signed in (the service puts the user in the context),
	// excludes a post from its row's link, then approves the claim.
	office := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.srv.Handler().ServeHTTP(w, r.WithContext(WithUser(r.Context(), officeUser)))
	}))
	t.Cleanup(office.Close)
	b.Open(office.URL + "/unit/pgd-cho")
	b.ClickAndWait(`table.posts tr:has(a[href="https://pgd-cho.example.edu.vn/tin/c"]) a.fix`)
	if got := b.Attr("#override-url", "value"); got != "https://pgd-cho.example.edu.vn/tin/c" {
		t.Errorf("override form filled with %q", got)
	}
	b.Type("#override-why", "Tin của trường khác đăng nhầm")
	b.ClickAndWait("#override-form button[type=submit]")
	f.shot(t, b, "unit-override")
	if got := b.Text("#override-1 td.action"); got != "không tính bài" {
		t.Errorf("audit row action %q", got)
	}
	if got := b.Text("#notice"); !strings.Contains(got, "Đã lưu điều chỉnh #1") {
		t.Errorf("notice after override %q", got)
	}
	if got := b.Text("h2.month"); !strings.Contains(got, "Tháng 11/2026: 0/2 tin") {
		t.Errorf("November after the exclusion reads %q", got)
	}
	b.Type("#claim-1 form.decide input[name=reason]", "Đúng tin của đơn vị")
	b.ClickAndWait(`#claim-1 form.decide button[value="approve"]`)
	if got := b.Attr("#claim-1", "data-status"); got != "approved" {
		t.Errorf("claim status after approval %q", got)
	}
	if got := b.Text("h2.month"); !strings.Contains(got, "Tháng 11/2026: 1/2 tin") {
		t.Errorf("November after the approval reads %q", got)
	}

	// On a phone the table becomes cards and nothing overflows sideways.
	b.SetViewport(390, 844)
	b.Open(ts.URL + "/")
	f.shot(t, b, "index-phone-full")
	if *screenshotDir != "" {
		b.ScreenshotViewport(filepath.Join(*screenshotDir, "index-phone.png"))
	}
	if got := b.Style("#units thead", "display"); got != "none" {
		t.Errorf("table header display %q on a phone, want none", got)
	}
	if w := browsertest.Eval[int](b, "document.documentElement.scrollWidth"); w > 400 {
		t.Errorf("page is %dpx wide on a 390px phone", w)
	}
	if got := browsertest.Eval[string](b, `getComputedStyle(document.querySelector("#units tbody td"), "::before").content`); !strings.Contains(got, "Đơn vị") {
		t.Errorf("card label %q, want the column name", got)
	}
	// The unit page with its claims and forms (the office's too), and the
	// open claim page, fit too.
	for _, path := range []string{"/unit/pgd-cho", "/unit/pgd-cho/claim"} {
		b.Open(office.URL + path)
		f.shot(t, b, "phone"+strings.ReplaceAll(path, "/", "-"))
		if w := browsertest.Eval[int](b, "document.documentElement.scrollWidth"); w > 400 {
			t.Errorf("%s is %dpx wide on a 390px phone", path, w)
		}
		if w := browsertest.Eval[int](b, `Math.round(document.getElementById("claim-url").getBoundingClientRect().width)`); w < 250 {
			t.Errorf("%s: URL box %dpx wide on a phone", path, w)
		}
	}
}
