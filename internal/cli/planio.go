package cli

import (
	"context"
	"fmt"
	"os"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/planio"
	"gaoxin/internal/xlsx"
)

// planioImport is the signature ImportIndicators and ImportFigures share.
type planioImport func(ctx context.Context, d *db.DB, who audit.Actor, year int, t *xlsx.Table, m planio.Mapping, dry bool) (planio.Result, error)

func init() {
	importKinds["indicators"] = importKind{
		columns: "节点/node, 指标编码/code, 指标名称/name, 计量单位/uom, 方向/direction, 区间下限/band_low, 区间上限/band_high, 频次/frequency, 口径/semantics, " +
			"汇总/aggregation, 小数位/precision, 指标说明/description, 单位编码/unit, 确保目标/committed, 力争目标/stretch, " +
			"目标年度/target_year, 上年基数/baseline; --year required, --map for another layout",
		run: planioKind("indicators", planio.ImportIndicators, indicatorSummary),
	}
	importKinds["figures"] = importKind{
		columns: "指标编码/code, 单位编码/unit, 月份/month, 数值/value, 说明/explanation, 月度目标/monthly_target, " +
			"累计目标/ytd_target; --year required, --map for another layout",
		run: planioKind("figures", planio.ImportFigures, figureSummary),
	}
}

func planioKind(kind string, run planioImport, summary func(planio.Result) string) func(*env, *db.DB, *xlsx.Table, importOptions) (string, error) {
	return func(e *env, d *db.DB, t *xlsx.Table, opt importOptions) (string, error) {
		if opt.Year == 0 {
			return "", usagef("--year is required for %s", kind)
		}
		m, err := readMapFile(opt.Map)
		if err != nil {
			return "", err
		}
		res, err := run(e.ctx, d, audit.System, opt.Year, t, m, opt.Dry)
		if err != nil {
			return "", err
		}
		return summary(res), nil
	}
}

// readMapFile reads --map; without it the file is in gaoxin's own layout.
func readMapFile(path string) (planio.Mapping, error) {
	if path == "" {
		return planio.Mapping{}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return planio.Mapping{}, err
	}
	defer f.Close()
	m, err := planio.ReadMapping(f)
	if err != nil {
		return planio.Mapping{}, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func indicatorSummary(r planio.Result) string {
	s := ""
	if r.PlanCreated {
		s = "plan created; "
	}
	return s + fmt.Sprintf("%d nodes created; indicators %d created, %d updated, %d unchanged; %d shared to units; %d targets set%s",
		r.Nodes, r.Indicators.Created, r.Indicators.Updated, r.Indicators.Unchanged, r.Assignments, r.Targets, rowSummary(r))
}

func figureSummary(r planio.Result) string {
	return fmt.Sprintf("figures %d created, %d updated, %d unchanged; %d targets set; %d periods opened%s",
		r.Figures.Created, r.Figures.Updated, r.Figures.Unchanged, r.Targets, r.Periods, rowSummary(r))
}

func rowSummary(r planio.Result) string {
	if r.Skipped == 0 {
		return fmt.Sprintf(" (%d rows)", r.Rows)
	}
	return fmt.Sprintf(" (%d rows, %d left out by the mapping)", r.Rows, r.Skipped)
}
