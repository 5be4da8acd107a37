// Package deploy_test checks the deployment files: the Prometheus
// configuration and alert rules (promtool), the Alertmanager configuration
// (amtool), the Grafana dashboard, and, end to end, that every dashboard and
// alert expression evaluates on a real Prometheus scraping sitewatch's
// metrics built from fixture data.
package deploy_test

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"sitewatch/config"
	"sitewatch/deploy/promql"
	"sitewatch/internal/testkit/metricstest"
	"sitewatch/internal/testkit/promtest"
)

const (
	dashboardPath = "grafana/dashboards/sitewatch.json"
	alertsPath    = "prometheus/alerts.yml"
)

// tool returns the path of a command-line tool; without it the test is
// skipped, or fails when CI=true and required is set.
func tool(t *testing.T, name string, required bool) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if required && os.Getenv("CI") == "true" {
		t.Fatalf("%s not found in PATH; CI must install it (apt-get install -y prometheus)", name)
	}
	t.Skipf("%s not found in PATH; install it to run this test (Debian: apt-get install -y prometheus prometheus-alertmanager)", name)
	return ""
}

func run(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
}

func TestPromtoolCheck(t *testing.T) {
	t.Parallel()
	promtool := tool(t, "promtool", true)
	run(t, "prometheus", promtool, "check", "rules", "alerts.yml")
	run(t, "prometheus", promtool, "check", "config", "prometheus.yml")
	run(t, "prometheus", promtool, "check", "config", "prometheus.compose.yml")
}

func TestPromtoolTestRules(t *testing.T) {
	t.Parallel()
	promtool := tool(t, "promtool", true)
	run(t, "prometheus", promtool, "test", "rules", "alerts_test.yml")
}

func TestAmtoolCheckConfig(t *testing.T) {
	t.Parallel()
	// amtool comes with Debian's prometheus-alertmanager package; the check
	// is skipped without it, even in CI.
	amtool := tool(t, "amtool", false)
	run(t, "alertmanager", amtool, "check-config", "alertmanager.yml")
}

// TestAlertRules checks what promtool does not: every alert has Vietnamese
// texts, unit alerts join the unit's name and block, and alerts_test.yml has
// a firing and a silent case for every alert.
func TestAlertRules(t *testing.T) {
	t.Parallel()
	var f struct {
		Groups []struct {
			Rules []struct {
				Alert       string            `yaml:"alert"`
				Expr        string            `yaml:"expr"`
				Labels      map[string]string `yaml:"labels"`
				Annotations map[string]string `yaml:"annotations"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	readYAML(t, alertsPath, &f)
	var tests struct {
		Tests []struct {
			AlertRuleTest []struct {
				Alertname string `yaml:"alertname"`
				ExpAlerts []any  `yaml:"exp_alerts"`
			} `yaml:"alert_rule_test"`
		} `yaml:"tests"`
	}
	readYAML(t, "prometheus/alerts_test.yml", &tests)
	firing, silent := map[string]bool{}, map[string]bool{}
	for _, tc := range tests.Tests {
		for _, a := range tc.AlertRuleTest {
			if len(a.ExpAlerts) > 0 {
				firing[a.Alertname] = true
			} else {
				silent[a.Alertname] = true
			}
		}
	}
	vietnamese := regexp.MustCompile(`[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]`)
	n := 0
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			if r.Alert == "" {
				continue
			}
			n++
			if r.Labels["severity"] == "" {
				t.Errorf("%s: no severity label", r.Alert)
			}
			for _, k := range []string{"summary", "description"} {
				if !vietnamese.MatchString(strings.ToLower(r.Annotations[k])) {
					t.Errorf("%s: annotation %s is not in Vietnamese: %q", r.Alert, k, r.Annotations[k])
				}
			}
			if strings.Contains(r.Expr, "sitewatch_unit_") || strings.Contains(r.Expr, "sitewatch_site_") || strings.Contains(r.Expr, "sitewatch_crawl_last_success") {
				if !strings.Contains(r.Expr, "* on(unit) group_left(name, block, kind) sitewatch_unit_info") {
					t.Errorf("%s: unit alert does not join sitewatch_unit_info for name, block and kind", r.Alert)
				}
				for _, k := range []string{"summary", "description"} {
					if !strings.Contains(r.Annotations[k], "$labels.name") || !strings.Contains(r.Annotations[k], "$labels.block") {
						t.Errorf("%s: %s does not name the unit and its block", r.Alert, k)
					}
				}
			}
			if !firing[r.Alert] || !silent[r.Alert] {
				t.Errorf("%s: alerts_test.yml lacks a firing (%v) or a silent (%v) case", r.Alert, firing[r.Alert], silent[r.Alert])
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d alerts found", n)
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestDashboard checks the structure of the Grafana dashboard.
func TestDashboard(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(dashboardPath)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		UID           string `json:"uid"`
		Title         string `json:"title"`
		SchemaVersion int    `json:"schemaVersion"`
		Panels        []struct {
			ID         int             `json:"id"`
			Type       string          `json:"type"`
			Title      string          `json:"title"`
			Datasource json.RawMessage `json:"datasource"`
			GridPos    struct{ X, Y, W, H int }
			Targets    []struct {
				RefID string `json:"refId"`
				Expr  string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
		Templating struct {
			List []struct {
				Name  string          `json:"name"`
				Type  string          `json:"type"`
				Query json.RawMessage `json:"query"`
			} `json:"list"`
		} `json:"templating"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if d.SchemaVersion < 38 {
		t.Errorf("schemaVersion %d, want at least 38 (Grafana 10)", d.SchemaVersion)
	}
	if d.UID == "" || d.Title == "" {
		t.Error("dashboard needs a uid and a title")
	}
	ids := map[int]bool{}
	titles := map[string]bool{}
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("duplicate panel id %d", p.ID)
		}
		ids[p.ID] = true
		titles[p.Title] = true
		if p.GridPos.X+p.GridPos.W > 24 || p.GridPos.W == 0 {
			t.Errorf("panel %q: gridPos %+v outside the 24 columns", p.Title, p.GridPos)
		}
		if p.Type == "row" {
			continue
		}
		if !strings.Contains(string(p.Datasource), "${datasource}") {
			t.Errorf("panel %q: datasource %s is not the dashboard's variable", p.Title, p.Datasource)
		}
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		refs := map[string]bool{}
		for _, tg := range p.Targets {
			if refs[tg.RefID] {
				t.Errorf("panel %q: duplicate refId %s", p.Title, tg.RefID)
			}
			refs[tg.RefID] = true
		}
	}
	for _, want := range []string{"Tổng quan các đơn vị", "Số bài mỗi tháng trong quý", "Kết quả kiểm tra theo đơn vị", "Số ngày từ bài mới nhất", "Thời gian quét mỗi đơn vị"} {
		if !titles[want] {
			t.Errorf("no panel %q", want)
		}
	}
	vars := map[string]string{}
	for _, v := range d.Templating.List {
		vars[v.Name] = string(v.Query)
	}
	for _, name := range []string{"kind", "block", "unit"} {
		if !strings.Contains(vars[name], "label_values(sitewatch_unit_info") {
			t.Errorf("variable %s: query %s does not read sitewatch_unit_info", name, vars[name])
		}
	}
}

// exposedNames gathers the metric names of the fixture exposition.
func exposedNames(t *testing.T) map[string]bool {
	t.Helper()
	reg := prometheus.NewRegistry()
	if _, err := metricstest.Register(reg); err != nil {
		t.Fatal(err)
	}
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{"up": true}
	for _, mf := range mfs {
		names[mf.GetName()] = true
	}
	return names
}

var metricName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*`)

// TestExprsUseExposedMetrics needs no Prometheus: every metric read by the
// dashboard or an alert must be one sitewatch exposes.
func TestExprsUseExposedMetrics(t *testing.T) {
	t.Parallel()
	names := exposedNames(t)
	dash, err := promql.DashboardExprs(dashboardPath)
	if err != nil {
		t.Fatal(err)
	}
	alerts, err := promql.AlertExprs(alertsPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(dash) < 20 || len(alerts) < 10 {
		t.Fatalf("found %d dashboard and %d alert expressions; extraction is broken", len(dash), len(alerts))
	}
	for _, e := range append(dash, alerts...) {
		sels := promql.Selectors(e)
		if len(sels) == 0 && !strings.Contains(e, "vector(") {
			t.Errorf("no metric in %q", e)
		}
		for _, s := range sels {
			if n := metricName.FindString(s); !names[n] {
				t.Errorf("%q reads %q, which sitewatch does not expose", e, n)
			}
		}
	}
}

// TestEndToEnd starts a real Prometheus scraping the fixture's /metrics and
// evaluates every expression through the HTTP API:
//   - dashboard expressions must return data (a panel must never be empty
//     for a working sitewatch);
//   - alert expressions must evaluate without error (vector matching and
//     types are only checked at evaluation), and every selector in them must
//     return data, so that an alert cannot stay silent because it reads a
//     metric or label that does not exist. Whether each alert fires at the
//     right moment is what alerts_test.yml tests with promtool; here two
//     alerts whose condition does not depend on the clock must fire for the
//     fixture's stale unit.
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	h, err := metricstest.Handler()
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	p := promtest.RunPrometheus(t, ts.URL+"/metrics")

	dash, err := promql.DashboardExprs(dashboardPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range dash {
		n, err := p.Query(e)
		switch {
		case err != nil:
			t.Errorf("dashboard: %v", err)
		case n == 0:
			t.Errorf("dashboard: no data for %s", e)
		default:
			t.Logf("dashboard: %d series for %s", n, e)
		}
	}

	rules, err := promql.Rules(alertsPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		if _, err := p.Query(r.Expr); err != nil {
			t.Errorf("alert %s: %v", r.Alert, err)
		}
		for _, s := range promql.Selectors(r.Expr) {
			if n, err := p.Query(s); err != nil || n == 0 {
				t.Errorf("alert %s: selector %s returns no data (err %v)", r.Alert, s, err)
			}
		}
	}
	want := map[string]bool{"SitewatchUnitStale": true, "SitewatchQuotaMissed": true}
	for _, r := range rules {
		if !want[r.Alert] {
			continue
		}
		delete(want, r.Alert)
		got, err := p.Vector(r.Expr)
		if err != nil {
			t.Fatalf("alert %s: %v", r.Alert, err)
		}
		if len(got) != 1 || got[0].Metric["unit"] != "thpt-lequydon" || got[0].Metric["name"] != "Trường THPT Lê Quý Đôn" || got[0].Metric["block"] != "Khối THPT" {
			t.Errorf("alert %s: got %v, want the stale unit thpt-lequydon with its name and block", r.Alert, got)
		}
	}
	if len(want) > 0 {
		t.Errorf("alerts not found: %v", want)
	}

	if _, err := p.Query("sum(("); err == nil {
		t.Error("a syntax error was not reported")
	}
}

// TestComposeRegistry loads the example registry of compose.yaml.
func TestComposeRegistry(t *testing.T) {
	t.Parallel()
	cfg, err := config.Load("sites.compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Settings.Listen != "0.0.0.0:9718" || !strings.HasPrefix(cfg.Settings.Database, "/var/lib/sitewatch/") {
		t.Errorf("listen %s, database %s: a container needs 0.0.0.0:9718 and the volume", cfg.Settings.Listen, cfg.Settings.Database)
	}
	var compose struct {
		Services map[string]struct {
			Volumes []string `yaml:"volumes"`
		} `yaml:"services"`
	}
	readYAML(t, "compose.yaml", &compose)
	for _, s := range []string{"sitewatch", "prometheus", "alertmanager", "grafana"} {
		if _, ok := compose.Services[s]; !ok {
			t.Errorf("compose.yaml: no service %s", s)
		}
		for _, v := range compose.Services[s].Volumes {
			src := strings.SplitN(v, ":", 2)[0]
			if strings.HasPrefix(src, "./") && src != "./sites.yaml" {
				if _, err := os.Stat(src); err != nil {
					t.Errorf("compose.yaml: %s mounts %s: %v", s, src, err)
				}
			}
		}
	}
}

// TestTextFiles checks that every deployment file is UTF-8 in NFC, so that
// Vietnamese texts compare and display the same everywhere.
func TestTextFiles(t *testing.T) {
	t.Parallel()
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !utf8.Valid(data) {
			t.Errorf("%s is not UTF-8", path)
		} else if !norm.NFC.IsNormal(data) {
			t.Errorf("%s is not NFC-normalised", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
