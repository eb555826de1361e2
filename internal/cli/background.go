package cli

import (
	"context"
	"log/slog"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/notify"
	"gaoxin/internal/report"
	"gaoxin/internal/settings"
	"gaoxin/internal/supervise"
)

// watchEvery is how often the server looks for what the passing of time
// changes: periods that open, deadlines that near, tasks that turn red.
const watchEvery = 5 * time.Minute

// deliveredKept is how long delivered outbox rows are kept for the admin's
// page before they are cleared; failed ones are kept.
const deliveredKept = 30 * 24 * time.Hour

// runBackground runs, until ctx ends, the outbox's delivery and the
// watch. With several instances on one PostgreSQL every one runs them:
// the outbox's leases and the watch's once-only records keep one event
// from being told twice.
func runBackground(ctx context.Context, d *db.DB, log *slog.Logger) {
	deliverer := notify.NewDeliverer(d)
	deliverer.Log = log
	go deliverer.Run(ctx)
	go func() {
		watch(ctx, d, log)
		t := time.NewTicker(watchEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				watch(ctx, d, log)
			}
		}
	}()
}

// watch tells what became due since the last look, on gaoxin's clock
// (which the demo pins to 2019), and clears old delivered messages.
func watch(ctx context.Context, d *db.DB, log *slog.Logger) {
	clock, err := settings.Clock(ctx, d)
	if err != nil {
		log.Warn("watch: clock", "err", err)
		return
	}
	reports := report.NewStore(d)
	reports.SetClock(clock)
	if sum, err := reports.Remind(ctx); err != nil && ctx.Err() == nil {
		log.Warn("watch: periods", "err", err)
	} else if sum.Opened+sum.Near > 0 {
		log.Info("watch: periods", "opened", sum.Opened, "near", sum.Near)
	}
	tasks := supervise.NewStore(d)
	tasks.SetClock(clock)
	if sum, err := tasks.Watch(ctx, audit.System); err != nil && ctx.Err() == nil {
		log.Warn("watch: tasks", "err", err)
	} else if sum.TurnedRed+sum.Escalated > 0 {
		log.Info("watch: tasks", "red", sum.TurnedRed, "escalated", sum.Escalated)
	}
	if _, err := notify.NewStore(d).PurgeOutbox(ctx, time.Now().Add(-deliveredKept)); err != nil && ctx.Err() == nil {
		log.Warn("watch: outbox", "err", err)
	}
}
