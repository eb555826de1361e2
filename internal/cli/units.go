package cli

import (
	"fmt"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/xlsx"
)

func init() {
	importKinds["units"] = importKind{
		columns: "编码/code, 名称/name, 类型/kind, 考核类别/class, 上级编码/parent, 排序/order, 启用/active",
		run: func(e *env, d *db.DB, t *xlsx.Table, opt importOptions) (string, error) {
			res, err := org.NewStore(d).Import(e.ctx, audit.System, t, opt.Dry)
			return fmt.Sprintf("%d created, %d updated, %d unchanged", res.Created, res.Updated, res.Unchanged), err
		},
	}
	exportKinds["units"] = exportKind{
		run: func(e *env, d *db.DB, _ int) ([]string, [][]string, error) {
			units, err := org.NewStore(d).All(e.ctx)
			if err != nil {
				return nil, nil, err
			}
			header, rows := org.ExportTable(units, e.lang)
			return header, rows, nil
		},
	}
}
