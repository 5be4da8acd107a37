package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func openTest(t *testing.T, path string) *Store {
	t.Helper()
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// stripSQL drops comments and collapses whitespace, to compare schemas.
func stripSQL(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			lines = append(lines, l)
		}
	}
	return strings.Join(strings.Fields(strings.Join(lines, "\n")), " ")
}

func schemaV1(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "schema-v1.sql"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestShippedMigrationFrozen: migration 1 has shipped; it must never change
// (append a migration instead), or databases made by older builds would
// differ from new ones.
func TestShippedMigrationFrozen(t *testing.T) {
	t.Parallel()
	if stripSQL(migrations[0]) != stripSQL(schemaV1(t)) {
		t.Error("migrations[0] differs from testdata/schema-v1.sql: shipped migrations must not be edited")
	}
}

// TestMigrateFromV1 builds a version-1 database by hand, as an old build
// left it, and opens it: the schema is upgraded in place and nothing is lost.
func TestMigrateFromV1(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2026, 10, 31, 16, 50, 0, 0, time.UTC).Unix()
	for _, q := range []string{
		schemaV1(t),
		`CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1)`,
		`INSERT INTO units VALUES ('pgd-a', 'Phòng GD&ĐT A', 'phong_gddt', 'Khối 1', 'https://a.edu.vn/', 1, 0, 1)`,
		fmt.Sprintf(`INSERT INTO posts(unit_id, url, title, published, date_source, first_seen, last_seen, images, captioned_images, status)
			VALUES ('pgd-a', 'https://a.edu.vn/tin-tuc/hoi-nghi-1.html', 'Hội nghị cán bộ', %d, 'json-ld datePublished', %d, %d, 3, 2, 'live')`, pub, pub, pub),
		fmt.Sprintf(`INSERT INTO crawls(unit_id, started, finished, outcome, requests, posts_found, codes, sections)
			VALUES ('pgd-a', %d, %d, 'ok', 12, 1, '{"200":12}', '{"gioi_thieu":"https://a.edu.vn/gioi-thieu"}')`, pub, pub+60),
		`INSERT INTO validators(url, etag, payload, updated) VALUES ('https://a.edu.vn/', '"e1"', x'00', 1)`,
	} {
		if _, err := raw.ExecContext(ctx, q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	for i := 0; i < 2; i++ { // upgrade, then open the upgraded file again
		st, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open #%d: %v", i+1, err)
		}
		var v int
		if err := st.DB().QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&v); err != nil || v != SchemaVersion {
			t.Errorf("schema version %d (%v), want %d", v, err, SchemaVersion)
		}
		posts, err := st.Posts(ctx, PostFilter{IncludeGone: true})
		if err != nil || len(posts) != 1 {
			t.Fatalf("posts after upgrade: %v %v", posts, err)
		}
		p := posts[0]
		if p.Title != "Hội nghị cán bộ" || p.Published.Unix() != pub || p.Images != 3 || p.CaptionedImages != 2 || p.Flags == nil {
			t.Errorf("post after upgrade: %+v", p)
		}
		latest, err := st.LatestCrawls(ctx)
		if err != nil || latest["pgd-a"].Requests != 12 || latest["pgd-a"].Codes[200] != 12 {
			t.Errorf("crawl after upgrade: %+v %v", latest, err)
		}
		if vals, err := st.Validators(ctx, []string{"https://a.edu.vn/"}); err != nil || vals["https://a.edu.vn/"].ETag != `"e1"` {
			t.Errorf("validators after upgrade: %v %v", vals, err)
		}
		// The tables of migration 2 work.
		if _, err := st.DB().ExecContext(ctx, `INSERT INTO claims(unit_id, url, submitted) VALUES ('pgd-a', 'https://a.edu.vn/x', 1)`); err != nil {
			t.Errorf("migration 2 tables: %v", err)
		}
		if r, err := st.IntegrityCheck(ctx); err != nil || r != "ok" {
			t.Errorf("integrity: %q %v", r, err)
		}
		st.Close()
	}
}

// TestNewerSchemaRefused: a database written by a newer sitewatch is not
// opened (and not damaged) by an older one.
func TestNewerSchemaRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	st := openTest(t, path)
	if _, err := st.DB().ExecContext(ctx, `UPDATE schema_version SET version = ?`, SchemaVersion+7); err != nil {
		t.Fatal(err)
	}
	st.Close()
	_, err := Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "newer than this sitewatch") {
		t.Errorf("Open = %v, want a newer-schema error", err)
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte(strings.Repeat("không phải cơ sở dữ liệu\n", 20)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, path, want string }{
		{"missing directory", filepath.Join(dir, "khong-co", "x.db"), "does not exist"},
		{"directory component is a file", filepath.Join(file, "x.db"), "does not exist"},
		{"path is a directory", dir, "store: open"},
		{"not a database", file, "not a database"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := Open(context.Background(), tc.path)
			if err == nil {
				st.Close()
				t.Fatalf("Open(%s) succeeded", tc.path)
			}
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("Open(%s) = %q, want one line mentioning %q", tc.path, err, tc.want)
			}
		})
	}
}

// crawlOf is a crawl of unit u at t finding n posts.
func crawlOf(u string, t time.Time, n int) *CrawlResult {
	r := &CrawlResult{Crawl: Crawl{UnitID: u, Started: t, Finished: t.Add(time.Second), Outcome: OutcomeOK, Requests: n + 2, Codes: map[int]int{200: n + 2}}}
	for i := 0; i < n; i++ {
		r.Posts = append(r.Posts, Post{URL: fmt.Sprintf("http://%s/tin-tuc/bai-%d.html", u, i), Title: fmt.Sprintf("Bài %d", i),
			Published: t.Add(-time.Duration(i) * time.Hour), Images: 1})
	}
	r.Validators = []Validator{{URL: "http://" + u + "/", ETag: fmt.Sprint(t.Unix()), Payload: []byte(strings.Repeat("x", 2000))}}
	return r
}

// TestReadersWhileWriting: readers with their own handles (as the posts,
// check, export and backup commands are, beside serve) never see "database
// is locked" while a writer saves crawls, and the backup taken meanwhile
// is whole.
func TestReadersWhileWriting(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "busy.db")
	w := openTest(t, path)
	units := []Unit{{ID: "a", Name: "A", Kind: "k", URL: "http://a/", Enabled: true}, {ID: "b", Name: "B", Kind: "k", URL: "http://b/", Enabled: true}}
	if err := w.SyncUnits(ctx, units, time.Now()); err != nil {
		t.Fatal(err)
	}
	const saves = 40
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := 0; i < saves; i++ {
			if _, err := w.SaveCrawl(ctx, crawlOf(units[i%2].ID, t0.Add(time.Duration(i)*time.Minute), 25)); err != nil {
				errs <- fmt.Errorf("save %d: %w", i, err)
				return
			}
		}
	}()
	for r := 0; r < 3; r++ {
		rd := openTest(t, path)
		wg.Add(1)
		go func(r int) {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-done:
					if n > 0 {
						return
					}
				default:
				}
				var err error
				switch (r + n) % 3 {
				case 0:
					_, err = rd.Posts(ctx, PostFilter{IncludeGone: true})
				case 1:
					_, err = rd.LatestCrawls(ctx)
				case 2:
					_, err = rd.CrawlsBetween(ctx, t0, t0.Add(24*time.Hour))
				}
				if err != nil {
					errs <- fmt.Errorf("reader %d: %w", r, err)
					return
				}
			}
		}(r)
	}
	bk := filepath.Join(dir, "backup.db")
	wg.Add(1)
	go func() {
		defer wg.Done()
		b := openTest(t, path)
		if err := b.Backup(ctx, bk); err != nil {
			errs <- fmt.Errorf("backup: %w", err)
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	crawls, err := w.Crawls(ctx, "", 1000)
	if err != nil || len(crawls) != saves {
		t.Errorf("%d crawls (%v), want %d", len(crawls), err, saves)
	}
	b := openTest(t, bk)
	if r, err := b.IntegrityCheck(ctx); err != nil || r != "ok" {
		t.Errorf("backup integrity: %q %v", r, err)
	}
	if _, err := b.Posts(ctx, PostFilter{}); err != nil {
		t.Errorf("backup unreadable: %v", err)
	}
	if err := w.Backup(ctx, bk); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("a backup over an existing file: %v", err)
	}
}
