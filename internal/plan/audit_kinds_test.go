package plan_test

import (
	"strconv"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
)

// The demo's plan, revised and copied to the next year through the store,
// replays clean; targets and sharing changed in the database are named.
func TestAuditKinds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		demotest.Year(t, d)
		kaohe, err := auth.NewUsers(d).ByLogin(ctx, "kaohe")
		if err != nil {
			t.Fatal(err)
		}
		who := kaohe.Actor("10.0.0.5")
		s := plan.NewStore(d)
		p, err := s.PlanByYear(ctx, 2019)
		if err != nil {
			t.Fatal(err)
		}
		cy04 := indicatorByCode(t, s, p.ID, "CY04")
		cy05 := indicatorByCode(t, s, p.ID, "CY05")
		units := org.NewStore(d)
		xincheng, beihai, dongming, guangdian := unitByCode(t, units, "XCJD"), unitByCode(t, units, "BHJD"),
			unitByCode(t, units, "DMJD"), unitByCode(t, units, "GDY")

		var shared, unshared plan.Assignment
		var first, revised plan.Target
		err = s.Write(ctx, who, func(tx *plan.Tx) error {
			var err error
			if shared, err = tx.Assign(cy04.ID, xincheng.ID); err != nil {
				return err
			}
			if unshared, err = tx.Assign(cy05.ID, xincheng.ID); err != nil {
				return err
			}
			if first, err = tx.SetTarget(plan.Target{IndicatorID: cy04.ID, UnitID: xincheng.ID, Committed: f(120)}); err != nil {
				return err
			}
			if revised, err = tx.SetTarget(plan.Target{IndicatorID: cy04.ID, UnitID: xincheng.ID, ValidFrom: 7,
				Committed: f(150), Stretch: f(160), Baseline: f(90)}); err != nil {
				return err
			}
			_, err = tx.SetTarget(plan.Target{IndicatorID: cy04.ID, UnitID: guangdian.ID, ValidFrom: 4,
				Profile: plan.Explicit, ProfileValues: []float64{100, 250.5, 400, 600}, Committed: f(600)})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CopyPlan(ctx, who, 2019, 2020); err != nil {
			t.Fatal(err)
		}

		check := func() audit.StateReport {
			t.Helper()
			rep, err := audit.CheckState(ctx, d, plan.AuditKinds())
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		if rep := check(); rep.Problems != 0 || rep.Records != count(t, d, "targets")+count(t, d, "assignments") {
			t.Fatalf("the store's own writes: %+v", rep)
		}

		exec(t, d, "UPDATE targets SET committed = 300 WHERE id = $1", revised.ID)
		zoneTarget := insert(t, d, `INSERT INTO targets (indicator_id, unit_id, valid_from, committed, target_year, set_at)
			VALUES ($1, NULL, 10, 999, 2019, $2)`, cy04.ID, db.Now())
		exec(t, d, "DELETE FROM targets WHERE id = $1", first.ID)
		exec(t, d, "UPDATE assignments SET unit_id = $1 WHERE id = $2", beihai.ID, shared.ID)
		sharedOut := insert(t, d, "INSERT INTO assignments (indicator_id, unit_id) VALUES ($1, $2)", cy04.ID, dongming.ID)
		exec(t, d, "DELETE FROM assignments WHERE id = $1", unshared.ID)

		rep := check()
		if rep.Problems != 6 || len(rep.Findings) != 6 {
			t.Fatalf("tampered: %+v", rep)
		}
		found := map[string]audit.Finding{}
		for _, f := range rep.Findings {
			found[f.Entity+" "+f.ID] = f
		}
		raised := found["target "+id(revised.ID)]
		if raised.Problem != audit.Differs || raised.Actor != "kaohe" || raised.Name != "CY04 · 新城街道 · 2019 from month 7" ||
			len(raised.Fields) != 1 || raised.Fields[0] != (audit.FieldDiff{Field: "Committed", Live: "300", Trail: "150"}) {
			t.Errorf("target raised in the database: %+v", raised)
		}
		if f := found["target "+id(zoneTarget)]; f.Problem != audit.Unrecorded || f.Name != "CY04 · 全区 · 2019 from month 10" {
			t.Errorf("target inserted in the database: %+v", f)
		}
		if f := found["target "+id(first.ID)]; f.Problem != audit.Missing || f.Actor != "kaohe" || f.Seq == 0 {
			t.Errorf("target deleted in the database: %+v", f)
		}
		moved := found["assignment "+id(shared.ID)]
		if moved.Problem != audit.Differs || moved.Actor != "kaohe" || moved.Name != "北海街道 · CY04 · 2019" || len(moved.Fields) != 1 ||
			moved.Fields[0] != (audit.FieldDiff{Field: "UnitID", Live: id(beihai.ID), Trail: id(xincheng.ID)}) {
			t.Errorf("assignment moved in the database: %+v", moved)
		}
		if f := found["assignment "+id(sharedOut)]; f.Problem != audit.Unrecorded || f.Name != "东明街道 · CY04 · 2019" {
			t.Errorf("assignment inserted in the database: %+v", f)
		}
		if f := found["assignment "+id(unshared.ID)]; f.Problem != audit.Missing || f.Actor != "kaohe" {
			t.Errorf("assignment deleted in the database: %+v", f)
		}
	})
}

func indicatorByCode(t *testing.T, s *plan.Store, planID int64, code string) plan.Indicator {
	t.Helper()
	in, err := s.IndicatorByCode(ctx, planID, code)
	if err != nil {
		t.Fatalf("indicator %s: %v", code, err)
	}
	return in
}

func unitByCode(t *testing.T, s *org.Store, code string) org.Unit {
	t.Helper()
	u, err := s.ByCode(ctx, code)
	if err != nil {
		t.Fatalf("unit %s: %v", code, err)
	}
	return u
}

func count(t *testing.T, d *db.DB, table string) int64 {
	t.Helper()
	var n int64
	if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// exec changes the database behind the application's back.
func exec(t *testing.T, d *db.DB, sql string, args ...any) {
	t.Helper()
	if err := d.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, sql, args...)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// insert adds a row behind the application's back and returns its id.
func insert(t *testing.T, d *db.DB, sql string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := d.Write(ctx, func(tx *db.Tx) error {
		var err error
		id, err = tx.Insert(ctx, sql, args...)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return id
}

func id(n int64) string { return strconv.FormatInt(n, 10) }
