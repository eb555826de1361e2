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
	CreatedAt time.Time
}

// Store keeps scheme files, every version of them.
type Store struct{ db *db.DB }

// NewStore gives a Store on d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

// Save checks a scheme file and keeps it as the next version of its year
// and class. A file identical to the latest version adds nothing and
// reports changed=false.
func (s *Store) Save(ctx context.Context, who audit.Actor, name string, body []byte) (st Stored, changed bool, err error) {
	f, _, err := Parse(name, body)
	if err != nil {
		return Stored{}, false, err
	}
	sum := sha256.Sum256(body)
	st = Stored{Year: f.Year, Class: f.Class, Name: f.Name, Body: body, SHA256: hex.EncodeToString(sum[:]), CreatedAt: db.Now()}
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		latest, err := latest(ctx, tx, f.Year, f.Class)
		if err == nil && latest.SHA256 == st.SHA256 {
			st = latest
			return nil
		} else if err != nil && err != db.ErrNotFound {
			return err
		}
		st.Version, changed = latest.Version+1, true
		var by any
		if who.UserID != 0 {
			by = who.UserID
		}
		st.ID, err = tx.Insert(ctx, `INSERT INTO schemes (year, class, version, name, body, sha256, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, st.Year, st.Class, st.Version, st.Name, string(body), st.SHA256, st.CreatedAt, by)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "scheme.import", "scheme", st.ID, nil,
			map[string]any{"year": st.Year, "class": st.Class, "version": st.Version, "sha256": st.SHA256})
	})
	return st, changed, err
}

// Latest returns the newest version of a year's scheme for a class.
func (s *Store) Latest(ctx context.Context, year int, class string) (Stored, error) {
	return latest(ctx, s.db, year, class)
}

func latest(ctx context.Context, q db.Querier, year int, class string) (Stored, error) {
	var st Stored
	var body string
	err := q.QueryRow(ctx, `SELECT id, year, class, version, name, body, sha256, created_at FROM schemes
		WHERE year = $1 AND class = $2 ORDER BY version DESC LIMIT 1`, year, class).
		Scan(&st.ID, &st.Year, &st.Class, &st.Version, &st.Name, &body, &st.SHA256, &st.CreatedAt)
	st.Body = []byte(body)
	return st, err
}
