// Package store keeps sitewatch's history in SQLite: units, the posts found on
// their websites, every crawl, and the HTTP validators that make a re-crawl of
// an unchanged site cheap. A post is never deleted; one that disappears from
// its site is marked gone and keeps its place in the history.
//
// The database runs in WAL mode with a busy timeout so that readers (export,
// posts, check) work while serve writes; each unit crawl is written in one
// short transaction. Times are stored as Unix seconds (UTC).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, no cgo
)

// Store is a handle on the sitewatch database. It is safe for concurrent use.
type Store struct {
	db *sql.DB
	// writeMu orders this process's crawl writes: SQLite takes one writer
	// at a time, and a writer waiting in SQLite's busy handler sleeps in
	// steps of up to 100 ms, where waiting here wakes it as soon as the
	// previous transaction commits. Other processes still meet the busy
	// timeout.
	writeMu sync.Mutex
}

// Open opens (creating if needed) the database at path and applies pending
// migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("store: database directory %q does not exist", dir)
		}
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(15000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	s := &Store{db: db}
	if err := s.ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) ping(ctx context.Context) error {
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return err
	}
	if mode != "wal" {
		return fmt.Errorf("journal mode is %q, want wal", mode)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the handle for read-only reports in the same module.
func (s *Store) DB() *sql.DB { return s.db }

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict ("ok").
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var r string
	err := s.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&r)
	return r, err
}

// Backup writes a consistent copy of the database to path (VACUUM INTO),
// safe while serve is writing.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: backup target %s exists; choose a new file", path)
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	return nil
}

func unix(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Unix()
}

func fromUnix(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.Unix(v.Int64, 0).UTC()
}

// ErrNotFound is returned when a requested row does not exist.
var ErrNotFound = errors.New("not found")
