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
//	swbench floor      a bare net/http client fetching URL lists (-parse: and
//	                   parsing every body with golang.org/x/net/html)
//	swbench reports    evaluation, /metrics scrapes and the quarterly XLSX export
//	swbench fill       a store of N units with their true posts (no crawl)
//	swbench pages      the status pages served as serve serves them, under load
//
// The floors fetch the minimum URL set taken from simweb's truth
// (simweb.Site.Minimum: the listing pages the window needs and its posts),
// never the URLs the crawler chose, at the crawl's concurrency.
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
	"net/url"
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
	case "fill":
		err = fillCmd(ctx, args, stdout)
	case "pages":
		err = pagesCmd(ctx, args, stdout)
	default:
		err = fmt.Errorf("unknown command %q (run, serve-web, crawl, floor, reports, fill, pages)", sub)
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
	workers := fs.Int("workers", defaultWorkers, "units crawled at once")
	delay := fs.Duration("delay", 0, "delay between two requests to one host")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the crawl to `file`")
	memProfile := fs.String("memprofile", "", "write a heap profile taken when the resident set peaked to `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *memProfile != "" {
		stop := peakHeapProfile(*memProfile)
		defer stop()
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

// heapSampleEvery is how often peakHeapProfile looks at the heap.
const heapSampleEvery = 100 * time.Millisecond

// peakHeapProfile samples the resident set and keeps the heap profile of
// the largest sample; stop writes it to path.
func peakHeapProfile(path string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	var best []byte
	go func() {
		defer close(finished)
		var peak int64
		t := time.NewTicker(heapSampleEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			if rss := bench.RSS(); rss > peak {
				peak = rss
				var b strings.Builder
				if err := pprof.Lookup("heap").WriteTo(&b, 0); err == nil {
					best = []byte(b.String())
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		if best != nil {
			_ = os.WriteFile(path, best, 0o644)
		}
	}
}

// defaultWorkers is the crawl's and the floors' concurrency: 64 sites in
// flight, one connection per host.
const defaultWorkers = bench.DefaultFloorWorkers

func floorCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	lists := fs.String("lists", "", "JSON `file`: one list of absolute URLs per site")
	workers := fs.Int("workers", defaultWorkers, "sites fetched at once")
	parse := fs.Bool("parse", false, "parse every body into a tree (golang.org/x/net/html)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b, err := os.ReadFile(*lists)
	if err != nil {
		return err
	}
	var ls [][]string
	if err := json.Unmarshal(b, &ls); err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(bench.Floor(ctx, ls, bench.FloorOptions{Workers: *workers, Parse: *parse}))
}

// pagesPostsPerSite is the posts per unit of the store the status pages are
// measured on: about 40, as in the measurement.
const pagesPostsPerSite = 40

func fillCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fill", flag.ContinueOnError)
	n := fs.Int("n", 1000, "number of `units`")
	seed := fs.Int64("seed", 1, "simweb seed")
	posts := fs.Int("posts", pagesPostsPerSite, "posts per unit")
	db := fs.String("db", "", "SQLite `file` to create")
	reg := fs.String("config", "", "write the registry to this `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	sites := bench.Truth(bench.WebOptions{Sites: *n, Seed: *seed, PostsPerSite: *posts})
	y := simweb.SitesYAML(sites, bench.FakeURL, simweb.RegistryOptions{Settings: map[string]string{
		"database": strconv.Quote(*db), "lookback_days": strconv.Itoa(bench.DefaultLookbackDays)}})
	if err := os.WriteFile(*reg, y, 0o644); err != nil {
		return err
	}
	cfg, err := config.Load(*reg)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := bench.FillStore(ctx, st, cfg, sites, bench.FakeURL, simweb.DefaultNow()); err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(map[string]int{"units": *n})
}

func pagesCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("pages", flag.ContinueOnError)
	reg := fs.String("config", "", "registry written by fill")
	views := fs.Int("views", bench.DefaultPageViews, "views of / under load")
	conc := fs.Int("concurrency", bench.DefaultPageConcurrency, "views at once")
	memProfile := fs.String("memprofile", "", "write a heap profile taken when the resident set peaked to `file`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *memProfile != "" {
		stop := peakHeapProfile(*memProfile)
		defer stop()
	}
	cfg, err := config.Load(*reg)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := bench.MeasurePages(ctx, bench.PagesOptions{Config: cfg, Store: st, Views: *views, Concurrency: *conc})
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(res)
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
	RSS       int64 `json:"peak_rss_bytes"`
	RusageRSS int64 `json:"rusage_maxrss_bytes"`
	// Requests is what the crawler counted (a redirect and its target are
	// one); Served what the simulated sites answered.
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
	// OverMin counts the sites served more than their minimum + 4 requests
	// (first crawl); OverMinBy is how many requests beyond it, summed.
	OverMin   int `json:"sites_over_minimum,omitempty"`
	OverMinBy int `json:"requests_over_minimum,omitempty"`
	Errors    int `json:"errors,omitempty"`
}

type sizeResult struct {
	Sites  int     `json:"sites"`
	First  []phase `json:"first"`
	Second []phase `json:"second"`
	// Bare and Parse are the floors over the minimum URL set.
	Bare    []phase `json:"floor_bare"`
	Parse   []phase `json:"floor_parse"`
	Minimum struct {
		URLs, Posts, Listings, Extra, Unknown int
	} `json:"minimum"`
	Accuracy bench.Accuracy       `json:"accuracy"`
	Reports  *bench.ReportsResult `json:"reports,omitempty"`
	Pages    *bench.PagesResult   `json:"pages,omitempty"`
	// ExportCLI is the wall time of `sitewatch export --quarter` on the
	// first crawl's store (0 when no sitewatch binary is beside swbench).
	ExportCLI float64 `json:"export_cli_seconds,omitempty"`
	// Over3 lists sites re-crawled with more than 3 requests (first rep).
	Over3 map[string]int `json:"over3,omitempty"`
	// OverMin lists sites crawled with more than minimum + 4 requests (first rep).
	OverMin map[string][2]int `json:"over_minimum,omitempty"`
	// DBBytes is the size of the first repetition's SQLite files after its re-crawl.
	DBBytes int64 `json:"db_bytes"`
}

type allResult struct {
	Machine map[string]string    `json:"machine"`
	Sizes   []sizeResult         `json:"sizes"`
	Extract []bench.ExtractScore `json:"extract,omitempty"`
}

// runFlags are the orchestrator's settings.
type runFlags struct {
	repeat, workers, scrapes, exports, views int
	delay, latency                           time.Duration
	seed                                     int64
	reports, pages, floors, recrawl          bool
	profile                                  string
}

func runAll(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var rf runFlags
	sizesFlag := fs.String("sizes", "100,1000", "comma-separated numbers of sites")
	fs.IntVar(&rf.repeat, "repeat", 3, "repetitions of each crawl measurement (medians are reported)")
	fs.IntVar(&rf.workers, "workers", defaultWorkers, "units crawled at once, and sites the floors fetch at once (one connection per host)")
	fs.DurationVar(&rf.delay, "delay", 0, "delay between two requests to one host (0 measures the crawler's own cost)")
	fs.Int64Var(&rf.seed, "seed", 1, "simweb seed")
	fs.BoolVar(&rf.reports, "reports", true, "measure /metrics and export on each size's crawled store")
	fs.BoolVar(&rf.pages, "pages", true, "measure the status pages on a store of each size's units with their true posts")
	fs.BoolVar(&rf.floors, "floors", true, "run the two floors after each first crawl")
	fs.BoolVar(&rf.recrawl, "recrawl", true, "re-crawl after each first crawl (nothing changed on the sites)")
	fs.IntVar(&rf.scrapes, "scrapes", 200, "/metrics requests timed per size")
	fs.IntVar(&rf.exports, "exports", 5, "exports timed per size")
	fs.IntVar(&rf.views, "views", bench.DefaultPageViews, "status page views under load per size")
	extractSites := fs.Int("extract-sites", 60, "sites whose post pages are extracted (0 skips)")
	extractRuns := fs.Int("extract-runs", 3, "timed passes of the extraction comparison")
	jsonOut := fs.String("json", "", "also write the raw results to this `file`")
	keep := fs.String("dir", "", "work `directory` (default a temporary one, removed after)")
	fs.StringVar(&rf.profile, "profile", "", "write CPU profiles of the first repetition's crawls into this `directory`")
	fs.DurationVar(&rf.latency, "latency", 0, "the simulated web holds every response back this long (0: loopback speed)")
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
	all.Machine["latency"] = rf.latency.String()
	all.Machine["load_start"] = loadavg()
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, time.Now().Format("15:04:05 ")+format+"\n", a...) }
	for _, n := range sizes {
		sr, err := measureSize(ctx, logf, stderr, dir, n, rf)
		if err != nil {
			return err
		}
		all.Sizes = append(all.Sizes, *sr)
	}
	if *extractSites > 0 {
		ext, ok := besideSelf("swbench-extract")
		if !ok {
			logf("extract: %s not found, skipped (go build -o DIR/ ./cmd/swbench ./cmd/swbench-extract)", ext)
		} else {
			logf("extract: %d sites, %d runs", *extractSites, *extractRuns)
			if _, err := childOf(ctx, ext, stderr, &all.Extract, "-sites", strconv.Itoa(*extractSites), "-runs", strconv.Itoa(*extractRuns), "-seed", strconv.FormatInt(rf.seed, 10)); err != nil {
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
	printTable(stdout, all, rf)
	return nil
}

// besideSelf is the path of a program in swbench's own directory and
// whether it exists.
func besideSelf(name string) (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return name, false
	}
	p := filepath.Join(filepath.Dir(exe), name)
	_, err = os.Stat(p)
	return p, err == nil
}

// hostOf is the host:port of a URL ("" when it does not parse).
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func measureSize(ctx context.Context, logf func(string, ...any), stderr io.Writer, dir string, n int, rf runFlags) (*sizeResult, error) {
	sdir := filepath.Join(dir, fmt.Sprintf("n%d", n))
	if err := os.MkdirAll(sdir, 0o755); err != nil {
		return nil, err
	}
	logf("n=%d: starting the simulated web", n)
	w, err := startWeb(ctx, stderr, sdir, n, rf.seed, rf.latency)
	if err != nil {
		return nil, err
	}
	defer w.close()
	sr := &sizeResult{Sites: n}
	ws, dl := strconv.Itoa(rf.workers), rf.delay.String()
	simNow := simweb.DefaultNow()
	cfg, err := loadRegistry(w.reg, "", rf.workers)
	if err != nil {
		return nil, err
	}
	// The minimum URL set from the truth, by site; sites by host for the log.
	since := simNow.In(cfg.Location).AddDate(0, 0, -bench.DefaultLookbackDays)
	truth := bench.Truth(bench.WebOptions{Sites: n, Seed: rf.seed, Faults: true})
	root := map[string]string{}
	unitOfHost := map[string]string{}
	for _, u := range cfg.Units {
		root[u.ID] = strings.TrimSuffix(u.URL, "/")
		unitOfHost[hostOf(u.URL)] = u.ID
	}
	min := bench.Minimum(truth, func(name string) string { return root[name] }, since)
	sr.Minimum.URLs, sr.Minimum.Posts, sr.Minimum.Listings, sr.Minimum.Extra, sr.Minimum.Unknown = min.Count(), min.Posts, min.Listings, min.Extra, min.Unknown
	lists := filepath.Join(sdir, "minimum.json")
	if err := writeJSON(lists, min.Lists); err != nil {
		return nil, err
	}
	logf("n=%d: minimum %d URLs (%d posts, %d listing pages, %d old posts to rule out; %d sites of unmodelled style)", n, min.Count(), min.Posts, min.Listings, min.Extra, min.Unknown)
	var firstDB string
	for rep := 0; rep < rf.repeat; rep++ {
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
			if rf.profile == "" || rep > 0 {
				return nil
			}
			return []string{"-cpuprofile", filepath.Join(rf.profile, fmt.Sprintf("%s-%d.pprof", name, n))}
		}
		// First crawl.
		var c1 bench.CrawlResult
		p1, log1, err := measure("first crawl", &c1, append([]string{"crawl", "-config", w.reg, "-db", db, "-workers", ws, "-delay", dl, "-start", simNow.Format(time.RFC3339)}, prof("first")...)...)
		if err != nil {
			return nil, err
		}
		fillCrawl(&p1, &c1)
		over := map[string][2]int{}
		for r, urls := range log1 {
			id := unitOfHost[hostOf(r)]
			if m := min.PerSite[id]; len(urls) > m+bench.FixedPerSite {
				p1.OverMin++
				p1.OverMinBy += len(urls) - m - bench.FixedPerSite
				over[id] = [2]int{len(urls), m}
			}
		}
		if rep == 0 {
			sr.OverMin = over
		}
		sr.First = append(sr.First, p1)
		if rf.recrawl {
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
		}
		// Floors: the minimum URL set, same concurrency, bare and parsed.
		for _, parse := range []bool{false, true} {
			if !rf.floors {
				break
			}
			var f bench.FloorResult
			name, args := "floor (bare)", []string{"floor", "-lists", lists, "-workers", ws}
			if parse {
				name, args = "floor (parse)", append(args, "-parse")
			}
			pf, _, err := measure(name, &f, args...)
			if err != nil {
				return nil, err
			}
			pf.Wall, pf.Requests, pf.Bytes, pf.RSS, pf.Errors = f.WallSeconds, f.Requests, f.Bytes, f.PeakRSSBytes, f.Errors
			if parse {
				sr.Parse = append(sr.Parse, pf)
			} else {
				sr.Bare = append(sr.Bare, pf)
			}
		}
	}
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(firstDB + suffix); err == nil {
			sr.DBBytes += fi.Size()
		}
	}
	// Accuracy of the first repetition's store (after its re-crawl).
	st, err := store.Open(ctx, firstDB)
	if err != nil {
		return nil, err
	}
	posts, err := st.Posts(ctx, store.PostFilter{IncludeGone: true})
	if err == nil {
		var latest map[string]store.Crawl
		latest, err = st.LatestCrawls(ctx)
		sr.Accuracy = bench.Judge(truth, bench.FaultPlan(n), posts, latest, since)
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if rf.reports {
		logf("n=%d: reports", n)
		sr.Reports = &bench.ReportsResult{}
		if _, err := child(ctx, stderr, sr.Reports, "reports", "-config", w.reg, "-db", firstDB, "-scrapes", strconv.Itoa(rf.scrapes), "-exports", strconv.Itoa(rf.exports)); err != nil {
			return nil, err
		}
		if sw, ok := besideSelf("sitewatch"); ok {
			if sr.ExportCLI, err = exportCLI(ctx, stderr, sw, w.reg, firstDB, sdir, simNow); err != nil {
				return nil, err
			}
			logf("n=%d: sitewatch export --quarter: %.2fs", n, sr.ExportCLI)
		}
	}
	if rf.pages {
		logf("n=%d: status pages", n)
		reg, pdb := filepath.Join(sdir, "pages-sites.yaml"), filepath.Join(sdir, "pages.db")
		if _, err := child(ctx, stderr, nil, "fill", "-n", strconv.Itoa(n), "-seed", strconv.FormatInt(rf.seed, 10), "-db", pdb, "-config", reg); err != nil {
			return nil, err
		}
		sr.Pages = &bench.PagesResult{}
		if _, err := child(ctx, stderr, sr.Pages, "pages", "-config", reg, "-views", strconv.Itoa(rf.views)); err != nil {
			return nil, err
		}
	}
	return sr, nil
}

// exportCLI times `sitewatch export --quarter Q --format xlsx` of the
// quarter of now on db, as the office runs it.
func exportCLI(ctx context.Context, stderr io.Writer, sw, reg, db, dir string, now time.Time) (float64, error) {
	b, err := os.ReadFile(reg)
	if err != nil {
		return 0, err
	}
	y := strings.Replace(string(b), "settings:\n", "settings:\n  database: "+strconv.Quote(db)+"\n", 1)
	path := filepath.Join(dir, "export-sites.yaml")
	if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
		return 0, err
	}
	q := fmt.Sprintf("%dQ%d", now.Year(), (int(now.Month())-1)/3+1)
	u, err := childOf(ctx, sw, stderr, nil, "export", "--config", path, "--quarter", q, "--format", "xlsx", "--out", filepath.Join(dir, "export.xlsx"))
	return u.Wall, err
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

// runs lists a phase's values ("48.5 / 48.5 / 47.9").
func runs(ps []phase, f func(phase) float64) string {
	var parts []string
	for _, p := range ps {
		parts = append(parts, fmt.Sprintf("%.1f", f(p)))
	}
	return strings.Join(parts, " / ")
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// verdict is "met" or "**missed**".
func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

// Targets of issue 12.
const (
	targetCrawlVsParse   = 1.5
	targetPeakRSSMiB     = 150
	targetRecrawlSeconds = 5
	targetRecrawlPerSite = 3
	targetPageMillis     = 50
	targetPagesRSSMiB    = 200
	targetExportSeconds  = 1
	targetGrowth         = 1.2
)

func printTable(w io.Writer, all allResult, rf runFlags) {
	m := all.Machine
	fmt.Fprintf(w, "machine: %s CPUs, %s, %s, %s; load average %s at start, %s at end\n", m["nproc"], m["cpu"], m["memory"], m["go"], m["load_start"], m["load_end"])
	fmt.Fprintf(w, "workers %d (floors: %d sites in flight), one connection per host, per-host delay %s, simulated response latency %s; medians of %d runs\n",
		rf.workers, rf.workers, rf.delay, m["latency"], rf.repeat)
	wall := func(p phase) float64 { return p.Wall }
	cpu := func(p phase) float64 { return p.CPU }
	rss := func(p phase) float64 { return mib(float64(p.RSS)) }
	served := func(p phase) float64 { return float64(p.Served) }
	for _, s := range all.Sizes {
		n := float64(s.Sites)
		mn := float64(s.Minimum.URLs) / n
		fmt.Fprintf(w, "\n### %d sites\n\nminimum %.2f URLs per site from the truth: %.2f posts of the window, %.2f listing pages, %.2f old posts a sitemap forces (%d sites of a style the truth does not model)\n\n",
			s.Sites, mn, float64(s.Minimum.Posts)/n, float64(s.Minimum.Listings)/n, float64(s.Minimum.Extra)/n, s.Minimum.Unknown)
		fmt.Fprintln(w, "| | sitewatch | bare fetch | fetch + parse |")
		fmt.Fprintln(w, "|---|---:|---:|---:|")
		fmt.Fprintf(w, "| first crawl, wall s | %.1f (%s) | %.1f (%s) | %.1f (%s) |\n", medOf(s.First, wall), runs(s.First, wall), medOf(s.Bare, wall), runs(s.Bare, wall), medOf(s.Parse, wall), runs(s.Parse, wall))
		fmt.Fprintf(w, "| first crawl, CPU s | %.1f | %.1f | %.1f |\n", medOf(s.First, cpu), medOf(s.Bare, cpu), medOf(s.Parse, cpu))
		fmt.Fprintf(w, "| requests per site (served) | %.2f (minimum + 4 = %.2f; %.0f sites over it, by %.0f requests in all) | %.2f | %.2f |\n",
			medOf(s.First, served)/n, mn+bench.FixedPerSite, medOf(s.First, func(p phase) float64 { return float64(p.OverMin) }), medOf(s.First, func(p phase) float64 { return float64(p.OverMinBy) }),
			medOf(s.Bare, served)/n, medOf(s.Parse, served)/n)
		fmt.Fprintf(w, "| peak RSS MiB | %.0f | %.0f | %.0f |\n", medOf(s.First, rss), medOf(s.Bare, rss), medOf(s.Parse, rss))
		fmt.Fprintf(w, "| unchanged re-crawl, wall s | %.1f (%s) | | |\n", medOf(s.Second, wall), runs(s.Second, wall))
		fmt.Fprintf(w, "| unchanged re-crawl, requests per site | %.2f (max %.0f; %.0f sites over 3) | | |\n", medOf(s.Second, served)/n,
			medOf(s.Second, func(p phase) float64 { return float64(p.MaxPerSite) }), medOf(s.Second, func(p phase) float64 { return float64(p.Over3) }))
		fmt.Fprintf(w, "| server CPU s (first crawl) | %.1f | %.1f | %.1f |\n", medOf(s.First, func(p phase) float64 { return p.ServerCPU }), medOf(s.Bare, func(p phase) float64 { return p.ServerCPU }), medOf(s.Parse, func(p phase) float64 { return p.ServerCPU }))
		fmt.Fprintf(w, "| MiB read (decoded) / on the wire | %.0f / %.0f | %.0f / %.0f | %.0f / %.0f |\n",
			mib(medOf(s.First, func(p phase) float64 { return float64(p.Bytes) })), mib(medOf(s.First, func(p phase) float64 { return float64(p.WireBytes) })),
			mib(medOf(s.Bare, func(p phase) float64 { return float64(p.Bytes) })), mib(medOf(s.Bare, func(p phase) float64 { return float64(p.WireBytes) })),
			mib(medOf(s.Parse, func(p phase) float64 { return float64(p.Bytes) })), mib(medOf(s.Parse, func(p phase) float64 { return float64(p.WireBytes) })))
		var rw []float64
		for i := range s.First {
			if i < len(s.Parse) {
				rw = append(rw, ratio(s.First[i].Wall, s.Parse[i].Wall))
			}
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| target | measured | |")
		fmt.Fprintln(w, "|---|---|---|")
		cr := med(rw)
		if len(s.Parse) == 0 {
			fmt.Fprintf(w, "| first crawl ≤ %.1f× the fetch + parse floor (wall, same run) | floors not run (-floors=false) | not measured |\n", targetCrawlVsParse)
		} else {
			fmt.Fprintf(w, "| first crawl ≤ %.1f× the fetch + parse floor (wall, same run) | %.2f× (CPU %.2f×) | %s |\n", targetCrawlVsParse, cr,
				ratio(medOf(s.First, cpu), medOf(s.Parse, cpu)), verdict(cr > 0 && cr <= targetCrawlVsParse))
		}
		over := medOf(s.First, func(p phase) float64 { return float64(p.OverMin) })
		fmt.Fprintf(w, "| requests ≤ minimum + 4 per site | %.2f per site against %.2f; %.0f sites over | %s |\n", medOf(s.First, served)/n, mn+bench.FixedPerSite, over, verdict(over == 0))
		prss := medOf(s.First, rss)
		fmt.Fprintf(w, "| first crawl peak RSS < %d MiB | %.0f MiB | %s |\n", targetPeakRSSMiB, prss, verdict(prss < targetPeakRSSMiB))
		rwall, rreq := medOf(s.Second, wall), medOf(s.Second, served)/n
		if len(s.Second) == 0 {
			fmt.Fprintf(w, "| unchanged re-crawl < %d s, ≤ %d requests per site | not run (-recrawl=false) | not measured |\n", targetRecrawlSeconds, targetRecrawlPerSite)
		} else {
			fmt.Fprintf(w, "| unchanged re-crawl < %d s, ≤ %d requests per site | %.1f s, %.2f per site | %s |\n", targetRecrawlSeconds, targetRecrawlPerSite, rwall, rreq, verdict(rwall < targetRecrawlSeconds && rreq <= targetRecrawlPerSite))
		}
		if p := s.Pages; p != nil {
			ms := float64(p.Mean) / 1e6
			prm := mib(float64(p.PeakRSSBytes))
			fmt.Fprintf(w, "| status page < %d ms per view with %d concurrent views, RSS < %d MB | mean %.1f ms, max %.1f ms (alone %.1f ms); process peak RSS %.0f MiB | %s |\n",
				targetPageMillis, p.Concurrency, targetPagesRSSMiB, ms, float64(p.Max)/1e6, float64(p.Alone)/1e6, prm, verdict(ms < targetPageMillis && prm < targetPagesRSSMiB))
		}
		if r := s.Reports; r != nil {
			secs := float64(r.Export) / 1e9
			cli := ""
			if s.ExportCLI > 0 {
				cli = fmt.Sprintf("; `sitewatch export --quarter` %.2f s", s.ExportCLI)
				secs = max(secs, s.ExportCLI)
			}
			fmt.Fprintf(w, "| export --quarter < %d s | Build + WriteXLSX %.2f s (Build %.2f s)%s | %s |\n", targetExportSeconds, float64(r.Export)/1e9, float64(r.ExportBuild)/1e9, cli, verdict(secs < targetExportSeconds))
		}
	}
	if len(all.Sizes) > 1 {
		base := all.Sizes[0]
		per := func(s sizeResult, ps []phase, f func(phase) float64) float64 { return medOf(ps, f) / float64(s.Sites) }
		fmt.Fprintf(w, "\n### Growth: per-site cost against %d sites (1.00 = linear; target within %.0f %%)\n\n", base.Sites, 100*(targetGrowth-1))
		fmt.Fprint(w, "| | ")
		for _, s := range all.Sizes {
			fmt.Fprintf(w, "%d | ", s.Sites)
		}
		fmt.Fprintln(w, "largest vs smallest |")
		fmt.Fprint(w, "|---|")
		for range all.Sizes {
			fmt.Fprint(w, "---:|")
		}
		fmt.Fprintln(w, "---:|")
		row := func(name string, f func(s sizeResult) float64) {
			fmt.Fprintf(w, "| %s | ", name)
			for _, s := range all.Sizes {
				fmt.Fprintf(w, "%.2f | ", f(s))
			}
			last := all.Sizes[len(all.Sizes)-1]
			g := ratio(f(last), f(base))
			fmt.Fprintf(w, "%.2f (%s) |\n", g, verdict(g > 0 && g <= targetGrowth))
		}
		row("first crawl, wall ms/site", func(s sizeResult) float64 { return 1000 * per(s, s.First, wall) })
		row("first crawl, CPU ms/site", func(s sizeResult) float64 { return 1000 * per(s, s.First, cpu) })
		row("first crawl, requests/site", func(s sizeResult) float64 { return per(s, s.First, served) })
		row("re-crawl, wall ms/site", func(s sizeResult) float64 { return 1000 * per(s, s.Second, wall) })
		row("re-crawl, CPU ms/site", func(s sizeResult) float64 { return 1000 * per(s, s.Second, cpu) })
		row("fetch + parse floor, wall ms/site", func(s sizeResult) float64 { return 1000 * per(s, s.Parse, wall) })
		if base.Reports != nil {
			row("export, ms/unit", func(s sizeResult) float64 {
				if s.Reports == nil {
					return 0
				}
				return float64(s.Reports.Export) / 1e6 / float64(s.Sites)
			})
		}
		if base.Pages != nil {
			row("status page alone, ms per 1,000 units", func(s sizeResult) float64 {
				if s.Pages == nil {
					return 0
				}
				return float64(s.Pages.Alone) / 1e6 * 1000 / float64(s.Sites)
			})
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
	var withPages []sizeResult
	for _, s := range all.Sizes {
		if s.Pages != nil {
			withPages = append(withPages, s)
		}
	}
	if len(withPages) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "status pages as serve serves them (service.Handler on loopback), on a store of the units with their true posts")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| units | posts | refresh ms | / alone ms | unit page alone ms | views × concurrency | mean ms | p95 ms | max ms | errors | page KiB | RSS after, MiB | process peak RSS MiB |")
		fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
		for _, s := range withPages {
			p := s.Pages
			ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
			fmt.Fprintf(w, "| %d | %d | %.0f | %.1f | %.1f | %d × %d | %.1f | %.1f | %.1f | %d | %.0f | %.0f | %.0f |\n", p.Units, p.Posts, ms(p.Refresh), ms(p.Alone), ms(p.UnitAlone),
				p.Views, p.Concurrency, ms(p.Mean), ms(p.P95), ms(p.Max), p.Errors, float64(p.PageBytes)/1024, mib(float64(p.RSSBytes)), mib(float64(p.PeakRSSBytes)))
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
