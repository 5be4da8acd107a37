package store

import (
	"context"
	"fmt"
)

// migrations is the ordered schema history. Each entry runs once, in a
// transaction that also bumps schema_version. Never edit an entry that has
// shipped: append a new one.
var migrations = []string{
	// 1: units, posts, crawls, validators.
	`CREATE TABLE units (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		kind TEXT NOT NULL,
		block TEXT NOT NULL DEFAULT '',
		url TEXT NOT NULL,
		enabled INTEGER NOT NULL DEFAULT 1,
		retired INTEGER NOT NULL DEFAULT 0,
		updated_at INTEGER NOT NULL
	);
	CREATE TABLE posts (
		id INTEGER PRIMARY KEY,
		unit_id TEXT NOT NULL REFERENCES units(id),
		url TEXT NOT NULL,
		title TEXT NOT NULL DEFAULT '',
		published INTEGER,
		date_source TEXT NOT NULL DEFAULT '',
		date_raw TEXT NOT NULL DEFAULT '',
		found_via TEXT NOT NULL DEFAULT '',
		first_seen INTEGER NOT NULL,
		last_seen INTEGER NOT NULL,
		images INTEGER NOT NULL DEFAULT 0,
		captioned_images INTEGER NOT NULL DEFAULT 0,
		alt_images INTEGER NOT NULL DEFAULT 0,
		content_hash TEXT NOT NULL DEFAULT '',
		body_chars INTEGER NOT NULL DEFAULT 0,
		status TEXT NOT NULL DEFAULT 'live',
		gone_since INTEGER,
		UNIQUE(unit_id, url)
	);
	CREATE INDEX posts_unit_published ON posts(unit_id, published);
	CREATE INDEX posts_hash ON posts(content_hash);
	CREATE TABLE crawls (
		id INTEGER PRIMARY KEY,
		unit_id TEXT NOT NULL REFERENCES units(id),
		started INTEGER NOT NULL,
		finished INTEGER NOT NULL,
		outcome TEXT NOT NULL,
		requests INTEGER NOT NULL DEFAULT 0,
		not_modified INTEGER NOT NULL DEFAULT 0,
		bytes INTEGER NOT NULL DEFAULT 0,
		posts_found INTEGER NOT NULL DEFAULT 0,
		posts_new INTEGER NOT NULL DEFAULT 0,
		http_status INTEGER NOT NULL DEFAULT 0,
		error TEXT NOT NULL DEFAULT '',
		error_reason TEXT NOT NULL DEFAULT '',
		tls_expiry INTEGER,
		tls_error TEXT NOT NULL DEFAULT '',
		robots_blocked INTEGER NOT NULL DEFAULT 0,
		final_url TEXT NOT NULL DEFAULT '',
		codes TEXT NOT NULL DEFAULT '{}',
		sections TEXT NOT NULL DEFAULT '{}'
	);
	CREATE INDEX crawls_unit_started ON crawls(unit_id, started);
	CREATE TABLE validators (
		url TEXT PRIMARY KEY,
		etag TEXT NOT NULL DEFAULT '',
		last_modified TEXT NOT NULL DEFAULT '',
		payload BLOB,
		updated INTEGER NOT NULL
	);`,
	// 2: signals on posts, office overrides with their audit log, units' claims.
	`ALTER TABLE posts ADD COLUMN flags TEXT NOT NULL DEFAULT '{}';
	CREATE TABLE overrides (
		id INTEGER PRIMARY KEY,
		unit_id TEXT NOT NULL,
		url TEXT NOT NULL,
		action TEXT NOT NULL,
		published INTEGER,
		who TEXT NOT NULL,
		why TEXT NOT NULL,
		at INTEGER NOT NULL,
		active INTEGER NOT NULL DEFAULT 1
	);
	CREATE INDEX overrides_unit ON overrides(unit_id, url);
	CREATE TABLE claims (
		id INTEGER PRIMARY KEY,
		unit_id TEXT NOT NULL,
		url TEXT NOT NULL,
		submitted_by TEXT NOT NULL DEFAULT '',
		note TEXT NOT NULL DEFAULT '',
		submitted INTEGER NOT NULL,
		status TEXT NOT NULL DEFAULT 'pending',
		inspected TEXT NOT NULL DEFAULT '{}',
		decided_by TEXT NOT NULL DEFAULT '',
		decided INTEGER,
		reason TEXT NOT NULL DEFAULT ''
	);
	CREATE TABLE site_findings (
		unit_id TEXT PRIMARY KEY,
		state TEXT NOT NULL DEFAULT '',
		evidence TEXT NOT NULL DEFAULT '[]',
		moved_to TEXT NOT NULL DEFAULT '',
		updated INTEGER NOT NULL
	);`,
	// 3: liveness rechecks: when each post was last fetched, and what each
	// crawl spent rechecking.
	`ALTER TABLE posts ADD COLUMN checked INTEGER;
	UPDATE posts SET checked = last_seen;
	ALTER TABLE crawls ADD COLUMN rechecks INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE crawls ADD COLUMN rechecks_deferred INTEGER NOT NULL DEFAULT 0;`,
	// 4: who sent a portal's post (attribution), and the office's attribute override.
	`ALTER TABLE posts ADD COLUMN contributed_by TEXT NOT NULL DEFAULT '';
	ALTER TABLE posts ADD COLUMN attribution_text TEXT NOT NULL DEFAULT '';
	ALTER TABLE posts ADD COLUMN attribution_found TEXT NOT NULL DEFAULT '';
	ALTER TABLE overrides ADD COLUMN attributed_to TEXT NOT NULL DEFAULT '';
	CREATE INDEX posts_contributed_by ON posts(contributed_by) WHERE contributed_by != '';`,
}

// SchemaVersion is the version this build migrates to.
var SchemaVersion = len(migrations)

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	var v int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return fmt.Errorf("store: read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("store: database schema version %d is newer than this sitewatch (%d); upgrade sitewatch", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("store: migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("store: migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM schema_version; INSERT INTO schema_version(version) VALUES (?)`, i+1); err != nil {
			tx.Rollback()
			return fmt.Errorf("store: migration %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("store: migration %d: %w", i+1, err)
		}
	}
	return nil
}
