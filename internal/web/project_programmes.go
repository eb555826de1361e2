package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/db"
	"gaoxin/internal/project"
)

// progLine is one node of a programme's tree as a line of its table, with
// the sums of the pieces the user may see.
type progLine struct {
	Depth         int
	Level         project.ItemLevel
	Code, Name    string
	Items, Pieces int
	Budget        float64
	Planned       float64
	InvestedYTD   float64
	Light         project.Color
	ProjectID     int64
	Row           *project.Row
}

func (l *progLine) add(c progLine) {
	l.Budget += c.Budget
	l.Planned += c.Planned
	l.InvestedYTD += c.InvestedYTD
	l.Pieces += c.Pieces
	l.Items += c.Items
	if c.Level == project.LevelItem {
		l.Items++
	}
	if colorRank(c.Light) > colorRank(l.Light) {
		l.Light = c.Light
	}
}

// flatten writes a node and what lies beneath it as lines, keeping the
// pieces keep takes. Without all, a category or item with no piece left
// is dropped, so that a unit sees its own part of a programme.
func flatten(n *project.TreeNode, depth int, keep func(*project.TreeNode) bool, all bool) ([]progLine, bool) {
	line := progLine{Depth: depth, Level: n.Level, Code: n.Code, Name: n.Name, Light: project.Green, ProjectID: n.ProjectID}
	if n.Level == project.LevelPiece {
		if !keep(n) {
			return nil, false
		}
		line.Pieces, line.Row = 1, n.Row
		if n.Row != nil {
			line.Budget, line.Planned, line.InvestedYTD, line.Light = n.Row.TotalInvestment, n.Row.Year.PlannedInvestment,
				n.Row.InvestedYTD, n.Row.Light.Color
		}
		return []progLine{line}, true
	}
	var below []progLine
	for _, c := range n.Children {
		lines, ok := flatten(c, depth+1, keep, all)
		if !ok {
			continue
		}
		line.add(lines[0])
		below = append(below, lines...)
	}
	if len(below) == 0 && !all {
		return nil, false
	}
	return append([]progLine{line}, below...), true
}

// programmeTree is a programme's table and its totals for the user.
func (s *Server) programmeTree(r *http.Request, g project.Programme) ([]progLine, progLine, error) {
	top, _, err := s.projects().Tree(r.Context(), g)
	if err != nil {
		return nil, progLine{}, err
	}
	units, err := s.units.ByID(r.Context())
	if err != nil {
		return nil, progLine{}, err
	}
	u := current(r).user
	scope := inProjectScope(u, units)
	all := u.Unit.ParentID == 0
	keep := func(n *project.TreeNode) bool { return all || n.Row != nil && scope(n.Row.LeadUnitID) }
	total := progLine{Light: project.Green}
	var lines []progLine
	for _, n := range top {
		sub, ok := flatten(n, 0, keep, all)
		if !ok {
			continue
		}
		total.add(sub[0])
		lines = append(lines, sub...)
	}
	return lines, total, nil
}

type programmesView struct {
	Year  int
	Years []int
	Rows  []programmeRow
}

type programmeRow struct {
	Programme  project.Programme
	Categories int
	Total      progLine
}

func (s *Server) programmesPage(w http.ResponseWriter, r *http.Request) {
	year, ok := s.projectYear(w, r)
	if !ok {
		return
	}
	list, err := s.projects().Programmes(r.Context(), year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := programmesView{Year: year}
	for _, g := range list {
		lines, total, err := s.programmeTree(r, g)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		row := programmeRow{Programme: g, Total: total}
		for _, l := range lines {
			if l.Level == project.LevelCategory {
				row.Categories++
			}
		}
		view.Rows = append(view.Rows, row)
	}
	if view.Years, err = s.projectYears(r, year); err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "programmes.title", "projects")
	p.Data = view
	s.render(w, r, http.StatusOK, "project_programmes", p)
}

type programmeView struct {
	Programme project.Programme
	Lines     []progLine
	Total     progLine
}

func (s *Server) programmePage(w http.ResponseWriter, r *http.Request) {
	year, ok := s.projectYear(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	g, err := s.projects().Programme(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) || err == nil && g.Year != year {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	lines, total, err := s.programmeTree(r, g)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "programmes.title", "projects")
	p.Data = programmeView{Programme: g, Lines: lines, Total: total}
	s.render(w, r, http.StatusOK, "project_programme", p)
}
