package demo_test

import (
	"errors"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
	"gaoxin/internal/plan"
	"gaoxin/internal/progress"
)

// small is big enough that assignments, targets and figures each take
// more than one INSERT statement.
var small = demo.Scale{Units: 60, Indicators: 80, Assignments: 2500, Months: 11, Seed: 7}

func TestGenerateScale(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if err := demo.GenerateScale(ctx, d, small); err != nil {
			t.Fatal(err)
		}
		figures := dueFigures(t, d, small.Months)
		for table, want := range map[string]int{
			"units": small.Units, "unit_history": small.Units, "indicators": small.Indicators,
			"assignments": small.Assignments, "targets": small.Indicators + small.Assignments, "periods": 12,
			"figures": figures, "figure_versions": figures, "plans": 1, "audit_log": 1,
		} {
			if got := count(t, d, "SELECT COUNT(*) FROM "+table); got != want {
				t.Errorf("%s: %d rows, want %d", table, got, want)
			}
		}
		checkShape(t, d)
		checkBoard(t, d)
		if n, brk, err := audit.Verify(ctx, d); err != nil || brk != nil || n != 1 {
			t.Fatalf("audit trail: %d entries, %v, %v; want the one entry of the load", n, brk, err)
		}
		if err := demo.GenerateScale(ctx, d, small); !errors.Is(err, demo.ErrNotEmpty) {
			t.Fatalf("generating into a database with units = %v, want ErrNotEmpty", err)
		}
	})
}

// dueFigures is how many figures the assignments should have: one for each
// month up to months in which the indicator is due.
func dueFigures(t *testing.T, d *db.DB, months int) int {
	t.Helper()
	rows, err := d.Query(ctx, "SELECT i.frequency, COUNT(*) FROM assignments a JOIN indicators i ON i.id = a.indicator_id GROUP BY i.frequency")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var freq string
		var assignments int
		if err := rows.Scan(&freq, &assignments); err != nil {
			t.Fatal(err)
		}
		for m := 1; m <= months; m++ {
			if plan.Frequency(freq).Due(m) {
				n += assignments
			}
		}
	}
	return n
}

func count(t *testing.T, d *db.DB, q string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(ctx, q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// checkShape looks at the trees, the mix of indicators and the figures' state.
func checkShape(t *testing.T, d *db.DB) {
	t.Helper()
	if n := count(t, d, "SELECT COUNT(*) FROM units u JOIN units p ON p.id = u.parent_id WHERE u.path <> p.path || CAST(u.id AS TEXT) || '/'"); n != 0 {
		t.Errorf("%d units have a path that does not extend their parent's", n)
	}
	p, err := plan.NewStore(d).PlanByYear(ctx, demo.ScaleYear)
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := plan.NewStore(d).Nodes(ctx, p.ID)
	if err != nil || len(nodes) == 0 {
		t.Fatalf("nodes = %d, %v", len(nodes), err)
	}
	for _, n := range nodes {
		if n.Depth() > 4 || n.Depth() < 0 {
			t.Errorf("node %s is at depth %d (path %q), want 0–4", n.Code, n.Depth(), n.Path)
		}
	}
	for _, q := range []string{
		"SELECT COUNT(DISTINCT semantics) FROM indicators", "SELECT COUNT(DISTINCT direction) FROM indicators",
		"SELECT COUNT(DISTINCT frequency) FROM indicators",
	} {
		if n := count(t, d, q); n < 3 {
			t.Errorf("%s = %d: the mix is too thin", q, n)
		}
	}
	if n := count(t, d, `SELECT COUNT(*) FROM figures f JOIN figure_versions v ON v.figure_id = f.id AND v.version = f.version
		WHERE f.status = 'approved' AND v.status = 'approved' AND f.value = v.value`); n != count(t, d, "SELECT COUNT(*) FROM figures") {
		t.Errorf("only %d figures are approved with a matching version row", n)
	}
}

// checkBoard evaluates the year: November, a status for most indicators.
func checkBoard(t *testing.T, d *db.DB) {
	t.Helper()
	b, err := dashboard.Load(ctx, d, demo.ScaleYear, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b.Month != small.Months || len(b.Indicators) != small.Indicators {
		t.Fatalf("board at month %d with %d indicators, want %d and %d", b.Month, len(b.Indicators), small.Months, small.Indicators)
	}
	seen := map[progress.Status]int{}
	units := 0
	for _, in := range b.Indicators {
		seen[in.Zone.Status]++
		units += len(in.ByUnit)
	}
	if units != small.Assignments {
		t.Errorf("the board evaluates %d assignments, want %d", units, small.Assignments)
	}
	if none := seen[progress.StatusNone]; none*5 > len(b.Indicators) {
		t.Errorf("%d of %d indicators have no status: %v", none, len(b.Indicators), seen)
	}
	for _, s := range []progress.Status{progress.StatusAhead, progress.StatusOnTrack, progress.StatusBehind, progress.StatusSeriouslyBehind} {
		if seen[s] == 0 {
			t.Errorf("no indicator is %s: %v", s, seen)
		}
	}
}

// The same scale and seed give the same data.
func TestGenerateScaleReproducible(t *testing.T) {
	fingerprint := func() [3]float64 {
		d := dbtest.SQLite(t)
		if err := demo.GenerateScale(ctx, d, small); err != nil {
			t.Fatal(err)
		}
		var f [3]float64
		err := d.QueryRow(ctx, `SELECT (SELECT SUM(value) FROM figures), (SELECT SUM(committed) FROM targets),
			(SELECT SUM(LENGTH(name) * id) FROM units)`).Scan(&f[0], &f[1], &f[2])
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	if a, b := fingerprint(), fingerprint(); a != b {
		t.Fatalf("two loads of the same scale differ: %v and %v", a, b)
	}
}
