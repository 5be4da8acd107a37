// Package promtest runs a real Prometheus server for end-to-end tests: it
// scrapes one target every second on loopback, and tests evaluate PromQL
// against it through the HTTP API, the way Grafana and the alert rules will.
//
// The prometheus binary is looked up in PATH, then at /usr/bin/prometheus
// (Debian's package: apt-get install -y prometheus). Without it the test is
// skipped, except when the environment has CI=true, where it fails.
package promtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// StartTimeout bounds the wait for Prometheus to be ready and to hold two
// scrapes of the target. Generous: a loaded 2-core machine is slow to start it.
const StartTimeout = 90 * time.Second

// Job is the scrape job name, as in deploy/prometheus/prometheus.yml, so that
// expressions selecting up{job="sitewatch"} work.
const Job = "sitewatch"

// Prom is a running Prometheus. Its methods are safe for concurrent use.
type Prom struct {
	// URL is the base URL of the server, e.g. http://127.0.0.1:41234.
	URL    string
	client *http.Client
	logs   *syncBuffer
}

// Binary returns the path of the prometheus binary, or "" if there is none.
func Binary() string {
	if p, err := exec.LookPath("prometheus"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/bin/prometheus"); err == nil {
		return "/usr/bin/prometheus"
	}
	return ""
}

// RunPrometheus starts Prometheus scraping target (a full URL such as
// http://127.0.0.1:8080/metrics) every second and returns once it has
// scraped the target successfully at least twice (so that rate() and
// increase() have data). It stops the server when the test ends.
func RunPrometheus(t testing.TB, target string) *Prom {
	t.Helper()
	bin := Binary()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("promtest: prometheus binary not found; CI must install it (apt-get install -y prometheus)")
		}
		t.Skip("promtest: prometheus binary not found; install it with apt-get install -y prometheus to run this test")
	}
	tu, err := url.Parse(target)
	if err != nil || tu.Host == "" {
		t.Fatalf("promtest: bad target URL %q", target)
	}
	dir := t.TempDir()
	cfg := fmt.Sprintf(`global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: %s
    scheme: %s
    metrics_path: %q
    static_configs:
      - targets: [%q]
`, Job, tu.Scheme, pathOf(tu), tu.Host)
	cfgPath := filepath.Join(dir, "prometheus.yml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}

	var p *Prom
	var lastErr error
	for attempt := 0; attempt < 3 && p == nil; attempt++ {
		p, lastErr = start(t, bin, cfgPath, filepath.Join(dir, fmt.Sprintf("data%d", attempt)))
	}
	if p == nil {
		t.Fatalf("promtest: %v", lastErr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), StartTimeout)
	defer cancel()
	q := fmt.Sprintf(`count_over_time(up{job=%q}[1m]) >= 2 and up{job=%q} == 1`, Job, Job)
	if err := p.poll(ctx, func() (bool, error) {
		n, err := p.Query(q)
		return n > 0, err
	}); err != nil {
		t.Fatalf("promtest: target %s not scraped twice within %s: %v; targets: %s\nprometheus log:\n%s",
			target, StartTimeout, err, p.targets(), p.logs.String())
	}
	return p
}

func pathOf(u *url.URL) string {
	if u.Path == "" {
		return "/metrics"
	}
	return u.Path
}

// start launches Prometheus on a free loopback port and waits until it is
// ready. It returns an error (and no Prom) when the process exits early, for
// example because another process took the port in between.
func start(t testing.TB, bin, cfgPath, dataDir string) (*Prom, error) {
	t.Helper()
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	logs := &syncBuffer{}
	cmd := exec.Command(bin,
		"--config.file="+cfgPath,
		"--storage.tsdb.path="+dataDir,
		"--web.listen-address="+addr,
		"--log.level=warn",
	)
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	stop := func() {
		select {
		case <-exited:
			return
		default:
		}
		_ = cmd.Process.Signal(syscall.SIGTERM)
		timer := time.NewTimer(20 * time.Second)
		defer timer.Stop()
		select {
		case <-exited:
		case <-timer.C:
			_ = cmd.Process.Kill()
			<-exited
		}
	}
	p := &Prom{URL: "http://" + addr, client: &http.Client{Timeout: 10 * time.Second}, logs: logs}
	ctx, cancel := context.WithTimeout(context.Background(), StartTimeout)
	defer cancel()
	err = p.poll(ctx, func() (bool, error) {
		select {
		case <-exited:
			return false, errExited
		default:
		}
		resp, err := p.client.Get(p.URL + "/-/ready")
		if err != nil {
			return false, nil // not listening yet
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK, nil
	})
	if err != nil {
		stop()
		return nil, fmt.Errorf("prometheus did not become ready: %w\n%s", err, logs.String())
	}
	t.Cleanup(stop)
	return p, nil
}

var errExited = errors.New("prometheus exited")

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// poll calls cond on a ticker until it returns true, an error it cannot
// recover from (errExited), or ctx ends.
func (p *Prom) poll(ctx context.Context, cond func() (bool, error)) error {
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		ok, err := cond()
		if ok {
			return nil
		}
		if errors.Is(err, errExited) {
			return err
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			if last != nil {
				return fmt.Errorf("%w (last error: %v)", ctx.Err(), last)
			}
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// apiResponse is the envelope of the Prometheus HTTP API.
type apiResponse struct {
	Status    string          `json:"status"`
	ErrorType string          `json:"errorType"`
	Error     string          `json:"error"`
	Data      json.RawMessage `json:"data"`
}

// QueryResult is the data of an instant query.
type QueryResult struct {
	ResultType string          `json:"resultType"`
	Result     json.RawMessage `json:"result"`
}

// Series is one element of a vector result.
type Series struct {
	Metric map[string]string `json:"metric"`
	// Value is [unix time, "value"].
	Value [2]any `json:"value"`
}

// Query evaluates expr at the current time through /api/v1/query and
// returns how many elements the result holds: series of a vector or matrix,
// 1 for a scalar or a string. An expression Prometheus rejects (syntax, types,
// many-to-many matching …) returns its error.
func (p *Prom) Query(expr string) (int, error) {
	r, err := p.QueryResult(expr)
	if err != nil {
		return 0, err
	}
	switch r.ResultType {
	case "vector", "matrix":
		var items []json.RawMessage
		if err := json.Unmarshal(r.Result, &items); err != nil {
			return 0, fmt.Errorf("promtest: decode %s result: %w", r.ResultType, err)
		}
		return len(items), nil
	case "scalar", "string":
		return 1, nil
	}
	return 0, fmt.Errorf("promtest: unknown result type %q", r.ResultType)
}

// Vector evaluates expr and returns its series (expr must give a vector).
func (p *Prom) Vector(expr string) ([]Series, error) {
	r, err := p.QueryResult(expr)
	if err != nil {
		return nil, err
	}
	if r.ResultType != "vector" {
		return nil, fmt.Errorf("promtest: %s gives a %s, not a vector", expr, r.ResultType)
	}
	var out []Series
	if err := json.Unmarshal(r.Result, &out); err != nil {
		return nil, fmt.Errorf("promtest: decode vector: %w", err)
	}
	return out, nil
}

// QueryResult evaluates expr and returns the raw result.
func (p *Prom) QueryResult(expr string) (QueryResult, error) {
	var r QueryResult
	resp, err := p.client.PostForm(p.URL+"/api/v1/query", url.Values{"query": {expr}})
	if err != nil {
		return r, fmt.Errorf("promtest: query %q: %w", expr, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return r, fmt.Errorf("promtest: query %q: %w", expr, err)
	}
	var env apiResponse
	if err := json.Unmarshal(body, &env); err != nil {
		return r, fmt.Errorf("promtest: query %q: HTTP %d: %s", expr, resp.StatusCode, bytes.TrimSpace(body))
	}
	if env.Status != "success" {
		return r, fmt.Errorf("promtest: query %q: %s: %s", expr, env.ErrorType, env.Error)
	}
	if err := json.Unmarshal(env.Data, &r); err != nil {
		return r, fmt.Errorf("promtest: query %q: decode: %w", expr, err)
	}
	return r, nil
}

// targets summarises /api/v1/targets for failure messages.
func (p *Prom) targets() string {
	resp, err := p.client.Get(p.URL + "/api/v1/targets")
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return string(b)
}

// Logs returns what Prometheus printed so far.
func (p *Prom) Logs() string { return p.logs.String() }

// syncBuffer is a bytes.Buffer safe for the process's writers and readers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
