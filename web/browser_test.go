package web

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"sitewatch/web/browsertest"
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
		"thpt-sap":   "rgb(253, 226, 228)", // red: down
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
}
