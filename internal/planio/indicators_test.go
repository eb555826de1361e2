package planio_test

import (
	"errors"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/planio"
)

// A plan as an assessment office writes it in Excel: Chinese headers, node
// paths, the zone's row of each indicator and the rows of its units.
var zhPlan = []string{
	"节点,指标编码,指标名称,计量单位,方向,频次,口径,汇总,小数位,单位编码,确保目标,力争目标,目标年度,上年基数",
	`科技创新 / 专利,ZL01,专利申请量,件,越大越好,月,当期,求和,0,,"3,200",3500,,`,
	",ZL01,,,,,,,,KCJ,2800,,,",
	",ZL01,专利申请量,,,,,,,XC,300,,,",
	"科技创新 / 企业,QY01,瞪羚企业数,家,越大越好,年,存量,求和,0,,60,,2021,38",
	"社会治理,AQ01,安全生产事故起数,起,越小越好,季,当期,求和,0,,12,,,",
}

func TestImportIndicatorsBuildsThePlan(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		u := zone(t, d)
		res := mustIndicators(t, d, 2019, table(t, "plan.csv", zhPlan...), planio.Mapping{})
		want := planio.Result{Rows: 5, PlanCreated: true, Nodes: 4, Indicators: planio.Counts{Created: 3}, Assignments: 2, Targets: 5}
		if res != want {
			t.Fatalf("result = %+v, want %+v", res, want)
		}
		p, byCode, book := planOf(t, d, 2019)
		zl, qy, aq := byCode["ZL01"], byCode["QY01"], byCode["AQ01"]
		if zl.Name != "专利申请量" || zl.UOM != "件" || zl.Direction != plan.Higher || zl.Frequency != plan.Monthly ||
			zl.Semantics != plan.Flow || zl.Aggregation != plan.Sum || qy.Semantics != plan.Stock || qy.Frequency != plan.Yearly ||
			aq.Direction != plan.Lower || aq.Frequency != plan.Quarterly {
			t.Fatalf("indicators = %+v / %+v / %+v", zl, qy, aq)
		}
		if zl.Order != 1 || qy.Order != 2 || aq.Order != 3 {
			t.Errorf("orders = %d %d %d, want the file's 1 2 3", zl.Order, qy.Order, aq.Order)
		}
		nodes, _ := plan.NewStore(d).Nodes(ctx, p.ID)
		var paths []string
		for _, n := range nodes {
			paths = append(paths, n.Code+":"+n.Name)
		}
		if got := join(paths); got != "N1:科技创新 N2:专利 N3:企业 N4:社会治理" {
			t.Errorf("nodes = %s", got)
		}
		if nodes[1].ID != zl.NodeID || nodes[2].ID != qy.NodeID || nodes[3].ID != aq.NodeID || nodes[1].ParentID != nodes[0].ID {
			t.Errorf("indicators hang off the wrong nodes: %+v", nodes)
		}
		if c := committed(book, zl.ID, 0); c != 3200 {
			t.Errorf("zone target of ZL01 = %v, want 3200 read from “3,200”", c)
		}
		if c, s := committed(book, zl.ID, u["KCJ"]), committed(book, zl.ID, u["XC"]); c != 2800 || s != 300 {
			t.Errorf("unit targets = %v, %v; want 2800, 300", c, s)
		}
		gazelles, _ := book.At(qy.ID, 0, 12)
		if *gazelles.Committed != 60 || gazelles.TargetYear != 2021 || *gazelles.Baseline != 38 {
			t.Errorf("multi-year target = %+v", gazelles)
		}
	})
}

func TestImportIndicatorsAgainChangesOnlyWhatDiffers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		u := zone(t, d)
		mustIndicators(t, d, 2019, table(t, "plan.csv", zhPlan...), planio.Mapping{})
		again := mustIndicators(t, d, 2019, table(t, "plan.csv", zhPlan...), planio.Mapping{})
		if want := (planio.Result{Rows: 5, Indicators: planio.Counts{Unchanged: 3}}); again != want {
			t.Fatalf("the same file again = %+v, want %+v", again, want)
		}
		// English headers; the columns left out keep what the plan has.
		res := mustIndicators(t, d, 2019, table(t, "revision.csv",
			"code,name,unit,committed",
			"ZL01,专利申请数,,3300",
			"ZL01,,KCJ,2900",
			"ZL01,,XC,300",
		), planio.Mapping{})
		if want := (planio.Result{Rows: 3, Indicators: planio.Counts{Updated: 1}, Targets: 2}); res != want {
			t.Fatalf("revision = %+v, want %+v", res, want)
		}
		_, byCode, book := planOf(t, d, 2019)
		zl := byCode["ZL01"]
		if zl.Name != "专利申请数" || zl.UOM != "件" || zl.Semantics != plan.Flow {
			t.Errorf("ZL01 after the revision = %+v", zl)
		}
		if c := committed(book, zl.ID, 0); c != 3300 || len(book.History(zl.ID, 0)) != 2 {
			t.Errorf("zone target = %v with %d rows of history, want 3300 and 2", c, len(book.History(zl.ID, 0)))
		}
		if tg, _ := book.At(zl.ID, 0, 12); *tg.Stretch != 3500 {
			t.Errorf("the stretch target the revision left out = %v, want 3500 kept", *tg.Stretch)
		}
		if c := committed(book, zl.ID, u["KCJ"]); c != 2900 {
			t.Errorf("KCJ target = %v, want 2900", c)
		}
	})
}

func TestImportIndicatorsListsEveryProblem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		u := zone(t, d)
		if _, err := org.NewStore(d).SetActive(ctx, audit.System, u["XC"], false); err != nil {
			t.Fatal(err)
		}
		_, err := planio.ImportIndicators(ctx, d, office, 2019, table(t, "bad.csv",
			"节点,指标编码,指标名称,计量单位,方向,频次,口径,汇总,单位编码,确保目标,目标年度",
			"科技创新 / 专利,ZL01,专利申请量,件,越大越好,月,当期,求和,,3200,",
			"科技创新 / 专利,ZL01,专利申请量,件,越大越好,月,当期,求和,,3300,",
			",ZL01,,,,,,,NOPE,100,",
			",ZL01,,,,,,,XC,100,",
			"科技创新 // 专利,ZL02,专利授权量,件,向上,周,当期,中位数,,约30,2018",
			"科技创新,ZL03,,件,越大越好,月,当期,求和,KCJ,20,",
		), planio.Mapping{}, false)
		wantProblems(t, err, i18n.ZH,
			"第 3 行“单位编码”列：指标“ZL01”的全区行在第 2 行已出现过。",
			"第 4 行“单位编码”列：单位编码“NOPE”在系统中不存在。",
			"第 5 行“单位编码”列：单位“XC”已停用，不能分解指标或导入数据。",
			"第 6 行“节点”列：“科技创新 // 专利”不是节点路径：各级名称之间用“ / ”分隔，每一级都要有名称。",
			"第 6 行“方向”列：“向上”不是指标方向，应为：越大越好、越小越好、区间、不计分。",
			"第 6 行“频次”列：“周”不是填报频次，应为：月、季、年。",
			"第 6 行“汇总”列：“中位数”不是汇总方式，应为：求和、平均、最大、最小、不汇总。",
			"第 6 行“确保目标”列：“约30”是约数，请填写确切数值。",
			"第 6 行“目标年度”列：目标年度不能早于计划年度。",
			"第 7 行“指标名称”列：新指标须填写此项。",
		)
		if en := problems(t, err, i18n.EN); en[1] != "row 4, column “单位编码”: there is no unit with the code “NOPE”." {
			t.Errorf("in English: %q", en[1])
		}
		if _, err := plan.NewStore(d).PlanByYear(ctx, 2019); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("a refused file left a plan behind: %v", err)
		}
	})
}

func TestImportIndicatorsNeedsColumnsForNewIndicators(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		zone(t, d)
		_, err := planio.ImportIndicators(ctx, d, office, 2019, table(t, "short.csv",
			"code,name,unit",
			"ZL01,专利申请量,",
			"ZL02,专利授权量,",
		), planio.Mapping{}, false)
		// Each missing column is named once, not once per row.
		wantProblems(t, err, i18n.EN,
			"row 1: the column “节点/node” is missing.",
			"row 1: the column “方向/direction” is missing.",
			"row 1: the column “频次/frequency” is missing.",
			"row 1: the column “口径/semantics” is missing.",
			"row 1: the column “汇总/aggregation” is missing.",
		)
	})
}

func TestImportIndicatorsDryRunSavesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		zone(t, d)
		res, err := planio.ImportIndicators(ctx, d, office, 2019, table(t, "plan.csv", zhPlan...), planio.Mapping{}, true)
		if err != nil {
			t.Fatal(describe(err))
		}
		if res.Indicators.Created != 3 || res.Targets != 5 || res.Nodes != 4 || !res.PlanCreated {
			t.Errorf("dry run = %+v, want the counts of a real import", res)
		}
		if _, err := plan.NewStore(d).PlanByYear(ctx, 2019); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("a dry run left a plan behind: %v", err)
		}
	})
}

func join(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += " "
		}
		out += p
	}
	return out
}

// The zone's row describes an indicator even below its units' rows: their
// targets are read in the unit of measure it gives.
func TestImportIndicatorsZoneRowBelowItsUnits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		u := zone(t, d)
		lines := []string{
			"节点,指标编码,指标名称,计量单位,方向,频次,口径,汇总,单位编码,确保目标",
			",SR01,,,,,,,KCJ,2000万元",
			"经济发展,SR01,营业收入,亿元,越大越好,月,当期,求和,,1.5",
			",SR01,,,,,,,XC,3件",
		}
		_, err := planio.ImportIndicators(ctx, d, office, 2019, table(t, "plan.csv", lines...), planio.Mapping{}, false)
		wantProblems(t, err, i18n.ZH, "第 4 行“确保目标”列：“3件”的单位与指标单位“亿元”不符。")

		lines[3] = ",SR01,,,,,,,XC,3000万元"
		mustIndicators(t, d, 2019, table(t, "plan.csv", lines...), planio.Mapping{})
		_, byCode, book := planOf(t, d, 2019)
		sr := byCode["SR01"]
		if sr.UOM != "亿元" || committed(book, sr.ID, 0) != 1.5 || committed(book, sr.ID, u["KCJ"]) != 0.2 || committed(book, sr.ID, u["XC"]) != 0.3 {
			t.Errorf("SR01 = %+v; targets %v, %v, %v", sr, committed(book, sr.ID, 0), committed(book, sr.ID, u["KCJ"]), committed(book, sr.ID, u["XC"]))
		}
	})
}

// A row a mapping makes a unit's and then the zone's lists its problems as
// a file of the two rows would: the zone's, which describes the indicator,
// first; then each row's targets in turn.
func TestImportIndicatorsOneRowForTwo(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		zone(t, d)
		m := planio.Mapping{Values: map[string]map[string]planio.List{"unit": {"NOPE+": {"NOPE", ""}}}}
		_, err := planio.ImportIndicators(ctx, d, office, 2019, table(t, "plan.csv",
			"节点,指标编码,指标名称,计量单位,方向,频次,口径,汇总,单位编码,确保目标",
			"科技创新,ZL01,专利申请量,件,向上,月,当期,求和,NOPE+,约30",
		), m, false)
		wantProblems(t, err, i18n.EN,
			"row 2, column “方向”: “向上” is not a direction: use higher, lower, band or none.",
			"row 2, column “单位编码”: there is no unit with the code “NOPE”.",
			"row 2, column “确保目标”: “约30” is an estimate; enter the exact figure.",
			"row 2, column “确保目标”: “约30” is an estimate; enter the exact figure.",
		)
	})
}
