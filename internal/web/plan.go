package web

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

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
	b, err := s.boards.load(r.Context(), s.db, year, month)
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
	Nodes  []dashboard.NodeRow // the whole tree, or the subtree drilled into
	Trail  []dashboard.NodeRow // the nodes above the one drilled into
	Node   int64
	Counts map[string]int // indicators shown, by status code
	Rows   []boardRow     // the table: Nodes and their indicators, written out
	Table  template.HTML  // Rows rendered by the template plan_rows
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
	view := planView{Board: b, Counts: map[string]int{}, Years: years, Nodes: b.Nodes}
	view.Node, _ = strconv.ParseInt(r.URL.Query().Get("node"), 10, 64)
	if view.Node != 0 {
		view.Nodes, view.Trail = drill(b.Nodes, view.Node)
	}
	for _, n := range view.Nodes {
		for _, in := range n.Indicators {
			view.Counts[in.Zone.Status.String()]++
		}
	}
	p := s.newPage(r, "plan.title", "plan")
	table, err := s.boards.table(b, tableKey{lang: p.lang, node: drilled(view)}, func() (template.HTML, error) {
		return s.planRows(p, view)
	})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Table = table
	p.Data = view
	s.render(w, r, http.StatusOK, "plan", p)
}

// planRows renders the dashboard's table through the template plan_rows.
// html/template escapes its reflective way through 2,000 rows of 12
// values each in about 40 ms; the rows depend only on the board, the
// language and the node drilled into, so the result is kept with the board
// and the page of a warm board costs a few milliseconds.
func (s *Server) planRows(p *page, view planView) (template.HTML, error) {
	rows := *p
	view.Rows = boardRows(p, view.Board, view.Nodes)
	rows.Data = view
	var buf bytes.Buffer
	if err := s.pages["plan"].ExecuteTemplate(&buf, "plan_rows", &rows); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// drilled is the node whose subtree the page shows, 0 for the whole tree
// (also when the node asked for is not on the board).
func drilled(view planView) int64 {
	if view.Node != 0 && len(view.Nodes) > 0 && view.Nodes[0].ID == view.Node {
		return view.Node
	}
	return 0
}

// drill keeps the node with id and everything beneath it, and returns the
// nodes above it as a trail back to the top.
func drill(nodes []dashboard.NodeRow, id int64) (sub, trail []dashboard.NodeRow) {
	var path string
	byID := map[int64]dashboard.NodeRow{}
	for _, n := range nodes {
		byID[n.ID] = n
		if n.ID == id {
			path = n.Path
		}
	}
	if path == "" {
		return nodes, nil
	}
	for _, n := range nodes {
		if strings.HasPrefix(n.Path, path) {
			sub = append(sub, n)
		}
	}
	for p := byID[byID[id].ParentID]; p.ID != 0; p = byID[p.ParentID] {
		trail = append([]dashboard.NodeRow{p}, trail...)
	}
	return sub, trail
}

type indicatorView struct {
	Board      *dashboard.Board
	Row        *dashboard.IndicatorRow
	Units      []dashboard.UnitProgress // those within the user's scope
	Node       string
	Source     string
	Gap        *plan.SharingGap
	ChartPath  string
	CanManage  bool
	History    []targetRow
	Assignable []org.Unit
	Bound      *boundSource // where a bound indicator's figures come from
}

// indicatorFromPath loads the board of the year in the path and finds the
// indicator in it.
func (s *Server) indicatorFromPath(w http.ResponseWriter, r *http.Request) (*dashboard.Board, *dashboard.IndicatorRow, bool) {
	b, ok := s.board(w, r)
	if !ok {
		return nil, nil, false
	}
	row, ok := s.indicatorRow(w, r, b)
	return b, row, ok
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
	b, row, ok := s.indicatorFromPath(w, r)
	if !ok {
		return
	}
	view, err := s.indicatorData(r, b, row)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "indicator.title", "plan")
	p.Data = view
	s.render(w, r, http.StatusOK, "indicator", p)
}

// indicatorData gathers the indicator page: progress by unit in scope,
// target history, and for the office the units it may still be shared to.
func (s *Server) indicatorData(r *http.Request, b *dashboard.Board, row *dashboard.IndicatorRow) (indicatorView, error) {
	u := current(r).user
	view := indicatorView{Board: b, Row: row, Units: inScope(u, row.ByUnit), Source: b.Units[row.SourceUnitID].Name,
		Gap: b.Gap(row.ID), ChartPath: "/plan/" + strconv.Itoa(b.Plan.Year) + "/indicators/" + itoa(row.ID) + "/chart.svg?month=" + strconv.Itoa(b.Month),
		CanManage: auth.Can(u, auth.PermPlanManage), Bound: boundSourceOf(row.Indicator, b.Plan.Year, current(r).lang)}
	for _, n := range b.Nodes {
		if n.ID == row.NodeID {
			view.Node = n.Name
		}
	}
	targets, err := plan.NewStore(s.db).IndicatorTargets(r.Context(), row.ID)
	if err != nil {
		return view, err
	}
	for _, t := range targets {
		view.History = append(view.History, targetRow{Target: t, Unit: b.Units[t.UnitID].Name})
	}
	if view.CanManage {
		assigned := map[int64]bool{}
		for _, up := range row.ByUnit {
			assigned[up.Unit.ID] = true
		}
		scope, err := s.units.Subtree(r.Context(), u.Unit)
		if err != nil {
			return view, err
		}
		for _, unit := range scope {
			if unit.Active && !assigned[unit.ID] {
				view.Assignable = append(view.Assignable, unit)
			}
		}
	}
	return view, nil
}

// targetRow is a target with the name of its unit ("" for the zone).
type targetRow struct {
	plan.Target
	Unit string
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
