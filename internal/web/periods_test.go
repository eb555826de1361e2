package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/progress"
	"gaoxin/internal/report"
)

func TestPeriodsThresholdsAndNextYear(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office := s.signIn("kaohe")
		ctx := context.Background()
		// Thresholds of 110/100/50 make 专利申请量 (87.8% in October) merely behind, no longer on track.
		if res, _ := office.post("/plan/2019/periods/thresholds", url.Values{"ahead": {"110"}, "on_track": {"100"}, "behind": {"50"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("thresholds: %d", res.StatusCode)
		}
		b, _ := dashboard.Load(ctx, d, 2019, 10)
		for _, in := range b.Indicators {
			if in.Code == "KJ01" && in.Zone.Status != progress.StatusBehind {
				t.Fatalf("KJ01 at %v is %s under the new thresholds", in.Zone.Ratio, in.Zone.Status)
			}
		}
		// Locking October refuses the reporter's changes to it.
		if res, _ := office.post("/plan/2019/periods/10/lock", url.Values{"locked": {"true"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("lock: %d", res.StatusCode)
		}
		oct, _ := report.NewStore(d).PeriodOf(ctx, 2019, 10)
		if !oct.Locked {
			t.Fatal("October is not locked")
		}
		_, body := office.get("/plan/2019/periods")
		if strings.Count(body, "已锁定") != 10 {
			t.Fatalf("periods page shows %d locked periods, want 10", strings.Count(body, "已锁定"))
		}
		// Next year.
		if res, _ := office.post("/plan/2019/copy", nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/plan/2020?done=plan_copied" {
			t.Fatalf("copy: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		periods, _ := report.NewStore(d).Periods(ctx, 2020)
		if len(periods) != 12 || periods[10].DueOn != "2020-12-10" || periods[0].GraceDays != 3 {
			t.Fatalf("2020 periods = %d, %+v", len(periods), periods)
		}
		if res, body := office.get("/plan/2020"); res.StatusCode != http.StatusOK || !strings.Contains(body, "专利申请量") {
			t.Fatalf("2020 plan page: %d", res.StatusCode)
		}
	})
}
