package web

import (
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// exportPortfolio writes the list as the page shows it, filtered and
// sorted, as an Excel sheet: amounts as plain numbers in 万元 so that
// they add up in Excel, every reason of each light.
func (s *Server) exportPortfolio(w http.ResponseWriter, r *http.Request) {
	year, ok := s.projectYear(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "projects.title", "projects")
	view, err := s.loadPortfolio(r, p, year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	header, rows := portfolioTable(p, view)
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="projects-`+strconv.Itoa(year)+`.xlsx"`)
	if err := xlsx.WriteXLSX(w, p.T("projects.sheet"), header, rows); err != nil {
		s.log.Error("export projects", "err", err)
	}
}

func portfolioTable(p *page, view portfolioView) ([]string, [][]string) {
	var header []string
	for _, k := range []string{"code", "name", "category", "cluster", "lead_unit", "level", "total", "plan", "ytd",
		"share", "since_start", "light", "reasons"} {
		header = append(header, p.T("projects.col."+k))
	}
	sep := "；"
	if p.lang == i18n.EN {
		sep = "; "
	}
	rows := make([][]string, 0, len(view.Rows))
	for _, r := range view.Rows {
		reasons := make([]string, len(r.Light.Reasons))
		for i, rs := range r.Light.Reasons {
			reasons[i] = rs.Msg.In(p.lang)
		}
		rows = append(rows, []string{r.Code, r.Name, r.CategoryName, r.Cluster, r.LeadUnitName,
			p.T("project.level." + string(r.Level)), plain(r.TotalInvestment), plain(r.Year.PlannedInvestment),
			plain(r.InvestedYTD), strconv.FormatFloat(round2(r.PlanShare*100), 'f', -1, 64), plain(r.SinceStart),
			p.T("project.color." + string(r.Light.Color)), strings.Join(reasons, sep)})
	}
	return header, rows
}

// plain writes an amount without separators, to two decimals at most.
func plain(v float64) string { return strconv.FormatFloat(round2(v), 'f', -1, 64) }

func round2(v float64) float64 {
	if v < 0 {
		return -round2(-v)
	}
	return float64(int64(v*100+0.5)) / 100
}
