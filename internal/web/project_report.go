package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/project"
	"gaoxin/internal/quantity"
	"gaoxin/internal/report"
)

// reportForm is a lead unit's monthly report on its projects: one line
// per project it leads in the year.
type reportForm struct {
	Year, Month int
	Unit        org.Unit
	Period      report.Period
	Window      report.Window
	Lines       []reportLine
	Base        string
	CanEdit     bool
	CanConfirm  bool
	CanReview   bool
	Months      []int
	Sum         reportLine // the column totals
}

// reportLine is one project of the form.
type reportLine struct {
	ID         int64
	Code, Name string
	Plan       float64 // the year's planned investment
	Expected   float64 // the 序时 plan's year to date at this month
	Before     float64 // counted investment of the months before
	Report     *project.Report
	Editable   bool
	Invest     string  // the month's investment as stored, for the input
	Month      float64 // the month's investment as stored or typed
	YTD        float64 // Before + Month
	Share      float64 // YTD / Plan
	Progress   string
	Problems   string
	Light      project.Color
}

// projectReportFromPath loads the form of the path's year, month and unit,
// which the user must be able to see.
func (s *Server) projectReportFromPath(w http.ResponseWriter, r *http.Request) (*reportForm, bool) {
	year, ok := s.projectYear(w, r)
	if !ok {
		return nil, false
	}
	month, err1 := strconv.Atoi(r.PathValue("month"))
	unitID, err2 := strconv.ParseInt(r.PathValue("unit"), 10, 64)
	if err1 != nil || err2 != nil || month < 1 || month > 12 {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	}
	unit, err := s.units.Get(r.Context(), unitID)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	} else if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	if !auth.CanInUnit(current(r).user, auth.PermProjectsView, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return nil, false
	}
	period, err := s.reports.PeriodOf(r.Context(), year, month)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	} else if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	f, err := s.loadReportForm(r, year, month, unit, period)
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return f, true
}

func (s *Server) loadReportForm(r *http.Request, year, month int, unit org.Unit, period report.Period) (*reportForm, error) {
	st := s.projects()
	rows, _, err := st.Portfolio(r.Context(), year, project.Filter{Units: func(id int64) bool { return id == unit.ID }})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, row := range rows {
		ids[i] = row.ID
	}
	reports, err := st.Reports(r.Context(), period.ID, ids)
	if err != nil {
		return nil, err
	}
	u := current(r).user
	f := &reportForm{Year: year, Month: month, Unit: unit, Period: period, Window: period.WindowAt(s.reports.Now()),
		Base: projectReportPath(year, month, unit.ID), Months: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}
	editable, submitted, confirmed := false, false, false
	for _, row := range rows {
		l := reportLine{ID: row.ID, Code: row.Code, Name: row.Name, Plan: row.Year.PlannedInvestment,
			Expected: row.Year.ExpectedBy(month), Editable: true, Light: row.Light.Color}
		for m := 0; m < month-1; m++ {
			l.Before += row.Months[m]
		}
		if rp, ok := reports[row.ID]; ok {
			l.Report, l.Editable, l.Progress, l.Problems = &rp, rp.Status.Editable(), rp.Progress, rp.Problems
			if rp.InvestMonth != nil {
				l.Invest, l.Month = strconv.FormatFloat(*rp.InvestMonth, 'f', -1, 64), *rp.InvestMonth
			}
			submitted = submitted || rp.Status == report.Submitted
			confirmed = confirmed || rp.Status == report.Confirmed
		}
		editable = editable || l.Editable
		f.Lines = append(f.Lines, l)
	}
	open := f.Window == report.Open || f.Window == report.Grace
	f.CanEdit = editable && open && auth.CanInUnit(u, auth.PermReport, unit)
	f.CanConfirm = submitted && auth.CanInUnit(u, auth.PermConfirm, unit)
	f.CanReview = (submitted || confirmed) && auth.CanInUnit(u, auth.PermProjectsReview, unit)
	f.total(nil)
	return f, nil
}

// total works out each line's year to date with the month as typed (when
// a refused form comes back) or as stored, and the column sums.
func (f *reportForm) total(typed url.Values) {
	f.Sum = reportLine{}
	for i := range f.Lines {
		l := &f.Lines[i]
		if _, ok := typed["i_"+itoa(l.ID)]; ok && l.Editable {
			l.Month = 0
			if v, err := quantity.Parse(typed.Get("i_"+itoa(l.ID)), "万元"); err == nil {
				l.Month = v
			}
		}
		l.YTD = l.Before + l.Month
		if l.Plan > 0 {
			l.Share = l.YTD / l.Plan
		}
		f.Sum.Plan += l.Plan
		f.Sum.Expected += l.Expected
		f.Sum.Before += l.Before
		f.Sum.Month += l.Month
		f.Sum.YTD += l.YTD
	}
	if f.Sum.Plan > 0 {
		f.Sum.Share = f.Sum.YTD / f.Sum.Plan
	}
}

// due are the projects the unit reports on this month.
func (f *reportForm) due() []int64 {
	ids := make([]int64, len(f.Lines))
	for i, l := range f.Lines {
		ids[i] = l.ID
	}
	return ids
}

func (s *Server) projectReportPage(w http.ResponseWriter, r *http.Request) {
	f, ok := s.projectReportFromPath(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "projects.report_title", "projects")
	p.Data = f
	s.render(w, r, http.StatusOK, "project_report", p)
}

// saveProjectReport keeps what the lead unit typed and, with
// action=submit, sends every project's report on. All or nothing: one
// refused line refuses the form, which comes back as typed with the
// problem beside each line.
func (s *Server) saveProjectReport(w http.ResponseWriter, r *http.Request) {
	f, ok := s.projectReportFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	if !auth.CanInUnit(v.user, auth.PermReport, f.Unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	entries, problems := parseProjectReport(r, f)
	if len(problems) > 0 {
		s.refuseProjectReport(w, r, f, problems)
		return
	}
	who := v.user.Actor(v.address)
	st := s.projects()
	var err error
	done := "project_report_saved"
	if r.PostFormValue("action") == "submit" {
		err, done = st.Submit(r.Context(), who, f.Period, entries, f.due()), "project_report_submitted"
	} else {
		err = st.SaveDrafts(r.Context(), who, f.Period, entries)
	}
	if err != nil {
		s.refuseProjectReport(w, r, f, err)
		return
	}
	http.Redirect(w, r, f.Base+"?done="+done, http.StatusSeeOther)
}

// parseProjectReport reads the lines the unit may still change. An empty
// amount means "not reported yet"; anything else must read as 万元.
func parseProjectReport(r *http.Request, f *reportForm) ([]project.Entry, project.Problems) {
	var entries []project.Entry
	problems := project.Problems{}
	for _, l := range f.Lines {
		if !l.Editable {
			continue
		}
		id := itoa(l.ID)
		e := project.Entry{ProjectID: l.ID, Progress: r.PostFormValue("g_" + id), Problems: r.PostFormValue("q_" + id)}
		if text := strings.TrimSpace(r.PostFormValue("i_" + id)); text != "" {
			amount, verr := quantity.Parse(text, "万元")
			if verr != nil {
				problems[l.ID] = i18n.Invalid("invest_month", verr.Key, verr.Args...)
				continue
			}
			e.InvestMonth = &amount
		}
		entries = append(entries, e)
	}
	return entries, problems
}

// lineField is the input of a line a refusal points at.
func lineField(id int64, field string) string {
	switch field {
	case "invest_month":
		return "i_" + itoa(id)
	case "progress":
		return "g_" + itoa(id)
	case "problems":
		return "q_" + itoa(id)
	}
	return "r_" + itoa(id)
}

// refuseProjectReport shows the form again with what was typed and the
// problems, each beside its line.
func (s *Server) refuseProjectReport(w http.ResponseWriter, r *http.Request, f *reportForm, err error) {
	p := s.newPage(r, "projects.report_title", "projects")
	f.total(r.PostForm)
	p.Data = f
	var problems project.Problems
	if errors.As(err, &problems) {
		p.Errors = map[string]string{}
		for id, perr := range problems {
			p.Errors[lineField(id, perr.Field)] = perr.In(p.lang)
		}
		p.Error = p.T("projects.err.lines", len(problems))
		p.Form = r.PostForm
		s.render(w, r, http.StatusUnprocessableEntity, "project_report", p)
		return
	}
	s.refuse(w, r, "project_report", p, err)
}

// moveProjectReports is the unit head's confirmation and the office's
// approval or return, on the ticked lines or all of them. The head returns
// only what is submitted; the office also what is confirmed.
func (s *Server) moveProjectReports(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, ok := s.projectReportFromPath(w, r)
		if !ok {
			return
		}
		v := current(r)
		head := auth.CanInUnit(v.user, auth.PermConfirm, f.Unit)
		office := auth.CanInUnit(v.user, auth.PermProjectsReview, f.Unit)
		step := report.Steps[action]
		switch {
		case action == "confirm" && head, action == "approve" && office, action == "return" && office:
		case action == "return" && head:
			step.From = []report.Status{report.Submitted}
		default:
			s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
			return
		}
		err := s.projects().Move(r.Context(), v.user.Actor(v.address), f.Period, selectedProjects(r, f), step, r.PostFormValue("reason"))
		if err != nil {
			s.refuseProjectReport(w, r, f, err)
			return
		}
		http.Redirect(w, r, f.Base+"?done=project_report_"+action, http.StatusSeeOther)
	}
}

// selectedProjects are the ticked lines of the form, or all of them when
// none is ticked; an id that is not the unit's is ignored.
func selectedProjects(r *http.Request, f *reportForm) []int64 {
	mine := map[int64]bool{}
	for _, id := range f.due() {
		mine[id] = true
	}
	var ids []int64
	for _, text := range r.PostForm["sel"] {
		if id, err := strconv.ParseInt(text, 10, 64); err == nil && mine[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return f.due()
	}
	return ids
}
