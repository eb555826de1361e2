package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/supervise"
	"gaoxin/internal/xlsx"
)

// superviseRoutes are supervision (督查督办) and enterprise requests
// (企业诉求). Every role reads the tasks its units lead or cooperate on and
// the requests routed to them; the lead unit reports and asks to close;
// the office gives, closes, reopens and proposes deductions, and logs,
// routes and closes requests. Firms send requests and rate their handling
// without an account.
func (s *Server) superviseRoutes() []route {
	return []route{
		{"GET /tasks", auth.PermTasksView, s.taskListPage},
		{"GET /tasks/export.xlsx", auth.PermTasksView, s.exportTasks},
		{"GET /tasks/new", auth.PermTasksManage, s.newTaskPage},
		{"POST /tasks/new", auth.PermTasksManage, s.createTask},
		{"GET /tasks/{id}", auth.PermTasksView, s.taskPage},
		{"GET /tasks/{id}/edit", auth.PermTasksManage, s.editTaskPage},
		{"POST /tasks/{id}/edit", auth.PermTasksManage, s.updateTask},
		{"POST /tasks/{id}/report", auth.PermTasksWork, s.reportTask},
		{"POST /tasks/{id}/close-request", auth.PermTasksWork, s.requestTaskClose},
		{"POST /tasks/{id}/close", auth.PermTasksManage, s.decideTaskClose},
		{"POST /tasks/{id}/reopen", auth.PermTasksManage, s.reopenTask},
		{"POST /tasks/{id}/deduction", auth.PermTasksManage, s.proposeTaskDeduction},
		{"GET /requests", auth.PermRequestsView, s.requestListPage},
		{"GET /requests/export.xlsx", auth.PermRequestsView, s.exportRequests},
		{"GET /requests/new", auth.PermRequestsManage, s.newRequestPage},
		{"POST /requests/new", auth.PermRequestsManage, s.logRequest},
		{"GET /requests/{id}", auth.PermRequestsView, s.requestPage},
		{"POST /requests/{id}/assign", auth.PermRequestsManage, s.assignRequest},
		{"POST /requests/{id}/answer", auth.PermRequestsWork, s.answerRequest},
		{"POST /requests/{id}/close", auth.PermRequestsManage, s.closeRequest},
		{"GET /public/requests/new", public, s.publicRequestPage},
		{"POST /public/requests/new", public, s.submitPublicRequest},
		{"GET /public/requests/rate/{token}", public, s.ratePage},
		{"POST /public/requests/rate/{token}", public, s.rateRequest},
	}
}

// tasks is the supervision store on gaoxin's clock, which the demo pins
// to 2019.
func (s *Server) tasks() *supervise.Store {
	st := supervise.NewStore(s.db)
	st.SetClock(s.reports.Now)
	return st
}

// taskQuery is the task list's filter as the query writes it.
type taskQuery struct {
	Unit, Colour, Status, Q, Year string
	Mine, Escalated               bool // the user's unit's tasks; the leader's escalated ones
}

func readTaskQuery(q url.Values) taskQuery {
	return taskQuery{Unit: q.Get("unit"), Colour: q.Get("colour"), Status: q.Get("status"), Q: strings.TrimSpace(q.Get("q")),
		Year: q.Get("year"), Mine: q.Get("mine") == "1", Escalated: q.Get("escalated") == "1"}
}

func (tq taskQuery) values() url.Values {
	out := url.Values{}
	for k, v := range map[string]string{"unit": tq.Unit, "colour": tq.Colour, "status": tq.Status, "q": tq.Q, "year": tq.Year} {
		if v != "" {
			out.Set(k, v)
		}
	}
	if tq.Mine {
		out.Set("mine", "1")
	}
	if tq.Escalated {
		out.Set("escalated", "1")
	}
	return out
}

// taskFilter turns the query into the store's filter within the user's
// scope; a unit outside it selects nothing.
func (s *Server) taskFilter(ctx context.Context, u *auth.User, tq taskQuery) supervise.Filter {
	f := supervise.Filter{Scope: u.Unit.Path, Status: supervise.Status(tq.Status), Colour: supervise.Colour(tq.Colour), Search: tq.Q}
	if id, err := strconv.ParseInt(tq.Unit, 10, 64); err == nil {
		if unit, err := s.units.Get(ctx, id); err == nil && unit.Within(u.Unit) {
			f.UnitID = id
		} else {
			f.UnitID = -1
		}
	}
	if tq.Mine {
		f.UnitID = u.Unit.ID
	}
	if tq.Escalated {
		f.Escalated = true
		if !auth.Can(u, auth.PermTasksManage) {
			f.LeaderUserID = u.ID // a leader's list: the tasks they answer for
		}
	}
	if y, err := strconv.Atoi(tq.Year); err == nil {
		f.Year = y
	}
	return f
}

// taskRow is a task of a list with its units' names.
type taskRow struct {
	supervise.Row
	UnitName    string
	Cooperating []string
}

// taskListView is the task list: tabs by colour with their counts, the
// filter, and the rows.
type taskListView struct {
	Query     taskQuery
	Rows      []taskRow
	Counts    supervise.Counts
	Colours   []supervise.Colour
	Statuses  []supervise.Status
	Units     []org.Unit
	Tabs      []taskTab
	Export    string
	CanManage bool
	Day       string
	Total     int // the selection's tasks, of which Rows is a page
	Page      int
	Pages     int
	Prev      string
	Next      string
}

// taskTab is one colour's tab of the list.
type taskTab struct {
	Colour  supervise.Colour // "" for all
	Count   int
	Link    string
	Current bool
}

// tasksPerPage is how many tasks the list shows at once; the tabs count
// the whole selection, and the export has it all.
const tasksPerPage = 200

func (s *Server) loadTaskList(r *http.Request, export bool) (taskListView, error) {
	ctx := r.Context()
	u := current(r).user
	st := s.tasks()
	tq := readTaskQuery(r.URL.Query())
	f := s.taskFilter(ctx, u, tq)
	page := 1
	if !export {
		page, _ = strconv.Atoi(r.URL.Query().Get("page"))
		page = max(page, 1)
		f.Limit, f.Offset = tasksPerPage, (page-1)*tasksPerPage
	}
	rows, counts, err := st.List(ctx, f)
	if err != nil {
		return taskListView{}, err
	}
	units, err := s.units.ByID(ctx)
	if err != nil {
		return taskListView{}, err
	}
	view := taskListView{Query: tq, Counts: counts, Colours: supervise.Colours, Statuses: supervise.Statuses,
		CanManage: auth.Can(u, auth.PermTasksManage), Day: st.Today()}
	view.Total = counts.Tasks
	if tq.Colour != "" {
		view.Total = counts.ByColour[supervise.Colour(tq.Colour)]
	}
	if !export {
		view.Page, view.Pages = page, max(1, (view.Total+tasksPerPage-1)/tasksPerPage)
		page := tq.values()
		if view.Page < view.Pages {
			page.Set("page", strconv.Itoa(view.Page+1))
			view.Next = "/tasks?" + page.Encode()
		}
		if view.Page > 1 {
			page.Set("page", strconv.Itoa(view.Page-1))
			view.Prev = "/tasks?" + page.Encode()
		}
	}
	for _, row := range rows {
		tr := taskRow{Row: row, UnitName: units[row.LeadUnitID].Name}
		for _, c := range row.Cooperators {
			tr.Cooperating = append(tr.Cooperating, units[c].Name)
		}
		view.Rows = append(view.Rows, tr)
	}
	for _, unit := range units {
		if unit.Active && unit.Within(u.Unit) && unit.Kind != org.KindZone {
			view.Units = append(view.Units, unit)
		}
	}
	slices.SortFunc(view.Units, func(a, b org.Unit) int { return a.Order - b.Order })
	all := tq
	all.Colour = ""
	view.Tabs = append(view.Tabs, taskTab{Count: counts.Tasks, Link: "/tasks?" + all.values().Encode(), Current: tq.Colour == ""})
	for _, c := range supervise.Colours {
		sub := tq
		sub.Colour = string(c)
		view.Tabs = append(view.Tabs, taskTab{Colour: c, Count: counts.ByColour[c], Link: "/tasks?" + sub.values().Encode(), Current: tq.Colour == string(c)})
	}
	view.Export = "/tasks/export.xlsx?" + tq.values().Encode()
	return view, nil
}

func (s *Server) taskListPage(w http.ResponseWriter, r *http.Request) {
	view, err := s.loadTaskList(r, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	title := "tasks.title"
	if view.Query.Escalated {
		title = "tasks.escalated_title"
	}
	p := s.newPage(r, title, "tasks")
	p.Data = view
	s.render(w, r, http.StatusOK, "supervise_list", p)
}

// exportTasks writes the list as it shows, with every reason of each
// colour, to Excel.
func (s *Server) exportTasks(w http.ResponseWriter, r *http.Request) {
	view, err := s.loadTaskList(r, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	lang := current(r).lang
	rows := make([]supervise.Row, len(view.Rows))
	names := map[int64]string{}
	for i, row := range view.Rows {
		rows[i] = row.Row
		names[row.LeadUnitID] = row.UnitName
	}
	units, err := s.units.ByID(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="tasks.xlsx"`)
	table := supervise.TaskTable(lang, rows, func(id int64) string { return units[id].Name })
	if err := xlsx.WriteXLSX(w, i18n.T(lang, "tasks.title"), supervise.TaskHeader(lang), table); err != nil {
		s.log.Error("export tasks", "err", err)
	}
}

// ColourName, SourceName, FrequencyName and TaskStatusName name a task's
// values in the page's language; Why translates a colour's reason.
func (p *page) ColourName(c supervise.Colour) string     { return p.T("supervise.colour." + string(c)) }
func (p *page) SourceName(k supervise.SourceKind) string { return p.T("supervise.source." + string(k)) }
func (p *page) FrequencyName(f supervise.Frequency) string {
	return p.T("supervise.frequency." + string(f))
}
func (p *page) TaskStatusName(st supervise.Status) string {
	return p.T("supervise.status." + string(st))
}
func (p *page) Why(m i18n.Msg) string { return m.In(p.lang) }
func (p *page) TaskEventName(k supervise.EventKind) string {
	return p.T("supervise.event." + string(k))
}
func (p *page) RequestStatusName(v supervise.RequestStatus) string {
	return p.T("request.status." + string(v))
}
func (p *page) CategoryOfRequest(c string) string { return p.T("request.category." + c) }
