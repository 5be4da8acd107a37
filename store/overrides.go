package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Override actions.
const (
	ActionExclude = "exclude" // the post does not count
	ActionInclude = "include" // the post counts despite its flags
	ActionRedate  = "redate"  // the post counts on another date
	// ActionAttribute assigns a portal's post to the unit that sent it
	// (AttributedTo), or to nobody (NoUnit). It stands beside the other
	// actions: an excluded post stays excluded when it is attributed.
	ActionAttribute = "attribute"
)

// NoUnit is the AttributedTo of an attribute override saying that no unit
// sent the post.
const NoUnit = "-"

// FoundOffice is the AttributionFound of a post the office attributed.
const FoundOffice = "office"

// Override is one correction by the office, kept forever in the audit log.
type Override struct {
	ID        int64
	UnitID    string
	URL       string
	Action    string
	Published time.Time // the new date, for redate
	// AttributedTo is the unit that sent the post, for attribute (NoUnit: nobody).
	AttributedTo string
	Who, Why     string
	At           time.Time
}

// AddOverride records an override. Who and why are required.
func (s *Store) AddOverride(ctx context.Context, o Override) (int64, error) {
	switch o.Action {
	case ActionExclude, ActionInclude:
	case ActionRedate:
		if o.Published.IsZero() {
			return 0, errors.New("store: redate needs the new date")
		}
	case ActionAttribute:
		if o.AttributedTo == "" {
			return 0, fmt.Errorf("store: attribute needs the unit that sent the post (or %q for nobody)", NoUnit)
		}
	default:
		return 0, fmt.Errorf("store: unknown override action %q (exclude, include, redate, attribute)", o.Action)
	}
	if o.Who == "" || o.Why == "" {
		return 0, errors.New("store: an override needs who and why")
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO overrides(unit_id, url, action, published, who, why, at, attributed_to) VALUES (?,?,?,?,?,?,?,?)`,
		o.UnitID, o.URL, o.Action, unix(o.Published), o.Who, o.Why, unix(o.At), o.AttributedTo)
	if err != nil {
		return 0, fmt.Errorf("store: add override: %w", err)
	}
	return res.LastInsertId()
}

// Overrides returns the audit log, oldest first (all units when unitID is empty).
func (s *Store) Overrides(ctx context.Context, unitID string) ([]Override, error) {
	q := `SELECT id, unit_id, url, action, published, who, why, at, attributed_to FROM overrides`
	var args []any
	if unitID != "" {
		q += ` WHERE unit_id = ?`
		args = append(args, unitID)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: overrides: %w", err)
	}
	defer rows.Close()
	var out []Override
	for rows.Next() {
		var o Override
		var pub, at sql.NullInt64
		if err := rows.Scan(&o.ID, &o.UnitID, &o.URL, &o.Action, &pub, &o.Who, &o.Why, &at, &o.AttributedTo); err != nil {
			return nil, fmt.Errorf("store: overrides: %w", err)
		}
		o.Published, o.At = fromUnix(pub), fromUnix(at)
		out = append(out, o)
	}
	return out, rows.Err()
}

// applyOverrides applies the newest override of each post to posts, and
// apart from it the newest attribute override.
func applyOverrides(posts []Post, ovs []Override) {
	last := map[string]Override{}
	attr := map[string]Override{}
	for _, o := range ovs {
		if o.Action == ActionAttribute {
			attr[o.UnitID+"\x00"+o.URL] = o
			continue
		}
		last[o.UnitID+"\x00"+o.URL] = o
	}
	for i := range posts {
		if o, ok := attr[posts[i].UnitID+"\x00"+posts[i].URL]; ok {
			p := &posts[i]
			if p.Flags == nil {
				p.Flags = map[string]string{}
			}
			was := p.ContributedBy
			if was == "" {
				was = "chưa rõ"
			}
			to := o.AttributedTo
			p.ContributedBy = o.AttributedTo
			if o.AttributedTo == NoUnit {
				p.ContributedBy, to = "", "không đơn vị nào"
			}
			p.Flags[FlagOfficeAttributed] = fmt.Sprintf("%s → %s: %s (%s, %s)", was, to, o.Why, o.Who, o.At.Format("2006-01-02"))
			p.AttributionFound = FoundOffice
		}
	}
	for i := range posts {
		o, ok := last[posts[i].UnitID+"\x00"+posts[i].URL]
		if !ok {
			continue
		}
		p := &posts[i]
		if p.Flags == nil {
			p.Flags = map[string]string{}
		}
		note := fmt.Sprintf("%s (%s, %s)", o.Why, o.Who, o.At.Format("2006-01-02"))
		switch o.Action {
		case ActionExclude:
			p.Flags[FlagExcluded] = note
		case ActionInclude:
			p.Flags[FlagIncluded] = note
		case ActionRedate:
			p.Flags[FlagOfficeRedated] = fmt.Sprintf("%s → %s: %s", p.Published.Format(time.RFC3339), o.Published.Format(time.RFC3339), note)
			p.Published = o.Published
			p.DateSource = "văn phòng sửa ngày (điều chỉnh #" + fmt.Sprint(o.ID) + ")"
		}
	}
}

// Claim is a unit's request to count a post the crawler missed.
type Claim struct {
	ID          int64
	UnitID      string
	URL         string
	SubmittedBy string
	Note        string
	Submitted   time.Time
	Status      string // pending, approved, rejected
	// Inspected is what sitewatch found at the URL (a Post), for the office to judge.
	Inspected Post
	DecidedBy string
	Decided   time.Time
	Reason    string
}

// Claim statuses.
const (
	ClaimPending  = "pending"
	ClaimApproved = "approved"
	ClaimRejected = "rejected"
)

// AddClaim records a pending claim with what inspection found.
func (s *Store) AddClaim(ctx context.Context, c Claim) (int64, error) {
	b, err := json.Marshal(c.Inspected)
	if err != nil {
		return 0, err
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO claims(unit_id, url, submitted_by, note, submitted, status, inspected) VALUES (?,?,?,?,?,'pending',?)`,
		c.UnitID, c.URL, c.SubmittedBy, c.Note, unix(c.Submitted), string(b))
	if err != nil {
		return 0, fmt.Errorf("store: add claim: %w", err)
	}
	return res.LastInsertId()
}

// Claims returns claims with the given status (all when empty), oldest first.
func (s *Store) Claims(ctx context.Context, status string) ([]Claim, error) {
	q := `SELECT id, unit_id, url, submitted_by, note, submitted, status, inspected, decided_by, decided, reason FROM claims`
	var args []any
	if status != "" {
		q += ` WHERE status = ?`
		args = append(args, status)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: claims: %w", err)
	}
	defer rows.Close()
	var out []Claim
	for rows.Next() {
		var c Claim
		var sub, dec sql.NullInt64
		var insp string
		if err := rows.Scan(&c.ID, &c.UnitID, &c.URL, &c.SubmittedBy, &c.Note, &sub, &c.Status, &insp, &c.DecidedBy, &dec, &c.Reason); err != nil {
			return nil, fmt.Errorf("store: claims: %w", err)
		}
		c.Submitted, c.Decided = fromUnix(sub), fromUnix(dec)
		if err := json.Unmarshal([]byte(insp), &c.Inspected); err != nil {
			return nil, fmt.Errorf("store: claim %d: %w", c.ID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// DecideClaim approves or rejects a pending claim. An approved claim adds
// the inspected post (or revives it) in the same transaction.
func (s *Store) DecideClaim(ctx context.Context, id int64, approve bool, who, reason string, at time.Time) error {
	if who == "" {
		return errors.New("store: a decision needs who")
	}
	cs, err := s.Claims(ctx, "")
	if err != nil {
		return err
	}
	var c *Claim
	for i := range cs {
		if cs[i].ID == id {
			c = &cs[i]
		}
	}
	if c == nil {
		return fmt.Errorf("store: claim %d: %w", id, ErrNotFound)
	}
	if c.Status != ClaimPending {
		return fmt.Errorf("store: claim %d is already %s", id, c.Status)
	}
	status := ClaimRejected
	if approve {
		status = ClaimApproved
		if c.Inspected.Published.IsZero() {
			return fmt.Errorf("store: claim %d: no publication date was found at %s; re-date it with an override after approval is not possible: reject it or submit the right URL", id, c.URL)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE claims SET status = ?, decided_by = ?, decided = ?, reason = ? WHERE id = ?`, status, who, unix(at), reason, id); err != nil {
		return fmt.Errorf("store: decide claim: %w", err)
	}
	if approve {
		p := c.Inspected
		flags := map[string]string{FlagClaimed: fmt.Sprintf("đơn vị đề nghị (#%d, %s), %s duyệt: %s", id, c.SubmittedBy, who, reason)}
		fl, _ := json.Marshal(flags)
		_, err := tx.ExecContext(ctx, `INSERT INTO posts(unit_id, url, title, published, date_source, date_raw, found_via, first_seen, last_seen,
			images, captioned_images, alt_images, content_hash, body_chars, status, flags) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'live',?)
			ON CONFLICT(unit_id, url) DO UPDATE SET status = 'live', flags = json_set(flags, '$.claimed', json_extract(excluded.flags, '$.claimed'))`,
			c.UnitID, c.URL, p.Title, unix(p.Published), p.DateSource, p.DateRaw, fmt.Sprintf("claim #%d", id), unix(at), unix(at),
			p.Images, p.CaptionedImages, p.AltImages, p.ContentHash, p.BodyChars, string(fl))
		if err != nil {
			return fmt.Errorf("store: add claimed post: %w", err)
		}
	}
	return tx.Commit()
}
