package cli

import (
	"fmt"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/project"
	"gaoxin/internal/settings"
	"gaoxin/internal/xlsx"
)

func init() {
	importKinds["projects"] = importKind{
		columns: "项目编码/code, 项目名称/name, 类别/category, 责任单位/lead_unit, 总投资/total_investment, 开工年份/start_year, " +
			"完工年份/end_year and more (see docs/IMPORT.md); --year required",
		file: func(e *env, d *db.DB, file xlsx.File, opt importOptions) (string, error) {
			if opt.Year == 0 {
				return "", usagef("--year is required for projects")
			}
			if opt.Dry {
				return "", usagef("--dry-run is not available for projects: the import is all or nothing, so a refused file saves nothing")
			}
			st, err := projectStore(e, d)
			if err != nil {
				return "", err
			}
			sum, err := st.Import(e.ctx, audit.System, opt.Year, file)
			return fmt.Sprintf("%d projects, %d nodes", sum.Projects, sum.Nodes), err
		},
	}
	exportKinds["projects"] = exportKind{
		run: func(e *env, d *db.DB, year int) ([]string, [][]string, error) {
			if year == 0 {
				return nil, nil, usagef("--year is required for projects")
			}
			st, err := projectStore(e, d)
			if err != nil {
				return nil, nil, err
			}
			rows, _, err := st.Portfolio(e.ctx, year, project.Filter{})
			if err != nil {
				return nil, nil, err
			}
			header, table := project.Table(rows, nil, e.lang)
			return header, table, nil
		},
	}
}

// projectStore is the project store on gaoxin's clock: the lights of an
// export are those the pages show on the same day.
func projectStore(e *env, d *db.DB) (*project.Store, error) {
	clock, err := settings.Clock(e.ctx, d)
	if err != nil {
		return nil, err
	}
	st := project.NewStore(d)
	st.SetClock(clock)
	return st, nil
}
