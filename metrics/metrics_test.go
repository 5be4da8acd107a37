package metrics_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/common/expfmt"

	"sitewatch/evaluation"
	"sitewatch/internal/testkit/metricstest"
	"sitewatch/metrics"
	"sitewatch/store"
	"sitewatch/tally"
)

var update = flag.Bool("update", false, "rewrite testdata/metrics.golden")

func fixtureRegistry(t *testing.T) *prometheus.Registry {
	t.Helper()
	reg := prometheus.NewRegistry()
	if _, err := metricstest.Register(reg); err != nil {
		t.Fatal(err)
	}
	return reg
}

func exposition(t *testing.T, g prometheus.Gatherer) []byte {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	var buf bytes.Buffer
	enc := expfmt.NewEncoder(&buf, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, mf := range mfs {
		if err := enc.Encode(mf); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// TestGolden compares the whole exposition of the fixture with
// testdata/metrics.golden on a fresh registry. Regenerate with -update.
func TestGolden(t *testing.T) {
	t.Parallel()
	reg := fixtureRegistry(t)
	path := filepath.Join("testdata", "metrics.golden")
	if *update {
		if err := os.WriteFile(path, exposition(t, reg), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	defer f.Close()
	if err := testutil.GatherAndCompare(reg, f); err != nil {
		t.Fatal(err)
	}
}

// TestLint runs client_golang's linter (the same rules as promtool).
func TestLint(t *testing.T) {
	t.Parallel()
	problems, err := testutil.GatherAndLint(fixtureRegistry(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint %s: %s", p.Metric, p.Text)
	}
}

// TestPromtoolCheckMetrics pipes the exposition through `promtool check metrics`.
func TestPromtoolCheckMetrics(t *testing.T) {
	t.Parallel()
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("promtool not found in PATH; CI must install it (apt-get install -y prometheus)")
		}
		t.Skip("promtool not found in PATH; install it with apt-get install -y prometheus to run this test")
	}
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = bytes.NewReader(exposition(t, fixtureRegistry(t)))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("promtool check metrics: %v\n%s", err, out)
	}
}

func value(t *testing.T, g prometheus.Gatherer, name string, labels map[string]string) (float64, bool) {
	t.Helper()
	mfs, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	next:
		for _, m := range mf.GetMetric() {
			got := map[string]string{}
			for _, lp := range m.GetLabel() {
				got[lp.GetName()] = lp.GetValue()
			}
			for k, v := range labels {
				if got[k] != v {
					continue next
				}
			}
			switch {
			case m.Counter != nil:
				return m.GetCounter().GetValue(), true
			case m.Gauge != nil:
				return m.GetGauge().GetValue(), true
			}
		}
	}
	return 0, false
}

func TestCountersAddEachCrawlOnce(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	in1, err := metricstest.Round(1)
	if err != nil {
		t.Fatal(err)
	}
	in2, err := metricstest.Round(2)
	if err != nil {
		t.Fatal(err)
	}
	req := map[string]string{"unit": "pgd-cujut", "code": "200"}
	steps := []struct {
		name     string
		in       *metrics.Snapshot
		requests float64 // crawl_requests_total{unit=pgd-cujut,code=200}
		posts    float64 // unit_posts_total{unit=pgd-cujut}
		timeouts float64 // crawl_errors_total{unit=phong-ktkd,reason=timeout}
	}{
		{"first update is the baseline", in1, 0, 0, 0},
		{"same crawls again add nothing", in1, 0, 0, 0},
		{"new crawls are added", in2, 40, 2, 1},
		{"and only once", in2, 40, 2, 1},
	}
	for _, s := range steps {
		m.Update(s.in)
		if v, ok := value(t, reg, "sitewatch_crawl_requests_total", req); !ok || v != s.requests {
			t.Errorf("%s: requests = %v (present %v), want %v", s.name, v, ok, s.requests)
		}
		if v, _ := value(t, reg, "sitewatch_unit_posts_total", map[string]string{"unit": "pgd-cujut"}); v != s.posts {
			t.Errorf("%s: posts = %v, want %v", s.name, v, s.posts)
		}
		if v, ok := value(t, reg, "sitewatch_crawl_errors_total", map[string]string{"unit": "phong-ktkd", "reason": "timeout"}); !ok || v != s.timeouts {
			t.Errorf("%s: timeouts = %v (present %v), want %v", s.name, v, ok, s.timeouts)
		}
	}
	// A third crawl with a new id keeps adding: counters never go down.
	cfg, f3, _ := metricstest.Facts(2)
	c := f3.Latest["pgd-cujut"]
	c.ID, c.Codes = 999, map[int]int{200: 5}
	f3.Latest["pgd-cujut"] = c
	m.Update(metricstest.Snapshot(cfg, f3))
	if v, _ := value(t, reg, "sitewatch_crawl_requests_total", req); v != 45 {
		t.Errorf("after a third crawl: requests = %v, want 45", v)
	}
}

func TestSnapshot(t *testing.T) {
	t.Parallel()
	s, err := metricstest.Round(1)
	if err != nil {
		t.Fatal(err)
	}
	if s.Month != "2026-11" || !s.MonthStart.Equal(time.Date(2026, 10, 31, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("month = %s from %s, want 2026-11 from local midnight", s.Month, s.MonthStart.UTC())
	}
	byID := map[string]metrics.UnitSnapshot{}
	for _, u := range s.Units {
		byID[u.ID] = u
	}
	if len(s.Units) != 3 {
		t.Fatalf("got %d units, want the 3 enabled ones", len(s.Units))
	}
	if _, ok := byID["pgd-daksong"]; ok {
		t.Error("retired unit exposed")
	}
	pgd := byID["pgd-cujut"]
	want := []metrics.MonthPosts{{"2026-10", 2}, {"2026-11", 2}}
	if len(pgd.Months) != 2 || pgd.Months[0] != want[0] || pgd.Months[1] != want[1] {
		t.Errorf("pgd months = %v, want %v (the 23:50 post of 31 Oct counts in October)", pgd.Months, want)
	}
	if pgd.Needed != 0 || pgd.PostsThisMonth != 2 || pgd.Quota != 2 || pgd.Stale || pgd.DaysSinceLastPost != 7 {
		t.Errorf("pgd needed/posts/quota/stale/days = %d/%d/%d/%v/%d, want 0/2/2/false/7", pgd.Needed, pgd.PostsThisMonth, pgd.Quota, pgd.Stale, pgd.DaysSinceLastPost)
	}
	if len(pgd.States) != 2 || pgd.States[0] != (metrics.MonthState{"2026-10", tally.StateMet}) || pgd.States[1].State != tally.StateMet {
		t.Errorf("pgd states = %v", pgd.States)
	}
	lqd := byID["thpt-lequydon"]
	if !lqd.Stale || lqd.DaysSinceLastPost != 71 || lqd.States[0].State != tally.StateMissed || lqd.Needed != 1 {
		t.Errorf("lqd stale=%v days=%d states=%v, want stale, 71 days, October missed", lqd.Stale, lqd.DaysSinceLastPost, lqd.States)
	}
	ktkd := byID["phong-ktkd"]
	if ktkd.PostsThisQuarter != 1 {
		t.Errorf("copied post counted: %d posts this quarter", ktkd.PostsThisQuarter)
	}
	if ktkd.Crawl == nil || ktkd.Crawl.Outcome != store.OutcomeFailed {
		t.Errorf("ktkd crawl = %+v", ktkd.Crawl)
	}
	// The overall state is the evaluation's: pgd-cujut's certificate
	// expires in 10 days (a warning), lqd is stale and missed October.
	if pgd.State != evaluation.StateWarn || lqd.State != evaluation.StateFail || ktkd.State != evaluation.StateWarn {
		t.Errorf("states pgd/lqd/ktkd = %s/%s/%s, want warn/fail/warn", pgd.State, lqd.State, ktkd.State)
	}
}

func TestCompromised(t *testing.T) {
	t.Parallel()
	cfg, f, err := metricstest.Facts(1)
	if err != nil {
		t.Fatal(err)
	}
	c := f.Latest["pgd-cujut"]
	c.Sections = map[string]string{"compromised": "https://pgdcujut.edu.vn/slot-game"}
	f.Latest["pgd-cujut"] = c
	for _, u := range metricstest.Snapshot(cfg, f).Units {
		if u.Compromised != (u.ID == "pgd-cujut") {
			t.Errorf("%s compromised = %v", u.ID, u.Compromised)
		}
	}
}

func TestConcurrentUpdateAndScrape(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	s1, _ := metricstest.Round(1)
	s2, _ := metricstest.Round(2)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				if j%2 == 0 {
					m.Update(s1)
				} else {
					m.Update(s2)
				}
			}
		}()
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				if _, err := reg.Gather(); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	m.SetConfigReload(false, time.Time{})
	if v, ok := value(t, reg, "sitewatch_config_last_reload_successful", nil); !ok || v != 0 {
		t.Errorf("reload successful = %v (present %v), want 0", v, ok)
	}
	if !strings.Contains(string(exposition(t, reg)), "sitewatch_unit_info") {
		t.Error("no unit_info after concurrent updates")
	}
}
