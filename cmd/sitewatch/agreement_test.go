package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sitewatch/checks"
	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/service"
	"sitewatch/store"
)

// view is what one view says of one unit: its state and every count it shows.
type view struct {
	state                                 string
	postsMonth, quota, postsQuarter       int
	imagesQuarter, captionedQuarter, days int
	checks                                map[string]string // check → state (where the view lists them)
	captionText, postsText, daysText      string
}

// TestViewsAgree is the done-when test of issue 14: a simulated province is
// crawled once, then seen at day and month boundaries (an injected clock).
// At each moment, for every unit, the overview row, the unit page,
// `check --json`, /metrics and the export must say the same state and the
// same counts: all read one evaluation.
func TestViewsAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls a simulated province")
	}
	crawlAt := simweb.DefaultNow() // 25/11/2026 10:00 +07
	loc := crawlAt.Location()
	const n = 12
	sites := simweb.Generate(simweb.Options{Seed: 14, Now: crawlAt, Varied: true}, n)
	sites[n-1].SetFault(simweb.Fault{Down: true})
	w, err := simweb.Start(sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "sites.yaml")
	yml := w.SitesYAML(simweb.RegistryOptions{Settings: map[string]string{"database": filepath.Join(dir, "t.db"), "delay": "0s", "schedule": "[]"}})
	if err := os.WriteFile(cfgPath, yml, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := service.SyncUnits(ctx, st, cfg, crawlAt); err != nil {
		t.Fatal(err)
	}
	var clock atomic.Pointer[time.Time]
	clock.Store(&crawlAt)
	svc := service.New(service.Options{Config: cfg, Store: st, Now: func() time.Time { return *clock.Load() }, Logger: slog.New(slog.DiscardHandler)})
	svc.CrawlAll(ctx)
	ts := httptest.NewServer(svc.Handler())
	t.Cleanup(ts.Close)

	// The moments: the crawl; the last minute of November and the first of
	// December (a month boundary); the first minute of 2027 (a quarter and a
	// year); and the two sides of midnight on the day a unit turns stale (a
	// day boundary that changes a verdict).
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	moments := []time.Time{crawlAt, at("2026-11-30 23:59"), at("2026-12-01 00:00"), at("2027-01-01 00:00")}
	if day, ok := staleDay(ctx, t, st, cfg, crawlAt); ok {
		moments = append(moments, day.Add(-time.Minute), day)
	} else {
		t.Fatal("no unit turns stale after the crawl: the day boundary is not exercised")
	}

	states := map[string]int{}
	for _, now := range moments {
		clock.Store(&now)
		label := now.Format("2006-01-02 15:04")
		views := map[string]map[string]view{ // view name → unit → view
			"check --json": checkJSON(t, cfgPath, now),
			"overview":     overview(t, ts.URL),
			"/metrics":     metricsView(t, ts.URL),
			"export":       exportView(t, ts.URL, now),
		}
		pages := map[string]view{}
		for id := range views["check --json"] {
			pages[id] = unitPage(t, ts.URL, id)
		}
		views["unit page"] = pages
		// A unit evaluated alone (a past quarter, a chart) reads only its own
		// facts; it must judge as the whole province's evaluation does.
		alone := map[string]view{}
		for id := range views["check --json"] {
			ev, err := evaluation.Build(ctx, st, cfg, now, evaluation.Options{Unit: id})
			if err != nil {
				t.Fatal(err)
			}
			u := ev.Unit(id)
			c := u.Counts
			v := view{state: u.Verdict.State, postsMonth: c.PostsMonth, quota: c.Quota, postsQuarter: c.PostsQuarter,
				imagesQuarter: c.ImagesQuarter, captionedQuarter: c.CaptionedQuarter, days: c.DaysSinceLastPost, checks: map[string]string{}}
			for _, r := range u.Checks {
				v.checks[r.Check] = r.State
			}
			alone[id] = v
		}
		views["evaluation of the unit alone"] = alone
		want := views["check --json"]
		if len(want) != n {
			t.Fatalf("%s: check --json lists %d units, want %d", label, len(want), n)
		}
		for id, w := range want {
			states[w.state]++
			for name, vs := range views {
				if name == "check --json" {
					continue
				}
				got, ok := vs[id]
				if !ok {
					t.Errorf("%s: %s does not show unit %s", label, name, id)
					continue
				}
				compare(t, label+": "+name+": "+id, got, w)
			}
		}
		if now.Equal(at("2026-12-01 00:00")) {
			for id, w := range want {
				if w.postsMonth != 0 {
					t.Errorf("%s: %s has %d posts in December, which has just begun (no post is dated after the crawl)", label, id, w.postsMonth)
				}
			}
		}
	}
	// The test can fail only if the units differ: several states must occur.
	if len(states) < 3 {
		t.Errorf("states seen %v: the province is too uniform to test agreement", states)
	}
	t.Logf("states over %d moments × %d units: %v", len(moments), n, states)
}

// compare checks got (a view) against want (check --json) on every field
// the view shows.
func compare(t *testing.T, where string, got, want view) {
	t.Helper()
	if got.state != want.state {
		t.Errorf("%s: state %q, check --json says %q", where, got.state, want.state)
	}
	ints := []struct {
		name      string
		got, want int
	}{
		{"posts this month", got.postsMonth, want.postsMonth},
		{"quota", got.quota, want.quota},
		{"posts this quarter", got.postsQuarter, want.postsQuarter},
		{"images this quarter", got.imagesQuarter, want.imagesQuarter},
		{"captioned images this quarter", got.captionedQuarter, want.captionedQuarter},
		{"days since the last post", got.days, want.days},
	}
	for _, c := range ints {
		if c.got != unset && c.got != c.want {
			t.Errorf("%s: %s = %d, check --json says %d", where, c.name, c.got, c.want)
		}
	}
	for check, st := range got.checks {
		if want.checks[check] != st {
			t.Errorf("%s: check %s is %q, check --json says %q", where, check, st, want.checks[check])
		}
	}
	texts := []struct{ name, got, want string }{
		{"caption share", got.captionText, want.captionText},
		{"posts text", got.postsText, want.postsText},
		{"days text", got.daysText, want.daysText},
	}
	for _, c := range texts {
		if c.got != "" && c.got != c.want {
			t.Errorf("%s: %s %q, want %q (from check --json)", where, c.name, c.got, c.want)
		}
	}
}

// unset marks a count a view does not show.
const unset = -1 << 31

func blank() view {
	return view{postsMonth: unset, quota: unset, postsQuarter: unset, imagesQuarter: unset, captionedQuarter: unset, days: unset}
}

// staleDay returns the first local midnight after the crawl at which some
// unit's freshness check turns to fail.
func staleDay(ctx context.Context, t *testing.T, st *store.Store, cfg *config.Config, crawlAt time.Time) (time.Time, bool) {
	t.Helper()
	base, err := evaluation.Build(ctx, st, cfg, crawlAt, evaluation.Options{})
	if err != nil {
		t.Fatal(err)
	}
	loc := cfg.Location
	day := time.Date(crawlAt.In(loc).Year(), crawlAt.In(loc).Month(), crawlAt.In(loc).Day()+1, 0, 0, 0, 0, loc)
	for i := 0; i < 40; i++ {
		ev, err := evaluation.Build(ctx, st, cfg, day, evaluation.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range ev.Enabled() {
			if u.Stale && !base.Unit(u.Unit.ID).Stale {
				return day, true
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	return time.Time{}, false
}

func checkJSON(t *testing.T, cfgPath string, now time.Time) map[string]view {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"check", "--json", "--config", cfgPath, "--now", now.Format(time.RFC3339)}, &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}); code != 0 {
		t.Fatalf("check --json: exit %d: %s", code, errOut.String())
	}
	var rows []evaluation.Row
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatalf("check --json: %v", err)
	}
	m := map[string]view{}
	for _, r := range rows {
		c := r.Counts
		v := view{state: r.State, postsMonth: c.PostsMonth, quota: c.Quota, postsQuarter: c.PostsQuarter,
			imagesQuarter: c.ImagesQuarter, captionedQuarter: c.CaptionedQuarter, days: c.DaysSinceLastPost, checks: map[string]string{}}
		for _, res := range r.Checks {
			v.checks[res.Check] = res.State
		}
		// The texts the pages print for these numbers.
		v.postsText = strconv.Itoa(c.PostsMonth)
		if c.Quota > 0 {
			v.postsText += "/" + strconv.Itoa(c.Quota)
		}
		switch c.DaysSinceLastPost {
		case -1:
			v.daysText = "chưa có tin"
		case 0:
			v.daysText = "hôm nay"
		default:
			v.daysText = fmt.Sprintf("%d ngày", c.DaysSinceLastPost)
		}
		if c.ImagesQuarter == 0 {
			v.captionText = "không có ảnh"
		} else {
			v.captionText = fmt.Sprintf("%.0f%%", 100*float64(c.CaptionedQuarter)/float64(c.ImagesQuarter))
		}
		m[r.Unit] = v
	}
	return m
}

func fetch(t *testing.T, u string) []byte {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v: %.300s", u, resp.StatusCode, err, b)
	}
	return b
}

func doc(t *testing.T, u string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(bytes.NewReader(fetch(t, u)))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// stateOfClass maps a page's colour class back to the state it shows.
var stateOfClass = map[string]string{"ok": evaluation.StateOK, "pending": evaluation.StateWarn, "bad": evaluation.StateFail, "unknown": evaluation.StateUnknown}

// stateOf reads a state from its colour class and checks the label agrees.
func stateOf(t *testing.T, s *goquery.Selection, label string) string {
	t.Helper()
	for class, st := range stateOfClass {
		if s.HasClass(class) {
			if want := evaluation.StateLabel(st); label != want {
				t.Errorf("colour %s with label %q, want %q", class, label, want)
			}
			return st
		}
	}
	return "no colour"
}

func overview(t *testing.T, base string) map[string]view {
	t.Helper()
	m := map[string]view{}
	doc(t, base+"/").Find("#units tbody tr[data-unit]").Each(func(_ int, row *goquery.Selection) {
		id, _ := row.Attr("data-unit")
		td := row.Find("td")
		state := td.Eq(7)
		label := strings.TrimSpace(state.Clone().Children().Remove().End().Text())
		v := blank()
		v.state = stateOf(t, row, label)
		v.postsText = strings.TrimSpace(td.Eq(3).Text())
		v.daysText = strings.TrimSpace(td.Eq(4).Text())
		v.captionText = strings.TrimSpace(td.Eq(5).Text())
		m[id] = v
	})
	return m
}

var reMonthHeading = regexp.MustCompile(`^(\S+) Tháng (\d+)/(\d+): (\d+)(?:/(\d+))? tin`)

func unitPage(t *testing.T, base, id string) view {
	t.Helper()
	d := doc(t, base+"/unit/"+url.PathEscape(id))
	v := blank()
	badge := d.Find("#unit-status")
	v.state = stateOf(t, badge, strings.TrimSpace(badge.Text()))
	num := func(sel string) int {
		n, err := strconv.Atoi(strings.TrimSpace(d.Find(sel).Text()))
		if err != nil {
			t.Errorf("unit %s: %s: %v", id, sel, err)
		}
		return n
	}
	v.postsQuarter, v.imagesQuarter, v.captionedQuarter = num("#quarter-total"), num("#quarter-images"), num("#quarter-captioned")
	d.Find("dt").Each(func(_ int, dt *goquery.Selection) {
		if strings.TrimSpace(dt.Text()) == "Tin gần nhất" {
			v.daysText = strings.TrimSpace(dt.Next().Text())
		}
	})
	// The newest month listed is the month checked, when it lies in the quarter.
	if m := reMonthHeading.FindStringSubmatch(strings.TrimSpace(d.Find("h2.month").First().Text())); m != nil {
		v.postsMonth, _ = strconv.Atoi(m[4])
	}
	v.checks = map[string]string{}
	d.Find("#checks tbody tr").Each(func(i int, row *goquery.Selection) {
		if i < len(checks.Names()) {
			v.checks[checks.Names()[i]] = stateOf(t, row, strings.TrimSpace(row.Find("td.state").Text()))
		}
	})
	return v
}

var reSample = regexp.MustCompile(`^(sitewatch_\w+)\{([^}]*)\} (\S+)$`)

func metricsView(t *testing.T, base string) map[string]view {
	t.Helper()
	m := map[string]view{}
	get := func(id string) view {
		if v, ok := m[id]; ok {
			return v
		}
		v := blank()
		v.checks = map[string]string{}
		return v
	}
	for _, line := range strings.Split(string(fetch(t, base+"/metrics")), "\n") {
		s := reSample.FindStringSubmatch(line)
		if s == nil {
			continue
		}
		labels := map[string]string{}
		for _, kv := range strings.Split(s[2], ",") {
			k, val, _ := strings.Cut(kv, "=")
			labels[k] = strings.Trim(val, `"`)
		}
		id := labels["unit"]
		if id == "" {
			continue
		}
		f, err := strconv.ParseFloat(s[3], 64)
		if err != nil {
			t.Fatal(err)
		}
		v := get(id)
		switch s[1] {
		case "sitewatch_unit_state":
			if f == 1 {
				v.state = labels["state"]
			}
		case "sitewatch_check_state":
			if f == 1 {
				v.checks[labels["check"]] = labels["state"]
			}
		case "sitewatch_unit_posts_this_month":
			v.postsMonth = int(f)
		case "sitewatch_unit_monthly_quota":
			v.quota = int(f)
		case "sitewatch_unit_posts_this_quarter":
			v.postsQuarter = int(f)
		case "sitewatch_unit_images_this_quarter":
			v.imagesQuarter = int(f)
		case "sitewatch_unit_captioned_images_this_quarter":
			v.captionedQuarter = int(f)
		case "sitewatch_unit_last_post_age_seconds":
			v.days = int(f / 86400)
		}
		m[id] = v
	}
	for id, v := range m {
		if v.days == unset { // no post: the age is not exposed
			v.days = -1
			m[id] = v
		}
	}
	return m
}

func exportView(t *testing.T, base string, now time.Time) map[string]view {
	t.Helper()
	loc := now.Location()
	q := fmt.Sprintf("%dQ%d", now.In(loc).Year(), (int(now.In(loc).Month())-1)/3+1)
	body := fetch(t, base+"/export?"+url.Values{"quarter": {q}, "format": {"csv"}, "part": {"summary"}}.Encode())
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("export csv: %v (%d rows)", err, len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	month := fmt.Sprintf("Tháng %d/%d: số tin", now.In(loc).Month(), now.In(loc).Year())
	need := []string{"Mã đơn vị", "Định mức (tin/tháng)", "Tổng số tin", "Số ảnh", "Ảnh có chú thích", "Đánh giá chung", month}
	for _, h := range need {
		if _, ok := col[h]; !ok {
			t.Fatalf("export has no column %q: %v", h, recs[0])
		}
	}
	stateOfLabel := map[string]string{}
	for _, s := range []string{evaluation.StateOK, evaluation.StateWarn, evaluation.StateFail, evaluation.StateUnknown} {
		stateOfLabel[evaluation.StateLabel(s)] = s
	}
	m := map[string]view{}
	for _, r := range recs[1:] {
		atoi := func(h string) int {
			n, err := strconv.Atoi(r[col[h]])
			if err != nil {
				t.Errorf("export %s: %q: %v", h, r[col[h]], err)
			}
			return n
		}
		v := blank()
		v.state = stateOfLabel[r[col["Đánh giá chung"]]]
		v.quota, v.postsQuarter, v.imagesQuarter, v.captionedQuarter = atoi("Định mức (tin/tháng)"), atoi("Tổng số tin"), atoi("Số ảnh"), atoi("Ảnh có chú thích")
		v.postsMonth = atoi(month)
		m[r[col["Mã đơn vị"]]] = v
	}
	return m
}
