package project_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/project"
	"gaoxin/internal/report"
	"gaoxin/internal/xlsx"
)

// The helpers of the fuzz targets carry an "fz" prefix. They take a
// testing.TB, for the databases and seeds are made before fuzzing starts.

// Any ledger, CSV or Excel, is imported whole or refused whole, and
// nothing panics. A refused file leaves the projects, their plans, nodes
// and units, the figures of the bound indicator and the audit trail as
// they were, and says why in the user's language; an accepted one counts
// every row of the file and leaves only projects, plans and nodes the
// store's forms would take. stocked runs the file against a year that
// already holds ioLedger.
func FuzzImportProjects(f *testing.F) {
	strs := func(rows [][]any) [][]string {
		out := make([][]string, len(rows))
		for i, r := range rows {
			for _, v := range r {
				if d, ok := v.(ioDate); ok {
					v = strings.ReplaceAll(d.day, "-", "/")
				}
				out[i] = append(out[i], fmt.Sprint(v))
			}
		}
		return out
	}
	workbook := func(rows [][]string) []byte {
		var b bytes.Buffer
		if err := xlsx.WriteXLSX(&b, "项目台账", rows[0], rows[1:]); err != nil {
			f.Fatal(err)
		}
		return b.Bytes()
	}
	gb := func(text string) []byte {
		out, err := simplifiedchinese.GB18030.NewEncoder().String(text)
		if err != nil {
			f.Fatal(err)
		}
		return []byte(out)
	}
	listed := ioFive()
	listed[1][4], listed[3][0], listed[4][9] = "无此单位", "XM-1", "很多"
	listed[2][16], listed[2][1], listed[5][19] = "9,500", "", "2019.13.01"
	revised := ioLedger()
	revised[2][1], revised[2][4], revised[2][16], revised[1][19] = "潍坊市科技馆", "FGJ", 45000, "2019-04-01"
	noLead := ioFive()
	for i := range noLead {
		noLead[i] = append(noLead[i][:4:4], noLead[i][5:]...)
	}
	english := [][]string{
		{"code", "name", "category", "lead_unit", "total_investment", "start_year", "end_year", "level", "planned_investment", "complete_planned"},
		{"XM-EN-1", "Science park", "innovation", "FGJ", "12,000.5", "2019", "2020", "city", "3000", "2020-10-31"},
	}
	for _, stocked := range []bool{false, true} {
		f.Add(fzWorkbook(f, ioLedger()), true, stocked)
		f.Add(workbook(strs(ioLedger())), true, stocked)
		f.Add(gb(ioCSV(strs(ioLedger()))), false, stocked)
		f.Add(fzWorkbook(f, revised), true, stocked)
		f.Add([]byte(ioCSV(strs(revised))), false, stocked)
		f.Add([]byte(ioCSV(strs(ioFive()))), false, stocked)
		f.Add([]byte(ioCSV(strs(listed))), false, stocked)
		f.Add(workbook(strs(listed)), true, stocked)
		f.Add([]byte(ioCSV(strs(noLead))), false, stocked)
		f.Add([]byte("\xef\xbb\xbf"+ioCSV(english)), false, stocked)
	}
	f.Add([]byte("PK\x03\x04 not really a workbook"), true, false)
	ctx := context.Background()
	// A database serves file after file for as long as they leave it as it
	// was; one a file changed is restored from its template, so that every
	// file meets the same year and a failure replays alone.
	var templates, work [2]*db.DB // the bare zone, and the zone holding ioLedger
	f.Cleanup(func() {
		for _, d := range append(templates[:], work[:]...) {
			if d != nil {
				d.Close()
			}
		}
	})
	for i := range templates {
		templates[i] = fzOpen(f)
		fzZone(f, templates[i], i == 1)
		work[i] = fzOpen(f)
		if err := templates[i].CopyTo(ctx, work[i]); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, excel, stocked bool) {
		name := "台账.csv"
		if excel {
			name = "台账.xlsx"
		}
		i := 0
		if stocked {
			i = 1
		}
		d := work[i]
		s := fzStore(d, "2019-06-15")
		before := fzLedgerState(t, d)
		sum, err := s.Import(ctx, audit.System, 2019, xlsx.Bytes(name, body))
		after := fzLedgerState(t, d)
		if err != nil {
			if after != before {
				t.Fatalf("a refused file changed the database:\n%s\nwas\n%s\n(%v)", after, before, err)
			}
			fzWantRefusal(t, err, name)
			return
		}
		defer func() {
			if err := templates[i].CopyTo(ctx, d); err != nil {
				t.Fatal(err)
			}
		}()
		tbl, rerr := xlsx.Read(name, bytes.NewReader(body))
		if rerr != nil {
			t.Fatalf("a file imported that cannot be read: %v", rerr)
		}
		if sum.Projects != len(tbl.Rows) {
			t.Fatalf("%d projects taken from %d rows", sum.Projects, len(tbl.Rows))
		}
		if after.projects < before.projects || after.projects > before.projects+sum.Projects {
			t.Fatalf("%d projects after taking %d, were %d", after.projects, sum.Projects, before.projects)
		}
		if after.imports != before.imports+1 {
			t.Fatalf("%d imports in the audit trail, were %d", after.imports, before.imports)
		}
		fzValidProjects(t, d)
	})
}

// Any workbook uploaded as a monthly report is read or refused, and
// nothing panics: a refusal is an import error naming the file, and
// reading writes nothing. The entries read are of the unit's projects,
// each once, with a month's investment that is a number not below zero.
func FuzzReadReport(f *testing.F) {
	ctx := context.Background()
	d := fzOpen(f)
	f.Cleanup(func() { d.Close() })
	w := fzZone(f, d, true)
	w.report(f)
	s := fzStore(d, "2019-07-01") // June's report is open
	for _, lang := range i18n.Langs {
		body, err := s.ReportWorkbook(ctx, 2019, 6, w.xc, lang)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body)
		f.Add(fzFill(f, body, map[string]any{"E6": "12,000.5", "G6": "主体结构施工至 12 层", "H6": "雨季影响工期", "F7": 6350.25, "G7": "基础完工"}))
		f.Add(fzFill(f, body, map[string]any{"E6": 1000, "F6": "5.1亿元"}))
		f.Add(fzFill(f, body, map[string]any{"F6": 40000, "E7": 100, "F7": "7,000", "A8": "XM2019-002", "E8": 10,
			"A9": "XM2020-001", "E9": 10, "A10": "XM-0000", "E10": 1, "E11": 5, "A12": "XM2019-001", "G12": "重复"}))
		f.Add(fzFill(f, body, map[string]any{"E6": "-5", "E7": "约100", "B2": "FGJ"}))
		f.Add(fzFill(f, body, map[string]any{"D3": "7", "E6": 1}))
	}
	f.Add(fzWorkbook(f, ioLedger()))
	f.Add([]byte("not a workbook"))
	before := fzLedgerState(f, d)
	f.Fuzz(func(t *testing.T, body []byte) {
		entries, err := s.ReadReportWorkbook(ctx, 2019, 6, w.xc, "新城6月.xlsx", body)
		if after := fzLedgerState(t, d); after != before {
			t.Fatalf("reading a report changed the database:\n%s\nwas\n%s", after, before)
		}
		if err != nil {
			fzWantRefusal(t, err, "新城6月.xlsx")
			return
		}
		seen := map[int64]bool{}
		for _, e := range entries {
			if e.ProjectID != w.ids["XM2019-001"] && e.ProjectID != w.ids["XM2019-003"] || seen[e.ProjectID] {
				t.Fatalf("an entry of project %d: %+v", e.ProjectID, entries)
			}
			seen[e.ProjectID] = true
			if v := e.InvestMonth; v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0) || *v < 0) {
				t.Fatalf("a month's investment of %v", *v)
			}
		}
	})
}

// fzWantRefusal fails t unless err is a refusal a user can read: an
// import error that names the file and its problems, or a message.
func fzWantRefusal(t *testing.T, err error, name string) {
	t.Helper()
	var ie *i18n.ImportError
	var ve *i18n.Error
	switch {
	case errors.As(err, &ie):
		if ie.File != name || ie.Count() == 0 {
			t.Fatalf("a refusal of another file or of no problem: %+v", ie)
		}
	case errors.As(err, &ve):
		if text := ve.In(i18n.ZH); !strings.Contains(text, name) {
			t.Fatalf("a refusal that does not name %s: %s", name, text)
		}
	default:
		t.Fatalf("a file refused without a message: %v", err)
	}
}

func fzOpen(tb testing.TB) *db.DB {
	tb.Helper()
	d, err := db.Open(context.Background(), "sqlite::memory:")
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// fzStore is a project store on d whose clock stands at 10:00 China time
// on day.
func fzStore(d *db.DB, day string) *project.Store {
	at, err := time.ParseInLocation("2006-01-02", day, time.FixedZone("CST", 8*3600))
	if err != nil {
		panic(err)
	}
	at = at.Add(10 * time.Hour).UTC()
	s := project.NewStore(d)
	s.SetClock(func() time.Time { return at })
	return s
}

// fzWorld is ioZone's units and periods, with an indicator bound to the
// projects' total investment.
type fzWorld struct {
	d       *db.DB
	xc      int64
	periods []report.Period
	ids     map[string]int64 // the projects of ioLedger by code
}

// fzZone fills d with the world; ledger imports ioLedger into it.
func fzZone(tb testing.TB, d *db.DB, ledger bool) *fzWorld {
	tb.Helper()
	ctx := context.Background()
	w := &fzWorld{d: d, ids: map[string]int64{}}
	units := org.NewStore(d)
	mk := func(code, name string, kind org.Kind, parent int64) int64 {
		u, err := units.Create(ctx, audit.System, org.Fields{Code: code, Name: name, Kind: kind}, parent)
		if err != nil {
			tb.Fatalf("unit %s: %v", code, err)
		}
		return u.ID
	}
	gx := mk("GX", "高新区", org.KindZone, 0)
	mk("FGJ", "发展改革局", org.KindDepartment, gx)
	w.xc = mk("XC", "新城街道", org.KindStreet, gx)
	mk("XCY", "新城产业园", org.KindPark, w.xc)
	mk("JSJ", "建设局", org.KindDepartment, gx)
	if _, err := units.SetActive(ctx, audit.System, mk("ZSJ", "原招商局", org.KindDepartment, gx), false); err != nil {
		tb.Fatal(err)
	}
	var err error
	if w.periods, err = report.NewStore(d).OpenYear(ctx, audit.System, 2019, 10, 3); err != nil {
		tb.Fatal(err)
	}
	var indicator int64
	err = plan.NewStore(d).Write(ctx, audit.System, func(tx *plan.Tx) error {
		p, err := tx.CreatePlan(2019, "")
		if err != nil {
			return err
		}
		n, err := tx.AddNode(p.ID, 0, plan.NodeFields{Code: "CY", Name: "产业项目"})
		if err != nil {
			return err
		}
		in, err := tx.AddIndicator(plan.Indicator{PlanID: p.ID, NodeID: n.ID, Code: "CY02", Name: "重点项目总投资", UOM: "亿元",
			Direction: plan.Higher, Frequency: plan.Monthly, Semantics: plan.Stock, Aggregation: plan.Sum, Precision: 1})
		if err != nil {
			return err
		}
		indicator = in.ID
		_, err = tx.Assign(in.ID, gx)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	s := fzStore(d, "2019-06-15")
	if err := s.Bind(ctx, audit.System, indicator, "project:total"); err != nil {
		tb.Fatal(err)
	}
	if !ledger {
		return w
	}
	if _, err := s.Import(ctx, audit.System, 2019, xlsx.Bytes("台账.xlsx", fzWorkbook(tb, ioLedger()))); err != nil {
		tb.Fatal(err)
	}
	for _, code := range []string{"XM2019-001", "XM2019-002", "XM2019-003"} {
		p, err := s.ByCode(ctx, code)
		if err != nil {
			tb.Fatal(err)
		}
		w.ids[code] = p.ID
	}
	return w
}

// report adds ioNewReporting's project of 2020 and reports of January to
// May: 10,000 a month on XM2019-001, 2,000 on XM2019-003 from March.
func (w *fzWorld) report(tb testing.TB) {
	tb.Helper()
	ctx := context.Background()
	s := fzStore(w.d, "2019-06-15")
	later, err := s.Create(ctx, audit.System, project.Project{Code: "XM2020-001", Name: "新城文体中心", Category: "social",
		LeadUnitID: w.xc, TotalInvestment: 30000, StartYear: 2020, EndYear: 2021})
	if err == nil {
		err = s.SetYear(ctx, audit.System, project.Year{ProjectID: later.ID, Year: 2020, PlannedInvestment: 10000})
	}
	if err != nil {
		tb.Fatal(err)
	}
	for m := 1; m <= 5; m++ {
		values := map[int64]float64{w.ids["XM2019-001"]: 10000}
		if m >= 3 {
			values[w.ids["XM2019-003"]] = 2000
		}
		var entries []project.Entry
		var due []int64
		for id, v := range values {
			entries = append(entries, project.Entry{ProjectID: id, InvestMonth: &v, Progress: "按计划施工", Problems: "无"})
			due = append(due, id)
		}
		in := fzStore(w.d, fmt.Sprintf("2019-%02d-01", m+1))
		if err := in.Submit(ctx, audit.System, w.periods[m-1], entries, due); err != nil {
			tb.Fatalf("submit month %d: %v", m, err)
		}
	}
}

// fzWorkbook is ioWorkbook for a testing.TB.
func fzWorkbook(tb testing.TB, rows [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "项目台账"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		tb.Fatal(err)
	}
	for r, cells := range rows {
		for c, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var err error
			switch v := v.(type) {
			case string:
				err = f.SetCellStr(sheet, cell, v)
			case ioDate:
				day, _ := time.Parse("2006-01-02", v.day)
				style := &excelize.Style{NumFmt: v.numFmt}
				if v.custom != "" {
					style.CustomNumFmt = &v.custom
				}
				id, serr := f.NewStyle(style)
				if serr != nil {
					tb.Fatal(serr)
				}
				err = f.SetCellValue(sheet, cell, day.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours()/24)
				if err == nil {
					err = f.SetCellStyle(sheet, cell, cell, id)
				}
			default:
				err = f.SetCellValue(sheet, cell, v)
			}
			if err != nil {
				tb.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// fzFill is ioFill for a testing.TB: a copy of the workbook with cells set.
func fzFill(tb testing.TB, body []byte, cells map[string]any) []byte {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	for cell, v := range cells {
		if s, ok := v.(string); ok {
			err = f.SetCellStr(sheet, cell, s)
		} else {
			err = f.SetCellValue(sheet, cell, v)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// fzLedger sums up what a ledger import may change.
type fzLedger struct {
	projects, years, nodes, units, figures, audit, imports int
	investment, planned, figureSum                         float64
	textLength                                             int // of the projects' words, the plans' goals and the nodes' dates
}

func (s fzLedger) String() string {
	type plain fzLedger // without this method
	return fmt.Sprintf("%+v", plain(s))
}

func fzLedgerState(tb testing.TB, d *db.DB) fzLedger {
	tb.Helper()
	var s fzLedger
	err := d.QueryRow(context.Background(), `SELECT
		(SELECT COUNT(*) FROM projects), (SELECT COUNT(*) FROM project_years), (SELECT COUNT(*) FROM project_nodes),
		(SELECT COUNT(*) FROM project_units), (SELECT COUNT(*) FROM figures), (SELECT COUNT(*) FROM audit_log),
		(SELECT COUNT(*) FROM audit_log WHERE action = 'project.import'),
		(SELECT COALESCE(SUM(total_investment + start_year + end_year + lead_unit_id), 0) FROM projects),
		(SELECT COALESCE(SUM(planned_investment + invested_before), 0) FROM project_years),
		(SELECT COALESCE(SUM(value), 0) FROM figures),
		(SELECT COALESCE(SUM(LENGTH(code) + LENGTH(name) + LENGTH(category) + LENGTH(cluster) + LENGTH(leader) + LENGTH(investor) +
			LENGTH(location) + LENGTH(content) + LENGTH(capacity) + LENGTH(level) + LENGTH(tags)), 0) FROM projects) +
		(SELECT COALESCE(SUM(LENGTH(progress_goal) + LENGTH(profile)), 0) FROM project_years) +
		(SELECT COALESCE(SUM(LENGTH(stage) + LENGTH(planned_on) + LENGTH(actual_on)), 0) FROM project_nodes)`).
		Scan(&s.projects, &s.years, &s.nodes, &s.units, &s.figures, &s.audit, &s.imports,
			&s.investment, &s.planned, &s.figureSum, &s.textLength)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// fzValidProjects fails t on a project, plan or node the store's forms
// would refuse.
func fzValidProjects(t *testing.T, d *db.DB) {
	t.Helper()
	var bad int
	err := d.QueryRow(context.Background(), `SELECT
		(SELECT COUNT(*) FROM projects WHERE NOT (total_investment > 0 AND start_year BETWEEN 2000 AND 2100
			AND end_year BETWEEN start_year AND 2100 AND name <> '' AND code <> '')) +
		(SELECT COUNT(*) FROM project_years y JOIN projects p ON p.id = y.project_id WHERE NOT (y.year BETWEEN p.start_year AND p.end_year
			AND y.planned_investment >= 0 AND y.invested_before >= 0
			AND y.planned_investment + y.invested_before <= p.total_investment + 1e-6)) +
		(SELECT COUNT(*) FROM project_nodes WHERE done OR actual_on <> '' OR
			(planned_on <> '' AND (LENGTH(planned_on) <> 10 OR date(planned_on) IS NULL OR date(planned_on) <> planned_on)))`).Scan(&bad)
	if err != nil {
		t.Fatal(err)
	}
	if bad > 0 {
		t.Fatalf("%d projects, plans or nodes the forms would refuse", bad)
	}
}
