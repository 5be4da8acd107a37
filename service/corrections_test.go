package service

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"
	"golang.org/x/crypto/bcrypt"

	"sitewatch/config"
	"sitewatch/export"
	"sitewatch/store"
)

// The office user of the corrections tests.
const (
	officeName = "vanphong"
	officePass = "mật khẩu đúng"
)

// missedPostHTML is a post the crawler missed, on the unit's site.
const missedPostHTML = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Hội thi giáo viên dạy giỏi cấp huyện</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2026-11-12T08:30:00+07:00">
</head><body><article><h1>Hội thi giáo viên dạy giỏi cấp huyện</h1>
<p>Sáng ngày 12/11/2026, Phòng GD&amp;ĐT tổ chức khai mạc Hội thi giáo viên dạy giỏi cấp huyện năm học 2026-2027 với sự tham gia của 120 giáo viên đến từ các trường mầm non, tiểu học và trung học cơ sở trên địa bàn.</p>
<figure><img src="/anh/khai-mac.jpg" width="800" height="600" alt="Khai mạc"><figcaption>Quang cảnh lễ khai mạc hội thi</figcaption></figure>
<p>Hội thi nhằm tôn vinh những thầy cô giáo có nhiều đóng góp trong đổi mới phương pháp dạy học, lan toả tinh thần tự học và sáng tạo trong đội ngũ.</p>
</article></body></html>`

// correctionsEnv is a service over a database in dir, for a unit whose
// website is a loopback test server.
type correctionsEnv struct {
	dir  string
	cfg  *config.Config
	site *httptest.Server
	now  time.Time
}

func newCorrectionsEnv(t *testing.T, withAuth bool) *correctionsEnv {
	t.Helper()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/tin/hoi-thi.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, missedPostHTML)
	}))
	t.Cleanup(site.Close)
	auth := ""
	if withAuth {
		h, err := bcrypt.GenerateFromPassword([]byte(officePass), bcrypt.MinCost)
		if err != nil {
			t.Fatal(err)
		}
		auth = fmt.Sprintf("  auth:\n    users: {%s: %q}\n", officeName, h)
	}
	dir := t.TempDir()
	yml := fmt.Sprintf("settings:\n  database: %s\n  timezone: Asia/Ho_Chi_Minh\n%sunits:\n"+
		"  - {id: pgd-a, name: \"Phòng GD&ĐT A\", kind: phong_gddt, url: %q, allow_private_network: true}\n",
		filepath.Join(dir, "s.db"), auth, site.URL+"/")
	cfg, err := config.Parse("sites.yaml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	e := &correctionsEnv{dir: dir, cfg: cfg, site: site, now: time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)}
	st := e.open(t)
	ctx := context.Background()
	if err := st.SyncUnits(ctx, []store.Unit{{ID: "pgd-a", Name: "Phòng GD&ĐT A", Kind: "phong_gddt", URL: site.URL + "/", Enabled: true}}, e.now); err != nil {
		t.Fatal(err)
	}
	_, err = st.SaveCrawl(ctx, &store.CrawlResult{
		Crawl: store.Crawl{UnitID: "pgd-a", Started: e.now, Finished: e.now, Outcome: store.OutcomeOK, HTTPStatus: 200},
		Posts: []store.Post{{URL: site.URL + "/tin/tap-huan.html", Title: "Tập huấn chuyên môn", Published: time.Date(2026, 11, 3, 1, 0, 0, 0, time.UTC), DateSource: "meta", Images: 2}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return e
}

// open opens the environment's database, closed when the test ends (a
// second Close is harmless).
func (e *correctionsEnv) open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), e.cfg.Settings.Database)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// handler starts a service (as after a restart) over the database.
func (e *correctionsEnv) handler(t *testing.T) (http.Handler, *store.Store) {
	t.Helper()
	st := e.open(t)
	svc := New(Options{Config: e.cfg, Store: st, Now: func() time.Time { return e.now }, Logger: slog.New(slog.DiscardHandler)})
	return svc.Handler(), st
}

// call sends one request; form, when set, makes it a same-origin form post.
// Header pairs are set last ("" deletes).
func call(t *testing.T, h http.Handler, method, target string, form url.Values, user, pass string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "http://"+req.Host)
	}
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func page(t *testing.T, rec *httptest.ResponseRecorder) *goquery.Document {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// november is the November heading of the unit page.
func november(doc *goquery.Document) string {
	var out string
	doc.Find("h2.month").Each(func(_ int, s *goquery.Selection) {
		if strings.Contains(s.Text(), "Tháng 11/2026") {
			out = strings.Join(strings.Fields(s.Text()), " ")
		}
	})
	return out
}

// TestCorrectionsWithAuth: with users in settings.auth, a unit sends a
// claim without a password (inspected by the real crawler, pending, no
// count changed); the office corrects and decides only with a valid
// password; the count, the audit log and the report's criteria sheet follow;
// everything survives a restart.
func TestCorrectionsWithAuth(t *testing.T) {
	t.Parallel()
	e := newCorrectionsEnv(t, true)
	h, st := e.handler(t)
	missed := e.site.URL + "/tin/hoi-thi.html"
	counted := e.site.URL + "/tin/tap-huan.html"

	// The pages need the password; the claim form does not.
	if rec := call(t, h, http.MethodGet, "/unit/pgd-a", nil, "", ""); rec.Code != http.StatusUnauthorized {
		t.Errorf("unit page without a password: %d, want 401", rec.Code)
	}
	claimPage := page(t, call(t, h, http.MethodGet, "/unit/pgd-a/claim", nil, "", ""))
	if claimPage.Find("#claim-form").Length() != 1 {
		t.Fatalf("no claim form on the open claim page")
	}
	rec := call(t, h, http.MethodPost, "/unit/pgd-a/claim", url.Values{"url": {missed}, "by": {"Trần Thị Hoa"}, "note": {"Tin ngày 12/11"}}, "", "")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/unit/pgd-a/claim?claim=1#claim-1" {
		t.Fatalf("claim without a password: %d to %q: %s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	cs, err := st.Claims(context.Background(), store.ClaimPending)
	if err != nil || len(cs) != 1 {
		t.Fatalf("pending claims %v, %v", cs, err)
	}
	insp := cs[0].Inspected
	if insp.Title != "Hội thi giáo viên dạy giỏi cấp huyện" || insp.Published.IsZero() || insp.Published.In(e.cfg.Location).Format("2006-01-02 15:04") != "2026-11-12 08:30" ||
		insp.Images != 1 || insp.CaptionedImages != 1 || insp.Flags["other_site"] != "" || insp.Flags["inspect_error"] != "" {
		t.Errorf("inspected %+v", insp)
	}
	doc := page(t, call(t, h, http.MethodGet, "/unit/pgd-a/claim?claim=1", nil, "", ""))
	if row := doc.Find("#claim-1"); row.AttrOr("data-status", "") != store.ClaimPending || !strings.Contains(row.Text(), "12/11/2026 08:30") {
		t.Errorf("claim shown as %q", row.Text())
	}
	doc = page(t, call(t, h, http.MethodGet, "/unit/pgd-a", nil, officeName, officePass))
	if got := november(doc); !strings.Contains(got, "1/2 tin") {
		t.Errorf("November with a pending claim: %q, want 1/2", got)
	}

	// Office actions: 401 without or with a wrong password.
	exclude := url.Values{"url": {counted}, "action": {"exclude"}, "why": {"Tin của đơn vị khác"}}
	decide := url.Values{"decision": {"approve"}, "reason": {"Tin đúng, đăng 12/11"}}
	for _, c := range []struct{ user, pass string }{{"", ""}, {officeName, "sai"}, {"ai-do", officePass}} {
		if rec := call(t, h, http.MethodPost, "/unit/pgd-a/override", exclude, c.user, c.pass); rec.Code != http.StatusUnauthorized || !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Basic ") {
			t.Errorf("override as %q/%q: %d, want 401", c.user, c.pass, rec.Code)
		}
		if rec := call(t, h, http.MethodPost, "/claims/1/decide", decide, c.user, c.pass); rec.Code != http.StatusUnauthorized {
			t.Errorf("decide as %q/%q: %d, want 401", c.user, c.pass, rec.Code)
		}
	}
	// A valid password from another site is still refused.
	if rec := call(t, h, http.MethodPost, "/unit/pgd-a/override", exclude, officeName, officePass, "Origin", "https://evil.example"); rec.Code != http.StatusForbidden {
		t.Errorf("cross-origin override: %d, want 403", rec.Code)
	}
	if rec := call(t, h, http.MethodPost, "/unit/pgd-a/claim", url.Values{"url": {missed + "?x"}, "by": {"A"}}, "", "", "Origin", ""); rec.Code != http.StatusForbidden {
		t.Errorf("claim without Origin or Referer: %d, want 403", rec.Code)
	}
	if ovs, _ := st.Overrides(context.Background(), ""); len(ovs) != 0 {
		t.Fatalf("refused requests recorded %d overrides", len(ovs))
	}

	rec = call(t, h, http.MethodPost, "/unit/pgd-a/override", exclude, officeName, officePass)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("override: %d: %s", rec.Code, rec.Body)
	}
	doc = page(t, call(t, h, http.MethodGet, "/unit/pgd-a", nil, officeName, officePass))
	if got := november(doc); !strings.Contains(got, "0/2 tin") {
		t.Errorf("November after exclusion: %q, want 0/2", got)
	}
	if got := doc.Find("#override-1").Text(); !strings.Contains(got, officeName) || !strings.Contains(got, "không tính bài") || !strings.Contains(got, "Tin của đơn vị khác") {
		t.Errorf("audit row %q", got)
	}
	if rec := call(t, h, http.MethodPost, "/claims/1/decide", decide, officeName, officePass); rec.Code != http.StatusSeeOther {
		t.Fatalf("approve: %d: %s", rec.Code, rec.Body)
	}

	// Restart: close the database, open it again under a new service.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	h, _ = e.handler(t)
	doc = page(t, call(t, h, http.MethodGet, "/unit/pgd-a", nil, officeName, officePass))
	if got := november(doc); !strings.Contains(got, "1/2 tin") {
		t.Errorf("November after restart (one excluded, one approved): %q, want 1/2", got)
	}
	if doc.Find("#override-1").Length() != 1 || doc.Find("#claim-1").AttrOr("data-status", "") != store.ClaimApproved {
		t.Errorf("audit log lost in the restart: override rows %d, claim %q", doc.Find("#override-1").Length(), doc.Find("#claim-1").AttrOr("data-status", ""))
	}

	// The report's criteria sheet carries the same lines as `sitewatch override --list`.
	rec = call(t, h, http.MethodGet, "/export?quarter=2026Q4&format=xlsx", nil, officeName, officePass)
	if rec.Code != http.StatusOK {
		t.Fatalf("export: %d", rec.Code)
	}
	x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(export.SheetCriteria)
	if err != nil {
		t.Fatal(err)
	}
	var audit []string
	for _, r := range rows {
		if len(r) > 1 && strings.HasPrefix(r[0], "Điều chỉnh của văn phòng") {
			audit = append(audit, r[1])
		}
	}
	st2 := e.open(t)
	want, err := export.AuditLines(context.Background(), st2, e.cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 2 || strings.Join(audit, "\n") != strings.Join(want, "\n") {
		t.Errorf("criteria audit lines %q, want %q", audit, want)
	}
	if !strings.Contains(want[0], "25/11/2026 10:00 — vanphong: không tính bài "+counted+" (pgd-a). Lý do: Tin của đơn vị khác") ||
		!strings.Contains(want[1], "vanphong: duyệt đề nghị #1 của pgd-a") {
		t.Errorf("audit lines %q", want)
	}
}

// TestCorrectionsWithoutAuth: without users in settings.auth the pages are
// open, a claim is accepted, and the office actions answer 403 telling to
// configure settings.auth.
func TestCorrectionsWithoutAuth(t *testing.T) {
	t.Parallel()
	e := newCorrectionsEnv(t, false)
	h, st := e.handler(t)
	if rec := call(t, h, http.MethodPost, "/unit/pgd-a/claim", url.Values{"url": {e.site.URL + "/tin/hoi-thi.html"}, "by": {"A"}, "from": {"unit"}}, "", ""); rec.Code != http.StatusSeeOther {
		t.Fatalf("claim: %d", rec.Code)
	}
	for _, target := range []string{"/unit/pgd-a/override", "/claims/1/decide"} {
		form := url.Values{"url": {e.site.URL + "/tin/tap-huan.html"}, "action": {"exclude"}, "why": {"x"}, "decision": {"approve"}, "reason": {"x"}}
		rec := call(t, h, http.MethodPost, target, form, "", "")
		if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "settings.auth") {
			t.Errorf("%s without auth configured: %d, want 403 naming settings.auth", target, rec.Code)
		}
		// Credentials mean nothing when no user is configured.
		if rec := call(t, h, http.MethodPost, target, form, officeName, officePass); rec.Code != http.StatusForbidden {
			t.Errorf("%s with made-up credentials: %d, want 403", target, rec.Code)
		}
	}
	if cs, _ := st.Claims(context.Background(), store.ClaimPending); len(cs) != 1 {
		t.Errorf("claim decided without a user")
	}
	doc := page(t, call(t, h, http.MethodGet, "/unit/pgd-a", nil, "", ""))
	if !strings.Contains(doc.Find("#no-user").Text(), "settings.auth") || doc.Find("#override-form").Length() != 0 {
		t.Errorf("unit page without users: no-user note %q, override forms %d", doc.Find("#no-user").Text(), doc.Find("#override-form").Length())
	}
}

// TestClaimInspectionPrivateNetwork: a claimed URL on a private address
// outside the unit's site is not fetched, even for a unit allowed on the
// private network, so that the open form cannot probe the network.
func TestClaimInspectionPrivateNetwork(t *testing.T) {
	t.Parallel()
	e := newCorrectionsEnv(t, false)
	h, st := e.handler(t)
	other := strings.Replace(e.site.URL, "127.0.0.1", "localhost", 1) + "/tin/hoi-thi.html"
	if rec := call(t, h, http.MethodPost, "/unit/pgd-a/claim", url.Values{"url": {other}, "by": {"A"}}, "", ""); rec.Code != http.StatusSeeOther {
		t.Fatalf("claim: %d: %s", rec.Code, rec.Body)
	}
	cs, err := st.Claims(context.Background(), "")
	if err != nil || len(cs) != 1 {
		t.Fatalf("claims %v %v", cs, err)
	}
	fl := cs[0].Inspected.Flags
	if fl["other_site"] == "" || !strings.Contains(fl["inspect_error"], "allow_private_network") || cs[0].Inspected.Title != "" {
		t.Errorf("claim on another (private) host: flags %v, title %q", fl, cs[0].Inspected.Title)
	}
}

func TestNotPostText(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"no article body": "trang không có phần nội dung bài viết",
		"listing page":    "trang danh sách tin, không phải một tin bài",
		"document page (số ký hiệu, ngày ban hành)": "trang văn bản (có số ký hiệu, ngày ban hành), không phải tin bài",
		"":         "trang không giống một tin bài",
		"new text": "new text",
	} {
		if got := notPostText(in); got != want {
			t.Errorf("notPostText(%q) = %q, want %q", in, got, want)
		}
	}
}
