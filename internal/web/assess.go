package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/plan"
)

// assessRoutes are the assessment results: schemes, computed and published
// results, scorecards, what-if and the 通报 export.
func (s *Server) assessRoutes() []route {
	return []route{
		{"GET /assess", auth.PermAssessView, s.latestAssessment},
		{"GET /assess/{year}", auth.PermAssessView, s.assessOverview},
		{"GET /assess/{year}/combined", auth.PermAssessView, s.combinedPage},
		{"GET /assess/{year}/results/{period}", auth.PermAssessView, s.resultsPage},
		{"GET /assess/{year}/results/{period}/units/{unit}", auth.PermAssessView, s.scorecardPage},
		{"GET /assess/{year}/results/{period}/bulletin.xlsx", auth.PermAssessView, s.bulletin},
		{"GET /assess/{year}/results/{period}/changes", auth.PermAssessView, s.changesPage},
		{"POST /assess/{year}/results/{period}/publish", auth.PermAssessManage, s.publishResults},
		{"GET /assess/{year}/whatif", auth.PermAssessManage, s.whatIfPage},
		{"POST /assess/{year}/whatif", auth.PermAssessManage, s.whatIf},
		{"GET /assess/{year}/schemes", auth.PermAssessView, s.schemesPage},
		{"POST /assess/{year}/schemes", auth.PermAssessManage, s.saveScheme},
		{"GET /assess/{year}/schemes/{id}", auth.PermAssessView, s.schemePage},
		{"GET /assess/{year}/schemes/{id}/file", auth.PermAssessView, s.schemeFile},
		{"POST /assess/{year}/schemes/{id}/adopt", auth.PermAssessManage, s.adoptScheme},
	}
}

// latestAssessment opens the newest year with an adopted scheme.
func (s *Server) latestAssessment(w http.ResponseWriter, r *http.Request) {
	years, err := assess.NewStore(s.db).Years(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(years) == 0 {
		p := s.newPage(r, "assess.title", "assess")
		// The office starts a year's assessment from the year of the plan.
		if plans, err := plan.NewStore(s.db).Years(r.Context()); err == nil && len(plans) > 0 {
			p.Data = plans[0]
		}
		s.render(w, r, http.StatusOK, "assess_none", p)
		return
	}
	http.Redirect(w, r, "/assess/"+strconv.Itoa(years[0]), http.StatusSeeOther)
}

// overviewView is a year's assessment at a glance: for each checkpoint
// and class, the published version or that none is yet.
type overviewView struct {
	Year    int
	Periods []periodCell
	Classes []string
	Schemes []assess.Stored
}

type periodCell struct {
	Key, Name string
	Cells     []publishedCell // by class, in the order of Classes
}

type publishedCell struct {
	Class     string
	Published *assess.Published
	Declared  bool // the class's scheme scores this checkpoint
}

func (s *Server) assessOverview(w http.ResponseWriter, r *http.Request) {
	year, ok := pathYear(w, r, s)
	if !ok {
		return
	}
	current, err := assess.NewStore(s.db).Current(r.Context(), year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	published, err := assess.NewResultStore(s.db).Year(r.Context(), year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "assess.title", "assess")
	view := overviewView{Year: year, Schemes: assess.ByClass(current)}
	for _, st := range view.Schemes {
		view.Classes = append(view.Classes, st.Class)
	}
	for _, per := range assess.Periods {
		row := periodCell{Key: per.Key, Name: assess.PeriodName(per.Key, p.Lang())}
		for _, st := range view.Schemes {
			cell := publishedCell{Class: st.Class, Declared: assess.Declares(st, per.Key)}
			for i := range published {
				if published[i].Period == per.Key && published[i].Class == st.Class {
					cell.Published = &published[i]
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		view.Periods = append(view.Periods, row)
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "assess", p)
}

// schemeStore and resultStore date what they write by gaoxin's clock,
// which the demo pins to its year, as the reporting pages do.
func (s *Server) schemeStore() *assess.Store {
	st := assess.NewStore(s.db)
	st.SetClock(s.reports.Now)
	return st
}

func (s *Server) resultStore() *assess.ResultStore {
	st := assess.NewResultStore(s.db)
	st.SetClock(s.reports.Now)
	return st
}

// pathYear reads {year}; anything else is a page that does not exist.
func pathYear(w http.ResponseWriter, r *http.Request, s *Server) (int, bool) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 2100 {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return 0, false
	}
	return year, true
}

// pathPeriod reads {year} and {period}.
func pathPeriod(w http.ResponseWriter, r *http.Request, s *Server) (int, string, bool) {
	year, ok := pathYear(w, r, s)
	if !ok {
		return 0, "", false
	}
	period := r.PathValue("period")
	if _, known := assess.PeriodMonth(period); !known {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return 0, "", false
	}
	return year, period, true
}

// notFoundOr answers a missing record with 404 and anything else with 500.
func (s *Server) notFoundOr(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, db.ErrNotFound) || errors.Is(err, assess.ErrNoScheme) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	s.serverError(w, r, err)
}
