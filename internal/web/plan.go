package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
)

// latestPlan sends /plan to the newest year's dashboard.
func (s *Server) latestPlan(w http.ResponseWriter, r *http.Request) {
	years, err := plan.NewStore(s.db).Years(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(years) == 0 {
		p := s.newPage(r, "plan.title", "plan")
		s.render(w, r, http.StatusOK, "plan_none", p)
		return
	}
	http.Redirect(w, r, "/plan/"+strconv.Itoa(years[0]), http.StatusSeeOther)
}

// board loads the year in the path at the month in the query (0: default).
func (s *Server) board(w http.ResponseWriter, r *http.Request) (*dashboard.Board, bool) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	}
	month, _ := strconv.Atoi(r.URL.Query().Get("month"))
	b, err := dashboard.Load(r.Context(), s.db, year, month)
	if errors.Is(err, dashboard.ErrNoPlan) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	} else if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return b, true
}

type planView struct {
	Board  *dashboard.Board
	Counts map[string]int // indicators by status code
	Years  []int
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.board(w, r)
	if !ok {
		return
	}
	years, err := plan.NewStore(s.db).Years(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := planView{Board: b, Counts: map[string]int{}, Years: years}
	for _, in := range b.Indicators {
		view.Counts[in.Zone.Status.String()]++
	}
	p := s.newPage(r, "plan.title", "plan")
	p.Data = view
	s.render(w, r, http.StatusOK, "plan", p)
}

type indicatorView struct {
	Board     *dashboard.Board
	Row       *dashboard.IndicatorRow
	Units     []dashboard.UnitProgress // those within the user's scope
	Node      string
	Source    string
	Gap       *plan.SharingGap
	ChartPath string
}

// indicatorRow finds the indicator in the path on the board.
func (s *Server) indicatorRow(w http.ResponseWriter, r *http.Request, b *dashboard.Board) (*dashboard.IndicatorRow, bool) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	row := b.Indicator(id)
	if row == nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	}
	return row, true
}

func (s *Server) indicatorPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.board(w, r)
	if !ok {
		return
	}
	row, ok := s.indicatorRow(w, r, b)
	if !ok {
		return
	}
	view := indicatorView{Board: b, Row: row, Units: inScope(current(r).user, row.ByUnit),
		Source: b.Units[row.SourceUnitID].Name}
	for _, n := range b.Nodes {
		if n.ID == row.NodeID {
			view.Node = n.Name
		}
	}
	if g, ok := b.Gaps[row.ID]; ok {
		view.Gap = &g
	}
	view.ChartPath = r.URL.Path + "/chart.svg?month=" + strconv.Itoa(b.Month)
	p := s.newPage(r, "indicator.title", "plan")
	p.Data = view
	s.render(w, r, http.StatusOK, "indicator", p)
}

// inScope keeps the units a user may see figures of.
func inScope(u *auth.User, rows []dashboard.UnitProgress) []dashboard.UnitProgress {
	var out []dashboard.UnitProgress
	for _, row := range rows {
		if auth.CanInUnit(u, auth.PermPlanView, row.Unit) {
			out = append(out, row)
		}
	}
	return out
}

type unitPlanView struct {
	Board *dashboard.Board
	Unit  org.Unit
	Rows  []unitIndicator
}

type unitIndicator struct {
	Indicator *dashboard.IndicatorRow
	Unit      dashboard.UnitProgress
}

func (s *Server) planUnitPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.board(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("unit"), 10, 64)
	unit, known := b.Units[id]
	if !known {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if !auth.CanInUnit(current(r).user, auth.PermPlanView, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	view := unitPlanView{Board: b, Unit: unit}
	for _, in := range b.Indicators {
		for _, u := range in.ByUnit {
			if u.Unit.ID == id {
				view.Rows = append(view.Rows, unitIndicator{Indicator: in, Unit: u})
			}
		}
	}
	p := s.newPage(r, "plan.unit_title", "plan")
	p.Data = view
	s.render(w, r, http.StatusOK, "plan_unit", p)
}
