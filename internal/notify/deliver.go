package notify

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/mail"
	"sync"
	"sync/atomic"
	"time"

	"gaoxin/internal/db"
)

// Deliverer sends what the outbox holds. Any number of gaoxin instances on
// one database may run one each: a row is claimed for a lease before it is
// sent, and a claim left by an instance that died expires with its lease.
//
// A row is marked delivered right after the server or receiver accepts it.
// If the instance dies between the two, the row goes out again once the
// lease expires, with the same delivery id: a receiver sees each message
// at least once, and, if it drops repeated ids, exactly once. Only rows in
// flight at the moment of the crash (at most Workers) can be repeated.
type Deliverer struct {
	db    *db.DB
	now   func() time.Time
	http  *http.Client
	roots *x509.CertPool // nil: the system's; tests trust their own

	// Batch is how many due rows one claim takes; Workers how many of them
	// are sent at once.
	Batch, Workers int
	// Lease keeps other instances off a claimed row. No send starts after
	// half the lease, so that none runs past it: the lease must be more
	// than twice the longest send (75 s for an e-mail, 15 s for a call).
	Lease time.Duration
	// MaxAttempts failed attempts make a row failed for good.
	MaxAttempts int
	// Interval is how long Run waits when nothing was due.
	Interval time.Duration
	Log      *slog.Logger
}

// NewDeliverer gives a Deliverer on d with the real clock: batches of 50
// sent 8 at a time, a lease of 5 minutes, 12 attempts (the last about six
// hours after the first), a look every 5 seconds.
func NewDeliverer(d *db.DB) *Deliverer {
	return &Deliverer{db: d, now: db.Now, http: newHTTPClient(), Batch: 50, Workers: 8, Lease: 5 * time.Minute,
		MaxAttempts: 12, Interval: 5 * time.Second, Log: slog.Default()}
}

// SetClock replaces the clock (tests move it past backoffs and leases).
func (d *Deliverer) SetClock(now func() time.Time) { d.now = now }

// Backoff is the wait after the n-th failed attempt: 30 s, 1 min, 2 min,
// doubling up to an hour.
func Backoff(n int) time.Duration {
	if n < 1 {
		n = 1
	}
	if n > 8 {
		return time.Hour
	}
	return min(30*time.Second<<(n-1), time.Hour)
}

// Run delivers until ctx ends, looking for due rows every Interval.
func (d *Deliverer) Run(ctx context.Context) {
	for {
		if _, err := d.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			d.Log.Warn("notify: delivering the outbox", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(d.Interval):
		}
	}
}

// DeliverDue sends every row due now, batch after batch, and returns how
// many were delivered. Failures are recorded on their rows, not returned;
// the error is the database's, or ctx's when it ends, in which case the
// rows claimed but not sent are released for the next run.
func (d *Deliverer) DeliverDue(ctx context.Context) (int, error) {
	total := 0
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		rows, token, err := d.claim(ctx)
		if err != nil || len(rows) == 0 {
			return total, err
		}
		n, err := d.sendBatch(ctx, rows, token)
		total += n
		if err != nil {
			return total, err
		}
	}
}

// sendBatch sends the claimed rows, Workers at a time, and records each
// outcome as soon as it is known.
func (d *Deliverer) sendBatch(ctx context.Context, rows []claimedRow, token string) (int, error) {
	deadline := d.now().Add(d.Lease / 2) // no send starts later
	cfg, err := loadConfig(ctx, d.db)
	if err != nil {
		return 0, err
	}
	hooks, err := allWebhooks(ctx, d.db)
	if err != nil {
		return 0, err
	}
	var delivered, late atomic.Int64
	var mu sync.Mutex
	var recordErr error
	jobs := make(chan claimedRow)
	var wg sync.WaitGroup
	for range max(1, min(d.Workers, len(rows))) {
		wg.Go(func() {
			for c := range jobs {
				if d.now().After(deadline) {
					late.Add(1) // released below, for the next claim
					continue
				}
				ok, err := d.deliverOne(ctx, cfg, hooks, c, token)
				if ok {
					delivered.Add(1)
				}
				if err != nil {
					mu.Lock()
					recordErr = errors.Join(recordErr, err)
					mu.Unlock()
				}
			}
		})
	}
feed:
	for _, c := range rows {
		select {
		case jobs <- c:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if ctx.Err() != nil || late.Load() > 0 {
		d.release(ctx, token)
	}
	if ctx.Err() != nil {
		return int(delivered.Load()), ctx.Err()
	}
	return int(delivered.Load()), recordErr
}

// deliverOne sends one row and records the outcome. A send cut short by
// the end of ctx is not an attempt: the row is left to be released.
func (d *Deliverer) deliverOne(ctx context.Context, cfg Config, hooks map[int64]Webhook, c claimedRow, token string) (bool, error) {
	if ctx.Err() != nil {
		return false, nil
	}
	err := d.send(ctx, cfg, hooks, c)
	if err != nil && ctx.Err() != nil {
		return false, nil
	}
	// Once the receiver has answered, its answer is recorded even if ctx
	// has just ended: that is what keeps repeats rare.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err == nil {
		return true, d.markDelivered(rctx, c, token)
	}
	return false, d.markFailed(rctx, c, token, err)
}

func (d *Deliverer) send(ctx context.Context, cfg Config, hooks map[int64]Webhook, c claimedRow) error {
	var out outgoing
	if err := json.Unmarshal([]byte(c.payload), &out); err != nil {
		return permanent("the stored message cannot be read: %v", err)
	}
	switch c.channel {
	case Email:
		if !cfg.MailOn() {
			return errors.New("e-mail is not configured")
		}
		from, err := mail.ParseAddress(cfg.SMTPFrom)
		if err != nil {
			return permanent("the sender address %q is not valid", cfg.SMTPFrom)
		}
		return sendMail(ctx, cfg, d.roots, c.target, composeMail(from, c.target, c.deliveryID, out, d.now()))
	case WebhookCall:
		h, ok := hooks[c.webhookID]
		switch {
		case !ok:
			return permanent(errWebhookGone)
		case !h.Active:
			return permanent("the webhook is switched off")
		}
		return postHook(ctx, d.http, h, c.deliveryID, out, d.now())
	}
	return permanent("unknown channel %q", c.channel)
}
