package web

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"sitewatch/internal/testkit/browsertest"
)

// element saves a PNG screenshot of the element css (into -screenshots
// when set, else the test's directory) and returns it decoded.
func element(t *testing.T, b *browsertest.Browser, css, name string) image.Image {
	t.Helper()
	if err := chromedp.Do(b.Context(), chromedp.ScrollIntoView(chromedp.CSS(css))); err != nil {
		t.Fatalf("scroll to %s: %v", css, err)
	}
	buf, err := chromedp.Run(b.Context(), chromedp.Screenshot(chromedp.CSS(css)))
	if err != nil {
		t.Fatalf("screenshot of %s: %v", css, err)
	}
	dir := *screenshotDir
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("screenshot of %s is not a PNG: %v", css, err)
	}
	return img
}

// colours counts the distinct colours of img and reports whether each of
// want (r, g, b) occurs in it.
func colours(img image.Image, want ...[3]uint8) (int, []bool) {
	seen := map[[3]uint8]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}] = true
		}
	}
	found := make([]bool, len(want))
	for i, w := range want {
		found[i] = seen[w]
	}
	return len(seen), found
}

// textOf is the text content of the first element matching css (SVG
// elements have no innerText).
func textOf(b *browsertest.Browser, css string) string {
	return browsertest.Eval[string](b, `(function(){var e=document.querySelector(`+jsQuote(css)+`);return e?e.textContent.trim():"";})()`)
}

func jsQuote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

var (
	rgbMet     = [3]uint8{0x2e, 0x7d, 0x32}
	rgbPending = [3]uint8{0xf9, 0xa8, 0x25}
	rgbMissed  = [3]uint8{0xc6, 0x28, 0x28}
)

// TestBrowserPictures renders the overview's unit × month grid and the unit
// page's twelve-month chart in Chromium: the cells carry each month's state
// colour and count, the year view has twelve columns, the bars are as tall
// as their posts with the quota line at the quota, the titles are in
// Vietnamese, and the screenshots show the colours.
func TestBrowserPictures(t *testing.T) {
	f := newFixture(t)
	ts := f.server(t)
	b := browsertest.New(t)
	b.SetViewport(1280, 900)

	b.Open(ts.URL + "/")
	if got := textOf(b, "#grid-title"); got != "Tình trạng định mức theo tháng của từng đơn vị, Quý IV/2026" {
		t.Errorf("grid title %q", got)
	}
	if n := b.Count("#grid g.unit"); n != 6 {
		t.Errorf("%d units in the grid, want the 6 rows of the table", n)
	}
	if n := b.Count(`#grid g.unit[data-unit="thpt-dat"] g.cell`); n != 3 {
		t.Errorf("%d months in the quarter grid, want 3", n)
	}
	cells := []struct {
		unit, month, state, fill, text string
	}{
		{"thpt-truot", "2026-10", "missed", "rgb(198, 40, 40)", "0"},
		{"thpt-truot", "2026-11", "met", "rgb(46, 125, 50)", "1"},
		{"pgd-cho", "2026-10", "met", "rgb(46, 125, 50)", "2"},
		{"pgd-cho", "2026-11", "pending", "rgb(249, 168, 37)", "1"},
		{"phong-cham", "2026-10", "no_quota", "rgb(176, 190, 197)", "1"},
		{"phong-cham", "2026-12", "no_quota", "rgb(176, 190, 197)", ""},
		{"thpt-dat", "2026-12", "upcoming", "rgb(238, 238, 238)", ""},
	}
	for _, c := range cells {
		sel := `#grid g.unit[data-unit="` + c.unit + `"] g.cell[data-month="` + c.month + `"]`
		if got := b.Attr(sel, "data-state"); got != c.state {
			t.Errorf("%s %s: state %q, want %q", c.unit, c.month, got, c.state)
		}
		if got := b.Style(sel+" rect", "fill"); got != c.fill {
			t.Errorf("%s %s: fill %s, want %s", c.unit, c.month, got, c.fill)
		}
		if got := textOf(b, sel+" text"); got != c.text {
			t.Errorf("%s %s: cell reads %q, want %q", c.unit, c.month, got, c.text)
		}
	}
	if got := textOf(b, `#grid g.unit[data-unit="pgd-cho"] g.cell[data-month="2026-11"] title`); got != "Phòng GD&ĐT Đang Chờ, tháng 11/2026: 1/2 tin, đang chờ" {
		t.Errorf("cell title %q", got)
	}
	w := browsertest.Eval[int](b, `Math.round(document.getElementById("grid").getBoundingClientRect().width)`)
	h := browsertest.Eval[int](b, `Math.round(document.getElementById("grid").getBoundingClientRect().height)`)
	if w < gridLabelWidth+3*gridQuarterCell-10 || h < 6*gridRowHeight {
		t.Errorf("grid drawn %d×%d px", w, h)
	}
	img := element(t, b, "#grid", "grid-quarter")
	if bw, bh := img.Bounds().Dx(), img.Bounds().Dy(); bw < w-2 || bh < h-2 {
		t.Errorf("grid screenshot %d×%d, element %d×%d", bw, bh, w, h)
	}
	if n, found := colours(img, rgbMet, rgbPending, rgbMissed); n < 20 || !found[0] || !found[1] || !found[2] {
		t.Errorf("grid screenshot: %d colours, met/pending/missed present %v", n, found)
	}

	// The year: twelve months, the link back to the quarter.
	b.ClickAndWait("#grid-other")
	if n := b.Count(`#grid g.unit[data-unit="thpt-dat"] g.cell`); n != 12 {
		t.Errorf("%d months in the year grid, want 12", n)
	}
	if got := textOf(b, "#grid-title"); got != "Tình trạng định mức theo tháng của từng đơn vị, năm 2026" {
		t.Errorf("year grid title %q", got)
	}
	if got := b.Attr(`#grid g.unit[data-unit="thpt-dat"] g.cell[data-month="2026-03"]`, "data-state"); got != "missed" {
		t.Errorf("thpt-dat March: %q, want missed (no post)", got)
	}
	if got := textOf(b, "#grid-other"); got != "Xem Quý IV/2026" {
		t.Errorf("link back reads %q", got)
	}
	element(t, b, "#grid", "grid-year")

	// The unit page: twelve bars, heights in proportion, the quota line.
	b.Open(ts.URL + "/unit/pgd-cho")
	if got := textOf(b, "#chart-title"); got != "Số tin được tính mỗi tháng của Phòng GD&ĐT Đang Chờ, tháng 12/2025 đến tháng 11/2026" {
		t.Errorf("chart title %q", got)
	}
	if n := b.Count("#chart g.bar"); n != 12 {
		t.Errorf("%d bars, want 12", n)
	}
	height := func(month string) float64 {
		return browsertest.Eval[float64](b, `document.querySelector('#chart g.bar[data-month="`+month+`"] rect.posts').getBoundingClientRect().height`)
	}
	top := func(css string) float64 {
		return browsertest.Eval[float64](b, `document.querySelector('`+css+`').getBoundingClientRect().top`)
	}
	oct, nov, sep := height("2026-10"), height("2026-11"), height("2026-09")
	if nov < 10 || oct < 2*nov-2 || oct > 2*nov+2 || sep != 0 {
		t.Errorf("bar heights: September %.1f, October %.1f (2 posts), November %.1f (1 post)", sep, oct, nov)
	}
	if q, o := top("#quota-line"), top(`#chart g.bar[data-month="2026-10"] rect.posts`); q < o-2 || q > o+2 {
		t.Errorf("quota line at %.1f, top of October's bar (2 posts, the quota) at %.1f", q, o)
	}
	if got := b.Style(`#chart g.bar[data-month="2026-09"] rect.zero`, "fill"); got != "rgb(198, 40, 40)" {
		t.Errorf("September (no post, missed) marked %q, want the missed colour", got)
	}
	if n := b.Count("#chart rect.zero"); n != 10 {
		t.Errorf("%d months marked without posts, want 10", n)
	}
	if got := b.Style(`#chart g.bar[data-month="2026-11"] rect.posts`, "fill"); got != "rgb(249, 168, 37)" {
		t.Errorf("November's bar %s, want the pending colour", got)
	}
	if got := textOf(b, `#chart g.bar[data-month="2026-10"] title`); got != "Tháng 10/2026: 2/2 tin, đạt" {
		t.Errorf("bar title %q", got)
	}
	if n := browsertest.Eval[int](b, "document.scripts.length"); n != 0 {
		t.Errorf("%d scripts on the unit page: the chart must need none", n)
	}
	img = element(t, b, "#chart", "chart")
	if n, found := colours(img, rgbMet, rgbPending); n < 20 || !found[0] || !found[1] {
		t.Errorf("chart screenshot: %d colours, met/pending present %v", n, found)
	}

	// On a phone both fit the screen.
	b.SetViewport(390, 844)
	for _, path := range []string{"/", "/?grid=year", "/unit/pgd-cho"} {
		b.Open(ts.URL + path)
		if w := browsertest.Eval[int](b, "document.documentElement.scrollWidth"); w > 400 {
			t.Errorf("%s is %dpx wide on a 390px phone", path, w)
		}
	}
}
