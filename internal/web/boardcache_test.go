package web

import (
	"context"
	"html/template"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/report"
)

// A board stays cached across changes it does not show — a sign-in, a new
// account — and is built again after any change it does show.
func TestBoardCacheOutlivesSignIns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		demotest.Year(t, d)
		var c boardCache
		first := mustBoard(t, &c, d)
		rendered := 0
		render := func() (template.HTML, error) { rendered++; return "<tr></tr>", nil }
		c.table(first, tableKey{lang: i18n.ZH}, render)

		users := auth.NewUsers(d)
		if _, _, err := users.SignIn(ctx, "kaohe", "gaoxin2019", "test"); err != nil {
			t.Fatal(err)
		}
		unit, err := org.NewStore(d).ByCode(ctx, "KCJ")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := users.Create(ctx, audit.System, auth.NewUser{Login: "xin.yonghu", DisplayName: "新用户", Role: auth.RoleViewer,
			UnitID: unit.ID, Password: "a-long-enough-password"}); err != nil {
			t.Fatal(err)
		}
		if again := mustBoard(t, &c, d); again != first {
			t.Fatal("a sign-in dropped the cached board")
		}
		c.table(first, tableKey{lang: i18n.ZH}, render)
		if rendered != 1 {
			t.Fatalf("the table was rendered %d times; want once", rendered)
		}
		c.table(first, tableKey{lang: i18n.EN}, render)
		if rendered != 2 {
			t.Fatalf("the English table was not rendered on its own")
		}

		// The office approves a confirmed figure: the board is built again
		// and shows it; the old board's tables are gone with it.
		rs := report.NewStore(d)
		periods, err := rs.Periods(ctx, demo.Year)
		if err != nil {
			t.Fatal(err)
		}
		nov := periods[10]
		statuses, err := rs.Statuses(ctx, demo.Year)
		if err != nil {
			t.Fatal(err)
		}
		var confirmed []int64
		for k, st := range statuses {
			if st == report.Confirmed && k[1] == 11 {
				confirmed = append(confirmed, k[0])
			}
		}
		if len(confirmed) == 0 {
			t.Fatal("the demo has no confirmed November figure")
		}
		if err := rs.Approve(ctx, audit.Actor{Name: "kaohe", Address: "test"}, nov, confirmed); err != nil {
			t.Fatal(err)
		}
		second := mustBoard(t, &c, d)
		if second == first {
			t.Fatal("approving figures left the old board cached")
		}
		if c.tables[first] != nil {
			t.Fatal("the old board's tables are still kept")
		}
		fresh, err := dashboard.Load(ctx, d, demo.Year, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(second.Indicators) != len(fresh.Indicators) || second.Month != fresh.Month {
			t.Fatalf("rebuilt board: %d indicators at month %d; a fresh load has %d at %d",
				len(second.Indicators), second.Month, len(fresh.Indicators), fresh.Month)
		}
		for i, row := range second.Indicators {
			if row.Zone.Result != fresh.Indicators[i].Zone.Result {
				t.Fatalf("indicator %s: cached %+v, fresh %+v", row.Code, row.Zone.Result, fresh.Indicators[i].Zone.Result)
			}
		}
	})
}

// Kinds of record a board reads, and any kind not known to leave boards
// alone, count as changes.
func TestLeavesBoards(t *testing.T) {
	for _, entity := range []string{"user", "api_token", "assessment_record", "peer_value"} {
		if !leavesBoards(entity) {
			t.Errorf("%s: counted as a change to boards", entity)
		}
	}
	for _, entity := range []string{"figure", "target", "assignment", "indicator", "plan", "plan_node", "unit", "period", "setting", "something_new"} {
		if leavesBoards(entity) {
			t.Errorf("%s: not counted as a change to boards", entity)
		}
	}
}

func mustBoard(t *testing.T, c *boardCache, d *db.DB) *dashboard.Board {
	t.Helper()
	b, err := c.load(context.Background(), d, demo.Year, 0)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
