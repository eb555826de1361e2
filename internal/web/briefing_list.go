package web

import (
	"net/http"
	"slices"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/briefing"
	"gaoxin/internal/plan"
)

// briefingListView is a year's briefings: each month that has begun, its
// published versions and its draft, and the month due now.
type briefingListView struct {
	Year       int
	Years      []int // years with a plan, to switch to
	DueYear    int   // the month whose briefing is due now (November in early December)
	DueMonth   int
	DueLabel   string
	Months     []briefingMonthRow // the newest first
	CanPublish bool
}

// briefingMonthRow is one month of the list.
type briefingMonthRow struct {
	Month    int
	Label    string
	Draft    string // the draft's address
	Versions []briefing.Published
}

// briefingsPage lists the months of a year (?year=, by default the year of
// the month due now) with their published versions.
func (s *Server) briefingsPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := s.reports.Now().In(chinaTime)
	p := s.newPage(r, "briefing.list_title", "assess")
	view := briefingListView{CanPublish: auth.Can(p.User, auth.PermAssessManage)}
	view.DueYear, view.DueMonth = dueMonth(now)
	view.DueLabel = briefing.MonthLabel(p.lang, view.DueYear, view.DueMonth)
	view.Year = view.DueYear
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2100 {
		view.Year = y
	}
	years, err := plan.NewStore(s.db).Years(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Years = years
	published, err := s.briefings().Year(ctx, view.Year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	last := 12
	if view.Year == now.Year() {
		last = int(now.Month())
	} else if view.Year > now.Year() {
		last = 0
	}
	for m := last; m >= 1; m-- {
		row := briefingMonthRow{Month: m, Label: briefing.MonthLabel(p.lang, view.Year, m), Draft: briefingPath(view.Year, m, 0)}
		for _, pub := range published {
			if pub.Month == m {
				row.Versions = append(row.Versions, pub)
			}
		}
		view.Months = append(view.Months, row)
	}
	if !slices.Contains(view.Years, view.Year) {
		view.Months = nil // no plan, no briefing: the page says so
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "briefing_list", p)
}
