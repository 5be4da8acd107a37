// Package browsertest drives a real headless Chromium (through chromedp) in
// tests, to check what a person sees on sitewatch's pages: rows, colours,
// links and downloads.
//
// New starts one fresh browser per test with the flags a machine without
// network needs (without them Chromium waits on the network and hangs), in a
// new profile directory. When no Chromium is installed, New skips the test
// with a message, except when the environment variable CI is "true", where it
// fails: CI must run the browser tests.
//
// The helper only needs a base URL, so it can drive the httptest server of a
// handler test as well as a full `sitewatch serve`.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// DefaultTimeout bounds everything one Browser does; generous, for loaded
// machines.
const DefaultTimeout = 3 * time.Minute

// EnvExecPath names an environment variable that points at the browser
// executable, overriding the search.
const EnvExecPath = "SITEWATCH_CHROMIUM"

// candidates are the executable names searched in PATH, in order.
func candidates() []string {
	return []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"}
}

// Find returns the path of a Chromium or Chrome executable, or "" if none is
// installed. EnvExecPath wins when set.
func Find() string {
	if p := os.Getenv(EnvExecPath); p != "" {
		return p
	}
	for _, name := range candidates() {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Flags are the command-line switches every browser gets, beyond chromedp's
// defaults: headless, no sandbox (containers run as root), no GPU, and no
// background traffic that would hang on a machine without network.
func Flags() []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints,AutofillServerCommunication"),
		chromedp.WindowSize(1280, 900),
	}
}

// Browser is one headless Chromium for one test. Its methods must be called
// from the test's goroutine.
type Browser struct {
	t   testing.TB
	ctx context.Context
	// DownloadDir receives downloaded files.
	DownloadDir string
}

// New starts a browser for t, stopped when t ends. It skips t when no
// browser is installed, unless CI=true.
func New(t testing.TB) *Browser {
	t.Helper()
	path := Find()
	if path == "" {
		msg := "browsertest: no Chromium found (install the Debian package chromium, or set " + EnvExecPath + ")"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; CI=true requires the browser tests")
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], Flags()...)
	opts = append(opts, chromedp.ExecPath(path), chromedp.UserDataDir(filepath.Join(dir, "profile")))
	ctx, cancelTimeout := context.WithTimeout(context.Background(), DefaultTimeout)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	// Start the browser now, so that a broken installation fails here.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("browsertest: start %s: %v", path, err)
	}
	b := &Browser{t: t, ctx: bctx, DownloadDir: filepath.Join(dir, "downloads")}
	if err := os.MkdirAll(b.DownloadDir, 0o755); err != nil {
		t.Fatal(err)
	}
	return b
}

// Context is the chromedp context of the browser's first tab, for actions
// the helpers do not cover.
func (b *Browser) Context() context.Context { return b.ctx }

// Open navigates to url and waits for the body.
func (b *Browser) Open(url string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		b.t.Fatalf("browsertest: open %s: %v", url, err)
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON
// result into T.
func Eval[T any](b *Browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("browsertest: eval %s: %v", expr, err)
	}
	return v
}

// Text is the rendered text (innerText) of the first element matching css,
// as a person reads it; "" when none matches.
func (b *Browser) Text(css string) string {
	b.t.Helper()
	return Eval[string](b, fmt.Sprintf(`(function(){var e=document.querySelector(%s);return e?e.innerText:"";})()`, jsString(css)))
}

// Count is the number of visible elements matching css.
func (b *Browser) Count(css string) int {
	b.t.Helper()
	return Eval[int](b, fmt.Sprintf(`Array.prototype.filter.call(document.querySelectorAll(%s),function(e){return e.offsetParent!==null||e.getClientRects().length>0;}).length`, jsString(css)))
}

// Style is the computed value of a CSS property of the first element
// matching css, e.g. Style("tr.bad td", "background-color") = "rgb(253, 226, 228)".
func (b *Browser) Style(css, property string) string {
	b.t.Helper()
	return Eval[string](b, fmt.Sprintf(`(function(){var e=document.querySelector(%s);return e?getComputedStyle(e).getPropertyValue(%s):"";})()`, jsString(css), jsString(property)))
}

// Attr is an attribute of the first element matching css ("" when absent).
func (b *Browser) Attr(css, name string) string {
	b.t.Helper()
	return Eval[string](b, fmt.Sprintf(`(function(){var e=document.querySelector(%s);return e&&e.getAttribute(%s)||"";})()`, jsString(css), jsString(name)))
}

// Click clicks the first element matching css.
func (b *Browser) Click(css string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(css))); err != nil {
		b.t.Fatalf("browsertest: click %s: %v", css, err)
	}
}

// ClickAndWait clicks the first element matching css and waits for the page
// it leads to to load.
func (b *Browser) ClickAndWait(css string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(css)))); err != nil {
		b.t.Fatalf("browsertest: click %s and wait: %v", css, err)
	}
}

// RunAndWait evaluates JavaScript that navigates (a form submit, a change
// handler) and waits for the new page to load.
func (b *Browser) RunAndWait(js string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Evaluate[chromedp.Void](js))); err != nil {
		b.t.Fatalf("browsertest: %s and wait: %v", js, err)
	}
}

// Type types text into the first element matching css, as a person does
// (key events, so input handlers run).
func (b *Browser) Type(css, text string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.SendKeys(chromedp.CSS(css), text)); err != nil {
		b.t.Fatalf("browsertest: type into %s: %v", css, err)
	}
}

// WaitFor waits until the JavaScript expression is truthy (bounded by
// DefaultTimeout, not by a short deadline).
func (b *Browser) WaitFor(expr string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(0), chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		b.t.Fatalf("browsertest: wait for %s: %v", expr, err)
	}
}

// Download clicks the element matching css (a link to a file) and returns
// the bytes of the file the browser saved.
func (b *Browser) Download(css string) []byte {
	b.t.Helper()
	progress := chromedp.Events(b.ctx, browser.DownloadProgress)
	yes := true
	if _, err := chromedp.Call(b.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: b.DownloadDir, EventsEnabled: &yes,
	}); err != nil {
		b.t.Fatalf("browsertest: allow downloads: %v", err)
	}
	b.Click(css)
	for ev, err := range progress {
		if err != nil {
			b.t.Fatalf("browsertest: download via %s: %v", css, err)
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			data, err := os.ReadFile(filepath.Join(b.DownloadDir, ev.GUID))
			if err != nil {
				b.t.Fatalf("browsertest: read download: %v", err)
			}
			return data
		case browser.DownloadProgressStateCanceled:
			b.t.Fatalf("browsertest: download via %s was canceled", css)
		}
	}
	b.t.Fatalf("browsertest: no download via %s", css)
	return nil
}

// Screenshot saves a PNG of the whole page to path (for a person to look at).
func (b *Browser) Screenshot(path string) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // quality 100 gives a PNG
	if err != nil {
		b.t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// ScreenshotViewport saves a PNG of what the viewport shows to path.
func (b *Browser) ScreenshotViewport(path string) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("browsertest: screenshot: %v", err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// SetViewport resizes the page, e.g. to a phone's 390×844.
func (b *Browser) SetViewport(width, height int64) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(width, height)); err != nil {
		b.t.Fatalf("browsertest: viewport: %v", err)
	}
}

func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
