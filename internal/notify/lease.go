package notify

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"gaoxin/internal/db"
)

// claimedRow is an outbox row this deliverer holds.
type claimedRow struct {
	id         int64
	deliveryID string
	channel    Channel
	target     string
	webhookID  int64
	payload    string
	attempts   int
}

// claim takes up to Batch due rows that nobody holds. The conditions are
// repeated outside the subquery: on PostgreSQL, an instance that waited
// for another's claim of the same row re-reads the row and finds it held.
func (d *Deliverer) claim(ctx context.Context) ([]claimedRow, string, error) {
	token, now := newDeliveryID(), d.now()
	var list []claimedRow
	err := d.db.Write(ctx, func(tx *db.Tx) error {
		list = list[:0]
		rows, err := tx.Query(ctx, `UPDATE notify_outbox SET claimed_until = $1, claim_token = $2
			WHERE id IN (SELECT id FROM notify_outbox WHERE state = 'pending' AND next_attempt_at <= $3
				AND (claimed_until IS NULL OR claimed_until < $3) ORDER BY next_attempt_at, id LIMIT $4)
			AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < $3)
			RETURNING id, delivery_id, channel, target, COALESCE(webhook_id, 0), payload, attempts`,
			now.Add(d.Lease), token, now, d.Batch)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c claimedRow
			if err := rows.Scan(&c.id, &c.deliveryID, &c.channel, &c.target, &c.webhookID, &c.payload, &c.attempts); err != nil {
				return err
			}
			list = append(list, c)
		}
		return rows.Err()
	})
	slices.SortFunc(list, func(a, b claimedRow) int { return cmp.Compare(a.id, b.id) })
	return list, token, err
}

func (d *Deliverer) markDelivered(ctx context.Context, c claimedRow, token string) error {
	return d.db.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE notify_outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = $1,
			last_error = '', claimed_until = NULL, claim_token = '' WHERE id = $2 AND claim_token = $3`, d.now(), c.id, token)
		return err
	})
}

// markFailed records a failed attempt and when to try again, or gives up.
func (d *Deliverer) markFailed(ctx context.Context, c claimedRow, token string, cause error) error {
	attempts := c.attempts + 1
	state, next := Pending, d.now().Add(Backoff(attempts))
	var se *sendError
	if errors.As(cause, &se) && se.permanent || attempts >= d.MaxAttempts {
		state = Failed
	}
	d.Log.Info("notify: delivery failed", "delivery", c.deliveryID, "channel", c.channel, "attempt", attempts,
		"state", state, "err", cause)
	return d.db.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE notify_outbox SET state = $1, attempts = $2, next_attempt_at = $3, last_error = $4,
			claimed_until = NULL, claim_token = '' WHERE id = $5 AND claim_token = $6`,
			state, attempts, next, clip(cause.Error(), 1000), c.id, token)
		return err
	})
}

// release gives back the rows of a claim that were not sent, so that the
// next run, here or on another instance, need not wait for the lease.
func (d *Deliverer) release(ctx context.Context, token string) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err := d.db.Write(rctx, func(tx *db.Tx) error {
		_, err := tx.Exec(rctx, `UPDATE notify_outbox SET claimed_until = NULL, claim_token = ''
			WHERE claim_token = $1 AND state = 'pending'`, token)
		return err
	})
	if err != nil {
		d.Log.Warn("notify: releasing claimed rows; they wait for their lease", "err", err)
	}
}

// allWebhooks reads every webhook with its secret, for sending.
func allWebhooks(ctx context.Context, q db.Querier) (map[int64]Webhook, error) {
	rows, err := q.Query(ctx, "SELECT "+webhookColumns+" FROM notify_webhooks")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hooks := map[int64]Webhook{}
	for rows.Next() {
		h, err := scanWebhook(rows)
		if err != nil {
			return nil, err
		}
		hooks[h.ID] = h
	}
	return hooks, rows.Err()
}
