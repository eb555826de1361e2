package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/supervise"
	"gaoxin/internal/xlsx"
)

// requestListView is the list of enterprise requests with the counts by
// unit that the bound indicators count too.
type requestListView struct {
	Status, Unit, Category, Q string
	Overdue                   bool
	Rows                      []requestRow
	Stats                     supervise.RequestStats
	ByUnit                    []unitRequestStats
	Statuses                  []supervise.RequestStatus
	Categories                []string
	Units                     []org.Unit
	Export                    string
	CanManage                 bool
	Day                       string
	Page, Pages               int
	Prev, Next                string
}

type requestRow struct {
	supervise.Request
	UnitName string
	Late     bool
}

// unitRequestStats is one unit's line of the counts under the list.
type unitRequestStats struct {
	Unit  org.Unit
	Stats supervise.RequestStats
}

// requestsPerPage is how many requests the list shows at once; the
// counts above it are of the whole selection, and the export has it all.
const requestsPerPage = 200

func (s *Server) loadRequestList(r *http.Request, export bool) (requestListView, error) {
	ctx := r.Context()
	u := current(r).user
	q := r.URL.Query()
	st := s.tasks()
	view := requestListView{Status: q.Get("status"), Unit: q.Get("unit"), Category: q.Get("category"), Q: strings.TrimSpace(q.Get("q")),
		Overdue: q.Get("overdue") == "1", Statuses: supervise.RequestStatuses, Categories: supervise.RequestCategories,
		CanManage: auth.Can(u, auth.PermRequestsManage), Day: st.Today()}
	f := supervise.RequestFilter{Status: supervise.RequestStatus(view.Status), Category: view.Category, Search: view.Q}
	if !view.CanManage {
		f.Scope = u.Unit.Path // units see what is routed to them; the office sees all, not yet routed included
	}
	if id, err := strconv.ParseInt(view.Unit, 10, 64); err == nil {
		f.UnitID = id
	}
	if view.Overdue {
		f.Overdue = view.Day
	}
	if !export {
		view.Page, _ = strconv.Atoi(q.Get("page"))
		view.Page = max(view.Page, 1)
		f.Limit, f.Offset = requestsPerPage, (view.Page-1)*requestsPerPage
	}
	list, byUnit, err := st.RequestsByUnit(ctx, f)
	if err != nil {
		return view, err
	}
	var stats supervise.RequestStats
	for _, us := range byUnit {
		stats.Add(us)
	}
	units, err := s.units.ByID(ctx)
	if err != nil {
		return view, err
	}
	view.Stats = stats
	view.Pages = max(1, (stats.Requests+requestsPerPage-1)/requestsPerPage)
	for _, req := range list {
		view.Rows = append(view.Rows, requestRow{Request: req, UnitName: units[req.UnitID].Name, Late: req.Overdue(view.Day)})
	}
	for id, us := range byUnit {
		if id != 0 {
			view.ByUnit = append(view.ByUnit, unitRequestStats{Unit: units[id], Stats: us})
		}
	}
	slices.SortFunc(view.ByUnit, func(a, b unitRequestStats) int { return a.Unit.Order - b.Unit.Order })
	for _, unit := range units {
		if unit.Active && unit.Within(u.Unit) && unit.Kind != org.KindZone {
			view.Units = append(view.Units, unit)
		}
	}
	slices.SortFunc(view.Units, func(a, b org.Unit) int { return a.Order - b.Order })
	view.Export = "/requests/export.xlsx?" + r.URL.RawQuery
	more := r.URL.Query()
	if view.Page < view.Pages {
		more.Set("page", strconv.Itoa(view.Page+1))
		view.Next = "/requests?" + more.Encode()
	}
	if view.Page > 1 {
		more.Set("page", strconv.Itoa(view.Page-1))
		view.Prev = "/requests?" + more.Encode()
	}
	return view, nil
}

func (s *Server) requestListPage(w http.ResponseWriter, r *http.Request) {
	view, err := s.loadRequestList(r, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "requests.title", "tasks")
	p.Data = view
	s.render(w, r, http.StatusOK, "supervise_requests", p)
}

func (s *Server) exportRequests(w http.ResponseWriter, r *http.Request) {
	view, err := s.loadRequestList(r, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	lang := current(r).lang
	list := make([]supervise.Request, len(view.Rows))
	names := map[int64]string{}
	for i, row := range view.Rows {
		list[i] = row.Request
		names[row.UnitID] = row.UnitName
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="requests.xlsx"`)
	table := supervise.RequestTable(lang, list, func(id int64) string { return names[id] })
	if err := xlsx.WriteXLSX(w, i18n.T(lang, "requests.title"), supervise.RequestHeader(lang), table); err != nil {
		s.log.Error("export requests", "err", err)
	}
}

// requestView is one request's page with the forms of whoever acts next.
type requestView struct {
	Request     supervise.Request
	Unit        org.Unit
	History     []supervise.RequestEvent
	Units       []org.Unit // where the office may route it
	CanAssign   bool
	CanAnswer   bool
	CanClose    bool
	RatingLink  string // shown once, right after the closing
	Day         string
	Form        string
	Recommended string // the default deadline
}

// requestFromPath is the request of the path: the office sees every one,
// a unit those routed within its scope.
func (s *Server) requestFromPath(w http.ResponseWriter, r *http.Request) (supervise.Request, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return supervise.Request{}, false
	}
	req, err := s.tasks().Request(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return req, false
	} else if err != nil {
		s.serverError(w, r, err)
		return req, false
	}
	u := current(r).user
	if auth.Can(u, auth.PermRequestsManage) {
		return req, true
	}
	unit, err := s.units.Get(r.Context(), req.UnitID)
	if req.UnitID == 0 || err != nil || !auth.CanInUnit(u, auth.PermRequestsView, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return req, false
	}
	return req, true
}

func (s *Server) requestPage(w http.ResponseWriter, r *http.Request) {
	req, ok := s.requestFromPath(w, r)
	if !ok {
		return
	}
	s.renderRequest(w, r, http.StatusOK, req, "", "", nil)
}

func (s *Server) renderRequest(w http.ResponseWriter, r *http.Request, status int, req supervise.Request, form, link string, refusal error) {
	ctx := r.Context()
	u := current(r).user
	st := s.tasks()
	view := requestView{Request: req, Day: st.Today(), Form: form, RatingLink: link}
	units, err := s.units.ByID(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Unit = units[req.UnitID]
	manage := auth.Can(u, auth.PermRequestsManage)
	view.CanAssign = manage && (req.Status == supervise.RequestNew || req.Status == supervise.RequestAssigned)
	view.CanAnswer = req.Status == supervise.RequestAssigned && req.UnitID != 0 && auth.CanInUnit(u, auth.PermRequestsWork, view.Unit)
	view.CanClose = manage && req.Status == supervise.RequestAnswered
	if view.CanAssign {
		for _, unit := range units {
			if unit.Active && unit.Kind != org.KindZone && unit.Within(u.Unit) {
				view.Units = append(view.Units, unit)
			}
		}
		slices.SortFunc(view.Units, func(a, b org.Unit) int { return a.Order - b.Order })
	}
	if view.History, err = st.RequestHistory(ctx, req.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "requests.request_title", "tasks")
	p.Data = view
	if refusal != nil {
		s.refuse(w, r, "supervise_request", p, refusal)
		return
	}
	s.render(w, r, status, "supervise_request", p)
}

func (s *Server) assignRequest(w http.ResponseWriter, r *http.Request) {
	req, ok := s.requestFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	unit, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	if u, err := s.units.Get(r.Context(), unit); err != nil || !u.Within(v.user.Unit) {
		unit = 0
	}
	if _, err := s.tasks().Assign(r.Context(), v.user.Actor(v.address), req.ID, unit, r.PostFormValue("deadline")); err != nil {
		s.renderRequest(w, r, http.StatusUnprocessableEntity, req, "assign", "", err)
		return
	}
	http.Redirect(w, r, "/requests/"+itoa(req.ID)+"?done=request_assigned", http.StatusSeeOther)
}

func (s *Server) answerRequest(w http.ResponseWriter, r *http.Request) {
	req, ok := s.requestFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	unit, err := s.units.Get(r.Context(), req.UnitID)
	if req.UnitID == 0 || err != nil || !auth.CanInUnit(v.user, auth.PermRequestsWork, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	if _, err := s.tasks().Answer(r.Context(), v.user.Actor(v.address), req.ID, r.PostFormValue("answer")); err != nil {
		s.renderRequest(w, r, http.StatusUnprocessableEntity, req, "answer", "", err)
		return
	}
	http.Redirect(w, r, "/requests/"+itoa(req.ID)+"?done=request_answered", http.StatusSeeOther)
}

// closeRequest closes an answered request and shows, once, the link the
// office sends the firm to rate the handling.
func (s *Server) closeRequest(w http.ResponseWriter, r *http.Request) {
	req, ok := s.requestFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	closed, token, err := s.tasks().Close(r.Context(), v.user.Actor(v.address), req.ID)
	if err != nil {
		s.renderRequest(w, r, http.StatusUnprocessableEntity, req, "close", "", err)
		return
	}
	s.renderRequest(w, r, http.StatusOK, closed, "", "/public/requests/rate/"+token, nil)
}

// newRequestPage is the office's form for a request received by phone,
// visit or letter.
func (s *Server) newRequestPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "requests.new_title", "tasks")
	p.Data = requestFormView{Request: supervise.Request{ReceivedOn: s.tasks().Today(), Category: "approval"}, Categories: supervise.RequestCategories}
	s.render(w, r, http.StatusOK, "supervise_request_form", p)
}

// requestFormView is the form a request is typed in: the office's, or the
// public one.
type requestFormView struct {
	Request    supervise.Request
	Categories []string
	Public     bool
	Sent       *supervise.Request // the public form's receipt
}

func requestFromForm(r *http.Request) supervise.Request {
	return supervise.Request{FirmName: r.PostFormValue("firm_name"), CreditCode: r.PostFormValue("credit_code"),
		Contact: r.PostFormValue("contact"), Phone: r.PostFormValue("phone"), Category: r.PostFormValue("category"),
		Content: r.PostFormValue("content"), ReceivedOn: r.PostFormValue("received_on")}
}

func (s *Server) logRequest(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	req := requestFromForm(r)
	created, err := s.tasks().Log(r.Context(), v.user.Actor(v.address), req)
	if err != nil {
		p := s.newPage(r, "requests.new_title", "tasks")
		p.Data = requestFormView{Request: req, Categories: supervise.RequestCategories}
		s.refuse(w, r, "supervise_request_form", p, err)
		return
	}
	http.Redirect(w, r, "/requests/"+itoa(created.ID)+"?done=request_logged", http.StatusSeeOther)
}

// RatingStars lists the ratings a firm chooses from.
func (p *page) RatingStars() []int { return []int{5, 4, 3, 2, 1} }

// OnTimeRate writes the share answered on time, "—" when none fell due.
func (p *page) OnTimeRate(st supervise.RequestStats) string {
	if v, ok := st.OnTimeRate(); ok {
		return strconv.FormatFloat(v, 'f', 1, 64) + "%"
	}
	return "—"
}

// Satisfaction writes the firms' average rating, "—" when none rated.
func (p *page) Satisfaction(st supervise.RequestStats) string {
	if v, ok := st.Satisfaction(); ok {
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return "—"
}

// supervisionWork is what waits for the user in supervision, on "my
// work": the unit's open tasks, worst first; the closings the office must
// decide; a leader's escalated tasks; the requests the unit must answer
// and those the office must route.
type supervisionWork struct {
	Tasks     []supervise.Row
	Closings  []supervise.Row
	Escalated []supervise.Row
	Answer    []supervise.Request
	Route     []supervise.Request
	Shown     bool
}

func (s *Server) supervisionWork(ctx context.Context, u *auth.User) (supervisionWork, error) {
	var out supervisionWork
	st := s.tasks()
	if auth.Can(u, auth.PermTasksWork) {
		rows, _, err := st.List(ctx, supervise.Filter{UnitID: u.Unit.ID})
		if err != nil {
			return out, err
		}
		for _, r := range rows {
			if r.LeadUnitID == u.Unit.ID && r.Status != supervise.Closed {
				out.Tasks = append(out.Tasks, r)
			}
		}
		out.Shown = true
	}
	if auth.Can(u, auth.PermTasksManage) {
		rows, _, err := st.List(ctx, supervise.Filter{Status: supervise.Closing})
		if err != nil {
			return out, err
		}
		out.Closings, out.Shown = rows, true
	}
	if u.Role == auth.RoleLeader && auth.Can(u, auth.PermTasksView) {
		rows, _, err := st.List(ctx, supervise.Filter{LeaderUserID: u.ID, Escalated: true})
		if err != nil {
			return out, err
		}
		out.Escalated, out.Shown = rows, true
	}
	if auth.Can(u, auth.PermRequestsWork) {
		list, _, err := st.Requests(ctx, supervise.RequestFilter{UnitID: u.Unit.ID, Status: supervise.RequestAssigned})
		if err != nil {
			return out, err
		}
		out.Answer, out.Shown = list, true
	}
	if auth.Can(u, auth.PermRequestsManage) {
		list, _, err := st.Requests(ctx, supervise.RequestFilter{Status: supervise.RequestNew})
		if err != nil {
			return out, err
		}
		out.Route, out.Shown = list, true
	}
	return out, nil
}

// rowsView hands a list and the page to a shared template.
type rowsView struct {
	Page *page
	Rows any
}

// Rows pairs a list with the page for the templates "my work" shares.
func (p *page) Rows(rows any) rowsView { return rowsView{Page: p, Rows: rows} }
