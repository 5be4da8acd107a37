package crawler

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"sitewatch/attribution"
	"sitewatch/config"
	"sitewatch/store"
)

// Store is what a Runner needs from the database.
type Store interface {
	KnownPosts(ctx context.Context, unitID string) (map[string]store.Post, error)
	AllValidators(ctx context.Context, prefix string) (map[string]store.Validator, error)
	SaveCrawl(ctx context.Context, r *store.CrawlResult) (store.SaveSummary, error)
	LastSuccess(ctx context.Context) (map[string]time.Time, error)
	PostsByHash(ctx context.Context, hashes []string) ([]store.Post, error)
}

var _ Store = (*store.Store)(nil)

// Summary is the outcome of one unit crawl.
type Summary struct {
	Unit  *config.Unit
	Crawl store.Crawl
	Found int
	New   int
	Gone  int
	// Revived is how many gone posts were found live again.
	Revived  int
	SaveErr  error
	Duration time.Duration
}

// Runner crawls many units with a bounded pool of workers and writes each
// unit's result in its own transaction.
type Runner struct {
	Crawler *Crawler
	Store   Store
	Config  *config.Config
	Workers int
	Logger  *slog.Logger
	// Progress, if set, is called after each unit (from one goroutine at a time).
	Progress func(done, total int, s Summary)
	// BackdateGrace is how long after a crawl a post may appear with an
	// earlier date before it is flagged backdated. Default 48h.
	BackdateGrace time.Duration
}

// Run crawls units and returns one summary per unit, in the order given.
func (r *Runner) Run(ctx context.Context, units []*config.Unit) []Summary {
	workers := r.Workers
	if workers <= 0 {
		workers = config.DefaultWorkers
	}
	if r.Logger == nil {
		r.Logger = slog.Default()
	}
	lastOK, err := r.Store.LastSuccess(ctx)
	if err != nil {
		r.Logger.Warn("read last successful crawls", "err", err)
	}
	out := make([]Summary, len(units))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s := r.one(ctx, units[i], lastOK[units[i].ID])
				mu.Lock()
				out[i] = s
				done++
				if r.Progress != nil {
					r.Progress(done, len(units), s)
				}
				mu.Unlock()
			}
		}()
	}
	for i := range units {
		if ctx.Err() != nil {
			break
		}
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	return out
}

func (r *Runner) one(ctx context.Context, u *config.Unit, lastOK time.Time) Summary {
	start := time.Now()
	sum := Summary{Unit: u}
	known, err := r.Store.KnownPosts(ctx, u.ID)
	if err != nil {
		sum.SaveErr = err
		return sum
	}
	prefix := u.URL
	if u.Parsed != nil {
		prefix = u.Parsed.Scheme + "://" + u.Parsed.Host
	}
	vals, err := r.Store.AllValidators(ctx, prefix)
	if err != nil {
		sum.SaveErr = err
		return sum
	}
	t := Target{Unit: u, Known: known, Validators: vals}
	if k := r.Config.KindOf(u); k != nil {
		t.Requirements = k.Required
	}
	if u.Portal {
		t.Attribution = attribution.ForPortal(r.Config, u)
	}
	res := r.Crawler.Crawl(ctx, t)
	r.flag(ctx, res, known, lastOK)
	// Save even when the parent context is cancelled: a finished crawl is
	// written whole (graceful shutdown lets in-flight writes finish).
	saveCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	ss, err := r.Store.SaveCrawl(saveCtx, res)
	sum.Crawl = res.Crawl
	sum.Found, sum.New, sum.Gone, sum.Revived, sum.SaveErr = res.Crawl.PostsFound, ss.New, ss.Gone, ss.Revived, err
	sum.Duration = time.Since(start)
	if err != nil {
		r.Logger.Error("save crawl", "unit", u.ID, "err", err)
	} else {
		r.Logger.Info("crawled", "unit", u.ID, "outcome", res.Crawl.Outcome, "posts", sum.Found, "new", sum.New,
			"requests", res.Crawl.Requests, "not_modified", res.Crawl.NotModified, "rechecks", res.Crawl.Rechecks,
			"rechecks_deferred", res.Crawl.RechecksDeferred, "gone", sum.Gone, "revived", sum.Revived, "reason", res.Crawl.ErrorReason)
	}
	return sum
}

// flag marks trust signals on new posts: backdated (dated before a crawl
// that should have seen it) and copied (the same text published before).
func (r *Runner) flag(ctx context.Context, res *store.CrawlResult, known map[string]store.Post, lastOK time.Time) {
	grace := r.BackdateGrace
	if grace <= 0 {
		grace = 48 * time.Hour
	}
	var hashes []string
	for i := range res.Posts {
		p := &res.Posts[i]
		if _, old := known[p.URL]; old {
			continue
		}
		if p.Flags == nil {
			p.Flags = map[string]string{}
		}
		if !lastOK.IsZero() && !p.Published.IsZero() && p.Published.Add(grace).Before(lastOK) {
			loc := r.Config.Location
			p.Flags[store.FlagBackdated] = fmt.Sprintf("ghi ngày đăng %s nhưng chưa có ở lần quét lúc %s", p.Published.In(loc).Format("02/01/2006 15:04"), lastOK.In(loc).Format("02/01/2006 15:04"))
		}
		if p.ContentHash != "" && p.BodyChars >= 200 {
			hashes = append(hashes, p.ContentHash)
		}
	}
	if len(hashes) == 0 {
		return
	}
	earlier, err := r.Store.PostsByHash(ctx, hashes)
	if err != nil {
		return
	}
	for i := range res.Posts {
		p := &res.Posts[i]
		if _, old := known[p.URL]; old {
			continue
		}
		for _, e := range earlier {
			if e.ContributedBy != "" && e.ContributedBy == p.UnitID || p.ContributedBy != "" && p.ContributedBy == e.UnitID {
				// A unit's own post and its contribution to a portal are one
				// item sent twice, as the dispatch asks, not a copy.
				continue
			}
			if e.ContentHash == p.ContentHash && e.URL != p.URL && (e.Published.IsZero() || !e.Published.After(p.Published)) {
				p.Flags[store.FlagCopied] = fmt.Sprintf("trùng nội dung với %s (%s)", e.URL, e.UnitID)
				break
			}
		}
	}
}
