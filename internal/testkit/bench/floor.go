package bench

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/net/html"
)

// FloorResult is the cost of fetching a URL log with a bare net/http client.
type FloorResult struct {
	Requests int `json:"requests"`
	Errors   int `json:"errors"`
	// Parsed counts the bodies parsed into a tree (FloorOptions.Parse).
	Parsed      int     `json:"parsed,omitempty"`
	Bytes       int64   `json:"bytes"`
	WallSeconds float64 `json:"wall_seconds"`
	CPUSeconds  float64 `json:"cpu_seconds"`
	// PeakRSSBytes is this process's VmHWM at the end of the run.
	PeakRSSBytes int64 `json:"peak_rss_bytes"`
}

// FloorOptions say how the floor fetches.
type FloorOptions struct {
	// Workers is how many lists (sites) are fetched at once, one request in
	// flight per list. Default DefaultFloorWorkers.
	Workers int
	// Parse parses every body into a tree with golang.org/x/net/html, the
	// least a DOM-based crawler does with a page.
	Parse bool
}

// DefaultFloorWorkers is the crawl's concurrency in swbench: 64 sites in flight.
const DefaultFloorWorkers = 64

// Floor fetches every list of URLs, one list (one site) at a time per
// worker and each list in order over one connection, with a plain
// http.Transport (gzip as Go does by default, redirects not followed).
// Bodies are read whole into memory and dropped, which is the least a
// crawler can do with them, or parsed into a tree first (o.Parse).
func Floor(ctx context.Context, lists [][]string, o FloorOptions) *FloorResult {
	workers := o.Workers
	if workers <= 0 {
		workers = DefaultFloorWorkers
	}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ResponseHeaderTimeout: 20 * time.Second,
		IdleConnTimeout:       60 * time.Second,
		MaxIdleConns:          512,
		MaxIdleConnsPerHost:   1,
		MaxConnsPerHost:       1,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	var mu sync.Mutex
	res := &FloorResult{}
	jobs := make(chan []string)
	var wg sync.WaitGroup
	cpu0, wall := CPUTime(), time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for list := range jobs {
				var n, errs, parsed int
				var b int64
				for _, u := range list {
					body, err := fetchOnce(ctx, client, u)
					n++
					b += int64(len(body))
					if err != nil {
						errs++
					}
					if o.Parse && len(body) > 0 {
						if _, err := html.Parse(bytes.NewReader(body)); err == nil {
							parsed++
						}
					}
				}
				mu.Lock()
				res.Requests += n
				res.Errors += errs
				res.Parsed += parsed
				res.Bytes += b
				mu.Unlock()
			}
		}()
	}
	for _, l := range lists {
		select {
		case jobs <- l:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	res.WallSeconds = time.Since(wall).Seconds()
	res.CPUSeconds = (CPUTime() - cpu0).Seconds()
	res.PeakRSSBytes = PeakRSS()
	return res
}

// Limits of one floor request.
const (
	floorTimeout  = 20 * time.Second
	floorBodySize = 8 << 20
)

func fetchOnce(ctx context.Context, c *http.Client, u string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, floorTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, floorBodySize))
	if err != nil {
		return body, err
	}
	if resp.StatusCode >= 500 {
		return body, errors.New(resp.Status)
	}
	return body, nil
}
