package bench

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// FloorResult is the cost of fetching a URL log with a bare net/http client.
type FloorResult struct {
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	Bytes       int64   `json:"bytes"`
	WallSeconds float64 `json:"wall_seconds"`
	CPUSeconds  float64 `json:"cpu_seconds"`
	// PeakRSSBytes is this process's VmHWM at the end of the run.
	PeakRSSBytes int64 `json:"peak_rss_bytes"`
}

// Floor fetches every list of URLs, one list (one site) at a time per
// worker and each list in order over one connection, with a plain
// http.Transport (gzip as Go does by default, redirects not followed: the
// log already holds their targets). Bodies are read whole into memory and
// dropped, which is the least a crawler can do with them.
func Floor(ctx context.Context, lists [][]string, workers int) *FloorResult {
	if workers <= 0 {
		workers = 8
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
				var n, errs int
				var b int64
				for _, u := range list {
					got, err := fetchOnce(ctx, client, u)
					n++
					b += got
					if err != nil {
						errs++
					}
				}
				mu.Lock()
				res.Requests += n
				res.Errors += errs
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

func fetchOnce(ctx context.Context, c *http.Client, u string) (int64, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return int64(len(body)), err
	}
	if resp.StatusCode >= 500 {
		return int64(len(body)), errors.New(resp.Status)
	}
	return int64(len(body)), nil
}
