package assess

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// Stored is one version of a class's scheme for a year.
type Stored struct {
	ID        int64
	Year      int
	Class     string
	Version   int
	Name      string
	Body      []byte // the file, exactly as imported
	SHA256    string
	Draft     bool // kept and compared, not used for results until adopted
	CreatedAt time.Time
}

// Store keeps scheme files, every version of them.
type Store struct {
	db  *db.DB
	now func() time.Time
}

// NewStore gives a Store on d.
func NewStore(d *db.DB) *Store { return &Store{db: d, now: db.Now} }

// SetClock sets the time versions are dated with (the demo pins its year).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Save checks a scheme file and keeps it as the next version of its year
// and class, adopted: results are computed with it from now on. A file
// identical to the latest adopted version adds nothing and reports
// changed=false.
func (s *Store) Save(ctx context.Context, who audit.Actor, name string, body []byte) (Stored, bool, error) {
	return s.save(ctx, who, name, body, false)
}

// SaveDraft keeps a scheme file as the next version of its year and class
// without adopting it: what-if compares it with the adopted version, and
// Adopt makes it current later.
func (s *Store) SaveDraft(ctx context.Context, who audit.Actor, name string, body []byte) (Stored, bool, error) {
	return s.save(ctx, who, name, body, true)
}

func (s *Store) save(ctx context.Context, who audit.Actor, name string, body []byte, draft bool) (st Stored, changed bool, err error) {
	f, _, err := Parse(name, body)
	if err != nil {
		return Stored{}, false, err
	}
	sum := sha256.Sum256(body)
	st = Stored{Year: f.Year, Class: f.Class, Name: f.Name, Body: body, SHA256: hex.EncodeToString(sum[:]), Draft: draft, CreatedAt: s.now()}
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		if current, err := latest(ctx, tx, f.Year, f.Class); err == nil && current.SHA256 == st.SHA256 {
			st = current
			return nil
		} else if err != nil && err != db.ErrNotFound {
			return err
		}
		var top int
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schemes WHERE year = $1 AND class = $2`,
			f.Year, f.Class).Scan(&top); err != nil {
			return err
		}
		st.Version, changed = top+1, true
		var by any
		if who.UserID != 0 {
			by = who.UserID
		}
		st.ID, err = tx.Insert(ctx, `INSERT INTO schemes (year, class, version, name, body, sha256, draft, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, st.Year, st.Class, st.Version, st.Name, string(body), st.SHA256,
			boolInt(draft), st.CreatedAt, by)
		if err != nil {
			return err
		}
		action := "scheme.import"
		if draft {
			action = "scheme.draft"
		}
		return audit.Record(ctx, tx, who, action, "scheme", st.ID, nil, stateOfScheme(st))
	})
	return st, changed, err
}

// Adopt makes a draft version the class's current scheme. Versions are
// never rewritten: the draft keeps its number and becomes adopted, which
// is what the 考核办法's history should show.
func (s *Store) Adopt(ctx context.Context, who audit.Actor, id int64) (Stored, error) {
	var st Stored
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		if st, err = get(ctx, tx, id); err != nil {
			return err
		}
		if !st.Draft {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE schemes SET draft = 0 WHERE id = $1`, id); err != nil {
			return err
		}
		st.Draft = false
		return audit.Record(ctx, tx, who, "scheme.adopt", "scheme", id, map[string]any{"draft": true}, stateOfScheme(st))
	})
	return st, err
}

// Latest returns the newest adopted version of a year's scheme for a class.
func (s *Store) Latest(ctx context.Context, year int, class string) (Stored, error) {
	return latest(ctx, s.db, year, class)
}

// Get returns one version, draft or adopted.
func (s *Store) Get(ctx context.Context, id int64) (Stored, error) { return get(ctx, s.db, id) }

// Versions lists every version of a class's scheme for a year, newest first.
func (s *Store) Versions(ctx context.Context, year int, class string) ([]Stored, error) {
	return list(ctx, s.db, `WHERE year = $1 AND class = $2 ORDER BY version DESC`, year, class)
}

// Current lists the adopted scheme of each class of a year, by class name.
func (s *Store) Current(ctx context.Context, year int) ([]Stored, error) {
	all, err := list(ctx, s.db, `WHERE year = $1 AND draft = 0 ORDER BY class, version DESC`, year)
	var out []Stored
	for _, st := range all {
		if len(out) == 0 || out[len(out)-1].Class != st.Class {
			out = append(out, st)
		}
	}
	return out, err
}

// Years lists the years that have an adopted scheme, newest first.
func (s *Store) Years(ctx context.Context) ([]int, error) {
	rows, err := s.db.Query(ctx, `SELECT DISTINCT year FROM schemes WHERE draft = 0 ORDER BY year DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		years = append(years, y)
	}
	return years, rows.Err()
}

const storedColumns = `SELECT id, year, class, version, name, body, sha256, draft, created_at FROM schemes `

func latest(ctx context.Context, q db.Querier, year int, class string) (Stored, error) {
	return one(q.QueryRow(ctx, storedColumns+`WHERE year = $1 AND class = $2 AND draft = 0 ORDER BY version DESC LIMIT 1`, year, class))
}

func get(ctx context.Context, q db.Querier, id int64) (Stored, error) {
	return one(q.QueryRow(ctx, storedColumns+`WHERE id = $1`, id))
}

// scanner is a *db.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func one(row scanner) (Stored, error) {
	var st Stored
	var body string
	var draft int
	err := row.Scan(&st.ID, &st.Year, &st.Class, &st.Version, &st.Name, &body, &st.SHA256, &draft, &st.CreatedAt)
	st.Body, st.Draft = []byte(body), draft != 0
	return st, err
}

func list(ctx context.Context, q db.Querier, where string, args ...any) ([]Stored, error) {
	rows, err := q.Query(ctx, storedColumns+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Stored
	for rows.Next() {
		st, err := one(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Drafts lists a year's draft versions, newest first.
func (s *Store) Drafts(ctx context.Context, year int) ([]Stored, error) {
	return list(ctx, s.db, `WHERE year = $1 AND draft = 1 ORDER BY version DESC`, year)
}
