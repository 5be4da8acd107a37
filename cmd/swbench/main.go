// Command swbench measures sitewatch's performance and scale on the
// simulated web (package simweb) and prints a table; see BENCHMARKS.md.
//
// `swbench` (or `swbench run`) is the orchestrator. It runs every measured
// part as its own child process of the same binary, so that the CPU time
// (getrusage) and the peak RSS (ru_maxrss) of a crawl are the crawler's
// alone and the simulated web's serving cost lands in another process:
//
//	swbench serve-web  serves N simulated sites on loopback until stdin closes
//	swbench crawl      one crawl run of a registry into a SQLite file
//	swbench floor      a bare net/http client fetching a recorded URL list
//	swbench reports    evaluation, /metrics scrapes and the quarterly XLSX export
//
// The comparison of extract.FromHTML with go-htmldate runs in the separate
// binary swbench-extract (built beside swbench): the crawl processes then
// carry only what the crawler itself links.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"sitewatch/config"
	"sitewatch/internal/testkit/bench"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	sub := "run"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	var err error
	switch sub {
	case "run":
		err = runAll(ctx, args, stdout, stderr)
	case "serve-web":
		err = serveWeb(ctx, args, stdin, stdout)
	case "crawl":
		err = crawlCmd(ctx, args, stdout)
	case "floor":
		err = floorCmd(ctx, args, stdout)
	case "reports":
		err = reportsCmd(ctx, args, stdout)
	default:
		err = fmt.Errorf("unknown command %q (run, serve-web, crawl, floor, reports)", sub)
	}
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 2
		}
		fmt.Fprintln(stderr, "swbench:", err)
		return 1
	}
	return 0
}

// ---- children ------------------------------------------------------------

func serveWeb(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("serve-web", flag.ContinueOnError)
	n := fs.Int("n", 1000, "number of `sites`")
	seed := fs.Int64("seed", 1, "simweb seed")
	faults := fs.Bool("faults", true, "make a few sites down, slow or failing (bench.FaultPlan)")
	dir := fs.String("dir", "", "write sites.yaml into this `directory`")
	latency := fs.Duration("latency", 0, "hold every response back this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return errors.New("serve-web: -dir is required")
	}
	sites := bench.Generate(bench.WebOptions{Sites: *n, Seed: *seed, Faults: *faults, Latency: *latency})
	w, err := bench.StartWeb(sites)
	if err != nil {
		return err
	}
	defer w.Close()
	y := simweb.SitesYAML(sites, w.URL, simweb.RegistryOptions{Settings: map[string]string{"lookback_days": strconv.Itoa(bench.DefaultLookbackDays)}})
	reg := filepath.Join(*dir, "sites.yaml")
	if err := os.WriteFile(reg, y, 0o644); err != nil {
		return err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: w.ControlHandler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(l) }()
	defer srv.Close()
	fmt.Fprintf(stdout, "READY http://%s %s\n", l.Addr(), reg)
	// Serve until the parent closes our stdin (or a signal).
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, stdin)
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
	return nil
}

func loadRegistry(path, db string, workers int) (*config.Config, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	if db != "" {
		cfg.Settings.Database = db
	}
	if workers > 0 {
		cfg.Settings.Workers = workers
	}
	return cfg, nil
}

func crawlCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	reg := fs.String("config", "", "sites.yaml written by serve-web")
	db := fs.String("db", "", "SQLite `file`")
	start := fs.String("start", "", "crawler clock start (RFC 3339); default simweb's Now")
	workers := fs.Int("workers", 8, "units crawled at once")
	delay := fs.Duration("delay", 0, "delay between two requests to one host")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the crawl to `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cfg, err := loadRegistry(*reg, *db, *workers)
	if err != nil {
		return err
	}
	o := bench.CrawlOptions{Config: cfg, Workers: *workers, Delay: *delay}
	if *start != "" {
		if o.Start, err = time.Parse(time.RFC3339, *start); err != nil {
			return err
		}
	}
	res, err := bench.Crawl(ctx, o)
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(res)
}

func floorCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	urls := fs.String("urls", "", "JSON URL log (root URL -> URLs)")
	workers := fs.Int("workers", 8, "sites fetched at once")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b, err := os.ReadFile(*urls)
	if err != nil {
		return err
	}
	var log bench.URLLog
	if err := json.Unmarshal(b, &log); err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(bench.Floor(ctx, log.Lists(), *workers))
}

func reportsCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("reports", flag.ContinueOnError)
	reg := fs.String("config", "", "sites.yaml written by serve-web")
	db := fs.String("db", "", "SQLite `file` filled by a crawl")
	scrapes := fs.Int("scrapes", 200, "number of /metrics requests to time")
	exports := fs.Int("exports", 5, "number of exports to time")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := loadRegistry(*reg, *db, 0)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := bench.MeasureReports(ctx, bench.ReportsOptions{Config: cfg, Store: st, Scrapes: *scrapes, Exports: *exports})
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(res)
}

// ---- orchestrator --------------------------------------------------------

// child runs `swbench args...`, decodes its JSON stdout into out and returns
// its wall time, CPU time and peak RSS.
func child(ctx context.Context, stderr io.Writer, out any, args ...string) (usage, error) {
	exe, err := os.Executable()
	if err != nil {
		return usage{}, err
	}
	return childOf(ctx, exe, stderr, out, args...)
}

func childOf(ctx context.Context, exe string, stderr io.Writer, out any, args ...string) (usage, error) {
	cmd := exec.CommandContext(ctx, exe, args...)
	var buf strings.Builder
	cmd.Stdout = &buf
	cmd.Stderr = stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return usage{}, fmt.Errorf("%s %s: %w", filepath.Base(exe), strings.Join(args, " "), err)
	}
	u := usage{Wall: time.Since(start).Seconds()}
	cpu, rss := bench.ChildUsage(cmd.ProcessState)
	u.CPU, u.RSS = cpu.Seconds(), rss
	if out != nil {
		if err := json.Unmarshal([]byte(buf.String()), out); err != nil {
			return u, fmt.Errorf("%s %s: output: %w", filepath.Base(exe), strings.Join(args, " "), err)
		}
	}
	return u, nil
}

type usage struct {
	Wall float64 `json:"process_wall_seconds"`
	CPU  float64 `json:"process_cpu_seconds"`
	RSS  int64   `json:"process_peak_rss_bytes"`
}

// web is a running serve-web child.
type web struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	control string
	reg     string
}

func startWeb(ctx context.Context, stderr io.Writer, dir string, n int, seed int64, latency time.Duration) (*web, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, exe, "serve-web", "-n", strconv.Itoa(n), "-seed", strconv.FormatInt(seed, 10), "-dir", dir, "-latency", latency.String())
	cmd.Stderr = stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	f := strings.Fields(line)
	if err != nil || len(f) != 3 || f[0] != "READY" {
		_ = in.Close()
		_ = cmd.Wait()
		return nil, fmt.Errorf("serve-web did not start: %q %v", line, err)
	}
	return &web{cmd: cmd, stdin: in, control: f[1], reg: f[2]}, nil
}

func (w *web) get(path string, out any) error {
	resp, err := http.Get(w.control + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(out)
}

func (w *web) takeLog() (bench.URLLog, error) {
	var l bench.URLLog
	return l, w.get("/log", &l)
}

func (w *web) stats() (simweb.Stats, error) {
	var s simweb.Stats
	return s, w.get("/stats", &s)
}

// cpu is the serving process's user+sys time so far (/proc/PID/stat).
func (w *web) cpu() float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", w.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	s := string(b)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		s = s[i+1:]
	}
	f := strings.Fields(s)
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100 // USER_HZ is 100 on Linux
}

func (w *web) close() error {
	_ = w.stdin.Close()
	return w.cmd.Wait()
}

// phase is one measured run.
type phase struct {
	Wall float64 `json:"wall_seconds"`
	CPU  float64 `json:"cpu_seconds"`
	// RSS is the child's own VmHWM; RusageRSS its ru_maxrss, which on Linux
	// also counts the parent's pages at the moment of the vfork+exec.
	RSS         int64   `json:"peak_rss_bytes"`
	RusageRSS   int64   `json:"rusage_maxrss_bytes"`
	Requests    int     `json:"requests"`
	Served      int64   `json:"served_requests"`
	NotModified int     `json:"not_modified"`
	Bytes       int64   `json:"bytes"`
	WireBytes   int64   `json:"wire_bytes"`
	ServerCPU   float64 `json:"server_cpu_seconds"`
	Failed      int     `json:"failed,omitempty"`
	Partial     int     `json:"partial,omitempty"`
	Posts       int     `json:"posts,omitempty"`
	MaxPerSite  int     `json:"max_requests_per_site,omitempty"`
	SaveSeconds float64 `json:"save_seconds,omitempty"`
	Over3       int     `json:"sites_over_3_requests,omitempty"`
}

type sizeResult struct {
	Sites    int                  `json:"sites"`
	First    []phase              `json:"first"`
	Second   []phase              `json:"second"`
	Floor    []phase              `json:"floor"`
	Accuracy bench.Accuracy       `json:"accuracy"`
	Reports  *bench.ReportsResult `json:"reports,omitempty"`
	// Over3 lists sites re-crawled with more than 3 requests (first rep).
	Over3 map[string]int `json:"over3,omitempty"`
	// DBBytes is the size of the first repetition's SQLite files after its re-crawl.
	DBBytes int64 `json:"db_bytes"`
}

type allResult struct {
	Machine map[string]string    `json:"machine"`
	Sizes   []sizeResult         `json:"sizes"`
	Extract []bench.ExtractScore `json:"extract,omitempty"`
}

func runAll(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	sizesFlag := fs.String("sizes", "100,1000", "comma-separated numbers of sites")
	repeat := fs.Int("repeat", 3, "repetitions of each crawl measurement (medians are reported)")
	workers := fs.Int("workers", 8, "units crawled at once (one connection per host)")
	delay := fs.Duration("delay", 0, "delay between two requests to one host (0 measures the crawler's own cost)")
	seed := fs.Int64("seed", 1, "simweb seed")
	reports := fs.Bool("reports", true, "measure /metrics and export on each size's crawled store")
	scrapes := fs.Int("scrapes", 200, "/metrics requests timed per size")
	exports := fs.Int("exports", 5, "exports timed per size")
	extractSites := fs.Int("extract-sites", 60, "sites whose post pages are extracted (0 skips)")
	extractRuns := fs.Int("extract-runs", 3, "timed passes of the extraction comparison")
	jsonOut := fs.String("json", "", "also write the raw results to this `file`")
	keep := fs.String("dir", "", "work `directory` (default a temporary one, removed after)")
	profile := fs.String("profile", "", "write CPU profiles of the first repetition's crawls into this `directory`")
	latency := fs.Duration("latency", 0, "the simulated web holds every response back this long (0: loopback speed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var sizes []int
	for _, s := range strings.Split(*sizesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad -sizes %q", *sizesFlag)
		}
		sizes = append(sizes, n)
	}
	dir := *keep
	if dir == "" {
		d, err := os.MkdirTemp("", "swbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	all := allResult{Machine: machine()}
	all.Machine["latency"] = latency.String()
	all.Machine["load_start"] = loadavg()
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, time.Now().Format("15:04:05 ")+format+"\n", a...) }
	for _, n := range sizes {
		sr, err := measureSize(ctx, logf, stderr, dir, *profile, n, *repeat, *workers, *delay, *latency, *seed, *reports, *scrapes, *exports)
		if err != nil {
			return err
		}
		all.Sizes = append(all.Sizes, *sr)
	}
	if *extractSites > 0 {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		ext := filepath.Join(filepath.Dir(exe), "swbench-extract")
		if _, err := os.Stat(ext); err != nil {
			logf("extract: %s not found, skipped (go build -o DIR/ ./cmd/swbench ./cmd/swbench-extract)", ext)
		} else {
			logf("extract: %d sites, %d runs", *extractSites, *extractRuns)
			if _, err := childOf(ctx, ext, stderr, &all.Extract, "-sites", strconv.Itoa(*extractSites), "-runs", strconv.Itoa(*extractRuns), "-seed", strconv.FormatInt(*seed, 10)); err != nil {
				return err
			}
		}
	}
	all.Machine["load_end"] = loadavg()
	if *jsonOut != "" {
		b, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(*jsonOut, b, 0o644); err != nil {
			return err
		}
	}
	printTable(stdout, all, *workers, *delay)
	return nil
}

func measureSize(ctx context.Context, logf func(string, ...any), stderr io.Writer, dir, profile string, n, repeat, workers int, delay, latency time.Duration, seed int64, reports bool, scrapes, exports int) (*sizeResult, error) {
	sdir := filepath.Join(dir, fmt.Sprintf("n%d", n))
	if err := os.MkdirAll(sdir, 0o755); err != nil {
		return nil, err
	}
	logf("n=%d: starting the simulated web", n)
	w, err := startWeb(ctx, stderr, sdir, n, seed, latency)
	if err != nil {
		return nil, err
	}
	defer w.close()
	sr := &sizeResult{Sites: n}
	ws, dl := strconv.Itoa(workers), delay.String()
	simNow := simweb.DefaultNow()
	var firstDB string
	for rep := 0; rep < repeat; rep++ {
		db := filepath.Join(sdir, fmt.Sprintf("rep%d.db", rep))
		if rep == 0 {
			firstDB = db
		} else {
			defer os.Remove(db)
		}
		measure := func(name string, out any, args ...string) (phase, bench.URLLog, error) {
			if _, err := w.takeLog(); err != nil {
				return phase{}, nil, err
			}
			s0, err := w.stats()
			if err != nil {
				return phase{}, nil, err
			}
			c0 := w.cpu()
			u, err := child(ctx, stderr, out, args...)
			if err != nil {
				return phase{}, nil, err
			}
			c1 := w.cpu()
			s1, err := w.stats()
			if err != nil {
				return phase{}, nil, err
			}
			log, err := w.takeLog()
			if err != nil {
				return phase{}, nil, err
			}
			p := phase{CPU: u.CPU, RusageRSS: u.RSS, Served: s1.Requests - s0.Requests, WireBytes: s1.Bytes - s0.Bytes, ServerCPU: c1 - c0}
			logf("n=%d rep %d %s: %.1fs, cpu %.1fs, %d requests served, server cpu %.1fs", n, rep+1, name, u.Wall, u.CPU, p.Served, p.ServerCPU)
			return p, log, nil
		}
		prof := func(name string) []string {
			if profile == "" || rep > 0 {
				return nil
			}
			return []string{"-cpuprofile", filepath.Join(profile, fmt.Sprintf("%s-%d.pprof", name, n))}
		}
		// First crawl.
		var c1 bench.CrawlResult
		p1, log1, err := measure("first crawl", &c1, append([]string{"crawl", "-config", w.reg, "-db", db, "-workers", ws, "-delay", dl, "-start", simNow.Format(time.RFC3339)}, prof("first")...)...)
		if err != nil {
			return nil, err
		}
		fillCrawl(&p1, &c1)
		sr.First = append(sr.First, p1)
		// Re-crawl, nothing changed on the sites.
		var c2 bench.CrawlResult
		p2, _, err := measure("re-crawl", &c2, append([]string{"crawl", "-config", w.reg, "-db", db, "-workers", ws, "-delay", dl, "-start", simNow.Add(time.Hour).Format(time.RFC3339)}, prof("recrawl")...)...)
		if err != nil {
			return nil, err
		}
		fillCrawl(&p2, &c2)
		if rep == 0 {
			sr.Over3 = map[string]int{}
			for _, u := range c2.PerUnit {
				if u.Requests > 3 {
					sr.Over3[u.ID] = u.Requests
				}
			}
		}
		sr.Second = append(sr.Second, p2)
		// Floor: the first crawl's URLs, bare client, same concurrency.
		urls := filepath.Join(sdir, "urls.json")
		b, err := json.Marshal(log1)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(urls, b, 0o644); err != nil {
			return nil, err
		}
		var f bench.FloorResult
		pf, _, err := measure("floor", &f, "floor", "-urls", urls, "-workers", ws)
		if err != nil {
			return nil, err
		}
		pf.Wall, pf.Requests, pf.Bytes, pf.RSS = f.WallSeconds, f.Requests, f.Bytes, f.PeakRSSBytes
		sr.Floor = append(sr.Floor, pf)
	}
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(firstDB + suffix); err == nil {
			sr.DBBytes += fi.Size()
		}
	}
	// Accuracy of the first repetition's store (after its re-crawl).
	cfg, err := loadRegistry(w.reg, firstDB, workers)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, firstDB)
	if err != nil {
		return nil, err
	}
	posts, err := st.Posts(ctx, store.PostFilter{IncludeGone: true})
	if err == nil {
		var latest map[string]store.Crawl
		latest, err = st.LatestCrawls(ctx)
		since := simNow.In(cfg.Location).AddDate(0, 0, -bench.DefaultLookbackDays)
		truth := bench.Truth(bench.WebOptions{Sites: n, Seed: seed, Faults: true})
		sr.Accuracy = bench.Judge(truth, bench.FaultPlan(n), posts, latest, since)
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if reports {
		logf("n=%d: reports", n)
		sr.Reports = &bench.ReportsResult{}
		if _, err := child(ctx, stderr, sr.Reports, "reports", "-config", w.reg, "-db", firstDB, "-scrapes", strconv.Itoa(scrapes), "-exports", strconv.Itoa(exports)); err != nil {
			return nil, err
		}
	}
	return sr, nil
}

func fillCrawl(p *phase, c *bench.CrawlResult) {
	p.Wall, p.Requests, p.NotModified, p.Bytes = c.WallSeconds, c.Requests, c.NotModified, c.Bytes
	p.Failed, p.Partial, p.Posts, p.RSS, p.SaveSeconds = c.Failed, c.Partial, c.Posts, c.PeakRSSBytes, c.SaveSeconds
	for _, u := range c.PerUnit {
		p.MaxPerSite = max(p.MaxPerSite, u.Requests)
		if u.Requests > 3 {
			p.Over3++
		}
	}
}

// loadavg is the 1, 5 and 15 minute load averages (other processes share the machine).
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func machine() map[string]string {
	m := map[string]string{"nproc": strconv.Itoa(runtime.NumCPU())}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m["cpu"] = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				m["memory"] = strings.TrimSpace(v)
			}
		}
	}
	m["go"] = runtime.Version()
	return m
}

// ---- table ---------------------------------------------------------------

func med(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medOf(ps []phase, f func(phase) float64) float64 {
	xs := make([]float64, len(ps))
	for i, p := range ps {
		xs[i] = f(p)
	}
	return med(xs)
}

func mib(b float64) float64 { return b / (1 << 20) }

func printTable(w io.Writer, all allResult, workers int, delay time.Duration) {
	m := all.Machine
	fmt.Fprintf(w, "machine: %s CPUs, %s, %s, %s; load average %s at start, %s at end\n", m["nproc"], m["cpu"], m["memory"], m["go"], m["load_start"], m["load_end"])
	fmt.Fprintf(w, "workers %d, per-host delay %s, simulated response latency %s; medians of %d runs\n\n",
		workers, delay, m["latency"], func() int {
			if len(all.Sizes) > 0 {
				return len(all.Sizes[0].First)
			}
			return 0
		}())
	fmt.Fprintln(w, "| sites | run | wall s | CPU s | requests | req/site | MiB read | MiB on wire | peak RSS MiB | server CPU s |")
	fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range all.Sizes {
		for _, r := range []struct {
			name string
			ps   []phase
		}{{"first crawl", s.First}, {"re-crawl (no change)", s.Second}, {"floor (bare net/http)", s.Floor}} {
			req := medOf(r.ps, func(p phase) float64 { return float64(p.Requests) })
			fmt.Fprintf(w, "| %d | %s | %.1f | %.1f | %.0f | %.2f | %.1f | %.1f | %.0f | %.1f |\n", s.Sites, r.name,
				medOf(r.ps, func(p phase) float64 { return p.Wall }), medOf(r.ps, func(p phase) float64 { return p.CPU }),
				req, req/float64(s.Sites), mib(medOf(r.ps, func(p phase) float64 { return float64(p.Bytes) })),
				mib(medOf(r.ps, func(p phase) float64 { return float64(p.WireBytes) })), mib(medOf(r.ps, func(p phase) float64 { return float64(p.RSS) })),
				medOf(r.ps, func(p phase) float64 { return p.ServerCPU }))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| sites | crawl/floor wall | crawl/floor CPU | re-crawl req/site (max, sites > 3) | re-crawl wall s | failed / partial (first) | SaveCrawl ms/unit first, re-crawl | SQLite MiB |")
	fmt.Fprintln(w, "|---:|---:|---:|---|---:|---|---|---:|")
	for _, s := range all.Sizes {
		var rw, rc []float64
		for i := range s.First {
			if i < len(s.Floor) && s.Floor[i].Wall > 0 && s.Floor[i].CPU > 0 {
				rw = append(rw, s.First[i].Wall/s.Floor[i].Wall)
				rc = append(rc, s.First[i].CPU/s.Floor[i].CPU)
			}
		}
		fmt.Fprintf(w, "| %d | %.2f | %.2f | %.2f (%.0f, %.0f) | %.1f | %.0f / %.0f | %.1f, %.1f | %.1f |\n", s.Sites, med(rw), med(rc),
			medOf(s.Second, func(p phase) float64 { return float64(p.Requests) })/float64(s.Sites),
			medOf(s.Second, func(p phase) float64 { return float64(p.MaxPerSite) }), medOf(s.Second, func(p phase) float64 { return float64(p.Over3) }),
			medOf(s.Second, func(p phase) float64 { return p.Wall }),
			medOf(s.First, func(p phase) float64 { return float64(p.Failed) }), medOf(s.First, func(p phase) float64 { return float64(p.Partial) }),
			1000*medOf(s.First, func(p phase) float64 { return p.SaveSeconds })/float64(s.Sites), 1000*medOf(s.Second, func(p phase) float64 { return p.SaveSeconds })/float64(s.Sites),
			mib(float64(s.DBBytes)))
	}
	if len(all.Sizes) > 1 {
		fmt.Fprintln(w)
		base := all.Sizes[0]
		for _, s := range all.Sizes {
			if s.Sites == 1000 {
				base = s
			}
		}
		per := func(s sizeResult, f func(phase) float64) float64 { return medOf(s.First, f) / float64(s.Sites) }
		wall := func(p phase) float64 { return p.Wall }
		cpu := func(p phase) float64 { return p.CPU }
		fmt.Fprintf(w, "growth of the first crawl (per-site cost relative to %d sites; 1.00 = linear)\n\n", base.Sites)
		fmt.Fprintln(w, "| sites | wall ms/site | CPU ms/site | wall vs base | CPU vs base | peak RSS MiB | RSS KiB/site | re-crawl wall ms/site |")
		fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, s := range all.Sizes {
			rss := medOf(s.First, func(p phase) float64 { return float64(p.RSS) })
			fmt.Fprintf(w, "| %d | %.1f | %.1f | %.2f | %.2f | %.0f | %.0f | %.2f |\n", s.Sites, 1000*per(s, wall), 1000*per(s, cpu),
				per(s, wall)/per(base, wall), per(s, cpu)/per(base, cpu), mib(rss), rss/1024/float64(s.Sites),
				1000*medOf(s.Second, wall)/float64(s.Sites))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "crawler accuracy on the simulated truth (posts in the lookback window, first repetition)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| sites | judged sites | true posts | found | extra | duplicates | date exact | date day | date month | images + captions exact | alt-only exact | down → failed | 500-sites → partial, recall |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
	for _, s := range all.Sizes {
		a := s.Accuracy
		pc := func(n, d int) string {
			if d == 0 {
				return "-"
			}
			return fmt.Sprintf("%.1f %%", 100*float64(n)/float64(d))
		}
		fmt.Fprintf(w, "| %d | %d | %d | %s | %d | %d | %s | %s | %s | %s | %s | %d/%d | %d/%d, %s |\n", s.Sites, a.Sites, a.Truth, pc(a.Found, a.Truth), a.Extra, a.Duplicates,
			pc(a.DateExact, a.Found), pc(a.DateDay, a.Found), pc(a.DateMonth, a.Found), pc(a.Images, a.Found), pc(a.Alt, a.Found),
			a.DownFailed, a.DownSites, a.ErrorPartial, a.ErrorSites, pc(a.ErrorFound, a.ErrorTruth))
	}
	var reps []sizeResult
	for _, s := range all.Sizes {
		if s.Reports != nil {
			reps = append(reps, s)
		}
	}
	if len(reps) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| units | posts | evaluate + snapshot ms | /metrics scrape ms (gzip, p95) | scrape CPU ms | plain ms | samples | KiB plain / gzip | export.Build + WriteXLSX ms (Build) | export CPU ms | XLSX KiB |")
		fmt.Fprintln(w, "|---:|---:|---:|---|---:|---:|---:|---|---|---:|---:|")
		for _, s := range reps {
			r := s.Reports
			ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
			fmt.Fprintf(w, "| %d | %d | %.0f | %.2f (%.2f) | %.2f | %.2f | %d | %.0f / %.0f | %.0f (%.0f) | %.0f | %.0f |\n", r.Units, r.Posts, ms(r.Evaluate),
				ms(r.Scrape), ms(r.ScrapeP95), ms(r.ScrapeCPU), ms(r.ScrapePlain), r.Series, float64(r.ScrapeBytes)/1024, float64(r.ScrapeGzipBytes)/1024,
				ms(r.Export), ms(r.ExportBuild), ms(r.ExportCPU), float64(r.XLSXBytes)/1024)
		}
	}
	if len(all.Extract) > 0 {
		fmt.Fprintln(w)
		base := all.Extract[0]
		fmt.Fprintln(w, "| extractor | pages | ms/page | CPU ms/page | crawler faster by (CPU) | date found | exact | same day | same month | post taken | images + captions exact | alt-only exact |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, e := range all.Extract {
			pc := func(n int) string { return fmt.Sprintf("%.1f %%", 100*e.Rate(n)) }
			post, img, alt := "-", "-", "-"
			if e.Name == bench.ExtractorCrawler {
				post, img, alt = pc(e.Posts), pc(e.Images), pc(e.Alt)
			}
			fmt.Fprintf(w, "| %s | %d | %.2f | %.2f | %.2f× | %s | %s | %s | %s | %s | %s | %s |\n", e.Name, e.Pages, float64(e.PerPage)/1e6, float64(e.PerPageCPU)/1e6,
				float64(e.PerPageCPU)/float64(base.PerPageCPU), pc(e.Found), pc(e.Exact), pc(e.Day), pc(e.Month), post, img, alt)
		}
		fmt.Fprintln(w)
		fmt.Fprint(w, "exact dates by style:")
		styles := make([]string, 0)
		for st := range base.ByStyle {
			styles = append(styles, st)
		}
		sort.Strings(styles)
		for _, st := range styles {
			fmt.Fprintf(w, " %s", st)
			for _, e := range all.Extract {
				v := e.ByStyle[st]
				fmt.Fprintf(w, " %d/%d", v[0], v[1])
			}
			fmt.Fprint(w, ";")
		}
		fmt.Fprintln(w)
	}
}
