package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/org"
	"gaoxin/internal/supervise"
)

// taskFormView is the form that gives or edits a task.
type taskFormView struct {
	Task        supervise.Task
	New         bool
	Units       []org.Unit
	Leaders     []*auth.User // the accounts a task may name as its responsible leader
	Sources     []supervise.SourceKind
	Frequencies []supervise.Frequency
	Milestones  []supervise.Milestone // the rows of the milestones' table, with blank ones to fill
}

// maxMilestones is how many milestone rows the form offers.
const maxMilestones = 6

func (s *Server) taskForm(ctx context.Context, u *auth.User, t supervise.Task, isNew bool) (taskFormView, error) {
	view := taskFormView{Task: t, New: isNew, Sources: supervise.SourceKinds, Frequencies: supervise.Frequencies}
	subtree, err := s.units.Subtree(ctx, u.Unit)
	if err != nil {
		return view, err
	}
	for _, unit := range subtree {
		if unit.Active {
			view.Units = append(view.Units, unit)
		}
	}
	users, err := s.users.List(ctx, u.Unit)
	if err != nil {
		return view, err
	}
	for _, x := range users {
		if x.Active && x.Role == auth.RoleLeader {
			view.Leaders = append(view.Leaders, x)
		}
	}
	view.Milestones = append(view.Milestones, t.Milestones...)
	for len(view.Milestones) < maxMilestones {
		view.Milestones = append(view.Milestones, supervise.Milestone{})
	}
	return view, nil
}

func (s *Server) newTaskPage(w http.ResponseWriter, r *http.Request) {
	t := supervise.Task{SourceKind: supervise.Meeting, SourceOn: s.tasks().Today(), Frequency: supervise.Monthly}
	s.renderTaskForm(w, r, t, true, nil)
}

func (s *Server) renderTaskForm(w http.ResponseWriter, r *http.Request, t supervise.Task, isNew bool, refusal error) {
	view, err := s.taskForm(r.Context(), current(r).user, t, isNew)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	title := "tasks.edit_title"
	if isNew {
		title = "tasks.new_title"
	}
	p := s.newPage(r, title, "tasks")
	p.Data = view
	if refusal != nil {
		s.refuse(w, r, "supervise_form", p, refusal)
		return
	}
	s.render(w, r, http.StatusOK, "supervise_form", p)
}

// taskFromForm reads a task as the form posts it; milestone rows left
// blank are dropped.
func taskFromForm(r *http.Request) supervise.Task {
	t := supervise.Task{Code: r.PostFormValue("code"), SourceKind: supervise.SourceKind(r.PostFormValue("source_kind")),
		SourceTitle: r.PostFormValue("source_title"), SourceNumber: r.PostFormValue("source_number"), SourceOn: r.PostFormValue("source_on"),
		Content: r.PostFormValue("content"), LeaderName: r.PostFormValue("leader_name"), Deadline: r.PostFormValue("deadline"),
		Frequency: supervise.Frequency(r.PostFormValue("frequency"))}
	t.LeadUnitID, _ = strconv.ParseInt(r.PostFormValue("lead_unit"), 10, 64)
	t.LeaderUserID, _ = strconv.ParseInt(r.PostFormValue("leader"), 10, 64)
	for _, c := range r.PostForm["cooperators"] {
		if id, err := strconv.ParseInt(c, 10, 64); err == nil {
			t.Cooperators = append(t.Cooperators, id)
		}
	}
	titles, days := r.PostForm["milestone_title"], r.PostForm["milestone_due"]
	for i := range titles {
		due := ""
		if i < len(days) {
			due = days[i]
		}
		if strings.TrimSpace(titles[i]) != "" || strings.TrimSpace(due) != "" {
			t.Milestones = append(t.Milestones, supervise.Milestone{Title: titles[i], DueOn: due})
		}
	}
	return t
}

// inScope keeps only the units of a task within the user's scope: a unit
// outside it is refused as not chosen.
func (s *Server) inScope(ctx context.Context, u *auth.User, t *supervise.Task) {
	ok := func(id int64) bool {
		unit, err := s.units.Get(ctx, id)
		return err == nil && unit.Within(u.Unit)
	}
	if !ok(t.LeadUnitID) {
		t.LeadUnitID = 0
	}
	t.Cooperators = slices.DeleteFunc(t.Cooperators, func(id int64) bool { return !ok(id) })
}

func (s *Server) createTask(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	t := taskFromForm(r)
	s.inScope(r.Context(), v.user, &t)
	created, err := s.tasks().Create(r.Context(), v.user.Actor(v.address), t)
	if err != nil {
		s.renderTaskForm(w, r, t, true, err)
		return
	}
	http.Redirect(w, r, "/tasks/"+itoa(created.ID)+"?done=task_created", http.StatusSeeOther)
}

func (s *Server) editTaskPage(w http.ResponseWriter, r *http.Request) {
	t, _, ok := s.taskFromPath(w, r)
	if !ok {
		return
	}
	s.renderTaskForm(w, r, t, false, nil)
}

func (s *Server) updateTask(w http.ResponseWriter, r *http.Request) {
	old, _, ok := s.taskFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	t := taskFromForm(r)
	t.ID = old.ID
	s.inScope(r.Context(), v.user, &t)
	if _, err := s.tasks().Update(r.Context(), v.user.Actor(v.address), t); err != nil {
		s.renderTaskForm(w, r, t, false, err)
		return
	}
	http.Redirect(w, r, "/tasks/"+itoa(t.ID)+"?done=task_saved", http.StatusSeeOther)
}

// CooperatorChecked reports whether the form shows a unit ticked as a
// cooperator: as posted after a refusal, else as the task holds it.
func (p *page) CooperatorChecked(t supervise.Task, id int64) bool {
	if p.Form != nil {
		return slices.Contains(p.Form["cooperators"], strconv.FormatInt(id, 10))
	}
	return slices.Contains(t.Cooperators, id)
}
