package web

import (
	"net/http"

	"gaoxin/internal/assess"
	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

// combinedView is the year so far, class by class: each unit's published
// checkpoint totals and their weighed total.
type combinedView struct {
	Year    int
	Classes []combinedClass
}

type combinedClass struct {
	*assess.Combined
	Heads []string // checkpoint names with weights
	Rows  []combinedRow
}

type combinedRow struct {
	UnitID     int64
	Rank       int
	Name       string
	Totals     []string
	Total, Why string
}

func (s *Server) combinedPage(w http.ResponseWriter, r *http.Request) {
	year, ok := pathYear(w, r, s)
	if !ok {
		return
	}
	adopted, err := assess.NewStore(s.db).Current(r.Context(), year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "assess.combined", "assess")
	view := combinedView{Year: year}
	for _, st := range assess.ByClass(adopted) {
		c, err := assess.CombineYear(r.Context(), s.db, year, st.Class)
		if err != nil {
			s.assessError(w, r, p, err)
			return
		}
		cc := combinedClass{Combined: c}
		for _, cp := range c.Checkpoints {
			cc.Heads = append(cc.Heads, assess.PeriodName(cp.Period, p.Lang())+" "+score.FormatPercent(cp.Weight))
		}
		for _, u := range c.Units {
			row := combinedRow{UnitID: u.UnitID, Rank: u.Rank, Name: u.Name, Total: score.FormatPoints(u.Total), Why: u.Why.ZH}
			if p.lang == i18n.EN {
				row.Why = u.Why.EN
			}
			for _, t := range u.Totals {
				if t == nil {
					row.Totals = append(row.Totals, "—")
				} else {
					row.Totals = append(row.Totals, score.FormatPoints(*t))
				}
			}
			cc.Rows = append(cc.Rows, row)
		}
		view.Classes = append(view.Classes, cc)
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "assess_combined", p)
}
