-- Schema version 1 of the sitewatch database, as shipped (migrations[0]).
-- Frozen: TestMigrateFromV1 builds a v1 database from it, and
-- TestShippedMigrationFrozen fails if migrations[0] is ever edited.
CREATE TABLE units (
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
	);
