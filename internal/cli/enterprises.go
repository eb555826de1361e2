package cli

import (
	"fmt"
	"strconv"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/settings"
	"gaoxin/internal/xlsx"
)

func init() {
	importKinds["enterprises"] = importKind{
		columns: "统一社会信用代码/credit_code, 企业名称/name, 所属单位/unit, 行业/industry, 地址/address, 营业收入（万元）/revenue, " +
			"从业人员/employees, 研发投入（万元）/rd_spend, 专利数/patents, tier grant dates (see docs/IMPORT.md); --year for the figures; " +
			"gaoxin export enterprises writes a file that imports back",
		file: func(e *env, d *db.DB, file xlsx.File, opt importOptions) (string, error) {
			if opt.Dry {
				return "", usagef("--dry-run is not available for enterprises: the import is all or nothing, so a refused file saves nothing")
			}
			st, err := firmStore(e, d)
			if err != nil {
				return "", err
			}
			sum, err := st.Import(e.ctx, audit.System, opt.Year, file)
			return fmt.Sprintf("%d created, %d updated, %d unchanged, %d tiers granted", sum.Created, sum.Updated, sum.Unchanged, sum.Tiers), err
		},
	}
	exportKinds["enterprises"] = exportKind{
		run: func(e *env, d *db.DB, year int) ([]string, [][]string, error) {
			st, err := firmStore(e, d)
			if err != nil {
				return nil, nil, err
			}
			if year == 0 {
				y, _ := strconv.Atoi(st.Today()[:4])
				year = y - 1
			}
			rows, _, err := st.Registry(e.ctx, st.Today(), year, enterprise.Filter{})
			if err != nil {
				return nil, nil, err
			}
			units, err := org.NewStore(d).ByID(e.ctx)
			if err != nil {
				return nil, nil, err
			}
			// Headers an import reads back, in either language; the figures
			// are the year's (--year).
			header := []string{"统一社会信用代码", "企业名称", "所属单位", "行业", "营业收入（万元）", "从业人员"}
			if e.lang == i18n.EN {
				header = []string{"credit_code", "name", "unit", "industry", "revenue", "employees"}
			}
			// The tiers as the grant days an import reads back.
			for _, k := range enterprise.Kinds {
				header = append(header, enterprise.TierColumn(k))
			}
			header = append(header, enterprise.ExpiryColumn)
			var out [][]string
			for _, r := range rows {
				line := []string{r.CreditCode, r.Name, units[r.UnitID].Code, r.Industry, num(r.Year.Revenue), count(r.Year.Employees)}
				for _, k := range enterprise.Kinds {
					line = append(line, r.Since[k])
				}
				out = append(out, append(line, r.Until[enterprise.HighTech]))
			}
			return header, out, nil
		},
	}
}

// firmStore is the register on gaoxin's clock.
func firmStore(e *env, d *db.DB) (*enterprise.Store, error) {
	clock, err := settings.Clock(e.ctx, d)
	if err != nil {
		return nil, err
	}
	st := enterprise.NewStore(d)
	st.SetClock(clock)
	return st, nil
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func count(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}
