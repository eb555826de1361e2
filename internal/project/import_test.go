package project_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/project"
	"gaoxin/internal/report"
	"gaoxin/internal/xlsx"
)

// The helpers of the import tests carry an "io" prefix, apart from those
// of the store tests in the same package.

var ioCtx = context.Background()

// ioZone is a zone of six units, one of them deactivated, the 2019
// periods, and a project store whose clock a test moves, starting on
// 2019-06-15:
//
//	高新区 GX
//	├── 发展改革局 FGJ
//	├── 新城街道 XC
//	│   └── 新城产业园 XCY
//	├── 建设局 JSJ
//	└── 原招商局 ZSJ (deactivated)
type ioZone struct {
	d                     *db.DB
	s                     *project.Store
	now                   time.Time
	periods               []report.Period
	gx, fgj, xc, xcy, jsj int64
}

func ioNewZone(t *testing.T, d *db.DB) *ioZone {
	t.Helper()
	z := &ioZone{d: d}
	z.on("2019-06-15")
	units := org.NewStore(d)
	mk := func(code, name string, kind org.Kind, parent int64) int64 {
		u, err := units.Create(ioCtx, audit.System, org.Fields{Code: code, Name: name, Kind: kind}, parent)
		if err != nil {
			t.Fatalf("unit %s: %v", code, err)
		}
		return u.ID
	}
	z.gx = mk("GX", "高新区", org.KindZone, 0)
	z.fgj = mk("FGJ", "发展改革局", org.KindDepartment, z.gx)
	z.xc = mk("XC", "新城街道", org.KindStreet, z.gx)
	z.xcy = mk("XCY", "新城产业园", org.KindPark, z.xc)
	z.jsj = mk("JSJ", "建设局", org.KindDepartment, z.gx)
	if _, err := units.SetActive(ioCtx, audit.System, mk("ZSJ", "原招商局", org.KindDepartment, z.gx), false); err != nil {
		t.Fatal(err)
	}
	rs := report.NewStore(d)
	rs.SetClock(z.clock)
	var err error
	if z.periods, err = rs.OpenYear(ioCtx, audit.System, 2019, 10, 3); err != nil {
		t.Fatal(err)
	}
	z.s = project.NewStore(d)
	z.s.SetClock(z.clock)
	return z
}

func (z *ioZone) clock() time.Time { return z.now }

// on sets the clock to 10:00 China time on a day.
func (z *ioZone) on(day string) {
	d, err := time.ParseInLocation("2006-01-02", day, time.FixedZone("CST", 8*3600))
	if err != nil {
		panic(err)
	}
	z.now = d.Add(10 * time.Hour).UTC()
}

// count counts a table's rows.
func (z *ioZone) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := z.d.QueryRow(ioCtx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// ioDate is a cell holding an Excel date serial in a number format.
type ioDate struct {
	day    string
	numFmt int
	custom string
}

// ioWorkbook writes rows (the first is the header) as an xlsx in memory;
// strings go in as text, numbers as numbers, ioDate as date cells.
func ioWorkbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "项目台账"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
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
				serial := day.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
				style := &excelize.Style{NumFmt: v.numFmt}
				if v.custom != "" {
					style.CustomNumFmt = &v.custom
				}
				id, serr := f.NewStyle(style)
				if serr != nil {
					t.Fatal(serr)
				}
				err = f.SetCellValue(sheet, cell, serial)
				if err == nil {
					err = f.SetCellStyle(sheet, cell, cell, id)
				}
			default:
				err = f.SetCellValue(sheet, cell, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// ioCSV writes rows as CSV text, quoting every cell.
func ioCSV(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(c, `"`, `""`) + `"`)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

var ioHeader = []string{"项目编码", "项目名称", "项目类别", "产业链", "牵头单位", "配合单位", "责任领导", "投资主体", "建设地点",
	"总投资（万元）", "建设内容", "设计产能", "开工年份", "竣工年份", "项目级别", "标签", "年度计划投资（万元）",
	"以前年度完成投资（万元）", "形象进度目标", "开工计划", "竣工计划"}

// ioLedger is a good ledger of three projects, as an xlsx with numbers and
// dates in their own cells.
func ioLedger() [][]any {
	return [][]any{
		toAny(ioHeader),
		{"XM2019-001", "歌尔智慧城二期", "industrial", "虚拟现实", "XC", "发展改革局、JSJ", "张区长", "歌尔股份有限公司", "新城街道玉清东街",
			"63亿元", "研发楼及生产车间", "年产 VR 整机 500 万台", 2018, 2021, "省重点", "双招双引，智能制造", "120,000", 80000, "主体完工",
			ioDate{day: "2019-03-01", custom: "yyyy-mm-dd"}, "2021/6/30"},
		{"XM2019-002", "潍坊科技馆", "基础设施项目", "", "建设局", "", "李局长", "", "", 85000, "", "", "2019年", 2020, "市重点", "",
			40000, "", "", "2019年4月15日", ""},
		{"XM2019-003", "新城小学扩建", "social", "", "新城街道", "新城产业园;FGJ", "", "", "", "2.5亿", "", "", 2019, 2019, "", "",
			"25000", "0", "竣工", ioDate{day: "2019-05-31", numFmt: 14}, "2019-12-31"},
	}
}

func toAny(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

// ioWant is what ioLedger holds, for the zone z.
func ioWant(z *ioZone) []project.Project {
	return []project.Project{
		{Code: "XM2019-001", Name: "歌尔智慧城二期", Category: "industrial", Cluster: "虚拟现实", LeadUnitID: z.xc,
			Cooperators: []int64{z.fgj, z.jsj}, Leader: "张区长", Investor: "歌尔股份有限公司", Location: "新城街道玉清东街",
			TotalInvestment: 630000, Content: "研发楼及生产车间", Capacity: "年产 VR 整机 500 万台", StartYear: 2018, EndYear: 2021,
			Level: project.Province, Tags: []string{"双招双引", "智能制造"}},
		{Code: "XM2019-002", Name: "潍坊科技馆", Category: "infrastructure", LeadUnitID: z.jsj, Leader: "李局长",
			TotalInvestment: 85000, StartYear: 2019, EndYear: 2020, Level: project.City},
		{Code: "XM2019-003", Name: "新城小学扩建", Category: "social", LeadUnitID: z.xc, Cooperators: []int64{z.fgj, z.xcy},
			TotalInvestment: 25000, StartYear: 2019, EndYear: 2019, Level: project.District},
	}
}

var ioWantYears = map[string]project.Year{
	"XM2019-001": {Year: 2019, PlannedInvestment: 120000, InvestedBefore: 80000, ProgressGoal: "主体完工"},
	"XM2019-002": {Year: 2019, PlannedInvestment: 40000},
	"XM2019-003": {Year: 2019, PlannedInvestment: 25000, ProgressGoal: "竣工"},
}

var ioWantNodes = map[string]map[project.Stage]string{
	"XM2019-001": {"start": "2019-03-01", "complete": "2021-06-30"},
	"XM2019-002": {"start": "2019-04-15"},
	"XM2019-003": {"start": "2019-05-31", "complete": "2019-12-31"},
}

// ioCheckStored compares the stored projects, plans and nodes with want.
func ioCheckStored(t *testing.T, z *ioZone, want []project.Project, years map[string]project.Year, nodes map[string]map[project.Stage]string) {
	t.Helper()
	for _, w := range want {
		got, err := z.s.ByCode(ioCtx, w.Code)
		if err != nil {
			t.Fatalf("%s: %v", w.Code, err)
		}
		w.ID, w.CreatedAt, w.UpdatedAt = got.ID, got.CreatedAt, got.UpdatedAt
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s =\n%+v\nwant\n%+v", w.Code, got, w)
		}
		y, err := z.s.YearOf(ioCtx, got.ID, 2019)
		if err != nil {
			t.Fatalf("%s year: %v", w.Code, err)
		}
		wy := years[w.Code]
		wy.ProjectID = got.ID
		if !reflect.DeepEqual(y, wy) {
			t.Errorf("%s year = %+v, want %+v", w.Code, y, wy)
		}
		list, err := z.s.Nodes(ioCtx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		planned := map[project.Stage]string{}
		for _, n := range list {
			if n.Done || n.ActualOn != "" {
				t.Errorf("%s node %s done by an import", w.Code, n.Stage)
			}
			planned[n.Stage] = n.PlannedOn
		}
		if !reflect.DeepEqual(planned, nodes[w.Code]) {
			t.Errorf("%s nodes = %v, want %v", w.Code, planned, nodes[w.Code])
		}
	}
}

func TestImportLedger(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewZone(t, d)
		// Through a real file, as the command line reads one.
		path := filepath.Join(t.TempDir(), "2019年重点项目台账.xlsx")
		if err := os.WriteFile(path, ioWorkbook(t, ioLedger()), 0o600); err != nil {
			t.Fatal(err)
		}
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sum, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes(filepath.Base(path), body))
		if err != nil {
			t.Fatal(err)
		}
		if sum != (project.ImportSummary{Projects: 3, Nodes: 5}) {
			t.Errorf("summary = %+v", sum)
		}
		ioCheckStored(t, z, ioWant(z), ioWantYears, ioWantNodes)
		if n := z.count(t, "projects"); n != 3 {
			t.Errorf("%d projects", n)
		}
		var entries int
		if err := d.QueryRow(ioCtx, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.import'").Scan(&entries); err != nil || entries != 1 {
			t.Errorf("import audit entries = %d, %v", entries, err)
		}
	})
}

func TestImportLedgerCSV(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewZone(t, d)
		rows := [][]string{ioHeader}
		for _, r := range ioLedger()[1:] {
			cells := make([]string, len(r))
			for i, v := range r {
				switch v := v.(type) {
				case ioDate:
					cells[i] = strings.ReplaceAll(v.day, "-", "/")
				default:
					cells[i] = fmt.Sprint(v)
				}
			}
			rows = append(rows, cells)
		}
		// Excel on a Chinese Windows saves CSV in GB18030.
		gb, err := simplifiedchinese.GB18030.NewEncoder().String(ioCSV(rows))
		if err != nil {
			t.Fatal(err)
		}
		sum, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.csv", []byte(gb)))
		if err != nil {
			t.Fatal(err)
		}
		if sum != (project.ImportSummary{Projects: 3, Nodes: 5}) {
			t.Errorf("summary = %+v", sum)
		}
		ioCheckStored(t, z, ioWant(z), ioWantYears, ioWantNodes)
	})
}

func TestImportEnglishHeaders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewZone(t, d)
		file := ioCSV([][]string{
			{"code", "name", "category", "lead_unit", "total_investment", "start_year", "end_year", "level", "planned_investment", "complete_planned"},
			{"XM-EN-1", "Science park", "innovation", "FGJ", "12,000.5", "2019", "2020", "city", "3000", "2020-10-31"},
		})
		if _, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("ledger.csv", []byte("\xef\xbb\xbf"+file))); err != nil {
			t.Fatal(err)
		}
		ioCheckStored(t, z, []project.Project{{Code: "XM-EN-1", Name: "Science park", Category: "innovation", LeadUnitID: z.fgj,
			TotalInvestment: 12000.5, StartYear: 2019, EndYear: 2020, Level: project.City}},
			map[string]project.Year{"XM-EN-1": {Year: 2019, PlannedInvestment: 3000}},
			map[string]map[project.Stage]string{"XM-EN-1": {"complete": "2020-10-31"}})
	})
}

// ioRows gives an import error's rows, failing unless err is one.
func ioRows(t *testing.T, err error) []i18n.RowError {
	t.Helper()
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) {
		t.Fatalf("error = %v, want an import error", err)
	}
	return ierr.Rows
}

// ioWantOnly checks that err lists exactly one problem, there.
func ioWantOnly(t *testing.T, err error, row int, column, key string) {
	t.Helper()
	rows := ioRows(t, err)
	if len(rows) != 1 || rows[0].Row != row || rows[0].Column != column || rows[0].Key != key {
		t.Fatalf("problems = %+v, want only %s at row %d, column %q", rows, key, row, column)
	}
	if text := rows[0].In(i18n.ZH); strings.Contains(text, "[") {
		t.Errorf("untranslated: %s", text)
	}
}

// ioNothingWritten checks that a refused import left no trace.
func ioNothingWritten(t *testing.T, z *ioZone, audits int) {
	t.Helper()
	for _, table := range []string{"projects", "project_years", "project_nodes", "project_units"} {
		if n := z.count(t, table); n != 0 {
			t.Errorf("%d rows in %s after a refused import", n, table)
		}
	}
	if n := z.count(t, "audit_log"); n != audits {
		t.Errorf("audit log grew from %d to %d", audits, n)
	}
}

func TestImportRefusesBadRow(t *testing.T) {
	// Each case spoils one cell of a five-project ledger (rows 2–6).
	cases := []struct {
		name   string
		row    int // as Excel numbers it
		column string
		value  any
		key    string
	}{
		{"unknown unit", 5, "牵头单位", "招商局", "project.err.unit_unknown"},
		{"unknown unit in the last row", 6, "牵头单位", "ZS", "project.err.unit_unknown"},
		{"deactivated unit", 4, "配合单位", "FGJ、原招商局", "projectio.err.unit_inactive"},
		{"unknown category", 3, "项目类别", "房地产项目", "project.err.category"},
		{"malformed date", 5, "开工计划", "2019-02-30", "projectio.err.date"},
		{"words for a date", 6, "竣工计划", "年底", "projectio.err.date"},
		{"missing name", 2, "项目名称", "", "projectio.err.required"},
		{"missing lead unit", 6, "牵头单位", "", "projectio.err.required"},
		{"bad level", 4, "项目级别", "国家重点", "projectio.err.level"},
		{"words for an amount", 5, "总投资（万元）", "约5亿", "quantity.approximate"},
		{"not a number", 3, "年度计划投资（万元）", "待定", "quantity.not_number"},
		{"negative", 3, "以前年度完成投资（万元）", "-10", "project.err.negative"},
		{"total below the year's plan", 6, "年度计划投资（万元）", "9,500", "project.err.plan_over_total"},
		{"not a year", 2, "开工年份", "明年", "projectio.err.year"},
		{"ends before it starts", 4, "竣工年份", 2017, "project.err.years"},
		{"year outside the project's", 2, "开工年份", 2020, "project.err.year_outside"},
	}
	columnOf := func(header string) int {
		for i, h := range ioHeader {
			if h == header {
				return i
			}
		}
		panic(header)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				z := ioNewZone(t, d)
				rows := ioFive()
				rows[c.row-1][columnOf(c.column)] = c.value
				audits := z.count(t, "audit_log")
				_, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, rows)))
				ioWantOnly(t, err, c.row, c.column, c.key)
				ioNothingWritten(t, z, audits)
			})
		})
	}
}

// ioFive is a good ledger of five projects, each with a year plan that
// 9,500 would push over its total (the fifth's: 10,000 − 1,000 before).
func ioFive() [][]any {
	rows := [][]any{toAny(ioHeader)}
	leads := []string{"XC", "FGJ", "JSJ", "XCY", "XC"}
	for i, lead := range leads {
		rows = append(rows, []any{fmt.Sprintf("XM-%d", i+1), fmt.Sprintf("项目%d", i+1), "industrial", "", lead, "", "", "", "",
			10000, "", "", 2019, 2020, "区重点", "", 5000, 1000, "", "2019-08-01", ""})
	}
	return rows
}

func TestImportListsEveryProblem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewZone(t, d)
		rows := ioFive()
		rows[1][4] = "无此单位"
		rows[3][0] = "XM-1" // the first row's code again
		rows[4][9] = "很多"
		rows[2][16], rows[2][1] = "9,500", "" // over the total, and no name
		rows[5][19] = "2019.13.01"
		audits := z.count(t, "audit_log")
		_, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, rows)))
		got := ioRows(t, err)
		want := []struct {
			row         int
			column, key string
		}{{2, "牵头单位", "project.err.unit_unknown"}, {3, "项目名称", "projectio.err.required"},
			{3, "年度计划投资（万元）", "project.err.plan_over_total"}, {4, "项目编码", "import.duplicate_code"},
			{5, "总投资（万元）", "quantity.not_number"}, {6, "开工计划", "projectio.err.date"}}
		if len(got) != len(want) {
			t.Fatalf("problems = %+v", got)
		}
		for i, w := range want {
			if got[i].Row != w.row || got[i].Column != w.column || got[i].Key != w.key || got[i].Sheet != "项目台账" {
				t.Errorf("problem %d = %+v, want %+v", i, got[i], w)
			}
		}
		if text := err.(*i18n.ImportError).In(i18n.ZH); !strings.Contains(text, "工作表“项目台账”第 4 行“项目编码”列：编码“XM-1”在第 2 行已出现过。") {
			t.Errorf("message:\n%s", text)
		}
		ioNothingWritten(t, z, audits)
	})
}

func TestImportRefusesFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewZone(t, d)
		rows := ioFive()
		for i := range rows {
			rows[i] = append(rows[i][:4], rows[i][5:]...) // no 牵头单位
		}
		_, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, rows)))
		ioWantOnly(t, err, 1, "", "import.missing_column")
		_, err = z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, ioFive()[:1])))
		ioWantOnly(t, err, 2, "", "import.no_rows")
		var verr *i18n.Error
		if _, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.pdf", []byte("%PDF"))); !errors.As(err, &verr) || verr.Key != "xlsx.err.type" {
			t.Errorf("a PDF: %v", err)
		}
		if n := z.count(t, "projects"); n != 0 {
			t.Errorf("%d projects", n)
		}
	})
}

func TestImportCodeTwiceInFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewZone(t, d)
		rows := ioFive()
		rows[5][0] = "XM-2"
		_, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, rows)))
		ioWantOnly(t, err, 6, "项目编码", "import.duplicate_code")
		if args := ioRows(t, err)[0].Args; !reflect.DeepEqual(args, []any{"XM-2", 3}) {
			t.Errorf("args = %v", args)
		}
		ioNothingWritten(t, z, z.count(t, "audit_log"))
	})
}

func TestImportUpdates(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewZone(t, d)
		if _, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, ioLedger()))); err != nil {
			t.Fatal(err)
		}
		first, err := z.s.ByCode(ioCtx, "XM2019-001")
		if err != nil {
			t.Fatal(err)
		}
		updates := func() int {
			var n int
			if err := d.QueryRow(ioCtx, "SELECT COUNT(*) FROM audit_log WHERE action IN ('project.update', 'project.year', 'project.node')").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		// The same file again changes nothing.
		before := updates()
		if _, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, ioLedger()))); err != nil {
			t.Fatal(err)
		}
		if n := updates(); n != before {
			t.Errorf("re-importing the same file wrote %d changes", n-before)
		}
		// A 序时 profile stays while the year's plan does.
		profile := []float64{0, 0, 10000, 20000, 30000, 40000, 50000, 60000, 80000, 100000, 110000, 120000}
		if err := z.s.SetYear(ioCtx, audit.System, project.Year{ProjectID: first.ID, Year: 2019, PlannedInvestment: 120000,
			InvestedBefore: 80000, ProgressGoal: "主体完工", Profile: profile}); err != nil {
			t.Fatal(err)
		}
		// A later ledger: a new name, lead unit and plan for the second, a
		// later start for the first, and no 投资主体 or 竣工计划 column.
		rows := ioLedger()
		rows[2][1], rows[2][4], rows[2][16] = "潍坊市科技馆", "FGJ", 45000
		rows[1][19] = "2019-04-01"
		drop := func(r []any, cols ...int) []any {
			var out []any
			for i, v := range r {
				if i != cols[0] && i != cols[1] {
					out = append(out, v)
				}
			}
			return out
		}
		for i := range rows {
			rows[i] = drop(rows[i], 7, 20)
		}
		sum, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账（修订）.xlsx", ioWorkbook(t, rows)))
		if err != nil {
			t.Fatal(err)
		}
		if sum != (project.ImportSummary{Projects: 3, Nodes: 3}) {
			t.Errorf("summary = %+v", sum)
		}
		want := ioWant(z)
		want[1].Name, want[1].LeadUnitID = "潍坊市科技馆", z.fgj
		years := map[string]project.Year{}
		for k, v := range ioWantYears {
			years[k] = v
		}
		years["XM2019-002"] = project.Year{Year: 2019, PlannedInvestment: 45000}
		y1 := years["XM2019-001"]
		y1.Profile = profile
		years["XM2019-001"] = y1
		nodes := map[string]map[project.Stage]string{
			"XM2019-001": {"start": "2019-04-01", "complete": "2021-06-30"}, // 竣工计划 left out: kept
			"XM2019-002": {"start": "2019-04-15"},
			"XM2019-003": {"start": "2019-05-31", "complete": "2019-12-31"},
		}
		ioCheckStored(t, z, want, years, nodes)
		again, _ := z.s.ByCode(ioCtx, "XM2019-001")
		if again.ID != first.ID || z.count(t, "projects") != 3 {
			t.Errorf("the update made new projects: id %d → %d, %d projects", first.ID, again.ID, z.count(t, "projects"))
		}
		// A new plan for the year drops the profile made for the old one.
		rows[1][15] = 130000
		if _, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, rows))); err != nil {
			t.Fatal(err)
		}
		if y, _ := z.s.YearOf(ioCtx, first.ID, 2019); y.PlannedInvestment != 130000 || y.Profile != nil {
			t.Errorf("year after a new plan = %+v", y)
		}
		// An existing project's code in a refused file changes nothing.
		rows[1][1], rows[3][4] = "改名", "无此单位"
		if _, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, rows))); err == nil {
			t.Fatal("a file with an unknown unit was taken")
		}
		if p, _ := z.s.ByCode(ioCtx, "XM2019-001"); p.Name != "歌尔智慧城二期" {
			t.Errorf("refused file renamed a project to %q", p.Name)
		}
	})
}

func TestImportRefreshesBoundIndicators(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewZone(t, d)
		var assignment, indicator int64
		err := plan.NewStore(d).Write(ioCtx, audit.System, func(tx *plan.Tx) error {
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
			a, err := tx.Assign(in.ID, z.gx)
			assignment, indicator = a.ID, in.ID
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := z.s.Bind(ioCtx, audit.System, indicator, "project:total"); err != nil {
			t.Fatal(err)
		}
		if _, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, ioLedger()))); err != nil {
			t.Fatal(err)
		}
		// May's period has opened by 15 June: 63 + 8.5 + 2.5 亿元.
		figures, err := report.NewStore(d).Figures(ioCtx, z.periods[4].ID, []int64{assignment})
		if err != nil {
			t.Fatal(err)
		}
		if f, ok := figures[assignment]; !ok || f.Value == nil || *f.Value != 74 {
			t.Errorf("May's produced figure = %+v", figures[assignment])
		}
	})
}
