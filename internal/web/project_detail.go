package web

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"gaoxin/internal/attract"
	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/project"
)

// projectView is a project's page: the record, its plan for the year, its
// nodes, its months, its problems, its light and its history.
type projectView struct {
	Year         int
	Project      project.Project
	Lead         org.Unit
	CategoryName string
	Cooperators  []org.Unit
	HasPlan      bool
	Row          project.Row // the year's plan, investment and light
	Profile      []profileCell
	Light        project.Light
	Nodes        []nodeLine
	Months       []monthLine
	Problems     []problemLine
	Audit        []audit.Entry
	ShowAudit    bool
	CanManage    bool
	Stages       []project.Stage
	NodeForm     project.Node // the node form's values: a node picked to edit, or what was typed
	Closing      int64        // the problem whose close form was refused
	OwnerUnits   []org.Unit   // units a problem may be given to
	Today        string
	ChartPath    string
	SourceLead   *attract.Lead // the investment lead the project came from, when the user may see it
}

// nodeLine is one stage of the timeline, set or not.
type nodeLine struct {
	Stage project.Stage
	Node  *project.Node
	State string // done, overdue, near, planned, unplanned or unset
	Class string // the dot's style
	Days  int    // days overdue or left
}

// monthLine is one month of the year: the 序时 plan, the report, and the
// counted investment so far.
type monthLine struct {
	Month   int
	Plan    float64 // year to date the plan expects
	Report  *project.Report
	Actual  float64 // counted year to date
	Shown   bool    // Actual is shown: the month is not after the last counted one
	Counted bool    // this month's report counts
}

// profileCell is one month of a 序时 profile.
type profileCell struct {
	Month  int
	Amount float64
}

type problemLine struct {
	project.Problem
	Owner   string
	Overdue bool
}

func (s *Server) projectPage(w http.ResponseWriter, r *http.Request) {
	pp, ok := s.projectFromPath(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "projects.project_title", "projects")
	view, err := s.projectData(r, p, pp)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if st := project.Stage(r.URL.Query().Get("stage")); st.Valid() {
		view.NodeForm = project.Node{Stage: st}
		for _, n := range view.Nodes {
			if n.Stage == st && n.Node != nil {
				view.NodeForm = *n.Node
			}
		}
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "project_detail", p)
}

func (s *Server) projectData(r *http.Request, p *page, pp *projectInPath) (projectView, error) {
	ctx := r.Context()
	u := current(r).user
	st := s.projects()
	view := projectView{Year: pp.Year, Project: pp.Project, Lead: pp.Lead, Stages: project.Stages, Today: st.Today(),
		CanManage: auth.CanInUnit(u, auth.PermProjectsManage, pp.Lead),
		ChartPath: projectPath(pp.Year, pp.Project.ID) + "/chart.svg"}
	view.ShowAudit = view.CanManage || auth.Can(u, auth.PermAuditView)
	view.NodeForm.Stage = project.Stages[0]
	_, names, err := s.categoryLabels(ctx, p.lang)
	if err != nil {
		return view, err
	}
	view.CategoryName = names[pp.Project.Category]
	if view.SourceLead, err = s.sourceLead(ctx, u, pp); err != nil {
		return view, err
	}
	for _, id := range pp.Project.Cooperators {
		view.Cooperators = append(view.Cooperators, pp.Units[id])
	}
	row, err := st.RowOf(ctx, pp.Year, pp.Project.ID)
	switch {
	case err == nil:
		view.HasPlan, view.Row, view.Light = true, row, row.Light
		for m, amount := range row.Year.Profile {
			view.Profile = append(view.Profile, profileCell{Month: m + 1, Amount: amount})
		}
	case !errors.Is(err, db.ErrNotFound):
		return view, err
	}
	nodes, err := st.Nodes(ctx, pp.Project.ID)
	if err != nil {
		return view, err
	}
	problems, err := st.Problems(ctx, pp.Project.ID)
	if err != nil {
		return view, err
	}
	rules, err := st.Rules(ctx)
	if err != nil {
		return view, err
	}
	if !view.HasPlan {
		var open []project.Problem
		for _, pr := range problems {
			if !pr.Closed {
				open = append(open, pr)
			}
		}
		view.Light = project.Evaluate(project.State{Nodes: nodes, Problems: open}, view.Today, rules)
	}
	view.Nodes = timeline(nodes, view.Today, rules.WarnDays)
	for _, pr := range problems {
		view.Problems = append(view.Problems, problemLine{Problem: pr, Owner: pp.Units[pr.OwnerUnitID].Name, Overdue: pr.OverdueOn(view.Today)})
	}
	history, err := st.History(ctx, pp.Project.ID, pp.Year)
	if err != nil {
		return view, err
	}
	view.Months = monthLines(view.Row.Year, view.HasPlan, history)
	if view.ShowAudit {
		if view.Audit, err = s.projectAudit(ctx, pp.Project.ID, problems, history); err != nil {
			return view, err
		}
	}
	if view.CanManage {
		scope, err := s.units.Subtree(ctx, u.Unit)
		if err != nil {
			return view, err
		}
		for _, unit := range scope {
			if unit.Active {
				view.OwnerUnits = append(view.OwnerUnits, unit)
			}
		}
	}
	return view, nil
}

// timeline lays the nodes along every stage, in order.
func timeline(nodes []project.Node, today string, warnDays int) []nodeLine {
	byStage := map[project.Stage]*project.Node{}
	for i := range nodes {
		byStage[nodes[i].Stage] = &nodes[i]
	}
	day, _ := time.Parse("2006-01-02", today)
	lines := make([]nodeLine, 0, len(project.Stages))
	for _, st := range project.Stages {
		l := nodeLine{Stage: st, Node: byStage[st], State: "unset", Class: "st-none"}
		switch n := l.Node; {
		case n == nil:
		case n.Done:
			l.State, l.Class = "done", "st-ahead"
		case n.PlannedOn == "":
			l.State = "unplanned"
		default:
			planned, _ := time.Parse("2006-01-02", n.PlannedOn)
			l.Days = int(day.Sub(planned).Hours() / 24)
			switch {
			case l.Days > 0:
				l.State, l.Class = "overdue", "st-serious"
			case -l.Days <= warnDays:
				l.State, l.Class, l.Days = "near", "st-behind", -l.Days
			default:
				l.State, l.Class, l.Days = "planned", "st-on_track", -l.Days
			}
		}
		lines = append(lines, l)
	}
	return lines
}

// monthLines sets the year's reports beside the 序时 plan; the counted
// year to date is shown up to the last month that counts.
func monthLines(y project.Year, hasPlan bool, history [12]*project.Report) []monthLine {
	months, has := project.Counted(history)
	last := -1
	for m := range has {
		if has[m] {
			last = m
		}
	}
	lines := make([]monthLine, 12)
	sum := 0.0
	for m := 0; m < 12; m++ {
		sum += months[m]
		lines[m] = monthLine{Month: m + 1, Report: history[m], Actual: sum, Shown: m <= last, Counted: has[m]}
		if hasPlan {
			lines[m].Plan = y.ExpectedBy(m + 1)
		}
	}
	return lines
}

// refuseProject shows the project's page again with what was typed into
// the refused form and the problem.
func (s *Server) refuseProject(w http.ResponseWriter, r *http.Request, pp *projectInPath, adjust func(*projectView), err error) {
	p := s.newPage(r, "projects.project_title", "projects")
	view, lerr := s.projectData(r, p, pp)
	if lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	adjust(&view)
	p.Data = view
	s.refuse(w, r, "project_detail", p, err)
}

// manageProject loads the project of the path for a change by the office.
func (s *Server) manageProject(w http.ResponseWriter, r *http.Request) (*projectInPath, bool) {
	pp, ok := s.projectFromPath(w, r)
	if !ok {
		return nil, false
	}
	if !auth.CanInUnit(current(r).user, auth.PermProjectsManage, pp.Lead) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return nil, false
	}
	return pp, true
}

// projectAudit is the project's trail: its record, plans and nodes, its
// problems and this year's reports, newest first.
func (s *Server) projectAudit(ctx context.Context, id int64, problems []project.Problem, history [12]*project.Report) ([]audit.Entry, error) {
	f := []audit.Filter{{Entity: "project", EntityID: itoa(id), Limit: projectAuditSize}}
	for _, pr := range problems {
		f = append(f, audit.Filter{Entity: "project_problem", EntityID: itoa(pr.ID), Limit: projectAuditSize})
	}
	for _, rp := range history {
		if rp != nil {
			f = append(f, audit.Filter{Entity: "project_report", EntityID: itoa(rp.ID), Limit: projectAuditSize})
		}
	}
	var out []audit.Entry
	for _, filter := range f {
		list, err := audit.List(ctx, s.db, filter)
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	slices.SortFunc(out, func(a, b audit.Entry) int { return cmp.Compare(b.Seq, a.Seq) })
	return out[:min(len(out), projectAuditSize)], nil
}

// projectAuditSize is how many entries of its trail a project's page shows.
const projectAuditSize = 50

// sourceLead is the lead a project was converted from or linked to, for a
// user who may see leads of its owner unit; nil otherwise.
func (s *Server) sourceLead(ctx context.Context, u *auth.User, pp *projectInPath) (*attract.Lead, error) {
	if !auth.Can(u, auth.PermLeadsView) {
		return nil, nil
	}
	l, err := s.leads().ByProject(ctx, pp.Project.ID)
	switch {
	case errors.Is(err, db.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, err
	}
	if owner, ok := pp.Units[l.OwnerUnitID]; !ok || !owner.Within(u.Unit) {
		return nil, nil
	}
	return &l, nil
}
