package project

import (
	"strconv"
	"strings"

	"gaoxin/internal/i18n"
)

// TableColumns are the columns of the portfolio as a table, keys of the
// catalogue's "projects.col.*".
var TableColumns = []string{"code", "name", "category", "cluster", "lead_unit", "level", "total", "plan", "ytd",
	"share", "since_start", "light", "reasons"}

// Table writes rows as the portfolio's export: amounts as plain numbers in
// 万元 so that they add up in Excel, every reason of each light, headers
// and names in lang. categories names the categories in lang; a category
// it lacks keeps the row's own label.
func Table(rows []Row, categories map[string]string, lang i18n.Lang) ([]string, [][]string) {
	header := make([]string, len(TableColumns))
	for i, k := range TableColumns {
		header[i] = i18n.T(lang, "projects.col."+k)
	}
	sep := "；"
	if lang == i18n.EN {
		sep = "; "
	}
	out := make([][]string, 0, len(rows))
	for _, r := range rows {
		reasons := make([]string, len(r.Light.Reasons))
		for i, rs := range r.Light.Reasons {
			reasons[i] = rs.Msg.In(lang)
		}
		category := r.CategoryLabel
		if name, ok := categories[r.Category]; ok {
			category = name
		}
		out = append(out, []string{r.Code, r.Name, category, r.Cluster, r.LeadUnitName,
			i18n.T(lang, "project.level."+string(r.Level)), plain(r.TotalInvestment), plain(r.Year.PlannedInvestment),
			plain(r.InvestedYTD), plain(r.PlanShare * 100), plain(r.SinceStart),
			i18n.T(lang, "project.color."+string(r.Light.Color)), strings.Join(reasons, sep)})
	}
	return header, out
}

// plain writes an amount without separators, to two decimals at most.
func plain(v float64) string { return strconv.FormatFloat(round2(v), 'f', -1, 64) }

func round2(v float64) float64 {
	if v < 0 {
		return -round2(-v)
	}
	return float64(int64(v*100+0.5)) / 100
}
