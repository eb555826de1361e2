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
)

// The office raises the patents target from November and shares the
// indicator to one more unit; October keeps the old target.
func TestTargetChangeAndSharing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		page := "/plan/2019/indicators/" + s.indicatorID("KJ01")
		office := s.signIn("kaohe")
		res, body := office.post(page+"/targets", url.Values{"unit": {"0"}, "valid_from": {"11"}, "committed": {"3,400"}, "note": {"年中调整"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("set target: %d\n%s", res.StatusCode, body)
		}
		res, body = office.post(page+"/targets", url.Values{"unit": {"0"}, "valid_from": {"11"}, "committed": {"约3500"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="约3500"`) {
			t.Fatalf("an unreadable target: %d", res.StatusCode)
		}
		if res, _ := office.post(page+"/assign", url.Values{"unit": {s.unitID("XCJD")}, "committed": {"50"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("assign: %d", res.StatusCode)
		}
		if res, body := office.post(page+"/assign", url.Values{"unit": {s.unitID("XCJD")}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "该指标已分解到此单位。") {
			t.Fatalf("assign twice: %d", res.StatusCode)
		}
		ctx := context.Background()
		for month, want := range map[int]float64{10: 3200, 11: 3400} {
			b, err := dashboard.Load(ctx, d, 2019, month)
			if err != nil {
				t.Fatal(err)
			}
			row := b.Indicator(mustID(t, s.indicatorID("KJ01")))
			if *row.Target.Committed != want {
				t.Errorf("month %d target = %v, want %v", month, *row.Target.Committed, want)
			}
			if len(row.ByUnit) != 5 {
				t.Errorf("month %d: shared to %d units, want 5", month, len(row.ByUnit))
			}
		}
		_, body = office.get(page)
		if !strings.Contains(body, "年中调整") || strings.Count(body, "<td>全区</td>") != 2 {
			t.Fatal("the target history does not show both zone targets")
		}
		// A leader sees the page but not the forms.
		if _, body := s.signIn("lingdao").get(page); strings.Contains(body, "/targets\"") {
			t.Fatal("a leader is offered the target form")
		}
	})
}

func TestDrillIntoNode(t *testing.T) {
	s := newYearSite(t, dbtest.SQLite(t))
	var node int64
	s.db.QueryRow(context.Background(), "SELECT id FROM plan_nodes WHERE code = 'K2'").Scan(&node)
	_, body := s.signIn("lingdao").get("/plan/2019?node=" + itoa(node))
	if !strings.Contains(body, "<h1>重点工作二：科技创新</h1>") || !strings.Contains(body, "专利申请量") || strings.Contains(body, "重点项目个数") {
		t.Fatalf("drilling into 科技创新 shows the wrong rows")
	}
	if !strings.Contains(body, "一个目标：加快迈入一流国家高新区行列</a>") {
		t.Fatal("no trail back to the goal")
	}
}
