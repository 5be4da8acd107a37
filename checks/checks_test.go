package checks

import (
	"strings"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/store"
	"sitewatch/tally"
)

func loadConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.Load("testdata/sites.yaml")
	if err != nil {
		t.Fatalf("load config: %v", err)
	}
	return cfg
}

// at parses an RFC 3339 time with its offset.
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

// post builds a counted post of unit published at pub.
func post(t *testing.T, unit, pub string, images, captioned int) store.Post {
	t.Helper()
	return store.Post{UnitID: unit, URL: "https://example.vn/" + unit + "/" + pub, Published: at(t, pub),
		Images: images, CaptionedImages: captioned, Status: store.StatusLive}
}

// okCrawl is a successful crawl finished shortly before now.
func okCrawl(unit string, now time.Time) *store.Crawl {
	return &store.Crawl{UnitID: unit, Started: now.Add(-time.Hour), Finished: now.Add(-50 * time.Minute),
		Outcome: store.OutcomeOK, HTTPStatus: 200, FinalURL: "https://example.vn/"}
}

// input tallies posts for month (YYYY-MM) and its quarter as seen at now.
func input(t *testing.T, cfg *config.Config, unit, month string, now time.Time, posts []store.Post, latest *store.Crawl) Input {
	t.Helper()
	mp, err := tally.ParseMonth(month, cfg.Location)
	if err != nil {
		t.Fatal(err)
	}
	qp := tally.QuarterOf(mp.From, cfg.Location)
	pick := func(us []tally.Unit) tally.Unit {
		for _, u := range us {
			if u.Unit.ID == unit {
				return u
			}
		}
		t.Fatalf("unit %s not tallied", unit)
		return tally.Unit{}
	}
	u := cfg.Unit(unit)
	in := Input{
		Config:  cfg,
		Unit:    u,
		Kind:    cfg.KindOf(u),
		Month:   pick(tally.Compute(cfg, posts, nil, mp, now)),
		Quarter: pick(tally.Compute(cfg, posts, nil, qp, now)),
		Latest:  latest,
		Now:     now,
	}
	if latest != nil && latest.Outcome != store.OutcomeFailed {
		in.LastSuccess = latest.Finished
	}
	return in
}

func evalOne(t *testing.T, name string, in Input) Result {
	t.Helper()
	for _, r := range Evaluate(in) {
		if r.Check == name {
			return r
		}
	}
	t.Fatalf("check %s not evaluated", name)
	return Result{}
}

func wantResult(t *testing.T, r Result, state string, reasonHas []string, details map[string]string) {
	t.Helper()
	if r.State != state {
		t.Errorf("state = %s, want %s (reason: %s)", r.State, state, r.Reason)
	}
	if r.OK != (state == StateOK) {
		t.Errorf("OK = %v for state %s", r.OK, r.State)
	}
	for _, s := range reasonHas {
		if !strings.Contains(r.Reason, s) {
			t.Errorf("reason %q does not contain %q", r.Reason, s)
		}
	}
	for k, v := range details {
		if r.Details[k] != v {
			t.Errorf("details[%s] = %q, want %q (all: %v)", k, r.Details[k], v, r.Details)
		}
	}
}

func TestNamesAndEvaluateOrder(t *testing.T) {
	t.Parallel()
	want := []string{"quota", "freshness", "captions", "site", "sections", "integrity", "contributions"}
	if got := Names(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Names() = %v, want %v", got, want)
	}
	// fail_on in sites.yaml is validated against config.CheckNames.
	if got := strings.Join(config.CheckNames, ","); got != strings.Join(want, ",") {
		t.Fatalf("config.CheckNames = %s, want the registry %v", got, want)
	}
	cfg := loadConfig(t)
	now := at(t, "2026-11-25T10:00:00+07:00")
	res := Evaluate(input(t, cfg, "pgd-cujut", "2026-11", now, nil, nil))
	if len(res) != len(want) {
		t.Fatalf("got %d results, want %d", len(res), len(want))
	}
	for i, r := range res {
		if r.Check != want[i] {
			t.Errorf("result %d is %s, want %s", i, r.Check, want[i])
		}
		if r.Reason == "" {
			t.Errorf("%s: empty reason", r.Check)
		}
	}
	for _, n := range want {
		c, err := New(n)
		if err != nil || c.Name() != n {
			t.Errorf("New(%s) = %v, %v", n, c, err)
		}
	}
	if _, err := New("nope"); err == nil {
		t.Error("New(nope) succeeded")
	}
}

func TestQuota(t *testing.T) {
	t.Parallel()
	cfg := loadConfig(t)
	const pgd = "pgd-cujut"
	tests := []struct {
		name    string
		unit    string
		month   string
		now     string
		posts   []string // publication times
		crawled bool
		state   string
		reason  []string
		details map[string]string
	}{
		{name: "met", unit: pgd, month: "2026-10", now: "2026-10-20T09:00:00+07:00",
			posts: []string{"2026-10-02T08:00:00+07:00", "2026-10-15T08:00:00+07:00"}, crawled: true,
			state: StateOK, reason: []string{"Đạt", "10/2026", "2 bài"}, details: map[string]string{"posts": "2", "quota": "2"}},
		{name: "pending says how many and by when", unit: pgd, month: "2026-10", now: "2026-10-20T09:00:00+07:00",
			posts: []string{"2026-10-02T08:00:00+07:00"}, crawled: true,
			state: StateWarn, reason: []string{"1/2", "thêm 1 bài", "31/10/2026", "còn 12 ngày"},
			details: map[string]string{"needed": "1", "deadline": "2026-10-31", "days_left": "12"}},
		{name: "post at 23:50 local on the last day is October although it is 16:50 UTC", unit: pgd, month: "2026-10",
			now:   "2026-11-01T00:10:00+07:00",
			posts: []string{"2026-10-05T08:00:00+07:00", "2026-10-31T16:50:00Z"}, crawled: true,
			state: StateOK, details: map[string]string{"posts": "2", "status": tally.StateMet}},
		{name: "00:10 local on 1 November closes October", unit: pgd, month: "2026-10",
			now:   "2026-10-31T17:10:00Z",
			posts: []string{"2026-10-31T23:50:00+07:00"}, crawled: true,
			state: StateFail, reason: []string{"Không đạt", "1/2", "thiếu 1 bài"}, details: map[string]string{"needed": "1", "status": tally.StateMissed}},
		{name: "five minutes before local midnight October is still open", unit: pgd, month: "2026-10",
			now:   "2026-10-31T23:55:00+07:00",
			posts: []string{"2026-10-31T23:50:00+07:00"}, crawled: true,
			state: StateWarn, details: map[string]string{"days_left": "1", "status": tally.StatePending}},
		{name: "a post at 00:05 local on 1 November is not October", unit: pgd, month: "2026-10",
			now:   "2026-11-02T09:00:00+07:00",
			posts: []string{"2026-10-10T08:00:00+07:00", "2026-10-31T17:05:00Z"}, crawled: true,
			state: StateFail, details: map[string]string{"posts": "1"}},
		{name: "exempt month", unit: pgd, month: "2026-07", now: "2026-08-05T09:00:00+07:00", crawled: true,
			state: StateOK, reason: []string{"miễn"}, details: map[string]string{"status": tally.StateExempt}},
		{name: "kind without quota", unit: "phong-ktkd", month: "2026-10", now: "2026-11-05T09:00:00+07:00",
			posts: []string{"2026-10-10T08:00:00+07:00"}, crawled: true,
			state: StateOK, reason: []string{"không có định mức", "Phòng thuộc Sở", "1 bài"}, details: map[string]string{"status": tally.StateNoQuota}},
		{name: "truc thuoc needs one", unit: "thpt-lequydon", month: "2026-11", now: "2026-11-25T10:00:00+07:00",
			posts: []string{"2026-10-03T08:00:00+07:00", "2026-11-03T08:00:00+07:00"}, crawled: true,
			state: StateOK, details: map[string]string{"quota": "1"}},
		{name: "a missed month of the quarter fails although this month is met", unit: "thpt-lequydon", month: "2026-11", now: "2026-11-25T10:00:00+07:00",
			posts: []string{"2026-11-03T08:00:00+07:00"}, crawled: true,
			state: StateFail, reason: []string{"Không đạt trong quý 4/2026", "tháng 10/2026 chỉ có 0/1 bài"},
			details: map[string]string{"quota": "1", "status": tally.StateMet, "missed_months": "1"}},
		{name: "a missed month of the previous quarter does not count", unit: "thpt-lequydon", month: "2026-10", now: "2026-10-25T10:00:00+07:00",
			posts: []string{"2026-10-03T08:00:00+07:00"}, crawled: true,
			state: StateOK, details: map[string]string{"status": tally.StateMet}},
		{name: "never crawled is unknown", unit: pgd, month: "2026-10", now: "2026-10-20T09:00:00+07:00",
			state: StateUnknown, reason: []string{"Chưa quét"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var posts []store.Post
			for _, p := range tt.posts {
				posts = append(posts, post(t, tt.unit, p, 0, 0))
			}
			now := at(t, tt.now)
			var latest *store.Crawl
			if tt.crawled {
				latest = okCrawl(tt.unit, now)
			}
			r := evalOne(t, "quota", input(t, cfg, tt.unit, tt.month, now, posts, latest))
			wantResult(t, r, tt.state, tt.reason, tt.details)
		})
	}
}

func TestFreshness(t *testing.T) {
	t.Parallel()
	cfg := loadConfig(t) // phong_gddt: stale after 20 days
	tests := []struct {
		name    string
		now     string
		posts   []string
		crawled bool
		state   string
		reason  []string
		details map[string]string
	}{
		{name: "days counted in the zone: 23:30 local on 1 Oct to 00:10 local on 21 Oct is 20 days (19 in UTC)",
			now: "2026-10-21T00:10:00+07:00", posts: []string{"2026-10-01T23:30:00+07:00"}, crawled: true,
			state: StateFail, reason: []string{"20 ngày", "01/10/2026", "ngưỡng 20"}, details: map[string]string{"days_since_last_post": "20"}},
		{name: "one local day earlier is fresh", now: "2026-10-20T23:50:00+07:00", posts: []string{"2026-10-01T23:30:00+07:00"}, crawled: true,
			state: StateOK, details: map[string]string{"days_since_last_post": "19"}},
		{name: "today", now: "2026-10-01T23:59:00+07:00", posts: []string{"2026-10-01T00:01:00+07:00"}, crawled: true,
			state: StateOK, reason: []string{"hôm nay"}, details: map[string]string{"days_since_last_post": "0"}},
		{name: "newest post of an earlier quarter still counts", now: "2026-10-05T09:00:00+07:00",
			posts: []string{"2026-09-28T09:00:00+07:00"}, crawled: true, state: StateOK, details: map[string]string{"days_since_last_post": "7"}},
		{name: "future post counts as today", now: "2026-10-05T09:00:00+07:00",
			posts: []string{"2026-10-06T09:00:00+07:00"}, crawled: true, state: StateOK, details: map[string]string{"days_since_last_post": "0"}},
		{name: "crawled, no post", now: "2026-10-05T09:00:00+07:00", crawled: true, state: StateFail, reason: []string{"Chưa tìm thấy bài"}},
		{name: "never crawled", now: "2026-10-05T09:00:00+07:00", state: StateUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var posts []store.Post
			for _, p := range tt.posts {
				posts = append(posts, post(t, "pgd-cujut", p, 0, 0))
			}
			now := at(t, tt.now)
			var latest *store.Crawl
			if tt.crawled {
				latest = okCrawl("pgd-cujut", now)
			}
			month := tally.MonthOf(now, cfg.Location).Label
			r := evalOne(t, "freshness", input(t, cfg, "pgd-cujut", month, now, posts, latest))
			wantResult(t, r, tt.state, tt.reason, tt.details)
		})
	}
}

func TestDaysSince(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"same local day across UTC midnight", "2026-10-31T16:50:00Z", "2026-10-31T23:59:00+07:00", 0},
		{"local midnight crossed", "2026-10-31T23:50:00+07:00", "2026-11-01T00:10:00+07:00", 1},
		{"month end", "2026-10-31T08:00:00+07:00", "2026-12-01T08:00:00+07:00", 31},
		{"backwards", "2026-10-02T08:00:00+07:00", "2026-10-01T08:00:00+07:00", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := DaysSince(at(t, tt.from), at(t, tt.to), loc); got != tt.want {
				t.Errorf("DaysSince = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestCaptions(t *testing.T) {
	t.Parallel()
	cfg := loadConfig(t) // min share 0.5
	type img struct {
		pub             string
		images, caption int
	}
	tests := []struct {
		name    string
		posts   []img
		state   string
		reason  []string
		details map[string]string
	}{
		{name: "no images", posts: []img{{"2026-11-03T08:00:00+07:00", 0, 0}}, state: StateOK, reason: []string{"Không có ảnh"}},
		{name: "exactly the minimum share", posts: []img{{"2026-11-03T08:00:00+07:00", 4, 2}}, state: StateOK,
			reason: []string{"2/4", "50%"}, details: map[string]string{"share_month": "0.500"}},
		{name: "month low, quarter fine: warn", posts: []img{{"2026-10-03T08:00:00+07:00", 10, 9}, {"2026-11-03T08:00:00+07:00", 4, 1}},
			state: StateWarn, reason: []string{"tháng 11/2026", "1/4", "25%", "Quý 4/2026", "10/14"}},
		{name: "quarter low: fail", posts: []img{{"2026-10-03T08:00:00+07:00", 10, 2}, {"2026-11-03T08:00:00+07:00", 4, 4}},
			state: StateFail, reason: []string{"dưới mức 50%", "6/14", "42,8%"}, details: map[string]string{"images_quarter": "14", "captioned_images_quarter": "6"}},
		{name: "rounded down, never up to the threshold", posts: []img{{"2026-11-03T08:00:00+07:00", 2000, 999}},
			state: StateFail, reason: []string{"49,9%"}},
		{name: "images of an earlier month only", posts: []img{{"2026-10-03T08:00:00+07:00", 3, 3}},
			state: StateOK, reason: []string{"tháng 11/2026: không có ảnh"}},
		{name: "images posted at 23:50 local on 31 October belong to October and the quarter, not November",
			posts: []img{{"2026-10-31T16:50:00Z", 4, 0}, {"2026-11-01T00:05:00+07:00", 2, 2}},
			state: StateFail, reason: []string{"2/6", "tháng 11/2026: 2/2"}, details: map[string]string{"images_month": "2", "images_quarter": "6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var posts []store.Post
			for _, p := range tt.posts {
				posts = append(posts, post(t, "thpt-lequydon", p.pub, p.images, p.caption))
			}
			now := at(t, "2026-11-25T10:00:00+07:00")
			r := evalOne(t, "captions", input(t, cfg, "thpt-lequydon", "2026-11", now, posts, okCrawl("thpt-lequydon", now)))
			wantResult(t, r, tt.state, tt.reason, tt.details)
		})
	}
}

func TestSite(t *testing.T) {
	t.Parallel()
	cfg := loadConfig(t)
	now := at(t, "2026-11-25T10:00:00+07:00")
	base := func() *store.Crawl {
		c := okCrawl("pgd-cujut", now)
		c.TLSExpiry = now.Add(60 * 24 * time.Hour)
		return c
	}
	tests := []struct {
		name        string
		crawl       func() *store.Crawl
		lastSuccess time.Time
		state       string
		reason      []string
		details     map[string]string
	}{
		{name: "never crawled", crawl: func() *store.Crawl { return nil }, state: StateUnknown, reason: []string{"Chưa quét"}},
		{name: "healthy", crawl: base, state: StateOK, reason: []string{"bình thường", "HTTP 200", "24/01/2027"},
			details: map[string]string{"tls_days_left": "60", "https": "true"}},
		{name: "certificate expires in 10 days", crawl: func() *store.Crawl {
			c := base()
			c.TLSExpiry = now.Add(10*24*time.Hour + time.Hour)
			return c
		}, state: StateWarn, reason: []string{"hết hạn ngày 05/12/2026", "còn 10 ngày"}, details: map[string]string{"tls_days_left": "10"}},
		{name: "expiry date is shown in the configured zone", crawl: func() *store.Crawl {
			c := base()
			c.TLSExpiry = at(t, "2026-12-05T17:30:00Z")
			return c
		}, state: StateWarn, reason: []string{"hết hạn ngày 06/12/2026"}, details: map[string]string{"tls_days_left": "10"}},
		{name: "certificate with 14 days left is fine", crawl: func() *store.Crawl {
			c := base()
			c.TLSExpiry = now.Add(14*24*time.Hour + time.Hour)
			return c
		}, state: StateOK},
		{name: "certificate expired", crawl: func() *store.Crawl {
			c := base()
			c.TLSExpiry = now.Add(-36 * time.Hour)
			return c
		}, state: StateFail, reason: []string{"đã hết hạn"}, details: map[string]string{"tls_days_left": "-2"}},
		{name: "invalid certificate", crawl: func() *store.Crawl {
			c := base()
			c.TLSError = "x509: certificate signed by unknown authority"
			return c
		}, state: StateFail, reason: []string{"không hợp lệ", "x509"}},
		{name: "dns failure since yesterday", crawl: func() *store.Crawl {
			c := base()
			c.Outcome, c.ErrorReason, c.HTTPStatus, c.TLSExpiry = store.OutcomeFailed, "dns", 0, time.Time{}
			c.Error = "lookup pgdcujut.edu.vn: no such host"
			return c
		}, lastSuccess: now.Add(-50 * time.Hour), state: StateFail,
			reason: []string{"Không truy cập được", "tên miền", "2 ngày trước"}, details: map[string]string{"days_since_success": "2", "error_reason": "dns"}},
		{name: "server error, never succeeded", crawl: func() *store.Crawl {
			c := base()
			c.Outcome, c.ErrorReason, c.HTTPStatus = store.OutcomeFailed, "http_5xx", 503
			return c
		}, state: StateFail, reason: []string{"HTTP 503", "chưa lần nào quét thành công"}},
		{name: "robots.txt blocks the crawler", crawl: func() *store.Crawl {
			c := base()
			c.Outcome, c.RobotsBlocked = store.OutcomeFailed, true
			return c
		}, state: StateFail, reason: []string{"robots.txt"}},
		{name: "robots.txt blocks part of the site", crawl: func() *store.Crawl {
			c := base()
			c.Outcome, c.RobotsBlocked = store.OutcomePartial, true
			return c
		}, state: StateWarn, reason: []string{"một phần", "robots.txt"}},
		{name: "plain http is a finding, not a failure", crawl: func() *store.Crawl {
			c := base()
			c.FinalURL, c.TLSExpiry = "http://thptlequydon.edu.vn/", time.Time{}
			return c
		}, state: StateOK, reason: []string{"chưa dùng HTTPS"}, details: map[string]string{"https": "false"}},
		{name: "old crawl", crawl: func() *store.Crawl {
			c := base()
			c.Started, c.Finished = now.Add(-72*time.Hour), now.Add(-71*time.Hour)
			return c
		}, state: StateWarn, reason: []string{"đã cũ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := input(t, cfg, "pgd-cujut", "2026-11", now, nil, tt.crawl())
			if !tt.lastSuccess.IsZero() {
				in.LastSuccess = tt.lastSuccess
			}
			wantResult(t, evalOne(t, "site", in), tt.state, tt.reason, tt.details)
		})
	}
}

func TestSections(t *testing.T) {
	t.Parallel()
	cfg := loadConfig(t)
	now := at(t, "2026-11-25T10:00:00+07:00")
	all := func() map[string]string {
		m := map[string]string{}
		for _, r := range cfg.Kinds["truc_thuoc"].Required {
			m[r.ID] = "https://thptlequydon.edu.vn/" + r.ID
		}
		for _, p := range PageRules() {
			m[p.Key] = "https://thptlequydon.edu.vn/"
		}
		return m
	}
	tests := []struct {
		name     string
		sections func() map[string]string
		state    string
		reason   []string
		details  map[string]string
	}{
		{name: "nothing recorded", sections: func() map[string]string { return nil }, state: StateUnknown},
		{name: "all found", sections: all, state: StateOK, reason: []string{"7/7", "Thông tư 37/2020/TT-BGDĐT", "53/2012"},
			details: map[string]string{"gioi_thieu": "https://thptlequydon.edu.vn/gioi_thieu"}},
		{name: "required section missing", sections: func() map[string]string {
			m := all()
			m["tuyen_sinh"], m["cong_khai"] = "", ""
			return m
		}, state: StateFail, reason: []string{"Thiếu 2/7", "Tuyển sinh; Công khai", "Thông tư 37/2020/TT-BGDĐT"},
			details: map[string]string{"tuyen_sinh": DetailMissing, "lien_he": "https://thptlequydon.edu.vn/lien_he"}},
		{name: "footer missing warns", sections: func() map[string]string {
			m := all()
			m["footer_responsible"] = ""
			delete(m, store.SectionSitemapXML)
			return m
		}, state: StateWarn, reason: []string{"người chịu trách nhiệm", "Thông tư 32/2017/TT-BTTTT"},
			details: map[string]string{"footer_responsible": DetailMissing, store.SectionSitemapXML: DetailNotChecked}},
		{name: "some sections not looked for", sections: func() map[string]string {
			m := all()
			delete(m, "van_ban")
			return m
		}, state: StateOK, reason: []string{"6/6", "Chưa kiểm tra: Văn bản"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := okCrawl("thpt-lequydon", now)
			c.Sections = tt.sections()
			r := evalOne(t, "sections", input(t, cfg, "thpt-lequydon", "2026-11", now, nil, c))
			wantResult(t, r, tt.state, tt.reason, tt.details)
		})
	}
	t.Run("never crawled", func(t *testing.T) {
		t.Parallel()
		r := evalOne(t, "sections", input(t, cfg, "thpt-lequydon", "2026-11", now, nil, nil))
		wantResult(t, r, StateUnknown, nil, nil)
	})
}
