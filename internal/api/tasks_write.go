package api

import (
	"encoding/json"
	"net/http"

	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/supervise"
)

// taskIn is a supervised task as a script gives it: units by code, the
// leader by login.
type taskIn struct {
	Code         string   `json:"code" jsonschema_description:"left out: the next DB-<year>-NNN"`
	Source       string   `json:"source" jsonschema:"required,enum=meeting,enum=document,enum=instruction"`
	SourceTitle  string   `json:"source_title" jsonschema:"required"`
	SourceNumber string   `json:"source_number"`
	SourceOn     string   `json:"source_on" jsonschema:"required,format=date"`
	Content      string   `json:"content" jsonschema:"required"`
	LeadUnit     string   `json:"lead_unit" jsonschema:"required" jsonschema_description:"unit code"`
	Cooperators  []string `json:"cooperators" jsonschema_description:"unit codes"`
	Leader       string   `json:"leader"` // the responsible leader's login, optional
	LeaderName   string   `json:"leader_name"`
	Deadline     string   `json:"deadline" jsonschema:"required,format=date"`
	Frequency    string   `json:"frequency" jsonschema:"required,enum=weekly,enum=biweekly,enum=monthly,enum=once" jsonschema_description:"how often the lead unit reports progress"`
	Milestones   []struct {
		Title string `json:"title"`
		DueOn string `json:"due_on" jsonschema:"format=date"`
	} `json:"milestones"`
}

// createTask gives a supervised task, as the office's form does: units
// within the caller's scope, the store's checks (a lead unit and a
// deadline required), audited as the caller.
func (a *API) createTask(w http.ResponseWriter, r *http.Request, u *auth.User) {
	var in taskIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "bad_json", "the body is not a task in JSON: "+err.Error())
		return
	}
	ctx := r.Context()
	t := supervise.Task{Code: in.Code, SourceKind: supervise.SourceKind(in.Source), SourceTitle: in.SourceTitle,
		SourceNumber: in.SourceNumber, SourceOn: in.SourceOn, Content: in.Content, LeaderName: in.LeaderName,
		Deadline: in.Deadline, Frequency: supervise.Frequency(in.Frequency)}
	if in.LeadUnit != "" {
		unit, err := a.units.ByCode(ctx, in.LeadUnit)
		if err != nil || !unit.Within(u.Unit) {
			a.fail(w, r, i18n.Invalid("lead_unit", "api.err.lead_unit", in.LeadUnit))
			return
		}
		t.LeadUnitID = unit.ID
	}
	for _, code := range in.Cooperators {
		unit, err := a.units.ByCode(ctx, code)
		if err != nil || !unit.Within(u.Unit) {
			a.fail(w, r, i18n.Invalid("cooperators", "api.err.cooperator", code))
			return
		}
		t.Cooperators = append(t.Cooperators, unit.ID)
	}
	if in.Leader != "" {
		leader, err := a.users.ByLogin(ctx, in.Leader)
		if err != nil {
			a.fail(w, r, i18n.Invalid("leader", "api.err.leader", in.Leader))
			return
		}
		t.LeaderUserID = leader.ID
		if t.LeaderName == "" {
			t.LeaderName = leader.DisplayName
		}
	}
	for _, m := range in.Milestones {
		t.Milestones = append(t.Milestones, supervise.Milestone{Title: m.Title, DueOn: m.DueOn})
	}
	st, err := a.tasksStore(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	created, err := st.Create(ctx, actor(r), t)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	row, err := st.Row(ctx, created.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	units, err := a.units.ByID(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, withMilestones(taskOf(row, units), row.Task))
}
