package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"gaoxin/internal/org"
	"gaoxin/internal/project"
	"gaoxin/internal/report"
)

// mineView is what the user's unit and those beneath it report this month
// on the projects they lead.
type mineView struct {
	Period   *report.Period // the month being reported; nil before any opens
	Window   report.Window
	Groups   []mineGroup
	Returned int // reports sent back, to fix
	Todo     int // projects with nothing submitted yet
}

// mineGroup is one lead unit's projects and their reports.
type mineGroup struct {
	Unit  org.Unit
	Link  string // the unit's report form for the month
	Lines []mineLine
	Todo  int
}

type mineLine struct {
	Row    project.Row
	Report *project.Report
}

// myProjects lists, by lead unit within the user's scope, the projects
// and this month's report on each: what is still to fill in, what came
// back and why, and the way to the form.
func (s *Server) myProjects(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "projects.mine_title", "projects")
	view, err := s.mineData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "project_mine", p)
}

func (s *Server) mineData(r *http.Request) (mineView, error) {
	ctx := r.Context()
	var view mineView
	period, err := s.reportingPeriod(ctx)
	if err != nil || period == nil {
		return view, err
	}
	view.Period, view.Window = period, period.WindowAt(s.reports.Now())
	units, err := s.units.ByID(ctx)
	if err != nil {
		return view, err
	}
	st := s.projects()
	rows, _, err := st.Portfolio(ctx, period.Year, project.Filter{Units: inProjectScope(current(r).user, units)})
	if err != nil {
		return view, err
	}
	ids := make([]int64, len(rows))
	for i, row := range rows {
		ids[i] = row.ID
	}
	reports, err := st.Reports(ctx, period.ID, ids)
	if err != nil {
		return view, err
	}
	at := map[int64]int{}
	for _, row := range rows {
		i, ok := at[row.LeadUnitID]
		if !ok {
			i = len(view.Groups)
			at[row.LeadUnitID] = i
			unit := units[row.LeadUnitID]
			view.Groups = append(view.Groups, mineGroup{Unit: unit, Link: projectReportPath(period.Year, period.Month, unit.ID)})
		}
		line := mineLine{Row: row}
		if rp, ok := reports[row.ID]; ok {
			line.Report = &rp
		}
		switch {
		case line.Report != nil && line.Report.Status == report.Returned:
			view.Returned++
			view.Groups[i].Todo++
		case line.Report == nil || line.Report.Status == report.Draft:
			view.Todo++
			view.Groups[i].Todo++
		}
		view.Groups[i].Lines = append(view.Groups[i].Lines, line)
	}
	slices.SortStableFunc(view.Groups, func(a, b mineGroup) int { return strings.Compare(a.Unit.Path, b.Unit.Path) })
	return view, nil
}

// reportingPeriod is the month being reported now by gaoxin's clock: the
// latest period open for input (in its grace window included), else the
// latest that has opened.
func (s *Server) reportingPeriod(ctx context.Context) (*report.Period, error) {
	now := s.reports.Now()
	year := now.In(chinaTime).Year()
	var open, opened *report.Period
	for _, y := range []int{year - 1, year} {
		periods, err := s.reports.Periods(ctx, y)
		if err != nil {
			return nil, err
		}
		for i := range periods {
			switch periods[i].WindowAt(now) {
			case report.Open, report.Grace:
				open, opened = &periods[i], &periods[i]
			case report.Closed:
				opened = &periods[i]
			}
		}
	}
	if open != nil {
		return open, nil
	}
	return opened, nil
}

// watchView is a leader's list of the projects that need attention: red
// and yellow lights, with every reason, by lead unit, worst units first.
type watchView struct {
	Year   int
	Groups []watchGroup
	Red    int
	Yellow int
}

type watchGroup struct {
	Unit   org.Unit
	Rows   []project.Row
	Red    int
	Yellow int
}

func (s *Server) watchPage(w http.ResponseWriter, r *http.Request) {
	year, ok := s.projectYear(w, r)
	if !ok {
		return
	}
	units, err := s.units.ByID(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	rows, totals, err := s.projects().Portfolio(r.Context(), year, project.Filter{
		Units: inProjectScope(current(r).user, units), Colors: []project.Color{project.Red, project.Yellow}})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := watchView{Year: year, Red: totals.ByColor[project.Red], Yellow: totals.ByColor[project.Yellow]}
	at := map[int64]int{}
	for _, row := range rows {
		i, ok := at[row.LeadUnitID]
		if !ok {
			i = len(view.Groups)
			at[row.LeadUnitID] = i
			view.Groups = append(view.Groups, watchGroup{Unit: units[row.LeadUnitID]})
		}
		g := &view.Groups[i]
		g.Rows = append(g.Rows, row)
		if row.Light.Color == project.Red {
			g.Red++
		} else {
			g.Yellow++
		}
	}
	for i := range view.Groups {
		slices.SortStableFunc(view.Groups[i].Rows, func(a, b project.Row) int { return colorRank(b.Light.Color) - colorRank(a.Light.Color) })
	}
	slices.SortStableFunc(view.Groups, func(a, b watchGroup) int {
		if a.Red != b.Red {
			return b.Red - a.Red
		}
		if a.Yellow != b.Yellow {
			return b.Yellow - a.Yellow
		}
		return strings.Compare(a.Unit.Path, b.Unit.Path)
	})
	p := s.newPage(r, "projects.watch_title", "projects")
	p.Data = view
	s.render(w, r, http.StatusOK, "project_watch", p)
}
