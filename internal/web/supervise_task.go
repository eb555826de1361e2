package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/supervise"
)

// taskView is one task's page: its colour and reasons, the record, the
// milestones, the timeline, and the forms of whoever may act on it.
type taskView struct {
	Task        supervise.Task
	Light       supervise.Light
	LastReport  string
	Lead        org.Unit
	Cooperators []org.Unit
	Timeline    []supervise.Event
	Day         string
	CanWork     bool // the lead unit's people: report, ask to close
	CanManage   bool // the office: decide a closing, reopen, propose a deduction
	CanDeduct   bool
	Form        string // the form a refusal came back from
	Records     map[int64]string
}

// taskFromPath is the task of the path, which the user must see: their
// units lead it or cooperate on it.
func (s *Server) taskFromPath(w http.ResponseWriter, r *http.Request) (supervise.Task, map[int64]org.Unit, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return supervise.Task{}, nil, false
	}
	t, err := s.tasks().Task(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return t, nil, false
	} else if err != nil {
		s.serverError(w, r, err)
		return t, nil, false
	}
	units, err := s.units.ByID(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return t, nil, false
	}
	if !s.seesTask(current(r).user, t, units) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return t, units, false
	}
	return t, units, true
}

// seesTask reports whether u may see a task: one of its units is within
// the user's scope, or the user is its responsible leader.
func (s *Server) seesTask(u *auth.User, t supervise.Task, units map[int64]org.Unit) bool {
	if !auth.Can(u, auth.PermTasksView) {
		return false
	}
	if t.LeaderUserID == u.ID {
		return true
	}
	for _, id := range append([]int64{t.LeadUnitID}, t.Cooperators...) {
		if units[id].Within(u.Unit) {
			return true
		}
	}
	return false
}

func (s *Server) taskPage(w http.ResponseWriter, r *http.Request) {
	t, units, ok := s.taskFromPath(w, r)
	if !ok {
		return
	}
	s.renderTask(w, r, http.StatusOK, t, units, "", nil)
}

func (s *Server) renderTask(w http.ResponseWriter, r *http.Request, status int, t supervise.Task, units map[int64]org.Unit, form string, refusal error) {
	ctx := r.Context()
	st := s.tasks()
	u := current(r).user
	row, err := st.Row(ctx, t.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := taskView{Task: t, Lead: units[t.LeadUnitID], Day: st.Today(), Form: form, Light: row.Light, LastReport: row.LastReport,
		CanWork:   auth.CanInUnit(u, auth.PermTasksWork, units[t.LeadUnitID]),
		CanManage: auth.Can(u, auth.PermTasksManage), Records: map[int64]string{}}
	view.CanDeduct = view.CanManage && (view.Light.Colour == supervise.Red || t.Reopened > 0)
	for _, c := range t.Cooperators {
		view.Cooperators = append(view.Cooperators, units[c])
	}
	if view.Timeline, err = st.Timeline(ctx, t.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, e := range view.Timeline {
		if e.RecordID != 0 {
			var status string
			if err := s.db.QueryRow(ctx, "SELECT status FROM assessment_records WHERE id = $1", e.RecordID).Scan(&status); err == nil {
				view.Records[e.RecordID] = status
			}
		}
	}
	p := s.newPage(r, "tasks.task_title", "tasks")
	p.Data = view
	if refusal != nil {
		s.refuse(w, r, "supervise_task", p, refusal)
		return
	}
	s.render(w, r, status, "supervise_task", p)
}

// taskAction runs one of the task page's forms: the store's refusal
// renders the page again with what was typed.
func (s *Server) taskAction(w http.ResponseWriter, r *http.Request, form, done string, act func(t supervise.Task) error) {
	t, units, ok := s.taskFromPath(w, r)
	if !ok {
		return
	}
	if err := act(t); err != nil {
		s.renderTask(w, r, http.StatusUnprocessableEntity, t, units, form, err)
		return
	}
	http.Redirect(w, r, "/tasks/"+itoa(t.ID)+"?done="+done, http.StatusSeeOther)
}

// leadsTask refuses the lead unit's forms to anyone outside it.
func (s *Server) leadsTask(w http.ResponseWriter, r *http.Request, t supervise.Task) bool {
	unit, err := s.units.Get(r.Context(), t.LeadUnitID)
	if err != nil || !auth.CanInUnit(current(r).user, auth.PermTasksWork, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return false
	}
	return true
}

func (s *Server) reportTask(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	t, units, ok := s.taskFromPath(w, r)
	if !ok || !s.leadsTask(w, r, t) {
		return
	}
	p := supervise.Progress{On: r.PostFormValue("on"), Note: r.PostFormValue("note")}
	for _, m := range r.PostForm["milestones"] {
		if id, err := strconv.ParseInt(m, 10, 64); err == nil {
			p.Milestones = append(p.Milestones, id)
		}
	}
	if err := s.tasks().Report(r.Context(), v.user.Actor(v.address), t.ID, p); err != nil {
		s.renderTask(w, r, http.StatusUnprocessableEntity, t, units, "report", err)
		return
	}
	http.Redirect(w, r, "/tasks/"+itoa(t.ID)+"?done=task_reported", http.StatusSeeOther)
}

func (s *Server) requestTaskClose(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	t, units, ok := s.taskFromPath(w, r)
	if !ok || !s.leadsTask(w, r, t) {
		return
	}
	err := s.tasks().RequestClose(r.Context(), v.user.Actor(v.address), t.ID, r.PostFormValue("on"), r.PostFormValue("note"), r.PostFormValue("evidence"))
	if err != nil {
		s.renderTask(w, r, http.StatusUnprocessableEntity, t, units, "close_request", err)
		return
	}
	http.Redirect(w, r, "/tasks/"+itoa(t.ID)+"?done=task_close_requested", http.StatusSeeOther)
}

func (s *Server) decideTaskClose(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	approve := r.PostFormValue("decision") == "approve"
	done := "task_closed"
	if !approve {
		done = "task_close_refused"
	}
	s.taskAction(w, r, "decide", done, func(t supervise.Task) error {
		return s.tasks().DecideClose(r.Context(), v.user.Actor(v.address), t.ID, approve, r.PostFormValue("reason"))
	})
}

func (s *Server) reopenTask(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	s.taskAction(w, r, "reopen", "task_reopened", func(t supervise.Task) error {
		return s.tasks().Reopen(r.Context(), v.user.Actor(v.address), t.ID, r.PostFormValue("reason"))
	})
}

func (s *Server) proposeTaskDeduction(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	s.taskAction(w, r, "deduction", "task_deduction", func(t supervise.Task) error {
		_, err := s.tasks().ProposeDeduction(r.Context(), v.user.Actor(v.address), t.ID, r.PostFormValue("points"), r.PostFormValue("note"))
		return err
	})
}
