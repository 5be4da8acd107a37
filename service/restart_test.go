package service

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
)

// served is one run of serve over a configuration, stopped by stop.
type served struct {
	base string
	stop func()
}

// serveOnce starts serve as a new process would: a fresh Service over the
// database of cfgPath. With crawl, it returns once the crawl at start has
// been evaluated; without, once it listens.
func serveOnce(t *testing.T, cfgPath string, now time.Time, crawl bool) served {
	t.Helper()
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
	up := make(chan struct{}, 2)
	o := Options{Config: cfg, Store: st, Listener: ln, CrawlOnStart: crawl, Now: func() time.Time { return now },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if crawl {
		o.AfterCrawl = func() { up <- struct{}{} }
	} else {
		o.Ready = func(string) { up <- struct{}{} }
	}
	svc := New(o)
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	select {
	case <-up:
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not come up")
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		st.Close()
	}
	t.Cleanup(stop)
	return served{base: "http://" + ln.Addr().String(), stop: stop}
}

var reType = regexp.MustCompile(`(?m)^# TYPE (sitewatch_\w+) `)

// families returns the sitewatch metric families of an exposition that
// have at least one sample.
func families(t *testing.T, expo string) []string {
	t.Helper()
	var out []string
	for _, m := range reType.FindAllStringSubmatch(expo, -1) {
		if regexp.MustCompile(`(?m)^` + m[1] + `[{ ]`).MatchString(expo) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// TestRestartRebuildsState: serve crawls a simulated web and stops; a new
// serve over the same database, which does not crawl, shows on its first
// scrape every metric family the first one showed, with the same last
// crawl run, each unit's last success and the site states.
func TestRestartRebuildsState(t *testing.T) {
	t.Parallel()
	now := simweb.DefaultNow()
	sites := simweb.Generate(simweb.Options{Seed: 41, Now: now}, 3)
	sites[2].SetFault(simweb.Fault{Down: true})
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

	first := serveOnce(t, cfgPath, now, true)
	_, before := get(t, first.base+"/metrics")
	first.stop()

	second := serveOnce(t, cfgPath, now.Add(time.Hour), false)
	code, after := get(t, second.base+"/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	want, got := families(t, before), families(t, after)
	if len(want) == 0 {
		t.Fatal("no sitewatch family before the restart")
	}
	have := map[string]bool{}
	for _, f := range got {
		have[f] = true
	}
	for _, f := range want {
		if !have[f] {
			t.Errorf("family %s on /metrics before the restart, missing on the first scrape after it", f)
		}
	}
	// The values that the restart must not lose, line for line.
	for _, name := range []string{"sitewatch_last_crawl_run_timestamp_seconds", "sitewatch_crawl_last_success_timestamp_seconds", "sitewatch_site_up", "sitewatch_crawl_last_timestamp_seconds"} {
		b, a := samples(before, name), samples(after, name)
		if len(b) == 0 || strings.Join(b, "\n") != strings.Join(a, "\n") {
			t.Errorf("%s before the restart:\n%s\nafter:\n%s", name, strings.Join(b, "\n"), strings.Join(a, "\n"))
		}
	}
	t.Logf("%d families before the restart, %d on the first scrape after it", len(want), len(got))
}

// samples returns the sample lines of one metric family.
func samples(expo, name string) []string {
	var out []string
	for _, l := range strings.Split(expo, "\n") {
		if strings.HasPrefix(l, name+" ") || strings.HasPrefix(l, name+"{") {
			out = append(out, l)
		}
	}
	return out
}
