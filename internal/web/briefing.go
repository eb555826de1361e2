package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"gaoxin/internal/auth"
	"gaoxin/internal/briefing"
	"gaoxin/internal/quantity"
)

// briefingRoutes are the monthly briefings (月度通报). A briefing is
// circulated to every unit as the assessment's 通报 is, so whoever reads
// the published results reads them; the assessment office publishes.
func (s *Server) briefingRoutes() []route {
	return []route{
		{"GET /briefings", auth.PermAssessView, s.briefingsPage},
		{"GET /briefings/{year}/{month}", auth.PermAssessView, s.briefingDraftPage},
		{"GET /briefings/{year}/{month}/briefing.xlsx", auth.PermAssessView, s.briefingDraftWorkbook},
		{"POST /briefings/{year}/{month}/publish", auth.PermAssessManage, s.publishBriefing},
		{"GET /briefings/{year}/{month}/v/{version}", auth.PermAssessView, s.briefingVersionPage},
		{"GET /briefings/{year}/{month}/v/{version}/briefing.xlsx", auth.PermAssessView, s.briefingVersionWorkbook},
	}
}

// briefings is the briefing store on gaoxin's clock, which the demo pins
// to 2019.
func (s *Server) briefings() *briefing.Store {
	st := briefing.NewStore(s.db)
	st.SetClock(s.reports.Now)
	return st
}

// briefingMonth reads {year} and {month}; anything else is a page that
// does not exist.
func (s *Server) briefingMonth(w http.ResponseWriter, r *http.Request) (int, int, bool) {
	year, ok := pathYear(w, r, s)
	if !ok {
		return 0, 0, false
	}
	month, err := strconv.Atoi(r.PathValue("month"))
	if err != nil || month < 1 || month > 12 {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return 0, 0, false
	}
	return year, month, true
}

// briefingPath is /briefings/2019/11, with /v/2 for a published version.
func briefingPath(year, month, version int) string {
	p := "/briefings/" + strconv.Itoa(year) + "/" + strconv.Itoa(month)
	if version > 0 {
		p += "/v/" + strconv.Itoa(version)
	}
	return p
}

// dueMonth is the month whose briefing is being written on today: the
// last month that has ended, as November's is written in early December.
func dueMonth(today time.Time) (int, int) {
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	return first.Year(), int(first.Month())
}

// briefingError answers a briefing that cannot be built: a year without a
// plan or a month refused by the domain is not found, anything else a
// server error.
func (s *Server) briefingError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, briefing.ErrNoPlan) {
		s.errorPage(w, r, http.StatusNotFound, "briefing.no_plan")
		return
	}
	if msg, _, ok := userErrorText(current(r).lang, err); ok {
		p := s.newPage(r, "error.title", "assess")
		p.Data = msg
		s.render(w, r, http.StatusNotFound, "error", p)
		return
	}
	s.notFoundOr(w, r, err)
}

// The briefing pages write a briefing's values with these.

// Said is a sentence kept in both languages, in the page's.
func (p *page) Said(t briefing.Text) string { return t.In(p.lang) }

// Figure is a value in its indicator's precision, "—" when unknown.
func (p *page) Figure(v *float64, precision int) string { return p.Float(v, precision) }

// Percent is a completion ratio (0.85) as 85.0%, "—" when unknown.
func (p *page) Percent(v *float64) string {
	if v == nil {
		return "—"
	}
	return quantity.Format(*v*100, 1) + "%"
}

// PerCent is a share already in per cent (85.04) as 85.0%.
func (p *page) PerCent(v float64) string { return quantity.Format(v, 1) + "%" }
