package web

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/project"
)

// portfolioFilter is the list's filter as the GET form sends it.
type portfolioFilter struct {
	Category, Cluster, Unit, Color, Level, Q string
}

func readPortfolioFilter(q url.Values) portfolioFilter {
	return portfolioFilter{Category: q.Get("category"), Cluster: q.Get("cluster"), Unit: q.Get("unit"),
		Color: q.Get("color"), Level: q.Get("level"), Q: strings.TrimSpace(q.Get("q"))}
}

func (f portfolioFilter) empty() bool { return f == portfolioFilter{} }

// query writes the filter back as a query string, with a sort order.
func (f portfolioFilter) query(sortBy, dir string) url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"category": f.Category, "cluster": f.Cluster, "unit": f.Unit,
		"color": f.Color, "level": f.Level, "q": f.Q, "sort": sortBy, "dir": dir} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// storeFilter is the filter for the store, always within scope.
func (f portfolioFilter) storeFilter(scope func(int64) bool) project.Filter {
	out := project.Filter{Units: scope, Search: f.Q}
	if f.Category != "" {
		out.Categories = []string{f.Category}
	}
	if f.Cluster != "" {
		out.Clusters = []string{f.Cluster}
	}
	if f.Color != "" {
		out.Colors = []project.Color{project.Color(f.Color)}
	}
	if f.Level != "" {
		out.Levels = []project.Level{project.Level(f.Level)}
	}
	if unit, err := strconv.ParseInt(f.Unit, 10, 64); err == nil {
		out.Units = func(id int64) bool { return id == unit && scope(id) }
	}
	return out
}

// portfolioRow is one project of the list, its category named in the
// page's language.
type portfolioRow struct {
	project.Row
	CategoryName string
}

type portfolioView struct {
	Year          int
	Years         []int
	Rows          []portfolioRow
	Totals        project.Totals
	Filter        portfolioFilter
	Categories    []project.Category
	Clusters      []string
	Units         []org.Unit // the lead units in the user's scope
	Colors        []project.Color
	Levels        []project.Level
	SortBy        string
	Dir           string
	SortLinks     map[string]string // column → the list sorted by it
	SortMarks     map[string]string // the sorted column → ▲ or ▼
	TotalShare    float64           // the year to date of the whole list, over its plan
	CategoryNames map[string]string
	Export        string
	CanManage     bool
}

// sortColumns are the columns the list sorts by.
var sortColumns = []string{"code", "name", "total", "plan", "ytd", "share", "light"}

func (s *Server) portfolioPage(w http.ResponseWriter, r *http.Request) {
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
	p.Data = view
	s.render(w, r, http.StatusOK, "project_list", p)
}

// loadPortfolio reads the year's projects in the user's scope: all of
// them for the filter's choices, those the filter keeps for the table.
func (s *Server) loadPortfolio(r *http.Request, p *page, year int) (portfolioView, error) {
	ctx := r.Context()
	u := current(r).user
	q := r.URL.Query()
	view := portfolioView{Year: year, Filter: readPortfolioFilter(q), Colors: project.Colors, Levels: project.Levels,
		SortBy: q.Get("sort"), Dir: q.Get("dir"), CanManage: p.Can("projects.manage")}
	if !slices.Contains(sortColumns, view.SortBy) {
		view.SortBy = "code"
	}
	if view.Dir != "desc" {
		view.Dir = "asc"
	}
	units, err := s.units.ByID(ctx)
	if err != nil {
		return view, err
	}
	scope := inProjectScope(u, units)
	st := s.projects()
	all, totals, err := st.Portfolio(ctx, year, project.Filter{Units: scope})
	if err != nil {
		return view, err
	}
	rows := all
	if !view.Filter.empty() {
		if rows, totals, err = st.Portfolio(ctx, year, view.Filter.storeFilter(scope)); err != nil {
			return view, err
		}
	}
	if view.Categories, view.CategoryNames, err = s.categoryLabels(ctx, p.lang); err != nil {
		return view, err
	}
	view.Totals = totals
	if totals.PlannedYear > 0 {
		view.TotalShare = totals.InvestedYTD / totals.PlannedYear
	}
	for _, row := range rows {
		view.Rows = append(view.Rows, portfolioRow{Row: row, CategoryName: view.CategoryNames[row.Category]})
	}
	sortPortfolio(view.Rows, view.SortBy, view.Dir == "desc")
	view.Clusters, view.Units = choices(all, units)
	view.SortLinks = map[string]string{}
	view.SortMarks = map[string]string{view.SortBy: "▲"}
	if view.Dir == "desc" {
		view.SortMarks[view.SortBy] = "▼"
	}
	for _, c := range sortColumns {
		dir := "asc"
		if c == view.SortBy && view.Dir == "asc" {
			dir = "desc"
		}
		view.SortLinks[c] = "?" + view.Filter.query(c, dir).Encode()
	}
	view.Export = projectsPath(year) + "/export.xlsx?" + view.Filter.query(view.SortBy, view.Dir).Encode()
	view.Years, err = s.projectYears(r, year)
	return view, err
}

// choices are the clusters and lead units among the projects, for the
// filter's lists.
func choices(rows []project.Row, units map[int64]org.Unit) ([]string, []org.Unit) {
	var clusters []string
	seen := map[int64]bool{}
	var leads []org.Unit
	for _, r := range rows {
		if r.Cluster != "" && !slices.Contains(clusters, r.Cluster) {
			clusters = append(clusters, r.Cluster)
		}
		if !seen[r.LeadUnitID] {
			seen[r.LeadUnitID] = true
			leads = append(leads, units[r.LeadUnitID])
		}
	}
	sort.Strings(clusters)
	return clusters, org.TreeOrder(leads)
}

// sortPortfolio orders the rows by a column, ties by code.
func sortPortfolio(rows []portfolioRow, by string, desc bool) {
	key := func(r portfolioRow) float64 {
		switch by {
		case "total":
			return r.TotalInvestment
		case "plan":
			return r.Year.PlannedInvestment
		case "ytd":
			return r.InvestedYTD
		case "share":
			return r.PlanShare
		case "light":
			return float64(colorRank(r.Light.Color))
		}
		return 0
	}
	less := func(a, b portfolioRow) int {
		switch by {
		case "code":
			return strings.Compare(a.Code, b.Code)
		case "name":
			return strings.Compare(a.Name, b.Name)
		}
		ka, kb := key(a), key(b)
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	}
	slices.SortStableFunc(rows, func(a, b portfolioRow) int {
		c := less(a, b)
		if desc {
			c = -c
		}
		if c == 0 {
			return strings.Compare(a.Code, b.Code)
		}
		return c
	})
}

// projectYears are the years to offer: those with a plan, and this one,
// newest first.
func (s *Server) projectYears(r *http.Request, year int) ([]int, error) {
	years, err := plan.NewStore(s.db).Years(r.Context())
	if err != nil {
		return nil, err
	}
	if !slices.Contains(years, year) {
		years = append(years, year)
	}
	slices.SortFunc(years, func(a, b int) int { return b - a })
	return years, nil
}

// latestProjects sends /projects to the latest year that has projects,
// else to the plan's latest year, else to this year.
func (s *Server) latestProjects(w http.ResponseWriter, r *http.Request) {
	this := s.reports.Now().In(chinaTime).Year()
	years, err := s.projectYears(r, this)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	target := years[0]
	if planYears, err := plan.NewStore(s.db).Years(r.Context()); err == nil && len(planYears) > 0 {
		target = planYears[0]
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	st := s.projects()
	for _, y := range years {
		rows, _, err := st.Portfolio(r.Context(), y, project.Filter{})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if len(rows) > 0 {
			target = y
			break
		}
	}
	http.Redirect(w, r, projectsPath(target), http.StatusSeeOther)
}
