package service

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/deploy/promql"
	"sitewatch/internal/testkit/promtest"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
)

// startServe runs the service on a simulated web with a crawl at start and
// returns its base URL once the first crawl run has been evaluated.
func startServe(t *testing.T, n int) (string, *Service, string) {
	t.Helper()
	now := simweb.DefaultNow()
	sites := simweb.Generate(simweb.Options{Seed: 5, Now: now, Varied: true}, n)
	sites[n-1].SetFault(simweb.Fault{Down: true})
	w, err := simweb.Start(sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "sites.yaml")
	yml := w.SitesYAML(simweb.RegistryOptions{Settings: map[string]string{"database": filepath.Join(dir, "t.db"), "delay": "0s", "schedule": "[]",
		"notify": `{host: 127.0.0.1, port: 1, tls: none, from: "vanphong@so.example.gov.vn"}`}})
	// One unit over HTTPS with a self-signed certificate: crawled because
	// its entry allows it, and its certificate expiry is reported.
	extra := simweb.Generate(simweb.Options{Seed: 6, Now: now}, 1)[0]
	tlsSite := httptest.NewTLSServer(extra.Handler())
	t.Cleanup(tlsSite.Close)
	yml = append(yml, fmt.Sprintf("  - {id: tls-site, name: \"Trường THCS Chứng Chỉ\", kind: truc_thuoc, block: \"Khối THCS\", url: %q, insecure_skip_verify: true}\n", tlsSite.URL+"/")...)
	// Notices to the block of that unit (never due during the test): their
	// metrics are exposed from the start.
	yml = append(yml, "blocks:\n  - {name: \"Khối THCS\", leader: \"Khối trưởng THCS\", emails: [\"khoi-thcs@so.example.gov.vn\"]}\n"...)
	if err := os.WriteFile(cfgPath, yml, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	crawled := make(chan struct{}, 1)
	svc := New(Options{Config: cfg, Store: st, Listener: ln, CrawlOnStart: true, ConfigPath: cfgPath,
		Now: func() time.Time { return now }, AfterCrawl: func() { crawled <- struct{}{} }})
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		st.Close()
	})
	select {
	case <-crawled:
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("first crawl did not finish")
	}
	return "http://" + ln.Addr().String(), svc, cfgPath
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	r, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return r.StatusCode, string(b)
}

func TestServeEndpointsAndReload(t *testing.T) {
	t.Parallel()
	base, svc, cfgPath := startServe(t, 6)
	if code, _ := get(t, base+"/healthz"); code != 200 {
		t.Errorf("/healthz %d", code)
	}
	if code, _ := get(t, base+"/readyz"); code != 200 {
		t.Errorf("/readyz %d", code)
	}
	code, body := get(t, base+"/metrics")
	for _, want := range []string{"sitewatch_unit_info{", "sitewatch_unit_posts_this_month{", "sitewatch_check_ok{", "sitewatch_site_up{",
		"sitewatch_crawl_requests_total{", "sitewatch_last_crawl_run_timestamp_seconds", "sitewatch_config_last_reload_successful 1"} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	// startServe makes the last simulated site (units[n-1]) answer 503.
	down := svc.config().Units[5].ID
	if !strings.Contains(body, `sitewatch_site_up{unit="`+down+`"} 0`+"\n") || !strings.Contains(body, `sitewatch_site_up{unit="`+svc.config().Units[0].ID+`"} 1`+"\n") {
		t.Errorf("site_up of the down unit %s is not 0 (or of a healthy unit not 1)", down)
	}
	if code, page := get(t, base+"/"); code != 200 || !strings.Contains(page, "<table") {
		t.Errorf("status page %d", code)
	}
	// A broken registry is refused and reported; the old one stays.
	if err := os.WriteFile(cfgPath, []byte("units: [{id: x}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := svc.Reload(context.Background()); err == nil {
		t.Error("broken registry accepted")
	}
	if _, body := get(t, base+"/metrics"); !strings.Contains(body, "sitewatch_config_last_reload_successful 0") {
		t.Error("failed reload not reported")
	}
	if code, _ := get(t, base+"/"); code != 200 {
		t.Errorf("status page after failed reload: %d", code)
	}
}

// TestPrometheusEndToEnd has a real Prometheus scrape serve over the
// simulated web and evaluates every expression of the dashboard and the
// alert rules through its HTTP API.
func TestPrometheusEndToEnd(t *testing.T) {
	t.Parallel()
	base, _, _ := startServe(t, 8)
	p := promtest.RunPrometheus(t, base+"/metrics")
	dash, err := promql.DashboardExprs("../deploy/grafana/dashboards/sitewatch.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range dash {
		if n, err := p.Query(e); err != nil || n == 0 {
			t.Errorf("dashboard: %s: %d series, err %v", e, n, err)
		}
	}
	rules, err := promql.Rules("../deploy/prometheus/alerts.yml")
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
	t.Logf("%d dashboard expressions and %d alert rules evaluated", len(dash), len(rules))
}
