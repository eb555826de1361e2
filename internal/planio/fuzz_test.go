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
	// A database serves file after file for as long as they leave it as it
	// was, so that every file meets the same year and a failure replays
	// alone, without paying for a new database each time.
	var years [2]*db.DB // the bare plan, and the year under way
	f.Cleanup(func() {
		for _, d := range years {
			if d != nil {
				d.Close()
			}
		}
	})
	f.Fuzz(func(t *testing.T, body []byte, excel, opened bool) {
		name := "figures.csv"
		if excel {
			name = "figures.xlsx"
		}
		tbl, err := xlsx.Read(name, bytes.NewReader(body))
		if err != nil {
			return
		}
		i := 0
		if opened {
			i = 1
		}
		d := years[i]
		years[i] = nil
		t.Cleanup(func() {
			if d != nil && years[i] != d {
				d.Close()
			}
		})
		if d == nil {
			d = newYear(t, opened)
		}
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
			years[i] = d
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
			years[i] = d
		}
	})
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
