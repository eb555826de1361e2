package web

import (
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
	"gaoxin/internal/settings"
)

type periodsView struct {
	Year       int
	Periods    []report.Period
	Windows    map[int64]report.Window
	Thresholds string
	NextYear   bool // whether next year's plan does not exist yet
}

// periodsPage is the office's page for a year's reporting calendar, the
// status thresholds and the start of next year's plan.
func (s *Server) periodsPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "periods.title", "plan")
	view, err := s.periodsData(r)
	if err != nil {
		s.refuse(w, r, "periods", p, err)
		return
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "periods", p)
}

func (s *Server) periodsData(r *http.Request) (periodsView, error) {
	year, _ := strconv.Atoi(r.PathValue("year"))
	view := periodsView{Year: year, Windows: map[int64]report.Window{}}
	var err error
	if view.Periods, err = s.reports.Periods(r.Context(), year); err != nil {
		return view, err
	}
	for _, p := range view.Periods {
		view.Windows[p.ID] = p.WindowAt(s.reports.Now())
	}
	if view.Thresholds, err = settings.Get(r.Context(), s.db, settings.Thresholds); err != nil {
		return view, err
	}
	if view.Thresholds == "" {
		view.Thresholds = "1.00,0.90,0.75"
	}
	_, err = plan.NewStore(s.db).PlanByYear(r.Context(), year+1)
	view.NextYear = err != nil
	return view, nil
}

func (s *Server) refusePeriods(w http.ResponseWriter, r *http.Request, err error) {
	p := s.newPage(r, "periods.title", "plan")
	view, lerr := s.periodsData(r)
	if lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	p.Data = view
	s.refuse(w, r, "periods", p, err)
}

func (s *Server) openPeriods(w http.ResponseWriter, r *http.Request) {
	year, _ := strconv.Atoi(r.PathValue("year"))
	due, _ := strconv.Atoi(r.PostFormValue("due_day"))
	grace, _ := strconv.Atoi(r.PostFormValue("grace_days"))
	v := current(r)
	if _, err := s.reports.OpenYear(r.Context(), v.user.Actor(v.address), year, due, grace); err != nil {
		s.refusePeriods(w, r, err)
		return
	}
	http.Redirect(w, r, r.URL.Path+"?done=periods_opened", http.StatusSeeOther)
}

func (s *Server) lockPeriod(w http.ResponseWriter, r *http.Request) {
	year, _ := strconv.Atoi(r.PathValue("year"))
	month, _ := strconv.Atoi(r.PathValue("month"))
	p, err := s.reports.PeriodOf(r.Context(), year, month)
	if err != nil {
		s.refusePeriods(w, r, err)
		return
	}
	v := current(r)
	if err := s.reports.SetLocked(r.Context(), v.user.Actor(v.address), p.ID, r.PostFormValue("locked") == "true"); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/plan/"+strconv.Itoa(year)+"/periods?done=period_locked", http.StatusSeeOther)
}

// saveThresholds stores the status thresholds: three ratios, each below
// the one before, as "1.00,0.90,0.75".
func (s *Server) saveThresholds(w http.ResponseWriter, r *http.Request) {
	var f [3]float64
	parts := []string{r.PostFormValue("ahead"), r.PostFormValue("on_track"), r.PostFormValue("behind")}
	for i, text := range parts {
		v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(text), "%"), 64)
		if err != nil || v <= 0 || v > 200 || (i > 0 && v >= f[i-1]*100) {
			s.refusePeriods(w, r, i18n.Invalid("thresholds", "periods.err.thresholds"))
			return
		}
		f[i] = v / 100
	}
	v := current(r)
	value := strconv.FormatFloat(f[0], 'f', -1, 64) + "," + strconv.FormatFloat(f[1], 'f', -1, 64) + "," + strconv.FormatFloat(f[2], 'f', -1, 64)
	if err := settings.Set(r.Context(), s.db, v.user.Actor(v.address), settings.Thresholds, value); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, strings.TrimSuffix(r.URL.Path, "/thresholds")+"?done=thresholds", http.StatusSeeOther)
}

// copyPlan starts next year's plan from this year's and opens its periods.
func (s *Server) copyPlan(w http.ResponseWriter, r *http.Request) {
	year, _ := strconv.Atoi(r.PathValue("year"))
	v := current(r)
	who := v.user.Actor(v.address)
	if _, err := plan.NewStore(s.db).CopyPlan(r.Context(), who, year, year+1); err != nil {
		s.refusePeriods(w, r, err)
		return
	}
	due, grace := 10, 3
	if old, err := s.reports.Periods(r.Context(), year); err == nil && len(old) > 0 {
		due, _ = strconv.Atoi(old[0].DueOn[8:])
		grace = old[0].GraceDays
	}
	if _, err := s.reports.OpenYear(r.Context(), who, year+1, due, grace); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/plan/"+strconv.Itoa(year+1)+"?done=plan_copied", http.StatusSeeOther)
}
