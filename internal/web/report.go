package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

type workView struct {
	Year  int
	Todo  []dashboard.GridStatus // to fill in or fix
	Check []dashboard.GridStatus // waiting for this user's confirmation or approval
	Done  []dashboard.GridStatus
	Leads []leadRow // investment leads past a deadline: the user's own first, then the rest of the scope
	Day   string
	Work  supervisionWork
}

// myWork shows a user what is due, late or returned, and what waits for them.
func (s *Server) myWork(w http.ResponseWriter, r *http.Request) {
	u := current(r).user
	years, err := plan.NewStore(s.db).Years(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "work.title", "report")
	view := workView{}
	if len(years) > 0 {
		view.Year = years[0]
		queue, err := dashboard.Queue(r.Context(), s.db, view.Year, func(unit org.Unit) bool { return unit.Within(u.Unit) })
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, g := range queue {
			switch {
			case auth.Can(u, auth.PermReport) && g.Open() > 0 && (g.Window != report.Closed || g.Counts[report.Returned] > 0):
				view.Todo = append(view.Todo, g)
			case auth.Can(u, auth.PermConfirm) && g.Counts[report.Submitted] > 0,
				auth.Can(u, auth.PermReview) && g.Counts[report.Confirmed] > 0:
				view.Check = append(view.Check, g)
			case len(view.Done) < 20 && g.Open() == 0:
				view.Done = append(view.Done, g)
			}
		}
	}
	if auth.Can(u, auth.PermLeadsWork) {
		var err error
		if view.Leads, view.Day, err = s.overdueLeads(r.Context(), u); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if view.Work, err = s.supervisionWork(r.Context(), u); err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "work", p)
}

// gridFromPath loads the grid named by year, month and unit in the path
// and checks the user may see that unit.
func (s *Server) gridFromPath(w http.ResponseWriter, r *http.Request) (*dashboard.Grid, bool) {
	year, err1 := strconv.Atoi(r.PathValue("year"))
	month, err2 := strconv.Atoi(r.PathValue("month"))
	unitID, err3 := strconv.ParseInt(r.PathValue("unit"), 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || month < 1 || month > 12 {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	}
	g, err := dashboard.LoadGrid(r.Context(), s.db, year, month, unitID)
	if errors.Is(err, db.ErrNotFound) || errors.Is(err, dashboard.ErrNoPlan) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	} else if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	if !auth.CanInUnit(current(r).user, auth.PermPlanView, g.Unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return nil, false
	}
	return g, true
}

type gridView struct {
	Grid       *dashboard.Grid
	Window     report.Window
	CanEdit    bool
	CanConfirm bool
	CanReview  bool
	Base       string // the grid's address
}

func (s *Server) gridView(r *http.Request, g *dashboard.Grid) gridView {
	u := current(r).user
	v := gridView{Grid: g, Window: g.Period.WindowAt(s.reports.Now()),
		Base: "/report/" + strconv.Itoa(g.Plan.Year) + "/" + strconv.Itoa(g.Period.Month) + "/" + itoa(g.Unit.ID)}
	editable := false
	for _, row := range g.Rows {
		if row.Figure == nil || row.Figure.Status.Editable() {
			editable = true
		}
	}
	open := v.Window == report.Open || v.Window == report.Grace
	v.CanEdit = editable && open && auth.CanInUnit(u, auth.PermReport, g.Unit)
	v.CanConfirm = auth.CanInUnit(u, auth.PermConfirm, g.Unit) && g.Count(report.Submitted) > 0
	v.CanReview = auth.CanInUnit(u, auth.PermReview, g.Unit) && g.Count(report.Submitted)+g.Count(report.Confirmed) > 0
	return v
}

func (s *Server) gridPage(w http.ResponseWriter, r *http.Request) {
	g, ok := s.gridFromPath(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "grid.title", "report")
	p.Data = s.gridView(r, g)
	s.render(w, r, http.StatusOK, "grid", p)
}
