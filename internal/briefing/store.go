package briefing

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Published is one published version of a month's briefing. Nothing
// changes it once written: there is no update and no delete, and
// publishing again adds the next version.
type Published struct {
	ID          int64
	Year        int
	Month       int
	Version     int
	AsOf        string // the China date the briefing was computed on
	SHA256      string // of the body
	PublishedAt time.Time
	PublishedBy string // the publisher's display name, empty for the system
	body        []byte
}

// Briefing decodes the snapshot.
func (p Published) Briefing() (*Briefing, error) {
	var b Briefing
	if err := json.Unmarshal(p.body, &b); err != nil {
		return nil, fmt.Errorf("briefing %d-%02d v%d: %w", p.Year, p.Month, p.Version, err)
	}
	return &b, nil
}

// Store builds and keeps the monthly briefings on its clock.
type Store struct {
	db  *db.DB
	now func() time.Time
}

// NewStore gives a Store on d with the real clock.
func NewStore(d *db.DB) *Store { return &Store{db: d, now: db.Now} }

// SetClock replaces the clock (the demo pins 2019; tests pin a day).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Today is the store's China date.
func (s *Store) Today() string { return s.now().In(chinaTime).Format(dateLayout) }

// Build computes a month's briefing now, as Build does.
func (s *Store) Build(ctx context.Context, year, month int) (*Briefing, error) {
	return Build(ctx, s.db, year, month, s.now())
}

// Digest is the SHA-256 of a briefing's body as Publish would keep it, to
// tell whether a draft differs from what is published.
func Digest(b *Briefing) (string, error) {
	body, err := json.Marshal(b)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:]), nil
}

// Publish keeps b as the next version of its month. A month is briefed
// once it is over, so a month that has not ended on the store's today is
// refused. A briefing the same as the latest version adds nothing and
// reports added=false, so that publishing twice leaves one version.
func (s *Store) Publish(ctx context.Context, who audit.Actor, b *Briefing) (Published, bool, error) {
	today := s.Today()
	if verr := checkMonth(b.Year, b.Month, today); verr != nil {
		return Published{}, false, verr
	}
	if end := monthEnd(b.Year, b.Month); today <= end {
		return Published{}, false, i18n.Invalid("month", "briefing.err.not_over", b.Year, b.Month, end)
	}
	body, err := json.Marshal(b)
	if err != nil {
		return Published{}, false, err
	}
	sum := sha256.Sum256(body)
	p := Published{Year: b.Year, Month: b.Month, AsOf: today, SHA256: hex.EncodeToString(sum[:]), PublishedAt: s.now(),
		PublishedBy: who.Name, body: body}
	var added bool
	err = s.db.Write(ctx, func(tx *db.Tx) (err error) {
		added, err = publish(ctx, tx, who, &p)
		return err
	})
	return p, added, err
}

// publish writes p as the next version unless it equals the latest, in
// which case p becomes that version.
func publish(ctx context.Context, tx *db.Tx, who audit.Actor, p *Published) (bool, error) {
	latest, err := onePublished(tx.QueryRow(ctx, selectPublished+`WHERE b.year = $1 AND b.month = $2
		ORDER BY b.version DESC LIMIT 1`, p.Year, p.Month))
	switch {
	case err == nil && latest.SHA256 == p.SHA256:
		*p = latest
		return false, nil
	case err != nil && !errors.Is(err, db.ErrNotFound):
		return false, err
	}
	p.Version = latest.Version + 1
	var by any
	if who.UserID != 0 {
		by = who.UserID
	}
	p.ID, err = tx.Insert(ctx, `INSERT INTO briefings (year, month, version, as_of, body, sha256, published_at, published_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, p.Year, p.Month, p.Version, p.AsOf, string(p.body), p.SHA256, p.PublishedAt, by)
	if err != nil {
		return false, err
	}
	return true, audit.Record(ctx, tx, who, "briefing.publish", "briefing", p.ID, nil, map[string]any{
		"year": p.Year, "month": p.Month, "version": p.Version, "as_of": p.AsOf, "sha256": p.SHA256})
}

// Latest is the newest published version of a month, db.ErrNotFound when
// none is.
func (s *Store) Latest(ctx context.Context, year, month int) (Published, error) {
	return onePublished(s.db.QueryRow(ctx, selectPublished+`WHERE b.year = $1 AND b.month = $2 ORDER BY b.version DESC LIMIT 1`,
		year, month))
}

// Version is one published version, db.ErrNotFound when there is none.
func (s *Store) Version(ctx context.Context, year, month, version int) (Published, error) {
	return onePublished(s.db.QueryRow(ctx, selectPublished+`WHERE b.year = $1 AND b.month = $2 AND b.version = $3`,
		year, month, version))
}

// Year lists every published version of a year, by month and newest
// version first, without their snapshots.
func (s *Store) Year(ctx context.Context, year int) ([]Published, error) {
	rows, err := s.db.Query(ctx, `SELECT b.id, b.year, b.month, b.version, b.as_of, b.sha256, b.published_at, COALESCE(u.display_name, '')
		FROM briefings b LEFT JOIN users u ON u.id = b.published_by WHERE b.year = $1 ORDER BY b.month, b.version DESC`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Published
	for rows.Next() {
		var p Published
		if err := rows.Scan(&p.ID, &p.Year, &p.Month, &p.Version, &p.AsOf, &p.SHA256, &p.PublishedAt, &p.PublishedBy); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

const selectPublished = `SELECT b.id, b.year, b.month, b.version, b.as_of, b.sha256, b.published_at, COALESCE(u.display_name, ''), b.body
	FROM briefings b LEFT JOIN users u ON u.id = b.published_by `

func onePublished(row interface{ Scan(...any) error }) (Published, error) {
	var p Published
	var body string
	err := row.Scan(&p.ID, &p.Year, &p.Month, &p.Version, &p.AsOf, &p.SHA256, &p.PublishedAt, &p.PublishedBy, &body)
	p.body = []byte(body)
	return p, err
}
