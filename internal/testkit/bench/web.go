package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"sync"
	"time"

	"sitewatch/internal/testkit/simweb"
)

// WebOptions say which simulated web to build.
type WebOptions struct {
	// Sites is how many unit websites to generate.
	Sites int
	// Seed makes the web reproducible. Default simweb.DefaultSeed.
	Seed int64
	// PostsPerSite as in simweb.Options. Default simweb.DefaultPostsPerSite.
	PostsPerSite int
	// PageBytes are the page sizes sites take in turn (site i pads its HTML
	// pages to about PageBytes[i%len], ±30 %). Default DefaultPageBytes.
	// Empty slice with NoPadding leaves pages at their natural size.
	PageBytes []int
	// NoPadding leaves pages at their natural size (8-25 KB).
	NoPadding bool
	// Faults injects FaultPlan(Sites): a few sites down, slow or failing.
	Faults bool
	// Latency holds every response of every site back this long (on top
	// of a slow site's delay), standing in for network and server time.
	Latency time.Duration
}

// DefaultPageBytes give pages the sizes of real school pages, 40-120 KB of
// HTML: half the sites are padded to 40-74 KB, half to 64-120 KB (each
// size ±30 %, see simweb.Options.PageBytes).
var DefaultPageBytes = []int{57_000, 92_000}

// Fault kinds of FaultPlan, for reporting.
const (
	SlowDelay  = 400 * time.Millisecond
	ErrorShare = 0.25
)

// FaultPlan returns the faults of a web of n sites: in every 250 sites, one
// is down (503 everywhere), one answers every request SlowDelay late, and
// one answers ErrorShare of its post and listing pages with 500.
func FaultPlan(n int) map[int]simweb.Fault {
	m := map[int]simweb.Fault{}
	for i := 0; i < n; i++ {
		switch i % 250 {
		case 17:
			m[i] = simweb.Fault{Down: true}
		case 101:
			m[i] = simweb.Fault{Delay: SlowDelay}
		case 190:
			m[i] = simweb.Fault{ErrorShare: ErrorShare}
		}
	}
	return m
}

func (o WebOptions) simOptions(pageBytes int) simweb.Options {
	so := simweb.Options{Seed: o.Seed, PostsPerSite: o.PostsPerSite, PageBytes: pageBytes}
	if o.Faults {
		so.Faults = FaultPlan(o.Sites)
	}
	if o.Latency > 0 {
		if so.Faults == nil {
			so.Faults = map[int]simweb.Fault{}
		}
		for i := 0; i < o.Sites; i++ {
			f := so.Faults[i]
			f.Delay += o.Latency
			so.Faults[i] = f
		}
	}
	return so
}

// Generate builds the sites of o. Site i is simweb's site i padded to
// o.PageBytes[i%len]; its content and truth do not depend on the padding.
func Generate(o WebOptions) []*simweb.Site {
	sizes := o.PageBytes
	if len(sizes) == 0 && !o.NoPadding {
		sizes = DefaultPageBytes
	}
	if len(sizes) == 0 {
		return simweb.Generate(o.simOptions(0), o.Sites)
	}
	batches := make([][]*simweb.Site, len(sizes))
	for k, b := range sizes {
		batches[k] = simweb.Generate(o.simOptions(b), o.Sites)
	}
	out := make([]*simweb.Site, o.Sites)
	for i := range out {
		out[i] = batches[i%len(sizes)][i]
	}
	return out
}

// Truth generates the sites of o without padding: the same content, posts
// and truth as Generate(o), cheaper to build.
func Truth(o WebOptions) []*simweb.Site {
	o.PageBytes, o.NoPadding = nil, true
	return simweb.Generate(o.simOptions(0), o.Sites)
}

// Web serves sites on loopback, one listener per site, and records every
// request target per site so that the floor can fetch exactly the same URLs.
// Its methods are safe for concurrent use.
type Web struct {
	sites   []*simweb.Site
	urls    map[string]string // site name -> root URL
	servers []*http.Server
	mu      sync.Mutex
	log     map[string][]string // root URL -> request URIs in arrival order
}

// StartWeb serves every site on its own 127.0.0.1 port. Close it when done.
func StartWeb(sites []*simweb.Site) (*Web, error) {
	w := &Web{sites: sites, urls: make(map[string]string, len(sites)), log: map[string][]string{}}
	for _, s := range sites {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("bench: listen for %s: %w", s.Name, err)
		}
		root := "http://" + l.Addr().String()
		w.urls[s.Name] = root
		h := s.Handler()
		srv := &http.Server{
			Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
				w.record(root, r.URL.RequestURI())
				h.ServeHTTP(rw, r)
			}),
			ReadHeaderTimeout: 10 * time.Second,
			IdleTimeout:       120 * time.Second,
		}
		w.servers = append(w.servers, srv)
		go func() {
			if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
				_ = err // listener closed under us at shutdown
			}
		}()
	}
	return w, nil
}

func (w *Web) record(root, uri string) {
	w.mu.Lock()
	w.log[root] = append(w.log[root], uri)
	w.mu.Unlock()
}

// URL returns the root URL of a site ("http://127.0.0.1:PORT", no slash).
func (w *Web) URL(name string) string { return w.urls[name] }

// URLs returns the root URL of every site by name.
func (w *Web) URLs() map[string]string {
	out := make(map[string]string, len(w.urls))
	for k, v := range w.urls {
		out[k] = v
	}
	return out
}

// Sites returns the served sites.
func (w *Web) Sites() []*simweb.Site { return w.sites }

// TakeLog returns the request log (absolute URLs, one list per site in
// arrival order) and starts a new one.
func (w *Web) TakeLog() URLLog {
	w.mu.Lock()
	log := w.log
	w.log = map[string][]string{}
	w.mu.Unlock()
	out := URLLog{}
	for root, uris := range log {
		abs := make([]string, len(uris))
		for i, u := range uris {
			abs[i] = root + u
		}
		out[root] = abs
	}
	return out
}

// Total sums the served counters of every site.
func (w *Web) Total() simweb.Stats {
	var t simweb.Stats
	for _, s := range w.sites {
		st := s.Stats()
		t.Requests += st.Requests
		t.NotModified += st.NotModified
		t.Errors += st.Errors
		t.Bytes += st.Bytes
	}
	return t
}

// Close stops every listener.
func (w *Web) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for _, s := range w.servers {
		if err := s.Shutdown(ctx); err != nil {
			_ = s.Close()
		}
	}
}

// URLLog is the URLs requested from each site (keyed by root URL), in order.
type URLLog map[string][]string

// Lists returns the per-site lists in a stable order.
func (l URLLog) Lists() [][]string {
	roots := make([]string, 0, len(l))
	for r := range l {
		roots = append(roots, r)
	}
	sort.Strings(roots)
	out := make([][]string, len(roots))
	for i, r := range roots {
		out[i] = l[r]
	}
	return out
}

// Count is the number of URLs in the log.
func (l URLLog) Count() int {
	n := 0
	for _, v := range l {
		n += len(v)
	}
	return n
}

// ControlHandler serves the web's log and counters for a parent process:
// GET /log returns the URLLog as JSON and starts a new one; GET /stats
// returns the summed simweb.Stats.
func (w *Web) ControlHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /log", func(rw http.ResponseWriter, _ *http.Request) {
		rw.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(rw).Encode(w.TakeLog())
	})
	mux.HandleFunc("GET /stats", func(rw http.ResponseWriter, _ *http.Request) {
		rw.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(rw).Encode(w.Total())
	})
	return mux
}
