package org_test

import (
	"strconv"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/org"
)

// The demo's units, changed every way the store changes them, replay
// clean; units changed in the database are named.
func TestUnitKind(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		demotest.Organisation(t, d)
		s := org.NewStore(d)
		zone, xincheng := mustByCode(t, s, "WFGX"), mustByCode(t, s, "XCJD")
		park := mustCreate(t, s, "KJY", "科技园", org.KindPark, 40, zone.ID)
		if _, err := s.Update(ctx, clerk, park.ID, org.Fields{Code: "KJY", Name: "科技创新园", Kind: org.KindPark, Class: "经济发展类", Order: 45}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Move(ctx, clerk, park.ID, xincheng.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetActive(ctx, clerk, park.ID, false); err != nil {
			t.Fatal(err)
		}
		spare := mustCreate(t, s, "LS", "临时单位", org.KindOther, 99, zone.ID)

		check := func() audit.StateReport {
			t.Helper()
			rep, err := audit.CheckState(ctx, d, []audit.Kind{org.UnitKind()})
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		all, err := s.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rep := check(); rep.Problems != 0 || rep.Records != int64(len(all)) {
			t.Fatalf("the store's own writes: %+v", rep)
		}

		exec(t, d, "UPDATE units SET name = '新城', class = '其他' WHERE id = $1", xincheng.ID)
		exec(t, d, "UPDATE units SET active = TRUE WHERE id = $1", park.ID)
		added := insert(t, d, `INSERT INTO units (code, name, kind, class, parent_id, path, sort_order, active, created_at, updated_at)
			VALUES ('HX', '影子街道', 'street', '', $1, '', 0, TRUE, $2, $2)`, zone.ID, db.Now())
		exec(t, d, "DELETE FROM unit_history WHERE unit_id = $1", spare.ID)
		exec(t, d, "DELETE FROM units WHERE id = $1", spare.ID)

		rep := check()
		if rep.Problems != 4 || len(rep.Findings) != 4 {
			t.Fatalf("tampered: %+v", rep)
		}
		found := map[string]audit.Finding{}
		for _, f := range rep.Findings {
			found[f.ID] = f
		}
		renamed := found[id(xincheng.ID)]
		if renamed.Problem != audit.Differs || renamed.Name != "新城" || renamed.Actor != "system" || len(renamed.Fields) != 2 ||
			renamed.Fields[0] != (audit.FieldDiff{Field: "class", Live: "其他", Trail: "街道"}) ||
			renamed.Fields[1] != (audit.FieldDiff{Field: "name", Live: "新城", Trail: "新城街道"}) {
			t.Errorf("unit renamed in the database: %+v", renamed)
		}
		revived := found[id(park.ID)]
		if revived.Problem != audit.Differs || revived.Name != "科技创新园" || revived.Actor != "kaohe" || len(revived.Fields) != 1 ||
			revived.Fields[0] != (audit.FieldDiff{Field: "active", Live: "true", Trail: "false"}) {
			t.Errorf("unit reactivated in the database: %+v", revived)
		}
		if got, want := revived.String(), "unit "+id(park.ID)+" (科技创新园): active true in the database, false in audit entry "+
			strconv.FormatInt(revived.Seq, 10)+" by kaohe"; got != want {
			t.Errorf("reactivated reads %q, want %q", got, want)
		}
		if f := found[id(added)]; f.Problem != audit.Unrecorded || f.Name != "影子街道" {
			t.Errorf("unit inserted in the database: %+v", f)
		}
		if f := found[id(spare.ID)]; f.Problem != audit.Missing || f.Actor != "kaohe" || f.Seq == 0 {
			t.Errorf("unit deleted in the database: %+v", f)
		}
	})
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
