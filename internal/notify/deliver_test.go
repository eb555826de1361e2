package notify_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
)

func TestBackoff(t *testing.T) {
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
		16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour, time.Hour}
	for i, w := range want {
		if got := notify.Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
}

// hookWorld is a world with a generic webhook on rc receiving task.red.
func hookWorld(t *testing.T, d *db.DB, rc *receiver) *world {
	t.Helper()
	w := newWorld(t, d)
	if _, err := w.s.CreateWebhook(ctx, admin, notify.Webhook{Name: "receiver", Kind: notify.Generic, URL: rc.url("/hook"),
		Events: []notify.Kind{notify.TaskRed}, Active: true}); err != nil {
		t.Fatal(err)
	}
	return w
}

// redTasks enqueues n events, one transaction each, as n callers would.
func redTasks(t testing.TB, d *db.DB, n int) {
	t.Helper()
	for i := range n {
		m := notify.Message{Kind: notify.TaskRed, Title: i18n.Text(fmt.Sprintf("任务 %d 亮红灯", i), fmt.Sprintf("Task %d is red", i))}
		if err := d.Write(ctx, func(tx *db.Tx) error { return notify.Enqueue(ctx, tx, m) }); err != nil {
			t.Fatal(err)
		}
	}
}

// outboxIDs is the delivery ids of the outbox and the number delivered.
func outboxIDs(t testing.TB, d *db.DB) (map[string]bool, int) {
	t.Helper()
	rows, err := d.Query(ctx, "SELECT delivery_id, state FROM notify_outbox")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	ids, delivered := map[string]bool{}, 0
	for rows.Next() {
		var id string
		var st notify.State
		rows.Scan(&id, &st)
		ids[id] = true
		if st == notify.Delivered {
			delivered++
		}
	}
	return ids, delivered
}

// A row that keeps failing is tried MaxAttempts times, each after its
// backoff, always with the same delivery id, then given up.
func TestGivesUpAfterMaxAttempts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		rc := newReceiver(t, func(int, call) (int, string) { return http.StatusBadGateway, "bad gateway" })
		w := hookWorld(t, d, rc)
		redTasks(t, d, 1)
		dl := w.deliverer()
		dl.MaxAttempts = 4
		for attempt := 1; attempt <= 4; attempt++ {
			dl.DeliverDue(ctx)
			rows, _ := w.s.Outbox(ctx, notify.OutboxFilter{})
			r := rows[0]
			want := notify.Pending
			if attempt == 4 {
				want = notify.Failed
			}
			if r.Attempts != attempt || r.State != want || r.LastError != "HTTP 502 bad gateway" {
				t.Fatalf("after attempt %d: %+v", attempt, r)
			}
			w.clock.advance(notify.Backoff(attempt))
		}
		w.clock.advance(24 * time.Hour)
		dl.DeliverDue(ctx)
		if ids := rc.ids(); len(ids) != 1 || len(rc.received()) != 4 {
			t.Fatalf("calls %v", ids)
		}
	})
}

// A claim holds a row for its lease: an instance that died holding rows
// delays them by the lease, no more.
func TestLeaseOfADeadInstance(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		rc := newReceiver(t, nil)
		w := hookWorld(t, d, rc)
		redTasks(t, d, 5)
		held := w.clock.now().Add(5 * time.Minute)
		if err := d.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE notify_outbox SET claimed_until = $1, claim_token = 'dead' WHERE id IN (SELECT id FROM notify_outbox ORDER BY id LIMIT 3)", held)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		dl := w.deliverer()
		if n, err := dl.DeliverDue(ctx); err != nil || n != 2 {
			t.Fatalf("delivered %d, %v; want the 2 rows nobody held", n, err)
		}
		w.clock.advance(5*time.Minute + time.Second)
		if n, err := dl.DeliverDue(ctx); err != nil || n != 3 {
			t.Fatalf("after the lease: delivered %d, %v", n, err)
		}
		if ids := rc.ids(); len(ids) != 5 {
			t.Fatalf("%d distinct deliveries", len(ids))
		}
	})
}

// A send does not start after half the claim's lease, when another
// instance could soon take the row: the rest of the batch is released and
// claimed again.
func TestNoSendAfterHalfTheLease(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		rc := newReceiver(t, func(int, call) (int, string) {
			w.clock.advance(3 * time.Minute) // every call is slow
			return http.StatusOK, "{}"
		})
		if _, err := w.s.CreateWebhook(ctx, admin, notify.Webhook{Name: "slow", Kind: notify.Generic, URL: rc.url("/hook"),
			Events: []notify.Kind{notify.TaskRed}, Active: true}); err != nil {
			t.Fatal(err)
		}
		redTasks(t, d, 5)
		dl := w.deliverer()
		dl.Workers, dl.Lease = 1, 5*time.Minute
		if n, err := dl.DeliverDue(ctx); err != nil || n != 5 {
			t.Fatalf("delivered %d, %v", n, err)
		}
		if held := count(t, d, "SELECT COUNT(*) FROM notify_outbox WHERE claim_token <> ''"); held != 0 {
			t.Fatalf("%d rows left claimed", held)
		}
		checkExactlyOnce(t, d, rc, 5, 0)
	})
}

// Several instances delivering at once send each row once.
func TestConcurrentDeliverers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		rc := newReceiver(t, nil)
		w := hookWorld(t, d, rc)
		const n = 200
		redTasks(t, d, n)
		var wg sync.WaitGroup
		total := make([]int, 4)
		for i := range total {
			dl := w.deliverer()
			dl.Batch, dl.Workers = 10, 3
			wg.Go(func() {
				var err error
				if total[i], err = dl.DeliverDue(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		ids := rc.ids()
		outbox, delivered := outboxIDs(t, d)
		sum := 0
		for _, n := range total {
			sum += n
		}
		if len(ids) != n || len(rc.received()) != n || delivered != n || sum != n {
			t.Fatalf("%d calls of %d ids, %d delivered, deliverers counted %v", len(rc.received()), len(ids), delivered, total)
		}
		for id := range ids {
			if !outbox[id] {
				t.Fatalf("unknown delivery id %s", id)
			}
		}
	})
}

// A deliverer stopped in the middle of a batch loses nothing: the next
// run delivers the rest, and a message that may have reached the receiver
// while it stopped comes again with the same delivery id.
func TestStoppedDelivererLosesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		const n, stopAt = 60, 17
		run, stop := context.WithCancel(ctx)
		defer stop()
		rc := newReceiver(t, func(k int, _ call) (int, string) {
			if k == stopAt {
				stop()
			}
			return http.StatusOK, "{}"
		})
		w := hookWorld(t, d, rc)
		redTasks(t, d, n)
		first := w.deliverer()
		first.Batch, first.Workers = 10, 4
		done, err := first.DeliverDue(run)
		if !errors.Is(err, context.Canceled) || done >= n {
			t.Fatalf("the stopped run delivered %d, %v", done, err)
		}
		if held := count(t, d, "SELECT COUNT(*) FROM notify_outbox WHERE claim_token <> ''"); held != 0 {
			t.Fatalf("%d rows still claimed after a clean stop", held)
		}
		second := w.deliverer()
		rest, err := second.DeliverDue(ctx)
		if err != nil || done+rest != n {
			t.Fatalf("the second run delivered %d after %d, %v", rest, done, err)
		}
		repeats := checkExactlyOnce(t, d, rc, n, 4)
		t.Logf("stopped at call %d after %d delivered; %d repeats", stopAt, done, repeats)
	})
}

// checkExactlyOnce: every row delivered, the receiver saw each delivery
// id of the outbox and no other, and repeats (at most max) carry the
// ids of their first arrival.
func checkExactlyOnce(t *testing.T, d *db.DB, rc *receiver, n, maxRepeats int) int {
	t.Helper()
	ids := rc.ids()
	outbox, delivered := outboxIDs(t, d)
	if delivered != n || len(ids) != n || len(outbox) != n {
		t.Fatalf("%d of %d delivered; the receiver saw %d distinct ids", delivered, n, len(ids))
	}
	for id := range ids {
		if !outbox[id] {
			t.Fatalf("the receiver saw an id not in the outbox: %q", id)
		}
	}
	repeats := len(rc.received()) - n
	if repeats < 0 || repeats > maxRepeats {
		var counts []int
		for _, c := range ids {
			counts = append(counts, c)
		}
		slices.Sort(counts)
		t.Fatalf("%d repeats (calls per id %v), want at most %d", repeats, counts, maxRepeats)
	}
	return repeats
}
