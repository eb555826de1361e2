package report_test

import (
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/report"
)

// The street's reporter is told once that November opened, once that its
// deadline is near while a figure is missing, not when all are in, and
// when its figures are returned, with the reason.
func TestRemindAndReturnTell(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		fx := newFixture(t, d)
		var street int64
		if err := d.QueryRow(ctx, "SELECT id FROM units WHERE code = 'XC'").Scan(&street); err != nil {
			t.Fatal(err)
		}
		tb, err := auth.NewUsers(d).Create(ctx, audit.System, auth.NewUser{Login: "xc.tb", DisplayName: "陈静", Role: auth.RoleReporter,
			UnitID: street, Password: "Weifang-2019!"})
		if err != nil {
			t.Fatal(err)
		}
		told := func(kind string) int {
			t.Helper()
			var n int
			if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND kind = $2", tb.ID, kind).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		remind := func() report.RemindSummary {
			t.Helper()
			sum, err := fx.s.Remind(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return sum
		}
		// 2 December: November is open, due on the 10th.
		if sum := remind(); sum.Opened != 1 || sum.Near != 0 || told("period.opened") != 1 {
			t.Fatalf("on 2 December: %+v, told %d", sum, told("period.opened"))
		}
		if sum := remind(); sum.Opened != 0 || told("period.opened") != 1 {
			t.Fatalf("told twice: %+v", sum)
		}
		var link string
		d.QueryRow(ctx, "SELECT link FROM notifications WHERE user_id = $1", tb.ID).Scan(&link)
		if want := "/report/2019/11/" + itoa(street); link != want {
			t.Fatalf("the link is %q, want the grid %q", link, want)
		}
		// 8 December: near, one figure still missing.
		fx.clock = fx.clock.AddDate(0, 0, 6)
		if err := fx.s.SaveDraft(ctx, audit.Actor{Name: "tb"}, fx.nov(), []report.Entry{{AssignmentID: fx.a1, Value: f(250)}}); err != nil {
			t.Fatal(err)
		}
		if sum := remind(); sum.Near != 1 || told("deadline.near") != 1 {
			t.Fatalf("on 8 December: %+v", sum)
		}
		// Submitted and returned: told with the reason.
		if err := fx.s.SaveAndSubmit(ctx, audit.Actor{Name: "tb"}, fx.nov(), []report.Entry{{AssignmentID: fx.a1, Value: f(250)}, {AssignmentID: fx.a2, Value: f(3)}},
			[]int64{fx.a1, fx.a2}, func(int64, float64) bool { return false }); err != nil {
			t.Fatal(err)
		}
		if err := fx.s.Return(ctx, audit.Actor{Name: "kaohe"}, fx.nov(), []int64{fx.a2}, []report.Status{report.Submitted}, "新增企业应为4家"); err != nil {
			t.Fatal(err)
		}
		var body string
		if err := d.QueryRow(ctx, "SELECT body FROM notifications WHERE user_id = $1 AND kind = 'grid.returned'", tb.ID).Scan(&body); err != nil {
			t.Fatalf("the return was not told: %v", err)
		}
		if body != "退回原因：新增企业应为4家。请修改后重新报送。" {
			t.Fatalf("the return's body: %q", body)
		}
	})
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
