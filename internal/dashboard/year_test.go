package dashboard_test

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/report"
)

// The dashboard reads each assignment's year from assignment_year, which
// the figure writes keep up. These tests hold it to the figures themselves:
// the board built from the year's rows must be exactly the board built
// from the counted figures, through every kind of change a figure goes
// through, on a database brought up to date from an older schema, and on
// a generated data set.

func TestYearRowsFollowTheDemo(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		demotest.Year(t, d)
		// The demo's workflow has left figures approved, confirmed,
		// submitted, returned, drafted and corrected.
		sameBoards(t, d, 2019)

		rs := report.NewStore(d)
		periods, err := rs.Periods(ctx, 2019)
		if err != nil {
			t.Fatal(err)
		}
		nov, oct := periods[10], periods[9] // January–September are locked
		rs.SetClock(func() time.Time { return inWindow(t, nov) })
		statuses, err := rs.Statuses(ctx, 2019)
		if err != nil {
			t.Fatal(err)
		}
		in := func(s report.Status, month int) []int64 {
			var ids []int64
			for k, st := range statuses {
				if st == s && k[1] == int64(month) {
					ids = append(ids, k[0])
				}
			}
			if len(ids) == 0 {
				t.Fatalf("the demo has no %s figure in month %d", s, month)
			}
			return ids
		}
		office := audit.Actor{Name: "kaohe", Address: "test"}
		// A returned figure is fixed and submitted again: it counts anew.
		returned := in(report.Returned, 11)[0]
		if err := rs.SaveAndSubmit(ctx, office, nov, []report.Entry{{AssignmentID: returned, Value: fp(4321), Explanation: "已核实"}},
			[]int64{returned}, nil); err != nil {
			t.Fatal(err)
		}
		// Submitted figures are sent back: they stop counting.
		if err := rs.Return(ctx, office, nov, in(report.Submitted, 11), []report.Status{report.Submitted}, "请核实"); err != nil {
			t.Fatal(err)
		}
		// Confirmed ones are approved: they go on counting, unchanged.
		if err := rs.Approve(ctx, office, nov, in(report.Confirmed, 11)); err != nil {
			t.Fatal(err)
		}
		// An approved figure is corrected; an import lands over a draft
		// and over an approved figure of another month.
		if err := rs.Correct(ctx, office, oct, in(report.Approved, 10)[0], fp(77.5), "", "核对后更正"); err != nil {
			t.Fatal(err)
		}
		draft, approved := in(report.Draft, 11)[0], in(report.Approved, 10)[1]
		if _, err := rs.Import(ctx, office, []report.Batch{
			{Period: nov, Entries: []report.Entry{{AssignmentID: draft, Value: fp(12)}}},
			{Period: oct, Entries: []report.Entry{{AssignmentID: approved, Value: fp(13)}}},
		}); err != nil {
			t.Fatal(err)
		}
		sameBoards(t, d, 2019)

		// A database of the schema before assignment_year gets the table
		// filled from its figures when it is brought up to date. The later
		// migrations are undone too, so that the history runs on from 0008.
		err = d.Write(ctx, func(tx *db.Tx) error {
			for _, q := range []string{
				"DROP TABLE audit_checks", "ALTER TABLE audit_log DROP COLUMN key_id", "ALTER TABLE audit_head DROP COLUMN key_id",
				"DROP TABLE notify_once", "DROP TABLE briefings",
				"DROP TABLE notify_outbox", "DROP TABLE notify_webhooks", "DROP TABLE notify_prefs", "DROP TABLE notifications",
				"DROP TABLE request_sends", "DROP TABLE request_events", "DROP TABLE requests",
				"DROP TABLE task_events", "DROP TABLE task_milestones", "DROP TABLE task_cooperators", "DROP TABLE tasks",
				"DROP TABLE reward_policies", "DROP TABLE lead_activities", "DROP TABLE lead_moves", "DROP TABLE leads",
				"DROP TABLE enterprise_tiers", "DROP TABLE enterprise_years", "DROP TABLE enterprises",
				"DROP TABLE programme_items", "DROP TABLE programmes", "DROP TABLE project_problems",
				"DROP TABLE project_report_versions", "DROP TABLE project_reports", "DROP TABLE project_nodes",
				"DROP TABLE project_years", "DROP TABLE project_units", "DROP TABLE projects",
				"DROP TABLE project_categories", "ALTER TABLE indicators DROP COLUMN binding",
				"DROP TABLE assignment_year",
				"DROP INDEX figures_period",
				"CREATE INDEX figures_counted ON figures(period_id, status, assignment_id, value)",
				"DELETE FROM schema_migrations WHERE version >= 8",
			} {
				if _, err := tx.Exec(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		sameBoards(t, d, 2019)
	})
}

func TestYearRowsFollowAGeneratedZone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		scale := demo.ZoneScale
		scale.Months = 10
		if err := demo.GenerateScale(ctx, d, scale); err != nil {
			t.Fatal(err)
		}
		sameBoards(t, d, demo.ScaleYear)
		// November reported through the workflow on top of the bulk load.
		rs := report.NewStore(d)
		periods, err := rs.Periods(ctx, demo.ScaleYear)
		if err != nil {
			t.Fatal(err)
		}
		nov := periods[10]
		rs.SetClock(func() time.Time { return inWindow(t, nov) })
		var ids []int64
		rows, err := d.Query(ctx, `SELECT a.id FROM assignments a JOIN indicators i ON i.id = a.indicator_id
			WHERE i.frequency = 'month' ORDER BY a.id LIMIT 40`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		var entries []report.Entry
		for i, id := range ids {
			entries = append(entries, report.Entry{AssignmentID: id, Value: fp(float64(10 + i)), Explanation: "生成"})
		}
		who := audit.Actor{Name: "tb", Address: "test"}
		if err := rs.SaveAndSubmit(ctx, who, nov, entries, ids, nil); err != nil {
			t.Fatal(err)
		}
		if err := rs.Return(ctx, who, nov, ids[:5], []report.Status{report.Submitted}, "请核实"); err != nil {
			t.Fatal(err)
		}
		sameBoards(t, d, demo.ScaleYear)
	})
}

// sameBoards checks the year's rows against the counted figures, and the
// board Load gives against the board built from the figures, at the
// default month and at every month.
func sameBoards(t *testing.T, d *db.DB, year int) {
	t.Helper()
	rs := report.NewStore(d)
	values, err := rs.CountedValues(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]report.AssignmentYear{}
	for _, v := range values {
		ay := want[v.AssignmentID]
		ay.AssignmentID = v.AssignmentID
		ay.Value[v.Month-1], ay.Has[v.Month-1] = v.Value, true
		want[v.AssignmentID] = ay
	}
	got := map[int64]report.AssignmentYear{}
	if err := rs.EachCountedYear(ctx, year, func(r report.AssignmentYear) {
		if _, twice := got[r.AssignmentID]; twice {
			t.Errorf("assignment %d read twice", r.AssignmentID)
		}
		got[r.AssignmentID] = r
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("assignment_year has %d assignments, the figures %d; first difference: %s", len(got), len(want), firstDifference(got, want))
	}
	for month := 0; month <= 12; month++ {
		b, err := dashboard.Load(ctx, d, year, month)
		if err != nil {
			t.Fatal(err)
		}
		fromFigures, err := dashboard.LoadFromFigures(ctx, d, year, month)
		if err != nil {
			t.Fatal(err)
		}
		if b.Month != fromFigures.Month || !reflect.DeepEqual(b, fromFigures) {
			t.Fatalf("month %d: the board from assignment_year differs from the board from the figures", month)
		}
	}
}

func firstDifference(got, want map[int64]report.AssignmentYear) string {
	for id, w := range want {
		if g, ok := got[id]; !ok || g != w {
			return fmt.Sprintf("assignment %d: %+v, want %+v", id, g, w)
		}
	}
	for id, g := range got {
		if _, ok := want[id]; !ok {
			return fmt.Sprintf("assignment %d: %+v, want none", id, g)
		}
	}
	return "none"
}

// inWindow is a moment inside a period's reporting window.
func inWindow(t *testing.T, p report.Period) time.Time {
	t.Helper()
	opens, err := time.Parse("2006-01-02", p.OpensOn)
	if err != nil {
		t.Fatal(err)
	}
	at := opens.Add(26 * time.Hour)
	if w := p.WindowAt(at); w != report.Open {
		t.Fatalf("period %d-%d at %s is %s", p.Year, p.Month, at, w)
	}
	return at
}
