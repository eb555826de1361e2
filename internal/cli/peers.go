package cli

import (
	"fmt"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/peers"
	"gaoxin/internal/xlsx"
)

func init() {
	importKinds["peers"] = importKind{
		columns: "年度/year, 层级/level, 对标组/group, 成员/member, 本区/zone, 指标编码/code, 指标名称/indicator, " +
			"计量单位/uom, 方向/direction, 对应目标指标/plan_code, 数值/value, 期间/period, 来源/source (docs/PEERS.md)",
		run: func(e *env, d *db.DB, t *xlsx.Table, opt importOptions) (string, error) {
			res, err := peers.NewStore(d).Import(e.ctx, audit.System, t, opt.Year, opt.Dry)
			return fmt.Sprintf("%d rows: %d groups, %d members, %d indicators created, %d indicators changed, %d values set, %d unchanged",
				res.Rows, res.Groups, res.Members, res.Indicators, res.IndicatorsChanged, res.Values, res.Unchanged), err
		},
	}
	exportKinds["peers"] = exportKind{
		run: func(e *env, d *db.DB, year int) ([]string, [][]string, error) {
			if year == 0 {
				return nil, nil, usagef("--year is required for peers")
			}
			sheets, err := peers.NewStore(d).Year(e.ctx, year)
			if err != nil {
				return nil, nil, err
			}
			header, rows := peers.ExportTable(sheets, e.lang)
			return header, rows, nil
		},
	}
}
