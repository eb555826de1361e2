package planio_test

import (
	"math"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/planio"
	"gaoxin/internal/report"
)

// figurePlan is a 2019 plan with a monthly flow shared to two units, a
// quarterly lower-is-better flow and a monthly ratio.
func figurePlan(t *testing.T, d *db.DB) map[string]int64 {
	t.Helper()
	u := zone(t, d)
	mustIndicators(t, d, 2019, table(t, "plan.csv",
		"节点,指标编码,指标名称,计量单位,方向,频次,口径,汇总,单位编码,确保目标",
		"科技创新,ZL01,专利申请量,件,越大越好,月,当期,求和,,3100",
		",ZL01,,,,,,,KCJ,2800",
		",ZL01,,,,,,,XC,300",
		"社会治理,AQ01,安全生产事故起数,起,越小越好,季,当期,求和,,12",
		",AQ01,,,,,,,XC,12",
		"经济发展,SR01,营业收入增速,%,越大越好,月,比率,平均,,8",
		",SR01,,,,,,,KCJ,8",
		",SR01,,,,,,,XC,",
	), planio.Mapping{})
	return u
}

var zhFigures = []string{
	"指标编码,单位编码,月份,数值,说明,月度目标,累计目标",
	"ZL01,KCJ,2019-01,210,,200,",
	"ZL01,KCJ,2019年2月,190,春节假期,,400",
	"ZL01,KCJ,3,150,,,",
	"ZL01,XC,1,20,,,",
	"AQ01,XC,3月,2,,,",
	"SR01,KCJ,1,7.5%,,,",
}

func TestImportFiguresLandApproved(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		u := figurePlan(t, d)
		res := mustFigures(t, d, 2019, table(t, "figures.csv", zhFigures...), planio.Mapping{})
		want := planio.Result{Rows: 6, Targets: 1, Periods: 12, Figures: planio.Counts{Created: 6}}
		if res != want {
			t.Fatalf("result = %+v, want %+v", res, want)
		}
		_, byCode, book := planOf(t, d, 2019)
		// January's monthly and February's year-to-date target are kept as
		// given; the months the file lacks follow time from the 2,800 in force.
		tg, _ := book.At(byCode["ZL01"].ID, u["KCJ"], 12)
		wantProfile := []float64{200, 400, 700, 2800.0 * 4 / 12}
		if tg.Profile != plan.Explicit || len(tg.ProfileValues) != 12 || *tg.Committed != 2800 || tg.ProfileValues[11] != 2800 {
			t.Fatalf("KCJ's target = %+v", tg)
		}
		for i, w := range wantProfile {
			if math.Abs(tg.ProfileValues[i]-w) > 1e-9 {
				t.Errorf("profile month %d = %v, want %v", i+1, tg.ProfileValues[i], w)
			}
		}
		rs := report.NewStore(d)
		feb, _ := rs.PeriodOf(ctx, 2019, 2)
		a := assignmentOf(t, d, byCode["ZL01"].ID, u["KCJ"])
		figs, _ := rs.Figures(ctx, feb.ID, []int64{a})
		f := figs[a]
		if f.Status != report.Approved || *f.Value != 190 || f.Explanation != "春节假期" || f.Version != 1 || f.Late {
			t.Fatalf("February's figure = %+v", f)
		}
		versions, _ := rs.Versions(ctx, f.ID)
		if len(versions) != 1 || versions[0].Action != "import" || versions[0].Status != report.Approved {
			t.Errorf("versions = %+v", versions)
		}
		entries, _ := audit.List(ctx, d, audit.Filter{Action: "figure.import"})
		if len(entries) != 6 || entries[0].Actor != "考核办" {
			t.Errorf("%d audit entries for figure.import, want 6 by 考核办", len(entries))
		}
		wantStatuses(t, d, byCode, u)
	})
}

// wantStatuses checks the dashboard reads the imported figures against the
// imported targets.
func wantStatuses(t *testing.T, d *db.DB, byCode map[string]plan.Indicator, u map[string]int64) {
	t.Helper()
	cases := []struct {
		code, unit string
		month      int
		ytd        float64
		status     string
	}{
		{"ZL01", "KCJ", 1, 210, "ahead"},    // 210 against January's 200
		{"ZL01", "KCJ", 2, 400, "ahead"},    // 400 against the 400 the file gave
		{"ZL01", "KCJ", 3, 550, "behind"},   // 550 against 700: 78.6%
		{"AQ01", "XC", 3, 2, "ahead"},       // 2 accidents where 3 were the ceiling
		{"SR01", "KCJ", 1, 7.5, "on_track"}, // 7.5% against 8%: 93.75%
	}
	for _, c := range cases {
		b, err := dashboard.Load(ctx, d, 2019, c.month)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, up := range b.Indicator(byCode[c.code].ID).ByUnit {
			if up.Unit.ID != u[c.unit] {
				continue
			}
			found = true
			if up.YTD.V != c.ytd || up.Status.String() != c.status {
				t.Errorf("%s %s month %d: year to date %v, %s; want %v, %s", c.code, c.unit, c.month, up.YTD.V, up.Status, c.ytd, c.status)
			}
		}
		if !found {
			t.Errorf("%s has no row for %s", c.code, c.unit)
		}
	}
}

func assignmentOf(t *testing.T, d *db.DB, indicatorID, unitID int64) int64 {
	t.Helper()
	var id int64
	if err := d.QueryRow(ctx, "SELECT id FROM assignments WHERE indicator_id = $1 AND unit_id = $2", indicatorID, unitID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestImportFiguresAgainAndCorrected(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		u := figurePlan(t, d)
		mustFigures(t, d, 2019, table(t, "figures.csv", zhFigures...), planio.Mapping{})
		again := mustFigures(t, d, 2019, table(t, "figures.csv", zhFigures...), planio.Mapping{})
		if want := (planio.Result{Rows: 6, Figures: planio.Counts{Unchanged: 6}}); again != want {
			t.Fatalf("the same file again = %+v, want %+v", again, want)
		}
		res := mustFigures(t, d, 2019, table(t, "fix.csv", "code,unit,month,value", "ZL01,KCJ,1,220"), planio.Mapping{})
		if res.Figures != (planio.Counts{Updated: 1}) || res.Targets != 0 {
			t.Fatalf("a corrected figure = %+v", res)
		}
		_, byCode, _ := planOf(t, d, 2019)
		rs := report.NewStore(d)
		jan, _ := rs.PeriodOf(ctx, 2019, 1)
		a := assignmentOf(t, d, byCode["ZL01"].ID, u["KCJ"])
		figs, _ := rs.Figures(ctx, jan.ID, []int64{a})
		versions, _ := rs.Versions(ctx, figs[a].ID)
		if len(versions) != 2 || *versions[0].Value != 210 || *versions[1].Value != 220 || versions[1].Action != "import" {
			t.Errorf("versions after the correction = %+v", versions)
		}
	})
}

func TestImportFiguresListsEveryProblem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		figurePlan(t, d)
		rs := report.NewStore(d)
		periods, err := rs.OpenYear(ctx, audit.System, 2019, 10, 3)
		if err != nil {
			t.Fatal(err)
		}
		if err := rs.SetLocked(ctx, audit.System, periods[4].ID, true); err != nil {
			t.Fatal(err)
		}
		_, err = planio.ImportFigures(ctx, d, office, 2019, table(t, "bad.csv",
			"指标编码,单位编码,月份,数值,累计目标",
			"ZL01,,1,10,",
			"XX01,KCJ,1,10,",
			"ZL01,GX,1,10,",
			"ZL01,KCJ,13,10,",
			"ZL01,KCJ,2018-12,10,",
			"ZL01,KCJ,1,10,",
			"ZL01,KCJ,1,11,",
			"AQ01,XC,2,1,",
			"ZL01,XC,1,,",
			"ZL01,XC,2,约5,",
			"SR01,KCJ,5,7.5,",
			"SR01,XC,1,7.5,9",
		), planio.Mapping{}, false)
		wantProblems(t, err, i18n.ZH,
			"第 2 行“单位编码”列：数据属于单位，请填写单位编码。",
			"第 3 行“指标编码”列：2019 年度目标中没有编码为“XX01”的指标。",
			"第 4 行“单位编码”列：该指标尚未分解到此单位。",
			"第 5 行“月份”列：“13”不是 2019 年的月份，应为 1 到 12，或 2019-11、2019年11月 这样的年月。",
			"第 6 行“月份”列：“2018-12”不是 2019 年的月份，应为 1 到 12，或 2019-11、2019年11月 这样的年月。",
			"第 8 行“月份”列：指标“ZL01”单位“KCJ” 1 月的数据在第 7 行已出现过。",
			"第 9 行“月份”列：该指标 2 月不需报送（见其填报频次）。",
			"第 10 行“数值”列：请填写本期数值。",
			"第 11 行“数值”列：“约5”是约数，请填写确切数值。",
			"第 12 行“月份”列：5 月的填报期已锁定，不能导入，请先解锁。",
			"第 13 行“累计目标”列：文件没有 12 月的目标，该单位也还没有确保目标，无法补齐文件未给出的月份：请给出 12 月的累计目标，或先在指标导入中设定确保目标。",
		)
		if n := figureCount(t, d); n != 0 {
			t.Errorf("a refused file wrote %d figures", n)
		}
	})
}

func TestImportFiguresDryRunSavesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		figurePlan(t, d)
		res, err := planio.ImportFigures(ctx, d, office, 2019, table(t, "figures.csv", zhFigures...), planio.Mapping{}, true)
		if err != nil {
			t.Fatal(describe(err))
		}
		if want := (planio.Result{Rows: 6, Targets: 1, Periods: 12, Figures: planio.Counts{Created: 6}}); res != want {
			t.Errorf("dry run = %+v, want %+v", res, want)
		}
		periods, _ := report.NewStore(d).Periods(ctx, 2019)
		if n := figureCount(t, d); n != 0 || len(periods) != 0 {
			t.Errorf("a dry run wrote %d figures and %d periods", n, len(periods))
		}
	})
}

func TestImportFiguresNeedAPlan(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		zone(t, d)
		_, err := planio.ImportFigures(ctx, d, office, 2019, table(t, "figures.csv", zhFigures...), planio.Mapping{}, false)
		if got := describeIn(err, i18n.ZH); got != "2019 年度还没有目标，请先导入指标。" {
			t.Errorf("error = %q", got)
		}
	})
}

func describeIn(err error, lang i18n.Lang) string {
	if verr, ok := err.(*i18n.Error); ok {
		return verr.In(lang)
	}
	return describe(err)
}

func figureCount(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM figures").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportFiguresNeedTheirColumns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		figurePlan(t, d)
		_, err := planio.ImportFigures(ctx, d, office, 2019, table(t, "short.csv", "指标编码,月份", "ZL01,1"), planio.Mapping{}, false)
		wantProblems(t, err, i18n.ZH, "第 1 行：缺少“单位编码/unit”列。", "第 1 行：缺少“数值/value”列。")
	})
}
