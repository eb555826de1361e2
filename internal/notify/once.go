package notify

import (
	"context"

	"gaoxin/internal/db"
)

// Once records, inside the caller's transaction, that the event named by
// key has been told, and reports whether this is the first time: a
// reminder run every few minutes enqueues an event only when Once says so,
// and a rolled-back transaction leaves the key free for the next run.
func Once(ctx context.Context, tx *db.Tx, key string) (bool, error) {
	n, err := tx.Exec(ctx, "INSERT INTO notify_once (key, sent_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", key, db.Now())
	if err != nil {
		return false, err
	}
	return n == 1, nil
}
