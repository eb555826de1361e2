package report_test

import (
	"fmt"
	"reflect"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/report"
)

// SaveAndSubmit writes each figure row once, in its final state, but must
// leave exactly what saving and then submitting leaves: the same figures,
// the same versions, the same audit entries.
func TestSaveAndSubmitIsSaveThenSubmit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		other := dbtest.SQLite(t)
		if d.Dialect() == db.Postgres {
			other = dbtest.Postgres(t)
		}
		apart, together := newFixture(t, d), newFixture(t, other)
		reporter, head := audit.Actor{Name: "tb", Address: "test"}, audit.Actor{Name: "fzr", Address: "test"}
		both := func(step func(fx *fixture) error) {
			t.Helper()
			for _, fx := range []*fixture{apart, together} {
				if err := step(fx); err != nil {
					t.Fatal(err)
				}
			}
		}
		saveAndSubmit := func(entries []report.Entry, due []int64) {
			t.Helper()
			p := apart.nov()
			if err := apart.s.SaveDraft(ctx, reporter, p, entries); err != nil {
				t.Fatal(err)
			}
			if err := apart.s.Submit(ctx, reporter, p, due, nil); err != nil {
				t.Fatal(err)
			}
			if err := together.s.SaveAndSubmit(ctx, reporter, together.nov(), entries, due, nil); err != nil {
				t.Fatal(err)
			}
			sameRecords(t, d, other)
		}
		// A draft saved earlier, changed and submitted with a new figure.
		both(func(fx *fixture) error {
			return fx.s.SaveDraft(ctx, reporter, fx.nov(), []report.Entry{{AssignmentID: fx.a1, Value: f(250)}})
		})
		due := []int64{apart.a1, apart.a2}
		saveAndSubmit([]report.Entry{{AssignmentID: apart.a1, Value: f(260), Explanation: " 两家推迟 "}, {AssignmentID: apart.a2, Value: f(3)}}, due)
		// A returned figure, fixed and submitted again; its neighbour,
		// submitted already, is left as it is.
		both(func(fx *fixture) error {
			return fx.s.Return(ctx, head, fx.nov(), []int64{fx.a2}, []report.Status{report.Submitted}, "应为4家")
		})
		saveAndSubmit([]report.Entry{{AssignmentID: apart.a2, Value: f(4)}}, due)
		// The head confirms, the office approves: the year counts both.
		both(func(fx *fixture) error { return fx.s.Confirm(ctx, head, fx.nov(), due) })
		both(func(fx *fixture) error { return fx.s.Approve(ctx, audit.Actor{Name: "kaohe"}, fx.nov(), due) })
		sameRecords(t, d, other)
		if n, brk, err := audit.Verify(ctx, other); err != nil || brk != nil || n == 0 {
			t.Fatalf("audit trail = %d, %v, %v", n, brk, err)
		}
	})
}

// sameRecords compares what two databases hold of figures, their versions,
// the year's rows and the audit trail, but for the moment each audit
// entry was written.
func sameRecords(t *testing.T, a, b *db.DB) {
	t.Helper()
	queries := []string{
		`SELECT id, assignment_id, period_id, value, explanation, status, reason, late, version, submitted_at, updated_at FROM figures ORDER BY id`,
		`SELECT figure_id, version, value, explanation, status, action, reason, at FROM figure_versions ORDER BY figure_id, version`,
		`SELECT assignment_id, year, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12 FROM assignment_year ORDER BY assignment_id, year`,
		`SELECT seq, actor, action, entity, entity_id, before_json, after_json FROM audit_log ORDER BY seq`,
	}
	for _, q := range queries {
		ra, rb := dump(t, a, q), dump(t, b, q)
		if !reflect.DeepEqual(ra, rb) {
			t.Fatalf("%s\nsaved, then submitted:\n%v\nsaved and submitted:\n%v", q, ra, rb)
		}
	}
}

func dump(t *testing.T, d *db.DB, q string) []string {
	t.Helper()
	rows, err := d.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// StatusesOf reads, through the index by assignment, what Statuses reads
// for the whole year, in lists of any length.
func TestStatusesOf(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		fx := newFixture(t, d)
		reporter := audit.Actor{Name: "tb"}
		entries := []report.Entry{{AssignmentID: fx.a1, Value: f(1)}, {AssignmentID: fx.a2, Value: f(2)}}
		if _, err := fx.s.Import(ctx, audit.Actor{Name: "kaohe"}, []report.Batch{{Period: fx.periods[9], Entries: entries}}); err != nil {
			t.Fatal(err)
		}
		if err := fx.s.SaveAndSubmit(ctx, reporter, fx.nov(), entries, []int64{fx.a1}, nil); err != nil {
			t.Fatal(err)
		}
		all, err := fx.s.Statuses(ctx, 2019)
		if err != nil || len(all) != 4 {
			t.Fatalf("Statuses = %v, %v", all, err)
		}
		// 300 ids, the two real ones among them: three statements.
		ids := []int64{}
		for i := int64(1); len(ids) < 298; i++ {
			if i != fx.a1 && i != fx.a2 {
				ids = append(ids, 100000+i)
			}
		}
		ids = append([]int64{fx.a2}, append(ids, fx.a1)...)
		some, err := fx.s.StatusesOf(ctx, 2019, ids)
		if err != nil || !reflect.DeepEqual(some, all) {
			t.Fatalf("StatusesOf = %v, %v; want %v", some, err, all)
		}
		only, err := fx.s.StatusesOf(ctx, 2019, []int64{fx.a2})
		if err != nil || len(only) != 2 || only[[2]int64{fx.a2, 11}] != report.Draft {
			t.Fatalf("StatusesOf(a2) = %v, %v", only, err)
		}
	})
}
