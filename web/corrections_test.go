package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"sitewatch/export"
	"sitewatch/store"
)

// officeUser is the authenticated user of the office tests.
const officeUser = "chanh-van-phong"

// postForm sends a form as a browser on this site does: with an Origin of
// the request's host (example.com for httptest). user, when set, is put in
// the context as the service's authentication does.
func postForm(t *testing.T, h http.Handler, target string, form url.Values, user string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://example.com")
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	if user != "" {
		req = req.WithContext(WithUser(req.Context(), user))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// getAs is get with an authenticated user.
func getAs(t *testing.T, h http.Handler, target, user string) *goquery.Document {
	t.Helper()
	target, _, _ = strings.Cut(target, "#") // a browser keeps the fragment
	req := httptest.NewRequest(http.MethodGet, target, nil)
	if user != "" {
		req = req.WithContext(WithUser(req.Context(), user))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", target, rec.Code, rec.Body)
	}
	return parse(t, rec)
}

// seeOther checks a 303 and returns its Location.
func seeOther(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("status %d, want 303: %s", rec.Code, rec.Body)
	}
	return rec.Header().Get("Location")
}

func claimValues(u, by, note, from string) url.Values {
	return url.Values{"url": {u}, "by": {by}, "note": {note}, "from": {from}}
}

// monthHeading is the heading of a month on a unit page.
func monthHeading(doc *goquery.Document, month string) string {
	var out string
	doc.Find("h2.month").Each(func(_ int, s *goquery.Selection) {
		if strings.Contains(s.Text(), month) {
			out = strings.Join(strings.Fields(s.Text()), " ")
		}
	})
	return out
}

func (f *fixture) claims(t *testing.T, status string) []store.Claim {
	t.Helper()
	cs, err := f.store.Claims(context.Background(), status)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func (f *fixture) postCount(t *testing.T) int {
	t.Helper()
	ps, err := f.store.Posts(context.Background(), store.PostFilter{IncludeGone: true})
	if err != nil {
		t.Fatal(err)
	}
	return len(ps)
}

func TestClaimSubmission(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := f.srv.Handler()
	posts := f.postCount(t)

	loc := seeOther(t, postForm(t, h, "/unit/pgd-cho/claim", claimValues(claimDated, "Nguyễn Văn An, văn thư", "Tin đăng ngày 15/11\nở mục Tin tức", "unit"), ""))
	if loc != "/unit/pgd-cho?claim=1&quarter=2026Q4#claim-1" {
		t.Errorf("redirect to %q", loc)
	}
	cs := f.claims(t, store.ClaimPending)
	if len(cs) != 1 {
		t.Fatalf("%d pending claims, want 1", len(cs))
	}
	c := cs[0]
	if c.UnitID != "pgd-cho" || c.URL != claimDated || c.SubmittedBy != "Nguyễn Văn An, văn thư" || c.Note != "Tin đăng ngày 15/11\nở mục Tin tức" ||
		c.Inspected.Title != titleClaimed || c.Inspected.Images != 3 || !c.Submitted.Equal(f.now) {
		t.Errorf("stored claim %+v", c)
	}
	if n := f.postCount(t); n != posts {
		t.Errorf("%d posts after a claim, want %d: a pending claim adds nothing", n, posts)
	}

	doc := getAs(t, h, loc, "")
	if got := doc.Find("#quarter-total").Text(); got != "3" {
		t.Errorf("quarter total %q after a pending claim, want 3", got)
	}
	if got := monthHeading(doc, "Tháng 11/2026"); !strings.Contains(got, "1/2 tin") {
		t.Errorf("November %q, want 1/2 still", got)
	}
	if got := doc.Find("#notice").Text(); !strings.Contains(got, "Đã ghi nhận đề nghị #1") || !strings.Contains(got, "chỉ được tính khi Văn phòng duyệt") {
		t.Errorf("notice %q", got)
	}
	row := doc.Find("#claim-1")
	if st, _ := row.Attr("data-status"); st != store.ClaimPending || !row.HasClass("highlight") {
		t.Errorf("claim row status %q class %q", st, row.AttrOr("class", ""))
	}
	for _, want := range []string{"Chờ duyệt", titleClaimed, claimedAtText, "meta article:published_time", "Ảnh: 3, có chú thích: 2", "Nguyễn Văn An"} {
		if !strings.Contains(row.Text(), want) {
			t.Errorf("claim row %q lacks %q", row.Text(), want)
		}
	}
	if row.Find("form.decide").Length() != 0 {
		t.Errorf("decision form shown without a user")
	}
	if got := doc.Find(`a[href="#claims"]`).Text(); got != "1 đề nghị chờ Văn phòng duyệt" {
		t.Errorf("pending claims fact %q", got)
	}

	// The overview tells the office.
	idx := getAs(t, h, "/", "")
	if got := idx.Find("#pending-claims").Text(); !strings.Contains(got, "Phòng GD&ĐT Đang Chờ (1)") {
		t.Errorf("overview pending claims %q", got)
	}
	// The open claim page lists it too.
	page := getAs(t, h, "/unit/pgd-cho/claim?claim=1", "")
	if got := page.Find("#claim-1").AttrOr("data-status", ""); got != store.ClaimPending {
		t.Errorf("claim page status %q", got)
	}
	if page.Find("#claim-form input[name=from]").AttrOr("value", "x") != "" {
		t.Errorf("the claim page's form must not say it comes from the unit page")
	}

	// The same URL again: shown, not inspected nor stored twice.
	before := f.inspected.Load()
	loc = seeOther(t, postForm(t, h, "/unit/pgd-cho/claim", claimValues(claimDated, "Người khác", "", ""), ""))
	if loc != "/unit/pgd-cho/claim?claim=1#claim-1" {
		t.Errorf("duplicate redirect %q", loc)
	}
	if len(f.claims(t, "")) != 1 || f.inspected.Load() != before {
		t.Errorf("duplicate claim stored or inspected again")
	}
}

func TestClaimNotes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, url string
		flag      string
		want      string
	}{
		{"other site", "https://tin-khac.example.com/bai-1", "other_site", "không thuộc trang web https://pgd-cho.example.edu.vn/"},
		{"inspection fails", claimFails, "inspect_error", "connection refused"},
		{"not a post", claimUndated, "not_post", "trang tĩnh"},
		{"already counted", "https://pgd-cho.example.edu.vn/tin/a", "known", "đã được tính vào tháng 10/2026"},
		{"already excluded", "https://pgd-cho.example.edu.vn/tin/trung", "known", "không tính: văn phòng loại"},
		{"www subdomain", "https://www.pgd-cho.example.edu.vn/tin/x", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			h := f.srv.Handler()
			loc := seeOther(t, postForm(t, h, "/unit/pgd-cho/claim", claimValues(tt.url, "Lê Thị Bình", "", ""), ""))
			cs := f.claims(t, store.ClaimPending)
			if len(cs) != 1 {
				t.Fatalf("%d claims", len(cs))
			}
			fl := cs[0].Inspected.Flags
			if tt.flag == "" {
				if fl["other_site"] != "" {
					t.Errorf("flags %v, want no other_site", fl)
				}
				return
			}
			if !strings.Contains(fl[tt.flag], tt.want) {
				t.Errorf("flag %s = %q, want %q (flags %v)", tt.flag, fl[tt.flag], tt.want, fl)
			}
			row := getAs(t, h, loc, "").Find("#claim-1")
			if !strings.Contains(row.Find(".warn").Text(), export.FlagLabel(tt.flag)) {
				t.Errorf("row %q lacks the note %q", row.Text(), export.FlagLabel(tt.flag))
			}
		})
	}
}

func TestClaimValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := f.srv.Handler()
	long := "https://pgd-cho.example.edu.vn/" + strings.Repeat("a", maxURLLen)
	tests := []struct {
		name, target string
		form         url.Values
		status       int
		want         string
	}{
		{"javascript", "/unit/pgd-cho/claim", claimValues(urlJS, "A", "", ""), 400, "phải bắt đầu bằng http:// hoặc https://"},
		{"ftp", "/unit/pgd-cho/claim", claimValues("ftp://pgd-cho.example.edu.vn/x", "A", "", ""), 400, "http:// hoặc https://"},
		{"no host", "/unit/pgd-cho/claim", claimValues("https:///tin", "A", "", ""), 400, "không hợp lệ"},
		{"not a URL", "/unit/pgd-cho/claim", claimValues("tin bài hôm qua", "A", "", ""), 400, "không hợp lệ"},
		{"password", "/unit/pgd-cho/claim", claimValues("https://a:b@pgd-cho.example.edu.vn/x", "A", "", ""), 400, "mật khẩu"},
		{"empty", "/unit/pgd-cho/claim", claimValues("", "A", "", ""), 400, "Hãy nhập địa chỉ"},
		{"long URL", "/unit/pgd-cho/claim", claimValues(long, "A", "", ""), 400, "dài quá 2048"},
		{"no name", "/unit/pgd-cho/claim", claimValues(claimDated, "  \t ", "", ""), 400, "Hãy ghi họ tên"},
		{"long name", "/unit/pgd-cho/claim", claimValues(claimDated, strings.Repeat("ă", 101), "", ""), 400, "Họ tên dài quá 100"},
		{"long note", "/unit/pgd-cho/claim", claimValues(claimDated, "A", strings.Repeat("ư", 1001), "unit"), 400, "Ghi chú dài quá 1000"},
		{"retired unit", "/unit/pgd-giai-the/claim", claimValues("https://pgd-cu.example.edu.vn/tin/x", "A", "", ""), 400, "không còn được theo dõi"},
		{"no scheme", "/unit/pgd-cho/claim", claimValues("pgd-cho.example.edu.vn/tin/x", "A", "", ""), 400, "không hợp lệ"},
		{"unknown unit", "/unit/khong-co/claim", claimValues(claimDated, "A", "", ""), 404, "Không có đơn vị"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := postForm(t, h, tt.target, tt.form, "")
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			doc := parse(t, rec)
			text := doc.Find(".problems").Text() + doc.Find("#error-message").Text()
			if !strings.Contains(text, tt.want) {
				t.Errorf("problems %q lack %q", text, tt.want)
			}
			if doc.Find("#claim-form").Length() > 0 {
				// The form comes back with what was typed, on the page it was sent from.
				if got := doc.Find("#claim-by").AttrOr("value", ""); got != strings.TrimSpace(tt.form.Get("by")) {
					t.Errorf("name typed back as %q", got)
				}
				onUnit := doc.Find("#quarter-total").Length() == 1
				if onUnit != (tt.form.Get("from") == "unit") {
					t.Errorf("form shown on the unit page: %v, from=%q", onUnit, tt.form.Get("from"))
				}
			}
		})
	}
	if n := len(f.claims(t, "")); n != 0 {
		t.Errorf("%d claims stored from invalid forms", n)
	}
	if n := f.inspected.Load(); n != 0 {
		t.Errorf("the inspector was called %d times for invalid forms", n)
	}
}

func TestClaimCap(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := f.srv.Handler()
	for i := range maxPendingClaims {
		seeOther(t, postForm(t, h, "/unit/thpt-dat/claim", claimValues("https://thpt-dat.example.edu.vn/tin/"+string(rune('a'+i%26))+strings.Repeat("x", i), "A", "", ""), ""))
	}
	rec := postForm(t, h, "/unit/thpt-dat/claim", claimValues("https://thpt-dat.example.edu.vn/tin/mot-nua", "A", "", ""), "")
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "đang chờ duyệt") {
		t.Errorf("claim beyond the cap: status %d", rec.Code)
	}
	// Other units are not held back.
	seeOther(t, postForm(t, h, "/unit/pgd-cho/claim", claimValues(claimDated, "A", "", ""), ""))
}

func TestSameOrigin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := f.srv.Handler()
	tests := []struct {
		name   string
		header []string
		ok     bool
	}{
		{"origin", nil, true},
		{"referer only", []string{"Origin", "", "Referer", "http://example.com/unit/pgd-cho"}, true},
		{"fetch metadata same-origin", []string{"Sec-Fetch-Site", "same-origin"}, true},
		{"no origin nor referer", []string{"Origin", ""}, false},
		{"other origin", []string{"Origin", "https://evil.example"}, false},
		{"other port", []string{"Origin", "http://example.com:8080"}, false},
		{"null origin", []string{"Origin", "null"}, false},
		{"other referer", []string{"Origin", "", "Referer", "https://evil.example/form"}, false},
		{"cross-site fetch", []string{"Sec-Fetch-Site", "cross-site"}, false},
		{"same-site fetch", []string{"Sec-Fetch-Site", "same-site"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, target := range []string{"/unit/thpt-dat/claim", "/unit/thpt-dat/override", "/claims/1/decide"} {
				form := claimValues("https://thpt-dat.example.edu.vn/tin/"+strings.ReplaceAll(tt.name, " ", "-"), "A", "", "")
				form.Set("action", "exclude")
				form.Set("why", "thử")
				form.Set("decision", "reject")
				form.Set("reason", "thử")
				rec := postForm(t, h, target, form, officeUser, tt.header...)
				refused := rec.Code == http.StatusForbidden && strings.Contains(rec.Body.String(), "không được gửi từ chính trang sitewatch")
				if refused == tt.ok {
					t.Errorf("%s: status %d, same-origin accepted = %v, want %v", target, rec.Code, !refused, tt.ok)
				}
			}
		})
	}
	// The refused posts left nothing behind.
	ovs, _ := f.store.Overrides(context.Background(), "")
	for _, o := range ovs {
		if !strings.Contains(o.URL, "origin") && !strings.Contains(o.URL, "referer") && !strings.Contains(o.URL, "same-origin") {
			t.Errorf("override from a refused request: %s", o.URL)
		}
	}
}

func TestOfficeActionsNeedUser(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := f.srv.Handler()
	seeOther(t, postForm(t, h, "/unit/pgd-cho/claim", claimValues(claimDated, "A", "", ""), ""))
	for _, target := range []string{"/unit/pgd-cho/override", "/claims/1/decide"} {
		form := url.Values{"url": {"https://pgd-cho.example.edu.vn/tin/a"}, "action": {"exclude"}, "why": {"x"}, "decision": {"approve"}, "reason": {"x"}}
		rec := postForm(t, h, target, form, "")
		if rec.Code != http.StatusForbidden {
			t.Errorf("%s without a user: status %d, want 403", target, rec.Code)
		}
		if msg := parse(t, rec).Find("#error-message").Text(); !strings.Contains(msg, "settings.auth") || !strings.Contains(msg, "ẩn danh") {
			t.Errorf("%s: message %q should tell to configure settings.auth", target, msg)
		}
	}
	if ovs, _ := f.store.Overrides(context.Background(), ""); len(ovs) != 0 {
		t.Errorf("override recorded anonymously")
	}
	if cs := f.claims(t, store.ClaimPending); len(cs) != 1 {
		t.Errorf("claim decided anonymously")
	}
	// Without a user the page says why there is no office form.
	doc := getAs(t, h, "/unit/pgd-cho", "")
	if doc.Find("#override-form").Length() != 0 || doc.Find("form.decide").Length() != 0 || doc.Find("a.fix").Length() != 0 {
		t.Errorf("office forms shown without a user")
	}
	if !strings.Contains(doc.Find("#no-user").Text(), "settings.auth") {
		t.Errorf("no word on settings.auth: %q", doc.Find("#no-user").Text())
	}
	doc = getAs(t, h, "/unit/pgd-cho", officeUser)
	if doc.Find("#override-form").Length() != 1 || doc.Find("#claim-1 form.decide").Length() != 1 {
		t.Errorf("office forms missing for a user")
	}
	if got := doc.Find("#override-form").Text(); !strings.Contains(got, officeUser) {
		t.Errorf("override form does not name the user")
	}
}

func TestOverride(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	opts := f.options(f.now)
	opts.PrepareReport = func(ctx context.Context, r *export.Report) error {
		var err error
		r.Overrides, err = export.AuditLines(ctx, f.store, f.cfg.Location)
		return err
	}
	h := New(opts).Handler()
	override := func(u, action, date, why string) *httptest.ResponseRecorder {
		return postForm(t, h, "/unit/pgd-cho/override", url.Values{"url": {u}, "action": {action}, "date": {date}, "why": {why}}, officeUser)
	}

	// Exclude the one counted November post: November drops to 0/2.
	loc := seeOther(t, override("https://pgd-cho.example.edu.vn/tin/c", "exclude", "", "Tin không phải của đơn vị"))
	if loc != "/unit/pgd-cho?done=override-1&quarter=2026Q4#audit" {
		t.Errorf("redirect %q", loc)
	}
	doc := getAs(t, h, loc, officeUser)
	if got := monthHeading(doc, "Tháng 11/2026"); !strings.Contains(got, "0/2 tin") {
		t.Errorf("November after exclude: %q, want 0/2", got)
	}
	if got := doc.Find("#quarter-total").Text(); got != "2" {
		t.Errorf("quarter total %q, want 2", got)
	}
	row := doc.Find("#override-1")
	for _, want := range []string{officeUser, "không tính bài", "Tin không phải của đơn vị", "https://pgd-cho.example.edu.vn/tin/c", titleScript, "10:00 25/11/2026"} {
		if !strings.Contains(row.Text(), want) {
			t.Errorf("audit row %q lacks %q", row.Text(), want)
		}
	}
	if !strings.Contains(doc.Find("#notice").Text(), "Đã lưu điều chỉnh #1") {
		t.Errorf("notice %q", doc.Find("#notice").Text())
	}
	// The post's flags say it in words.
	link := doc.Find(`table.posts a[href="https://pgd-cho.example.edu.vn/tin/c"]`).Closest("tr")
	if got := link.Text(); !strings.Contains(got, "Không tính: văn phòng loại: Tin không phải của đơn vị") || !strings.Contains(got, "Văn phòng loại") {
		t.Errorf("excluded post row %q", got)
	}

	// The newest override wins: count "c" again, and move October's "b" into November.
	seeOther(t, override("https://pgd-cho.example.edu.vn/tin/c", "include", "", "Đã xác minh: tin của đơn vị"))
	seeOther(t, override("https://pgd-cho.example.edu.vn/tin/b", "redate", "2026-11-02 08:00", "Ngày đăng đúng theo văn bản"))
	doc = getAs(t, h, "/unit/pgd-cho", officeUser)
	if got := monthHeading(doc, "Tháng 11/2026"); !strings.Contains(got, "2/2 tin") || !strings.Contains(got, "Đạt") {
		t.Errorf("November after include and redate: %q, want 2/2 Đạt", got)
	}
	if got := monthHeading(doc, "Tháng 10/2026"); !strings.Contains(got, "1/2 tin") {
		t.Errorf("October after redate: %q, want 1/2", got)
	}
	if got := doc.Find("#override-3").Text(); !strings.Contains(got, "sửa ngày đăng") || !strings.Contains(got, "02/11/2026 08:00") {
		t.Errorf("redate audit row %q", got)
	}
	if got := doc.Find(`table.posts a[href="https://pgd-cho.example.edu.vn/tin/b"]`).Closest("tr").Text(); !strings.Contains(got, "Văn phòng sửa ngày đăng") {
		t.Errorf("redated post row %q", got)
	}
	if doc.Find("#audit-log tbody tr").Length() != 3 {
		t.Errorf("%d audit rows, want 3", doc.Find("#audit-log tbody tr").Length())
	}
	// Each post offers the correction form, filled in.
	fix := doc.Find(`table.posts a[href="https://pgd-cho.example.edu.vn/tin/a"]`).Closest("tr").Find("a.fix").AttrOr("href", "")
	doc = getAs(t, h, "/unit/pgd-cho"+fix, officeUser)
	if got := doc.Find("#override-url").AttrOr("value", ""); got != "https://pgd-cho.example.edu.vn/tin/a" {
		t.Errorf("fix link %q fills the form with %q", fix, got)
	}

	// The report's criteria sheet carries the audit log.
	rec := get(t, h, "/export?quarter=2026Q4&format=xlsx")
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
	if len(audit) != 3 || !strings.Contains(audit[0], officeUser+": không tính bài https://pgd-cho.example.edu.vn/tin/c (pgd-cho). Lý do: Tin không phải của đơn vị") {
		t.Errorf("criteria audit lines %q", audit)
	}
	// The summary counts the same as the page.
	sum, _ := x.GetRows(export.SheetSummary)
	found := false
	for _, r := range sum {
		if len(r) > 1 && r[1] == "Phòng GD&ĐT Đang Chờ" {
			found = true
			if !strings.Contains(strings.Join(r, "|"), "|3|") {
				t.Errorf("summary row %q, want 3 counted posts in the quarter", r)
			}
		}
	}
	if !found {
		t.Errorf("pgd-cho not in the summary")
	}
}

func TestOverrideValidation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := f.srv.Handler()
	tests := []struct {
		name                   string
		url, action, date, why string
		want                   string
	}{
		{"unknown post", "https://pgd-cho.example.edu.vn/tin/khong-co", "exclude", "", "x", "chưa ghi nhận tin bài có địa chỉ này"},
		{"other unit's post", "https://thpt-dat.example.edu.vn/tin/khai-giang", "exclude", "", "x", "chưa ghi nhận"},
		{"bad URL", "javascript:alert(1)", "exclude", "", "x", "http://"},
		{"bad action", "https://pgd-cho.example.edu.vn/tin/a", "delete", "", "x", "Hãy chọn một việc"},
		{"redate without date", "https://pgd-cho.example.edu.vn/tin/a", "redate", "", "x", "2026-11-05 08:00"},
		{"redate bad date", "https://pgd-cho.example.edu.vn/tin/a", "redate", "05/11/2026", "x", "Asia/Ho_Chi_Minh"},
		{"no why", "https://pgd-cho.example.edu.vn/tin/a", "exclude", "", " ", "Hãy ghi lý do"},
		{"long why", "https://pgd-cho.example.edu.vn/tin/a", "exclude", "", strings.Repeat("ơ", 1001), "Lý do dài quá"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := postForm(t, h, "/unit/pgd-cho/override", url.Values{"url": {tt.url}, "action": {tt.action}, "date": {tt.date}, "why": {tt.why}}, officeUser)
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("status %d, want 400", rec.Code)
			}
			doc := parse(t, rec)
			if got := doc.Find("#override-form .problems").Text(); !strings.Contains(got, tt.want) {
				t.Errorf("problems %q lack %q", got, tt.want)
			}
			if got := doc.Find("#override-url").AttrOr("value", ""); got != tt.url {
				t.Errorf("URL typed back as %q", got)
			}
		})
	}
	if ovs, _ := f.store.Overrides(context.Background(), ""); len(ovs) != 0 {
		t.Errorf("%d overrides from invalid forms", len(ovs))
	}
	// A datetime-local value is accepted as well.
	seeOther(t, postForm(t, h, "/unit/pgd-cho/override", url.Values{"url": {"https://pgd-cho.example.edu.vn/tin/a"}, "action": {"redate"}, "date": {"2026-10-04T07:30"}, "why": {"x"}}, officeUser))
	ovs, _ := f.store.Overrides(context.Background(), "pgd-cho")
	if len(ovs) != 1 || ovs[0].Published.In(f.cfg.Location).Format("2006-01-02 15:04") != "2026-10-04 07:30" || ovs[0].Who != officeUser {
		t.Errorf("datetime-local redate stored as %+v", ovs)
	}
}

func TestDecideClaim(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := f.srv.Handler()
	seeOther(t, postForm(t, h, "/unit/pgd-cho/claim", claimValues(claimDated, "Nguyễn Văn An", "", "unit"), ""))
	seeOther(t, postForm(t, h, "/unit/pgd-cho/claim", claimValues(claimUndated, "Nguyễn Văn An", "", "unit"), ""))
	seeOther(t, postForm(t, h, "/unit/pgd-cho/claim", claimValues("https://pgd-cho.example.edu.vn/tin/thu-ba", "Nguyễn Văn An", "", "unit"), ""))
	decide := func(id, decision, reason string) *httptest.ResponseRecorder {
		return postForm(t, h, "/claims/"+id+"/decide", url.Values{"decision": {decision}, "reason": {reason}}, officeUser)
	}

	// An undated page cannot be approved; the button is disabled too.
	doc := getAs(t, h, "/unit/pgd-cho", officeUser)
	if _, disabled := doc.Find(`#claim-2 button[value="approve"]`).Attr("disabled"); !disabled {
		t.Errorf("approve button of an undated claim is enabled")
	}
	rec := decide("2", "approve", "Đúng tin")
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "không xác định được ngày đăng") {
		t.Errorf("approving an undated claim: status %d", rec.Code)
	}

	tests := []struct {
		name, id, decision, reason string
		status                     int
		want                       string
	}{
		{"no reason", "1", "approve", "  ", 400, "Hãy ghi lý do"},
		{"no decision", "1", "maybe", "x", 400, "Hãy chọn duyệt hoặc không duyệt"},
		{"unknown claim", "99", "approve", "x", 404, "Không có đề nghị"},
		{"not a number", "abc", "approve", "x", 404, "Không có đề nghị"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := decide(tt.id, tt.decision, tt.reason)
			if rec.Code != tt.status || !strings.Contains(parse(t, rec).Find("#error-message").Text(), tt.want) {
				t.Errorf("status %d, body %q; want %d %q", rec.Code, parse(t, rec).Find("#error-message").Text(), tt.status, tt.want)
			}
		})
	}

	// Approval counts the post in its month.
	loc := seeOther(t, decide("1", "approve", "Tin đúng của đơn vị, đăng 15/11"))
	if loc != "/unit/pgd-cho?claim=1&quarter=2026Q4#claim-1" {
		t.Errorf("redirect %q", loc)
	}
	doc = getAs(t, h, loc, officeUser)
	if got := monthHeading(doc, "Tháng 11/2026"); !strings.Contains(got, "2/2 tin") {
		t.Errorf("November after approval: %q, want 2/2", got)
	}
	row := doc.Find("#claim-1")
	if row.AttrOr("data-status", "") != store.ClaimApproved || !strings.Contains(row.Text(), "Đã duyệt") ||
		!strings.Contains(row.Text(), officeUser+", 10:00 25/11/2026: Tin đúng của đơn vị, đăng 15/11") || row.Find("form.decide").Length() != 0 {
		t.Errorf("approved claim row %q", row.Text())
	}
	post := doc.Find(`table.posts a[href="` + claimDated + `"]`).Closest("tr")
	if !strings.Contains(post.Text(), "Đơn vị đề nghị, văn phòng đã duyệt") || post.HasClass("uncounted") {
		t.Errorf("claimed post row %q", post.Text())
	}
	if rec := decide("1", "reject", "nhầm"); rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "đã được xử lý") {
		t.Errorf("deciding twice: status %d", rec.Code)
	}

	// Rejection counts nothing.
	seeOther(t, decide("3", "reject", "Không phải tin bài"))
	doc = getAs(t, h, "/unit/pgd-cho", officeUser)
	if got := monthHeading(doc, "Tháng 11/2026"); !strings.Contains(got, "2/2 tin") {
		t.Errorf("November after rejection: %q, want 2/2 still", got)
	}
	if got := doc.Find("#claim-3").AttrOr("data-status", ""); got != store.ClaimRejected {
		t.Errorf("rejected claim status %q", got)
	}
	lines, err := export.AuditLines(context.Background(), f.store, f.cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || !strings.Contains(lines[0], "duyệt đề nghị #1 của pgd-cho") || !strings.Contains(lines[1], "không duyệt đề nghị #3") {
		t.Errorf("audit lines %q", lines)
	}
}

func TestClaimEscaping(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h := f.srv.Handler()
	hostile := `<script>alert("by")</script>`
	seeOther(t, postForm(t, h, "/unit/pgd-cho/claim", claimValues(claimDated, hostile, hostile+"\n<b>note</b>", ""), ""))
	for _, target := range []string{"/unit/pgd-cho", "/unit/pgd-cho/claim"} {
		rec := get(t, h, target)
		body := rec.Body.String()
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<b>note</b>") || strings.Contains(body, "<img src=x") {
			t.Errorf("%s: unescaped claim text", target)
		}
		doc := parse(t, rec)
		if got := doc.Find("#claim-1").Text(); !strings.Contains(got, hostile) || !strings.Contains(got, titleClaimed) {
			t.Errorf("%s: claim row %q does not show the text as text", target, got)
		}
		if doc.Find("script:not([nonce])").Length() != 0 {
			t.Errorf("%s: script without nonce", target)
		}
	}
}

func TestCleanInput(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, line, text string }{
		{"spaces", "  Nguyễn   Văn\tAn ", "Nguyễn Văn An", "Nguyễn Văn An"},
		{"NFD to NFC", "Nguye\u0302\u0303n", "Nguyễn", "Nguyễn"},
		{"controls", "a\x00b\x1bc", "a b c", "a b c"},
		{"lines", "dòng 1\r\ndòng  2\n", "dòng 1 dòng 2", "dòng 1\ndòng 2"},
		{"invalid UTF-8", "a\xffb", "ab", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanLine(tt.in); got != tt.line {
				t.Errorf("cleanLine(%q) = %q, want %q", tt.in, got, tt.line)
			}
			if got := cleanText(tt.in); got != tt.text {
				t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.text)
			}
		})
	}
}

func TestClaimOnSubdomainIsAnotherSite(t *testing.T) {
	t.Parallel()
	// The crawler never follows a link to a subdomain (crawler.SameSite), so
	// a post there would never be counted: the claim says so.
	f := newFixture(t)
	for _, tt := range []struct {
		url   string
		other bool
	}{
		{"https://pgd-cho.example.edu.vn/tin/bi-sot-2", false},
		{"http://www.pgd-cho.example.edu.vn/tin/bi-sot-3", false},
		{"https://tin.pgd-cho.example.edu.vn/bi-sot-4", true},
	} {
		post := f.srv.inspectClaim(context.Background(), f.cfg.Unit("pgd-cho"), tt.url)
		if _, other := post.Flags[store.NoteOtherSite]; other != tt.other {
			t.Errorf("%s: other_site flag %v, want %v (flags %v)", tt.url, other, tt.other, post.Flags)
		}
	}
}
