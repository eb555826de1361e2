package web

import (
	"net/http"
	"strconv"

	"gaoxin/internal/project"
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
	rows := make([]project.Row, len(view.Rows))
	for i, r := range view.Rows {
		rows[i] = r.Row
	}
	return project.Table(rows, view.CategoryNames, p.lang)
}
