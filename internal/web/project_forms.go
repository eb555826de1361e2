package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/chart"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/project"
)

// setProjectNode stores a stage node: planned and actual dates, owner,
// evidence, done. A refused node comes back as typed.
func (s *Server) setProjectNode(w http.ResponseWriter, r *http.Request) {
	pp, ok := s.manageProject(w, r)
	if !ok {
		return
	}
	v := current(r)
	n := project.Node{ProjectID: pp.Project.ID, Stage: project.Stage(r.PostFormValue("stage")),
		PlannedOn: r.PostFormValue("planned_on"), ActualOn: r.PostFormValue("actual_on"),
		Owner: r.PostFormValue("owner"), Evidence: r.PostFormValue("evidence"), Done: r.PostFormValue("done") == "1"}
	if err := s.projects().SetNode(r.Context(), v.user.Actor(v.address), n); err != nil {
		s.refuseProject(w, r, pp, func(view *projectView) { view.NodeForm = n }, err)
		return
	}
	http.Redirect(w, r, projectPath(pp.Year, pp.Project.ID)+"?done=project_node_saved", http.StatusSeeOther)
}

// addProjectProblem puts a problem on the list, owned by a unit in the
// office's scope.
func (s *Server) addProjectProblem(w http.ResponseWriter, r *http.Request) {
	pp, ok := s.manageProject(w, r)
	if !ok {
		return
	}
	v := current(r)
	owner, _ := strconv.ParseInt(r.PostFormValue("owner_unit"), 10, 64)
	if unit, known := pp.Units[owner]; !known || !unit.Within(v.user.Unit) {
		s.refuseProject(w, r, pp, func(*projectView) {}, i18n.Invalid("owner_unit", "project.err.unit"))
		return
	}
	pr := project.Problem{ProjectID: pp.Project.ID, Title: r.PostFormValue("title"), OwnerUnitID: owner,
		Leader: r.PostFormValue("leader"), Deadline: r.PostFormValue("deadline")}
	if _, err := s.projects().AddProblem(r.Context(), v.user.Actor(v.address), pr); err != nil {
		s.refuseProject(w, r, pp, func(*projectView) {}, err)
		return
	}
	http.Redirect(w, r, projectPath(pp.Year, pp.Project.ID)+"?done=project_problem_added", http.StatusSeeOther)
}

// closeProjectProblem closes a problem of the project with its resolution.
func (s *Server) closeProjectProblem(w http.ResponseWriter, r *http.Request) {
	pp, ok := s.manageProject(w, r)
	if !ok {
		return
	}
	v := current(r)
	id, _ := strconv.ParseInt(r.PathValue("pid"), 10, 64)
	st := s.projects()
	pr, err := st.Problem(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) || err == nil && pr.ProjectID != pp.Project.ID {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := st.CloseProblem(r.Context(), v.user.Actor(v.address), id, r.PostFormValue("resolution")); err != nil {
		s.refuseProject(w, r, pp, func(view *projectView) { view.Closing = id }, err)
		return
	}
	http.Redirect(w, r, projectPath(pp.Year, pp.Project.ID)+"?done=project_problem_closed", http.StatusSeeOther)
}

// projectChart draws the year's counted investment, month by month and
// cumulative, against the 序时 plan, as an SVG image.
func (s *Server) projectChart(w http.ResponseWriter, r *http.Request) {
	pp, ok := s.projectFromPath(w, r)
	if !ok {
		return
	}
	st := s.projects()
	y, err := st.YearOf(r.Context(), pp.Project.ID, pp.Year)
	hasPlan := err == nil
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	history, err := st.History(r.Context(), pp.Project.ID, pp.Year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	lang := current(r).lang
	labels := make([]string, 12)
	actual, expected := nanSeries(), nanSeries()
	for _, m := range monthLines(y, hasPlan, history) {
		labels[m.Month-1] = i18n.T(lang, "month."+strconv.Itoa(m.Month))
		if m.Shown {
			actual[m.Month-1] = m.Actual
		}
		if hasPlan {
			expected[m.Month-1] = m.Plan
		}
	}
	svg := chart.Line(chart.LineChart{Title: pp.Project.Name, Unit: i18n.T(lang, "projects.unit_wan"), Labels: labels,
		Series: []chart.Series{
			{Name: i18n.T(lang, "projects.chart_actual"), Values: actual, Style: chart.Actual},
			{Name: i18n.T(lang, "projects.chart_plan"), Values: expected, Style: chart.Expected},
		}, Decimals: 1, Empty: i18n.T(lang, "chart.empty")})
	writeSVG(w, svg)
}
