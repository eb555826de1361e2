package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// OutboxFilter narrows the admin's listing of the outbox. Zero fields do
// not filter.
type OutboxFilter struct {
	State     State
	Channel   Channel
	WebhookID int64
	Before    int64 // rows with a lower id only, for paging
	Limit     int   // at most 500; 0 for 100
}

// Outbox lists outbox rows newest first, with their last errors.
func (s *Store) Outbox(ctx context.Context, f OutboxFilter) ([]Delivery, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.State != "" {
		add("state = $%d", f.State)
	}
	if f.Channel != "" {
		add("channel = $%d", f.Channel)
	}
	if f.WebhookID != 0 {
		add("webhook_id = $%d", f.WebhookID)
	}
	if f.Before > 0 {
		add("id < $%d", f.Before)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	q := `SELECT id, delivery_id, channel, target, COALESCE(webhook_id, 0), kind, payload, state, attempts,
		next_attempt_at, last_error, created_at, delivered_at FROM notify_outbox`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.Query(ctx, q+fmt.Sprintf(" ORDER BY id DESC LIMIT %d", min(limit, 500)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Delivery
	for rows.Next() {
		var d Delivery
		var payload string
		var delivered *time.Time
		if err := rows.Scan(&d.ID, &d.DeliveryID, &d.Channel, &d.Target, &d.WebhookID, &d.Kind, &payload, &d.State,
			&d.Attempts, &d.NextAttemptAt, &d.LastError, &d.CreatedAt, &delivered); err != nil {
			return nil, err
		}
		var out outgoing
		if json.Unmarshal([]byte(payload), &out) == nil {
			d.Title = out.Title
		}
		if delivered != nil {
			d.DeliveredAt = *delivered
		}
		list = append(list, d)
	}
	return list, rows.Err()
}

// OutboxCounts counts the outbox rows in each state, for the admin page's
// summary; a state with no rows is absent.
func (s *Store) OutboxCounts(ctx context.Context) (map[State]int, error) {
	rows, err := s.db.Query(ctx, "SELECT state, COUNT(*) FROM notify_outbox GROUP BY state")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := map[State]int{}
	for rows.Next() {
		var st State
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		counts[st] = n
	}
	return counts, rows.Err()
}

// Retry puts a failed row back in the queue, due now, with a full set of
// attempts: what the admin does once the cause is fixed. A row that is not
// failed is db.ErrNotFound.
func (s *Store) Retry(ctx context.Context, who audit.Actor, id int64) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		n, err := tx.Exec(ctx, `UPDATE notify_outbox SET state = 'pending', attempts = 0, next_attempt_at = $1
			WHERE id = $2 AND state = 'failed'`, s.now(), id)
		if err != nil {
			return err
		}
		if n == 0 {
			return db.ErrNotFound
		}
		return audit.Record(ctx, tx, who, "notify.outbox.retry", "notify_outbox", id,
			map[string]string{"state": string(Failed)}, map[string]string{"state": string(Pending)})
	})
}

// PurgeOutbox deletes the delivered rows delivered before a time, and
// says how many: the outbox is a queue, not an archive.
func (s *Store) PurgeOutbox(ctx context.Context, before time.Time) (int64, error) {
	var n int64
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		n, err = tx.Exec(ctx, "DELETE FROM notify_outbox WHERE state = 'delivered' AND delivered_at < $1", before.UTC())
		return err
	})
	return n, err
}
