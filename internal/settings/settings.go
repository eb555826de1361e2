// Package settings keeps the few values the assessment office changes
// while gaoxin runs — status thresholds, the demo's "today" — in the
// database rather than in flags, so every instance sees the same.
//
// It imports internal/db and internal/audit.
package settings

import (
	"context"
	"errors"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// Keys in use.
const (
	// Today pins the date gaoxin believes it is (YYYY-MM-DD, China time).
	// Only the demo sets it, so that its 2019 periods are open as they
	// were in December 2019.
	Today = "clock.today"
	// Thresholds holds the progress status thresholds, "1.00,0.90,0.75".
	Thresholds = "progress.thresholds"
	// LeadRespondDays is how many days an office has to answer a new
	// investment lead (default 1), LeadAssessDays to assess it (研判,
	// default 3).
	LeadRespondDays = "attract.respond_days"
	LeadAssessDays  = "attract.assess_days"
	// UploadMaxMB bounds the body of any request — a form, an uploaded
	// file, an API call — in MB (default 32, DefaultUploadMaxMB).
	UploadMaxMB = "upload.max_mb"
	// ImportMaxProblems is how many of a refused file's problems a page
	// lists (default 200, DefaultImportMaxProblems); the error report has
	// them all.
	ImportMaxProblems = "import.max_problems"
)

// Get returns a setting, or "" when it is not set.
func Get(ctx context.Context, q db.Querier, key string) (string, error) {
	var v string
	err := q.QueryRow(ctx, "SELECT value FROM settings WHERE key = $1", key).Scan(&v)
	if errors.Is(err, db.ErrNotFound) {
		return "", nil
	}
	return v, err
}

// Set stores a setting, recording the change.
func Set(ctx context.Context, d *db.DB, who audit.Actor, key, value string) error {
	return d.Write(ctx, func(tx *db.Tx) error {
		old, err := Get(ctx, tx, key)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM settings WHERE key = $1", key); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2)", key, value); err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "setting.set", "setting", key, map[string]string{"value": old}, map[string]string{"value": value})
	})
}
