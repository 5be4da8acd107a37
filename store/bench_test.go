package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Shape of the store side of an unchanged re-crawl of a province, as
// crawler.Runner does it: per unit, read the known posts and validators,
// then save the crawl with the same posts and the validators the 304s
// brought back.
const (
	benchUnits          = 1000
	benchPostsPerUnit   = 24
	benchValidators     = 5
	benchPayloadBytes   = 12 << 10
	benchWorkers        = 64
	benchRecrawlSeconds = 3600
)

func benchResult(u int, at time.Time, payload [][]byte) *CrawlResult {
	id := fmt.Sprintf("u%04d", u)
	site := "http://" + id + ".sim.test"
	r := &CrawlResult{Crawl: Crawl{UnitID: id, Started: at, Finished: at.Add(time.Second), Outcome: OutcomeOK,
		Requests: 3, HTTPStatus: 200, Codes: map[int]int{200: 1, 304: 2}, Sections: map[string]string{}}}
	for i := 0; i < benchPostsPerUnit; i++ {
		r.Posts = append(r.Posts, Post{UnitID: id, URL: fmt.Sprintf("%s/tin-tuc/bai-%d.html", site, i), Title: fmt.Sprintf("Bài viết số %d của đơn vị", i),
			Published: at.Add(-time.Duration(i) * 72 * time.Hour).UTC(), DateSource: "meta", FoundVia: "listing " + site + "/tin-tuc",
			Images: 3, CaptionedImages: 1, ContentHash: fmt.Sprintf("%016x", u*100+i), BodyChars: 1500, Status: StatusLive, Flags: map[string]string{}})
	}
	for i := 0; i < benchValidators; i++ {
		r.Validators = append(r.Validators, Validator{URL: fmt.Sprintf("%s/page-%d", site, i), ETag: fmt.Sprintf(`"%d-%d"`, u, i), Payload: payload[i]})
	}
	return r
}

// BenchmarkSaveRecrawl1000: one unchanged re-crawl's reads and writes for
// 1,000 units by 64 workers.
func BenchmarkSaveRecrawl1000(b *testing.B) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	payload := make([][]byte, benchValidators)
	for i := range payload {
		payload[i] = make([]byte, benchPayloadBytes)
		for j := range payload[i] {
			payload[i][j] = byte(rng.IntN(256))
		}
	}
	at := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	var units []Unit
	for u := 0; u < benchUnits; u++ {
		units = append(units, Unit{ID: fmt.Sprintf("u%04d", u), Name: "Đơn vị", URL: fmt.Sprintf("http://u%04d.sim.test/", u), Enabled: true})
	}
	if err := st.SyncUnits(ctx, units, at); err != nil {
		b.Fatal(err)
	}
	for u := 0; u < benchUnits; u++ {
		r := benchResult(u, at, payload)
		for i := range r.Posts {
			r.Posts[i].FirstSeen = time.Time{}
		}
		if _, err := st.SaveCrawl(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		again := at.Add(time.Duration(n+1) * benchRecrawlSeconds * time.Second)
		jobs := make(chan int)
		var wg sync.WaitGroup
		for w := 0; w < benchWorkers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for u := range jobs {
					id := fmt.Sprintf("u%04d", u)
					known, err := st.KnownPosts(ctx, id)
					if err != nil || len(known) != benchPostsPerUnit {
						b.Errorf("known posts of %s: %d, %v", id, len(known), err)
						return
					}
					if _, err := st.AllValidators(ctx, "http://"+id+".sim.test"); err != nil {
						b.Error(err)
						return
					}
					r := benchResult(u, again, payload)
					for i := range r.Posts {
						p := known[r.Posts[i].URL]
						r.Posts[i] = p
					}
					if _, err := st.SaveCrawl(ctx, r); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		for u := 0; u < benchUnits; u++ {
			jobs <- u
		}
		close(jobs)
		wg.Wait()
	}
}
