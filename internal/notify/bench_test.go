package notify_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
)

// The outbox delivering to a webhook receiver on 127.0.0.1, with the
// deliverer's defaults (batches of 50, 8 at a time): how many
// notifications leave in a minute. The goal is at least 1,000. The
// receiver answers at once, or after 50 ms like a chat tool across the
// internet. The events are enqueued before the clock starts, into a
// SQLite file, or PostgreSQL when GAOXIN_TEST_POSTGRES is set.
func BenchmarkOutboxWebhook(b *testing.B) {
	for _, latency := range []time.Duration{0, 50 * time.Millisecond} {
		b.Run(fmt.Sprintf("receiver=%v", latency), func(b *testing.B) {
			rc := newReceiver(b, func(int, call) (int, string) {
				time.Sleep(latency)
				return http.StatusOK, `{"errcode":0,"errmsg":"ok"}`
			})
			d := benchDB(b)
			s := notify.NewStore(d)
			if _, err := s.CreateWebhook(ctx, audit.System, notify.Webhook{Name: "bench", Kind: notify.Generic, URL: rc.url("/hook"),
				Events: []notify.Kind{notify.TaskRed}, Active: true}); err != nil {
				b.Fatal(err)
			}
			enqueueMany(b, d, b.N)
			dl := notify.NewDeliverer(d)
			dl.Log = quiet
			b.ResetTimer()
			start := time.Now()
			n, err := dl.DeliverDue(ctx)
			elapsed := time.Since(start)
			b.StopTimer()
			if err != nil || n != b.N || len(rc.ids()) != b.N {
				b.Fatalf("delivered %d of %d, %v", n, b.N, err)
			}
			b.ReportMetric(float64(n)/elapsed.Minutes(), "notifications/min")
		})
	}
}

// benchDB is PostgreSQL when GAOXIN_TEST_POSTGRES is set, else a SQLite
// file as an installation has it (WAL, synchronous=NORMAL).
func benchDB(b *testing.B) *db.DB {
	if os.Getenv(dbtest.EnvPostgres) != "" {
		return dbtest.Postgres(b)
	}
	d, err := db.Open(ctx, filepath.Join(b.TempDir(), "gaoxin.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	return d
}

// enqueueMany writes n events, 500 to a transaction.
func enqueueMany(b *testing.B, d *db.DB, n int) {
	for done := 0; done < n; {
		err := d.Write(ctx, func(tx *db.Tx) error {
			for i := 0; i < 500 && done+i < n; i++ {
				m := notify.Message{Kind: notify.TaskRed, Title: i18n.Text(fmt.Sprintf("任务 %d 亮红灯", done+i), "Task is red"),
					Body: i18n.Text("新城街道：规模以上工业增加值增速低于序时进度", "Xincheng: industrial value added behind schedule")}
				if err := notify.Enqueue(ctx, tx, m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		done += 500
	}
}
