package assess

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
)

// Published is one published version of a class's result at a checkpoint.
// Nothing changes it once written: there is no update and no delete, and
// publishing again adds the next version.
type Published struct {
	ID          int64
	Year        int
	Period      string
	Class       string
	Version     int
	SchemeID    int64
	SHA256      string
	Note        string
	PublishedAt time.Time
	PublishedBy string // the publisher's display name, empty for the system
	body        []byte
}

// Result decodes the snapshot.
func (p Published) Result() (*Result, error) {
	var r Result
	if err := json.Unmarshal(p.body, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// ResultStore keeps published results.
type ResultStore struct {
	db  *db.DB
	now func() time.Time
}

// NewResultStore gives a ResultStore on d.
func NewResultStore(d *db.DB) *ResultStore { return &ResultStore{db: d, now: db.Now} }

// SetClock sets the time publications are dated with (the demo pins its year).
func (s *ResultStore) SetClock(now func() time.Time) { s.now = now }

// Publish keeps r as the next version of its year, checkpoint and class.
// A result identical to the latest version adds nothing and reports
// changed=false, so that publishing twice by mistake leaves one version.
func (s *ResultStore) Publish(ctx context.Context, who audit.Actor, r *Result, note string) (Published, bool, error) {
	list, added, err := s.PublishAll(ctx, who, []*Result{r}, note)
	if err != nil {
		return Published{}, false, err
	}
	return list[0], added == 1, nil
}

// PublishAll publishes several classes' results together: all of them or,
// on any failure, none. It reports how many made a new version.
func (s *ResultStore) PublishAll(ctx context.Context, who audit.Actor, results []*Result, note string) ([]Published, int, error) {
	list := make([]Published, len(results))
	for i, r := range results {
		body, err := json.Marshal(r)
		if err != nil {
			return nil, 0, err
		}
		sum := sha256.Sum256(body)
		list[i] = Published{Year: r.Year, Period: r.Period, Class: r.Class, SchemeID: r.Scheme.ID, SHA256: hex.EncodeToString(sum[:]),
			Note: note, PublishedAt: s.now(), PublishedBy: who.Name, body: body}
	}
	var added int
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		added = 0
		for i := range list {
			changed, err := publish(ctx, tx, who, &list[i])
			if err != nil {
				return err
			}
			if changed {
				added++
			}
		}
		if added == 0 {
			return nil
		}
		return tellPublished(ctx, tx, list[0].Year, list[0].Period)
	})
	return list, added, err
}

// tellPublished tells the leaders and every unit's head that results of a
// checkpoint were published, in the publishing transaction.
func tellPublished(ctx context.Context, tx *db.Tx, year int, period string) error {
	rows, err := tx.Query(ctx, "SELECT id FROM users WHERE active AND role IN ('leader', 'unit_head') ORDER BY id")
	if err != nil {
		return err
	}
	var users []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		users = append(users, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	return notify.Enqueue(ctx, tx, notify.Message{Kind: notify.ResultsPublished, Title: i18n.M("assess.notify.published", year, period),
		Body: i18n.M("assess.notify.published_body"), Link: fmt.Sprintf("/assess/%d/results/%s", year, period), Users: users})
}

// publish writes p as the next version unless it equals the latest, in
// which case p becomes that version.
func publish(ctx context.Context, tx *db.Tx, who audit.Actor, p *Published) (bool, error) {
	latest, err := latestPublished(ctx, tx, p.Year, p.Period, p.Class)
	if err == nil && latest.SHA256 == p.SHA256 {
		*p = latest
		return false, nil
	} else if err != nil && err != db.ErrNotFound {
		return false, err
	}
	p.Version = latest.Version + 1
	var by any
	if who.UserID != 0 {
		by = who.UserID
	}
	p.ID, err = tx.Insert(ctx, `INSERT INTO assessment_results (year, period, class, version, scheme_id, body, sha256, note, published_at, published_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		p.Year, p.Period, p.Class, p.Version, p.SchemeID, string(p.body), p.SHA256, p.Note, p.PublishedAt, by)
	if err != nil {
		return false, err
	}
	return true, audit.Record(ctx, tx, who, "result.publish", "assessment_result", p.ID, nil, stateOfResult(*p))
}

// Latest returns the newest published version, db.ErrNotFound when none.
func (s *ResultStore) Latest(ctx context.Context, year int, period, class string) (Published, error) {
	return latestPublished(ctx, s.db, year, period, class)
}

// Version returns one published version.
func (s *ResultStore) Version(ctx context.Context, year int, period, class string, version int) (Published, error) {
	return onePublished(s.db.QueryRow(ctx, publishedColumns+`WHERE r.year = $1 AND r.period = $2 AND r.class = $3 AND r.version = $4`,
		year, period, class, version))
}

// Versions lists a class's published versions at a checkpoint, newest
// first, without their snapshots.
func (s *ResultStore) Versions(ctx context.Context, year int, period, class string) ([]Published, error) {
	return listPublished(ctx, s.db, `WHERE r.year = $1 AND r.period = $2 AND r.class = $3 ORDER BY r.version DESC`, year, period, class)
}

// Year lists the latest published version of every checkpoint and class
// of a year, without their snapshots.
func (s *ResultStore) Year(ctx context.Context, year int) ([]Published, error) {
	all, err := listPublished(ctx, s.db, `WHERE r.year = $1 ORDER BY r.period, r.class, r.version DESC`, year)
	var out []Published
	for _, p := range all {
		if n := len(out); n == 0 || out[n-1].Period != p.Period || out[n-1].Class != p.Class {
			out = append(out, p)
		}
	}
	return out, err
}

const publishedColumns = `SELECT r.id, r.year, r.period, r.class, r.version, r.scheme_id, r.sha256, r.note, r.published_at,
	COALESCE(u.display_name, ''), r.body FROM assessment_results r LEFT JOIN users u ON u.id = r.published_by `

func latestPublished(ctx context.Context, q db.Querier, year int, period, class string) (Published, error) {
	return onePublished(q.QueryRow(ctx, publishedColumns+`WHERE r.year = $1 AND r.period = $2 AND r.class = $3
		ORDER BY r.version DESC LIMIT 1`, year, period, class))
}

func onePublished(row scanner) (Published, error) {
	var p Published
	var body string
	err := row.Scan(&p.ID, &p.Year, &p.Period, &p.Class, &p.Version, &p.SchemeID, &p.SHA256, &p.Note, &p.PublishedAt, &p.PublishedBy, &body)
	p.body = []byte(body)
	return p, err
}

func listPublished(ctx context.Context, q db.Querier, where string, args ...any) ([]Published, error) {
	rows, err := q.Query(ctx, publishedColumns+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Published
	for rows.Next() {
		p, err := onePublished(rows)
		if err != nil {
			return nil, err
		}
		p.body = nil
		out = append(out, p)
	}
	return out, rows.Err()
}
