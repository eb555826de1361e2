package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/project"
	"gaoxin/internal/quantity"
)

// projectRoutes are the key projects (重点项目) and livelihood programmes
// (民生实事). Every role reads the portfolio within its scope: the projects
// whose lead unit lies in the user's unit subtree. The lead unit reports
// monthly and its head confirms, as with figures; the 项目办 keeps the
// records and reviews the reports. Routes several roles share carry the
// widest permission and their handlers decide by role and unit.
func (s *Server) projectRoutes() []route {
	return []route{
		{"GET /projects", auth.PermProjectsView, s.latestProjects},
		{"GET /projects/mine", auth.PermProjectsView, s.myProjects},
		{"GET /projects/{year}", auth.PermProjectsView, s.portfolioPage},
		{"GET /projects/{year}/export.xlsx", auth.PermProjectsView, s.exportPortfolio},
		{"GET /projects/{year}/watch", auth.PermProjectsView, s.watchPage},
		{"GET /projects/{year}/import", auth.PermProjectsManage, s.projectImportPage},
		{"POST /projects/{year}/import", auth.PermProjectsManage, s.importProjects},
		{"GET /projects/{year}/{id}", auth.PermProjectsView, s.projectPage},
		{"GET /projects/{year}/{id}/chart.svg", auth.PermProjectsView, s.projectChart},
		{"POST /projects/{year}/{id}/nodes", auth.PermProjectsManage, s.setProjectNode},
		{"POST /projects/{year}/{id}/problems", auth.PermProjectsManage, s.addProjectProblem},
		{"POST /projects/{year}/{id}/problems/{pid}/close", auth.PermProjectsManage, s.closeProjectProblem},

		{"GET /projects/{year}/report/{month}/{unit}", auth.PermProjectsView, s.projectReportPage},
		{"POST /projects/{year}/report/{month}/{unit}", auth.PermReport, s.saveProjectReport},
		{"GET /projects/{year}/report/{month}/{unit}/template.xlsx", auth.PermProjectsView, s.projectReportWorkbook},
		{"POST /projects/{year}/report/{month}/{unit}/upload", auth.PermReport, s.uploadProjectReport},
		// One route per step, not /{action}: a wildcard there would overlap
		// /projects/{year}/{id}/problems/{pid}/close.
		{"POST /projects/{year}/report/{month}/{unit}/confirm", auth.PermConfirm, s.moveProjectReports("confirm")},
		{"POST /projects/{year}/report/{month}/{unit}/approve", auth.PermProjectsReview, s.moveProjectReports("approve")},
		{"POST /projects/{year}/report/{month}/{unit}/return", auth.PermProjectsView, s.moveProjectReports("return")},

		{"GET /programmes/{year}", auth.PermProjectsView, s.programmesPage},
		{"GET /programmes/{year}/{id}", auth.PermProjectsView, s.programmePage},
	}
}

// projects is the project store on gaoxin's clock, which the demo pins to
// its year.
func (s *Server) projects() *project.Store {
	st := project.NewStore(s.db)
	st.SetClock(s.reports.Now)
	return st
}

// projectYear reads the year in the path; anything else is not found.
func (s *Server) projectYear(w http.ResponseWriter, r *http.Request) (int, bool) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 2100 {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return 0, false
	}
	return year, true
}

// inProjectScope says which lead units' projects u may see: those within
// the user's unit subtree.
func inProjectScope(u *auth.User, units map[int64]org.Unit) func(int64) bool {
	return func(id int64) bool {
		unit, ok := units[id]
		return ok && auth.CanInUnit(u, auth.PermProjectsView, unit)
	}
}

// projectInPath is a project of the path with its lead unit, checked to
// exist in the path's year and to lie within the user's scope.
type projectInPath struct {
	Year    int
	Project project.Project
	Lead    org.Unit
	Units   map[int64]org.Unit
}

func (s *Server) projectFromPath(w http.ResponseWriter, r *http.Request) (*projectInPath, bool) {
	year, ok := s.projectYear(w, r)
	if !ok {
		return nil, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	}
	p, err := s.projects().Project(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) || err == nil && (year < p.StartYear || year > p.EndYear) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	} else if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	units, err := s.units.ByID(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	lead := units[p.LeadUnitID]
	if !auth.CanInUnit(current(r).user, auth.PermProjectsView, lead) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return nil, false
	}
	return &projectInPath{Year: year, Project: p, Lead: lead, Units: units}, true
}

func projectsPath(year int) string { return "/projects/" + strconv.Itoa(year) }

func projectPath(year int, id int64) string { return projectsPath(year) + "/" + itoa(id) }

func projectReportPath(year, month int, unit int64) string {
	return projectsPath(year) + "/report/" + strconv.Itoa(month) + "/" + itoa(unit)
}

// wan writes an amount of 万元 as offices do: thousands separated, at
// most two decimals, no trailing zeros (1,200 and 1,200.5).
func wan(v float64) string {
	s := quantity.Format(v, 2)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// Wan writes an amount of 万元 for a page.
func (p *page) Wan(v float64) string { return wan(v) }

// Yi writes a large amount of 万元 where it reads better: in 亿元 in
// Chinese, in million yuan in English.
func (p *page) Yi(v float64) string {
	if p.lang == i18n.EN {
		return p.T("projects.yi", quantity.Format(v/100, 1))
	}
	return p.T("projects.yi", quantity.Format(v/10000, 2))
}

// Share writes a ratio as a percentage, 92.2%.
func (p *page) Share(v float64) string { return quantity.Format(v*100, 1) + "%" }

// LightClass is the style of a light's dot: the colours of the progress
// statuses (green ahead, yellow behind, red serious).
func (p *page) LightClass(c project.Color) string { return lightClass(c) }

func lightClass(c project.Color) string {
	switch c {
	case project.Red:
		return "st-serious"
	case project.Yellow:
		return "st-behind"
	case project.Green:
		return "st-ahead"
	}
	return "st-none"
}

// colorRank orders the lights, worst highest.
func colorRank(c project.Color) int {
	switch c {
	case project.Red:
		return 2
	case project.Yellow:
		return 1
	}
	return 0
}

// Reason is a light's reason in the page's language.
func (p *page) Reason(rs project.Reason) string { return rs.Msg.In(p.lang) }

// FirstReason is the worst reason of a light, "" when there is none.
func (p *page) FirstReason(l project.Light) string {
	if len(l.Reasons) == 0 {
		return ""
	}
	return l.Reasons[0].Msg.In(p.lang)
}

// categoryLabels names the categories in lang.
func (s *Server) categoryLabels(ctx context.Context, lang i18n.Lang) ([]project.Category, map[string]string, error) {
	list, err := s.projects().Categories(ctx)
	if err != nil {
		return nil, nil, err
	}
	names := make(map[string]string, len(list))
	for _, c := range list {
		names[c.Code] = c.Label(lang)
	}
	return list, names, nil
}
