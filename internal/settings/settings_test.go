package settings_test

import (
	"context"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/settings"
)

func TestSettingsAndClock(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if v, err := settings.Get(ctx, d, settings.Today); err != nil || v != "" {
			t.Fatalf("unset = %q, %v", v, err)
		}
		now, err := settings.Clock(ctx, d)
		if err != nil || time.Since(now()) > time.Minute {
			t.Fatalf("the real clock: %v, %v", now(), err)
		}
		for _, v := range []string{"2019-12-01", "2019-12-09"} {
			if err := settings.Set(ctx, d, audit.System, settings.Today, v); err != nil {
				t.Fatal(err)
			}
		}
		if v, _ := settings.Get(ctx, d, settings.Today); v != "2019-12-09" {
			t.Fatalf("after two sets = %q", v)
		}
		now, err = settings.Clock(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if day := now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02"); day != "2019-12-09" {
			t.Fatalf("the pinned clock says %s", day)
		}
		entries, _ := audit.List(ctx, d, audit.Filter{Action: "setting.set"})
		if len(entries) != 2 || entries[0].Before != `{"value":"2019-12-01"}` {
			t.Fatalf("audit = %+v", entries)
		}
		settings.Set(ctx, d, audit.System, settings.Today, "9 December")
		if _, err := settings.Clock(ctx, d); err == nil {
			t.Fatal("a date that is not a date was accepted")
		}
	})
}
