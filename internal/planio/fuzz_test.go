package planio_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/planio"
	"gaoxin/internal/report"
	"gaoxin/internal/xlsx"
)

// Any mapping file (the JSON that maps another system's columns onto
// gaoxin's) is read or refused with a message, never a panic.
func FuzzReadMapping(f *testing.F) {
	for _, name := range []string{"testdata/mta_figures.json", "testdata/mta_indicators.json"} {
		seed, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(seed)
	}
	f.Add([]byte(`{"columns": {"code": 3}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		_, err := planio.ReadMapping(bytes.NewReader(body))
		if err == nil {
			return
		}
		var verr *i18n.Error
		var ierr *i18n.ImportError
		if !errors.As(err, &verr) && !errors.As(err, &ierr) {
			t.Fatalf("a bad mapping gives a bare error: %v", err)
		}
	})
}

// Any figures file, CSV or Excel, is imported whole or refused whole, and
// nothing panics. A refused file leaves the figures, their versions, the
// targets, the periods and the audit trail as they were; an accepted one
// leaves only figures a file may give: a value for a unit's share of an
// indicator, in a month the indicator is due and whose period is not locked.
// opened runs the file against a year already under way (periods open, May
// locked, the figures of zhFigures in); otherwise against the bare plan.
func FuzzImportFigures(f *testing.F) {
	csv := func(lines ...string) []byte { return []byte(strings.Join(lines, "\r\n") + "\r\n") }
	workbook := func(lines ...string) []byte {
		var rows [][]string
		for _, l := range lines[1:] {
			rows = append(rows, strings.Split(l, ","))
		}
		var b bytes.Buffer
		if err := xlsx.WriteXLSX(&b, "figures", strings.Split(lines[0], ","), rows); err != nil {
			f.Fatal(err)
		}
		return b.Bytes()
	}
	files := [][]string{
		zhFigures,
		{"code,unit,month,value,explanation", "ZL01,KCJ,1,220,corrected", "SR01,XC,2019/2,8.1%,"},
		{"code,unit,month,value,monthly_target", "ZL01,KCJ,5,100,300", "ZL01,XC,12,30,"},
		{"指标编码,单位编码,月份,数值,累计目标", "ZL01,XC,1,20,", "ZL01,XC,1,21,", "AQ01,XC,2,1,", "XX01,GX,13,约5,9"},
		{"code,unit,month,value,ytd_target", "ZL01,XC,2019-12,300,310", "AQ01,XC,12,3,"},
	}
	for _, lines := range files {
		for _, opened := range []bool{false, true} {
			f.Add(csv(lines...), false, opened)
			f.Add(workbook(lines...), true, opened)
		}
	}
	years := newSpares(f, newYear) // the bare plan, and the year under way
	f.Fuzz(func(t *testing.T, body []byte, excel, opened bool) {
		name := "figures.csv"
		if excel {
			name = "figures.xlsx"
		}
		tbl, err := xlsx.Read(name, bytes.NewReader(body))
		if err != nil {
			return
		}
		d := years.take(t, opened)
		before := fingerprint(t, d)
		res, err := planio.ImportFigures(context.Background(), d, office, 2019, tbl, planio.Mapping{}, false)
		after := fingerprint(t, d)
		if err != nil {
			if after != before {
				t.Fatalf("a refused file changed the database:\n%+v\nwas\n%+v\n(%s)", after, before, describe(err))
			}
			var ie *i18n.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("a file refused without an import error: %v", err)
			}
			years.keep(opened, d)
			return
		}
		if n := res.Figures.Created + res.Figures.Updated + res.Figures.Unchanged; n != res.Rows {
			t.Fatalf("%d rows accepted, %d figures counted: %+v", res.Rows, n, res)
		}
		if after.figures != before.figures+res.Figures.Created {
			t.Fatalf("%d figures after creating %d, were %d", after.figures, res.Figures.Created, before.figures)
		}
		validFigures(t, d)
		if after == before {
			years.keep(opened, d)
		}
	})
}

// spares keeps a fuzz target's databases, one for each of its two
// worlds, from file to file for as long as the files leave them as they
// were: every file meets the same world, and a failure replays alone,
// without paying for a new database each time.
type spares struct {
	open func(t *testing.T, second bool) *db.DB
	dbs  [2]*db.DB
}

func newSpares(f *testing.F, open func(t *testing.T, second bool) *db.DB) *spares {
	s := &spares{open: open}
	f.Cleanup(func() {
		for _, d := range s.dbs {
			if d != nil {
				d.Close()
			}
		}
	})
	return s
}

// take is a world's database, kept from an earlier file or opened anew;
// it is closed when t ends unless kept again.
func (s *spares) take(t *testing.T, second bool) *db.DB {
	i := index(second)
	d := s.dbs[i]
	s.dbs[i] = nil
	if d == nil {
		d = s.open(t, second)
	}
	t.Cleanup(func() {
		if s.dbs[i] != d {
			d.Close()
		}
	})
	return d
}

// keep gives a database still as it was back for the next file.
func (s *spares) keep(second bool, d *db.DB) { s.dbs[index(second)] = d }

func index(second bool) int {
	if second {
		return 1
	}
	return 0
}

// newYear opens a database holding figurePlan's plan; opened puts the
// year under way: its periods open, zhFigures imported, and May locked.
func newYear(t *testing.T, opened bool) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), "sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	figurePlan(t, d)
	if !opened {
		return d
	}
	mustFigures(t, d, 2019, table(t, "figures.csv", zhFigures...), planio.Mapping{})
	rs := report.NewStore(d)
	may, err := rs.PeriodOf(ctx, 2019, 5)
	if err != nil {
		t.Fatal(err)
	}
	if err := rs.SetLocked(ctx, audit.System, may.ID, true); err != nil {
		t.Fatal(err)
	}
	return d
}

// tables sums up what a figure import may change.
type tables struct {
	figures, versions, targets, periods, audit int
	valueSum, versionSum                       float64
}

func fingerprint(t *testing.T, d *db.DB) tables {
	t.Helper()
	var s tables
	err := d.QueryRow(context.Background(), `SELECT
		(SELECT COUNT(*) FROM figures), (SELECT COALESCE(SUM(value), 0) FROM figures),
		(SELECT COALESCE(SUM(version), 0) FROM figures), (SELECT COUNT(*) FROM figure_versions),
		(SELECT COUNT(*) FROM targets), (SELECT COUNT(*) FROM periods), (SELECT COUNT(*) FROM audit_log)`).
		Scan(&s.figures, &s.valueSum, &s.versionSum, &s.versions, &s.targets, &s.periods, &s.audit)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validFigures fails t on any figure a file may not give, and on any
// target that is not a number.
func validFigures(t *testing.T, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	rows, err := d.Query(ctx, `SELECT i.code, i.frequency, p.year, p.month, p.locked, f.value, f.status
		FROM figures f JOIN periods p ON p.id = f.period_id JOIN assignments a ON a.id = f.assignment_id
		JOIN indicators i ON i.id = a.indicator_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, frequency, status string
		var year, month int
		var locked bool
		var value *float64
		if err := rows.Scan(&code, &frequency, &year, &month, &locked, &value, &status); err != nil {
			t.Fatal(err)
		}
		switch {
		case year != 2019 || !plan.Frequency(frequency).Due(month):
			t.Errorf("a figure of %s for %d-%02d, when it is not due", code, year, month)
		case locked:
			t.Errorf("a figure of %s in the locked %d-%02d", code, year, month)
		case value == nil || math.IsNaN(*value) || math.IsInf(*value, 0):
			t.Errorf("a figure of %s for %d-%02d has no value: %v", code, year, month, value)
		case report.Status(status) != report.Approved:
			t.Errorf("an imported figure of %s is %s", code, status)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	p, _, _ := planOf(t, d, 2019)
	targets, err := plan.NewStore(d).Targets(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		for _, v := range append([]float64{deref(tg.Committed)}, tg.ProfileValues...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("a target of indicator %d, unit %d is %v: %+v", tg.IndicatorID, tg.UnitID, v, tg)
			}
		}
	}
}

func deref(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

// Any indicators file, CSV or Excel, is imported whole or refused whole,
// and nothing panics. A refused file leaves the plan, its nodes,
// indicators, shares, targets and the audit trail as they were, and says
// why by row; an accepted one leaves only indicators the plan's own
// validation takes and targets that are numbers. revision runs the file
// against a plan already built from zhPlan; otherwise against a zone
// with no plan yet.
func FuzzImportIndicators(f *testing.F) {
	csv := func(lines ...string) []byte { return []byte(strings.Join(lines, "\r\n") + "\r\n") }
	files := [][]string{
		zhPlan,
		{"code,name,unit,committed", "ZL01,专利申请数,,3300", "ZL01,,KCJ,2900", "ZL01,,XC,300"},
		{"节点,指标编码,指标名称,计量单位,方向,频次,口径,汇总,单位编码,确保目标,目标年度",
			"科技创新 / 专利,ZL01,专利申请量,件,越大越好,月,当期,求和,,3200,",
			",ZL01,,,,,,,NOPE,100,",
			"科技创新 // 专利,ZL02,专利授权量,件,向上,周,当期,中位数,,约30,2018"},
	}
	for _, lines := range files {
		for _, revision := range []bool{false, true} {
			f.Add(csv(lines...), revision)
		}
	}
	worlds := newSpares(f, planWorld) // the zone alone, and the zone with zhPlan's plan
	f.Fuzz(func(t *testing.T, body []byte, revision bool) {
		tbl, err := xlsx.Read("plan.csv", bytes.NewReader(body))
		if err != nil {
			return
		}
		d := worlds.take(t, revision)
		before := planPrint(t, d)
		res, err := planio.ImportIndicators(context.Background(), d, office, 2019, tbl, planio.Mapping{}, false)
		after := planPrint(t, d)
		if err != nil {
			if after != before {
				t.Fatalf("a refused file changed the plan:\n%+v\nwas\n%+v\n(%s)", after, before, describe(err))
			}
			var ie *i18n.ImportError
			if !errors.As(err, &ie) || ie.Count() == 0 {
				t.Fatalf("a file refused without a problem by row: %v", err)
			}
			worlds.keep(revision, d)
			return
		}
		if res.Rows+res.Skipped != len(tbl.Rows) {
			t.Fatalf("%d rows imported and %d skipped of %d: %+v", res.Rows, res.Skipped, len(tbl.Rows), res)
		}
		if added := after.indicators - before.indicators; added != res.Indicators.Created {
			t.Fatalf("%d indicators added, %d counted as created: %+v", added, res.Indicators.Created, res)
		}
		if after.targets-before.targets != res.Targets || after.nodes-before.nodes != res.Nodes {
			t.Fatalf("%+v after %+v, was %+v", after, res, before)
		}
		p, byCode, _ := planOf(t, d, 2019)
		for code, in := range byCode {
			if verr := in.Validate(); verr != nil {
				t.Errorf("the plan holds indicator %q, which its validation refuses: %s", code, verr.In(i18n.EN))
			}
		}
		targets, err := plan.NewStore(d).Targets(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range targets {
			for _, v := range append([]float64{deref(tg.Committed), deref(tg.Stretch), deref(tg.Baseline)}, tg.ProfileValues...) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("a target of indicator %d, unit %d is %v: %+v", tg.IndicatorID, tg.UnitID, v, tg)
				}
			}
		}
		if after == before {
			worlds.keep(revision, d)
		}
	})
}

// planWorld opens a database holding the small tests' zone and, for a
// revision, the plan zhPlan builds.
func planWorld(t *testing.T, revision bool) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), "sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	zone(t, d)
	if revision {
		mustIndicators(t, d, 2019, table(t, "plan.csv", zhPlan...), planio.Mapping{})
	}
	return d
}

// planTables sums up what an indicators import may change.
type planTables struct {
	plans, nodes, indicators, assignments, targets, audit int
	text                                                  int // lengths of every name, code and path
	targetSum                                             float64
}

func planPrint(t *testing.T, d *db.DB) planTables {
	t.Helper()
	var s planTables
	err := d.QueryRow(context.Background(), `SELECT
		(SELECT COUNT(*) FROM plans), (SELECT COUNT(*) FROM plan_nodes), (SELECT COUNT(*) FROM indicators),
		(SELECT COUNT(*) FROM assignments), (SELECT COUNT(*) FROM targets), (SELECT COUNT(*) FROM audit_log),
		(SELECT COALESCE(SUM(LENGTH(code) + LENGTH(name) + LENGTH(uom) + LENGTH(direction) + LENGTH(frequency)), 0) FROM indicators)
		+ (SELECT COALESCE(SUM(LENGTH(code) + LENGTH(name)), 0) FROM plan_nodes),
		(SELECT COALESCE(SUM(COALESCE(committed, 0) + COALESCE(stretch, 0) + COALESCE(baseline, 0)), 0) FROM targets)`).
		Scan(&s.plans, &s.nodes, &s.indicators, &s.assignments, &s.targets, &s.audit, &s.text, &s.targetSum)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
