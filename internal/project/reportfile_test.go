package project_test

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/project"
	"gaoxin/internal/xlsx"
)

// ioReporting is ioZone with the ledger imported, a fourth project of 新城
// planned only for 2020, and reports of January to May submitted: 50,000
// on XM2019-001 and 6,000 on XM2019-003 (万元), both led by 新城街道.
type ioReporting struct {
	*ioZone
	ids map[string]int64
}

func ioNewReporting(t *testing.T, d *db.DB) *ioReporting {
	t.Helper()
	z := &ioReporting{ioZone: ioNewZone(t, d), ids: map[string]int64{}}
	if _, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.xlsx", ioWorkbook(t, ioLedger()))); err != nil {
		t.Fatal(err)
	}
	later, err := z.s.Create(ioCtx, audit.System, project.Project{Code: "XM2020-001", Name: "新城文体中心", Category: "social",
		LeadUnitID: z.xc, TotalInvestment: 30000, StartYear: 2020, EndYear: 2021})
	if err != nil {
		t.Fatal(err)
	}
	if err := z.s.SetYear(ioCtx, audit.System, project.Year{ProjectID: later.ID, Year: 2020, PlannedInvestment: 10000}); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"XM2019-001", "XM2019-002", "XM2019-003"} {
		p, err := z.s.ByCode(ioCtx, code)
		if err != nil {
			t.Fatal(err)
		}
		z.ids[code] = p.ID
	}
	for m := 1; m <= 5; m++ {
		values := map[int64]float64{z.ids["XM2019-001"]: 10000}
		if m >= 3 {
			values[z.ids["XM2019-003"]] = 2000
		}
		z.submit(t, m, values)
	}
	z.on("2019-07-01") // June's report is open
	return z
}

// submit submits month m's reports on a day in its window.
func (z *ioReporting) submit(t *testing.T, m int, values map[int64]float64) {
	t.Helper()
	saved := z.now
	defer func() { z.now = saved }()
	z.on(time.Date(2019, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"))
	var entries []project.Entry
	var due []int64
	for id, v := range values {
		entries = append(entries, project.Entry{ProjectID: id, InvestMonth: &v, Progress: "按计划施工", Problems: "无"})
		due = append(due, id)
	}
	if err := z.s.Submit(ioCtx, audit.System, z.periods[m-1], entries, due); err != nil {
		t.Fatalf("submit month %d: %v", m, err)
	}
}

// ioSheet opens a report workbook for reading and filling in.
func ioSheet(t *testing.T, body []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// ioFill sets cells of the report sheet: strings as text, numbers as numbers.
func ioFill(t *testing.T, f *excelize.File, cells map[string]any) []byte {
	t.Helper()
	sheet := f.GetSheetName(0)
	for cell, v := range cells {
		var err error
		if s, ok := v.(string); ok {
			err = f.SetCellStr(sheet, cell, s)
		} else {
			err = f.SetCellValue(sheet, cell, v)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func ioCell(t *testing.T, f *excelize.File, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(f.GetSheetName(0), cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func ioNum(v float64) *float64 { return &v }

// ioSameEntries compares entries by value.
func ioSameEntries(t *testing.T, got, want []project.Entry) {
	t.Helper()
	show := func(list []project.Entry) string {
		s := ""
		for _, e := range list {
			v := "nil"
			if e.InvestMonth != nil {
				v = fmt.Sprint(*e.InvestMonth)
			}
			s += fmt.Sprintf("{%d %s %q %q} ", e.ProjectID, v, e.Progress, e.Problems)
		}
		return s
	}
	if show(got) != show(want) {
		t.Errorf("entries = %s\nwant      %s", show(got), show(want))
	}
}

func TestReportWorkbookRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewReporting(t, d)
		body, err := z.s.ReportWorkbook(ioCtx, 2019, 6, z.xc, i18n.ZH)
		if err != nil {
			t.Fatal(err)
		}
		f := ioSheet(t, body)
		if name := f.GetSheetName(0); name != "项目月报" {
			t.Errorf("sheet %q", name)
		}
		want := map[string]string{
			"A1": "新城街道 2019年6月重点项目月报", "A2": "单位编码", "B2": "XC", "D2": "新城街道", "B3": "2019", "D3": "6",
			"A5": "项目编码", "D5": "上月累计（万元）", "E5": "本月完成投资（万元）", "F5": "本年累计（万元）",
			// The unit's projects planned for 2019, by code; not XM2020-001.
			"A6": "XM2019-001", "B6": "歌尔智慧城二期", "C6": "120,000", "D6": "50,000", "E6": "", "I6": "未填",
			"A7": "XM2019-003", "C7": "25,000", "D7": "6,000", "A8": "",
		}
		for cell, v := range want {
			if got := ioCell(t, f, cell); got != v {
				t.Errorf("%s = %q, want %q", cell, got, v)
			}
		}
		filled := ioFill(t, f, map[string]any{
			"E6": "12,000.5", "G6": "主体结构施工至 12 层", "H6": "雨季影响工期",
			"F7": 6350.25, "G7": "基础完工", // year to date alone: the month is 350.25
		})
		entries, err := z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "新城6月.xlsx", filled)
		if err != nil {
			t.Fatal(err)
		}
		typed := []project.Entry{
			{ProjectID: z.ids["XM2019-001"], InvestMonth: ioNum(12000.5), Progress: "主体结构施工至 12 层", Problems: "雨季影响工期"},
			{ProjectID: z.ids["XM2019-003"], InvestMonth: ioNum(350.25), Progress: "基础完工"},
		}
		ioSameEntries(t, entries, typed)
		if err := z.s.SaveDrafts(ioCtx, audit.System, z.periods[5], entries); err != nil {
			t.Fatal(err)
		}
		// Downloaded again, the drafts are in; read back untouched they
		// are the same entries.
		again, err := z.s.ReportWorkbook(ioCtx, 2019, 6, z.xc, i18n.ZH)
		if err != nil {
			t.Fatal(err)
		}
		f = ioSheet(t, again)
		for cell, v := range map[string]string{"E6": "12,000.5", "E7": "350.25", "G7": "基础完工", "F6": "", "I6": "暂存"} {
			if got := ioCell(t, f, cell); got != v {
				t.Errorf("again %s = %q, want %q", cell, got, v)
			}
		}
		entries, err = z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "again.xlsx", again)
		if err != nil {
			t.Fatal(err)
		}
		ioSameEntries(t, entries, typed)
		// Both filled and agreeing is fine too.
		both := ioFill(t, f, map[string]any{"E6": 1000, "F6": "5.1亿元"})
		entries, err = z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "both.xlsx", both)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || *entries[0].InvestMonth != 1000 {
			t.Errorf("entries = %+v", entries)
		}
	})
}

func TestReportWorkbookEnglish(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewReporting(t, d)
		body, err := z.s.ReportWorkbook(ioCtx, 2019, 6, z.xc, i18n.EN)
		if err != nil {
			t.Fatal(err)
		}
		f := ioSheet(t, body)
		if a2, e5 := ioCell(t, f, "A2"), ioCell(t, f, "E5"); a2 != "Unit code" || e5 != "This month (10k yuan)" {
			t.Errorf("A2 %q, E5 %q", a2, e5)
		}
		entries, err := z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "june.xlsx", ioFill(t, f, map[string]any{"E7": 800, "G7": "Foundations"}))
		if err != nil {
			t.Fatal(err)
		}
		ioSameEntries(t, entries, []project.Entry{{ProjectID: z.ids["XM2019-001"]},
			{ProjectID: z.ids["XM2019-003"], InvestMonth: ioNum(800), Progress: "Foundations"}})
	})
}

func TestReportWorkbookOfAnotherUnitOrMonth(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewReporting(t, d)
		body, err := z.s.ReportWorkbook(ioCtx, 2019, 6, z.xc, i18n.ZH)
		if err != nil {
			t.Fatal(err)
		}
		filled := ioFill(t, ioSheet(t, body), map[string]any{"E6": 100, "G6": "施工中"})
		for _, c := range []struct {
			name  string
			month int
			unit  int64
		}{{"another unit", 6, z.fgj}, {"another month", 7, z.xc}} {
			_, err := z.s.ReadReportWorkbook(ioCtx, 2019, c.month, c.unit, "新城6月.xlsx", filled)
			ioWantOnly(t, err, 1, "", "projectio.err.other_report")
			if args := ioRows(t, err)[0].Args; !reflect.DeepEqual(args, []any{"XC", "2019", "6"}) {
				t.Errorf("%s: args %v", c.name, args)
			}
		}
		_, err = z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "ledger.xlsx", ioWorkbook(t, ioLedger()))
		ioWantOnly(t, err, 1, "", "projectio.err.no_info")
		_, err = z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "notes.xlsx", []byte("not a workbook"))
		ioWantOnly(t, err, 1, "", "projectio.err.not_workbook")
	})
}

func TestReportWorkbookRefusesRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewReporting(t, d)
		body, err := z.s.ReportWorkbook(ioCtx, 2019, 6, z.xc, i18n.ZH)
		if err != nil {
			t.Fatal(err)
		}
		filled := ioFill(t, ioSheet(t, body), map[string]any{
			"F6": 40000,              // below the 50,000 of January–May
			"E7": 100, "F7": "7,000", // 6,000 + 100 is not 7,000
			"A8": "XM2019-002", "E8": 10, // 建设局's project
			"A9": "XM2020-001", "E9": 10, // 新城's, but planned for 2020 only
			"A10": "XM-0000", "E10": 1, // no such project
			"E11": 5,                         // a figure without a code
			"A12": "XM2019-001", "G12": "重复", // the first row's project again
		})
		_, err = z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "新城6月.xlsx", filled)
		got := ioRows(t, err)
		want := []struct {
			row         int
			column, key string
		}{
			{6, "本年累计（万元）", "project.err.ytd_down"},
			{7, "本年累计（万元）", "project.err.ytd_mismatch"},
			{8, "项目编码", "projectio.err.not_this_unit"},
			{9, "项目编码", "projectio.err.not_this_unit"},
			{10, "项目编码", "projectio.err.unknown_code"},
			{11, "项目编码", "projectio.err.no_code"},
			{12, "项目编码", "import.duplicate_code"},
		}
		if len(got) != len(want) {
			t.Fatalf("problems = %+v", got)
		}
		for i, w := range want {
			if got[i].Row != w.row || got[i].Column != w.column || got[i].Key != w.key || got[i].Sheet != "项目月报" {
				t.Errorf("problem %d = %+v, want %+v", i, got[i], w)
			}
		}
		if args := got[1].Args; !reflect.DeepEqual(args, []any{"7,000", "6,000", "100"}) {
			t.Errorf("mismatch args %v", args)
		}
		// A negative month, and words for a figure.
		filled = ioFill(t, ioSheet(t, body), map[string]any{"E6": "-5", "E7": "约100"})
		got = ioRows(t, func() error { _, err := z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "x.xlsx", filled); return err }())
		if len(got) != 2 || got[0].Row != 6 || got[0].Column != "本月完成投资（万元）" || got[0].Key != "project.err.ytd_down" ||
			got[1].Row != 7 || got[1].Key != "quantity.approximate" {
			t.Errorf("problems = %+v", got)
		}
	})
}

func TestReportWorkbookSubmittedRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewReporting(t, d)
		june := z.periods[5]
		id := z.ids["XM2019-001"]
		if err := z.s.Submit(ioCtx, audit.System, june, []project.Entry{{ProjectID: id, InvestMonth: ioNum(9000),
			Progress: "主体施工", Problems: "无"}}, []int64{id}); err != nil {
			t.Fatal(err)
		}
		body, err := z.s.ReportWorkbook(ioCtx, 2019, 6, z.xc, i18n.ZH)
		if err != nil {
			t.Fatal(err)
		}
		f := ioSheet(t, body)
		// Left as it is, the submitted row is not taken again.
		entries, err := z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "x.xlsx", ioFill(t, f, map[string]any{"E7": 500, "G7": "基础施工"}))
		if err != nil {
			t.Fatal(err)
		}
		ioSameEntries(t, entries, []project.Entry{{ProjectID: z.ids["XM2019-003"], InvestMonth: ioNum(500), Progress: "基础施工"}})
		// Year to date that agrees with it changes nothing either.
		if _, err := z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "x.xlsx", ioFill(t, f, map[string]any{"F6": 59000})); err != nil {
			t.Errorf("agreeing year to date: %v", err)
		}
		_, err = z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "x.xlsx", ioFill(t, f, map[string]any{"F6": "", "E6": 9500}))
		ioWantOnly(t, err, 6, "本月完成投资（万元）", "figure.err.not_editable")
	})
}
