package api

import (
	"net/http"
	"slices"

	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/settings"
	"gaoxin/internal/supervise"
)

// taskJSON is a supervised task as the API gives it: units by code, the
// colour with its reasons in Chinese and English.
type taskJSON struct {
	Code         string        `json:"code"`
	Source       string        `json:"source" jsonschema:"enum=meeting,enum=document,enum=instruction"`
	SourceTitle  string        `json:"source_title"`
	SourceNumber string        `json:"source_number,omitempty"`
	SourceOn     string        `json:"source_on"`
	Content      string        `json:"content"`
	LeadUnit     unitRefJSON   `json:"lead_unit"`
	Cooperators  []unitRefJSON `json:"cooperators"`
	Leader       string        `json:"leader,omitempty"`
	Deadline     string        `json:"deadline"`
	Frequency    string        `json:"frequency"`
	Status       string        `json:"status" jsonschema:"enum=open,enum=closing,enum=closed"`
	Colour       string        `json:"colour" jsonschema:"enum=red,enum=yellow,enum=blue,enum=green,enum=done"`
	Reasons      []textJSON    `json:"reasons"`
	RedDays      int           `json:"red_days,omitempty" jsonschema_description:"days the task has been red"`
	Escalated    bool          `json:"escalated" jsonschema_description:"red for the escalation days or more: on its leader's list"`
	LastReport   string        `json:"last_report,omitempty"`
	ClosingOn    string        `json:"closing_on,omitempty"`
	ClosedOn     string        `json:"closed_on,omitempty"`
	Reopened     int           `json:"reopened"`
	Milestones   []milestoneJS `json:"milestones,omitempty"` // one task's; a list leaves them out
}

// textJSON is a text in both languages.
type textJSON struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

type milestoneJS struct {
	Title  string `json:"title"`
	DueOn  string `json:"due_on"`
	DoneOn string `json:"done_on,omitempty"`
}

// tasksStore is supervision on gaoxin's clock, as the pages read it.
func (a *API) tasksStore(r *http.Request) (*supervise.Store, error) {
	clock, err := settings.Clock(r.Context(), a.db)
	if err != nil {
		return nil, err
	}
	st := supervise.NewStore(a.db)
	st.SetClock(clock)
	return st, nil
}

func taskOf(row supervise.Row, units map[int64]org.Unit) taskJSON {
	t := taskJSON{Code: row.Code, Source: string(row.SourceKind), SourceTitle: row.SourceTitle, SourceNumber: row.SourceNumber,
		SourceOn: row.SourceOn, Content: row.Content, LeadUnit: unitRef(units[row.LeadUnitID]), Cooperators: []unitRefJSON{},
		Leader: row.LeaderName, Deadline: row.Deadline, Frequency: string(row.Frequency), Status: string(row.Status),
		Colour: string(row.Light.Colour), RedDays: row.Light.RedDays, Escalated: row.Light.Escalated, LastReport: row.LastReport,
		ClosingOn: row.ClosingOn, ClosedOn: row.ClosedOn, Reopened: row.Reopened}
	for _, c := range row.Cooperators {
		t.Cooperators = append(t.Cooperators, unitRef(units[c]))
	}
	for _, m := range row.Light.Reasons {
		t.Reasons = append(t.Reasons, textJSON{ZH: m.In(i18n.ZH), EN: m.In(i18n.EN)})
	}
	return t
}

// withMilestones adds every milestone of a task to its JSON.
func withMilestones(j taskJSON, t supervise.Task) taskJSON {
	j.Milestones = []milestoneJS{}
	for _, m := range t.Milestones {
		j.Milestones = append(j.Milestones, milestoneJS{Title: m.Title, DueOn: m.DueOn, DoneOn: m.DoneOn})
	}
	return j
}

// listTasks is the tasks the caller's units lead or cooperate on, worst
// colour first, filtered as the list page filters them, with the counts
// by colour.
func (a *API) listTasks(w http.ResponseWriter, r *http.Request, u *auth.User) {
	ctx := r.Context()
	st, err := a.tasksStore(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f := supervise.Filter{Scope: u.Unit.Path, Colour: supervise.Colour(q.Get("colour")), Status: supervise.Status(q.Get("status")),
		Search: q.Get("q"), Escalated: q.Get("escalated") == "1"}
	for field, ok := range map[string]bool{
		"colour": f.Colour == "" || slices.Contains(supervise.Colours, f.Colour),
		"status": f.Status == "" || slices.Contains(supervise.Statuses, f.Status),
	} {
		if !ok {
			badQuery(w, field, "not a "+field+" of a task")
			return
		}
	}
	if code := q.Get("unit"); code != "" {
		unit, ok := a.unitInScope(w, r, u, code)
		if !ok {
			return
		}
		f.UnitID = unit.ID
	}
	rows, counts, err := st.List(ctx, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	units, err := a.units.ByID(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]taskJSON, 0, len(rows))
	for _, row := range rows {
		out = append(out, taskOf(row, units))
	}
	byColour := map[string]int{}
	for _, c := range supervise.Colours {
		byColour[string(c)] = counts.ByColour[c]
	}
	body := taskListJSON{Day: st.Today(), Tasks: out}
	body.Counts.Tasks, body.Counts.ByColour = counts.Tasks, byColour
	writeJSON(w, http.StatusOK, body)
}

// getTask is one task by its code with its timeline, for a caller whose
// units lead or cooperate on it, or who is its responsible leader.
func (a *API) getTask(w http.ResponseWriter, r *http.Request, u *auth.User) {
	ctx := r.Context()
	st, err := a.tasksStore(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	t, err := st.ByCode(ctx, r.PathValue("code"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	units, err := a.units.ByID(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	sees := t.LeaderUserID == u.ID
	for _, id := range append([]int64{t.LeadUnitID}, t.Cooperators...) {
		sees = sees || units[id].Within(u.Unit)
	}
	if !sees {
		writeError(w, http.StatusForbidden, "forbidden", "the task's units are outside your scope")
		return
	}
	row, err := st.Row(ctx, t.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	events, err := st.Timeline(ctx, t.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	timeline := make([]taskEventJSON, 0, len(events))
	for _, e := range events {
		timeline = append(timeline, taskEventJSON{On: e.On, Event: string(e.Kind), Note: e.Note, Evidence: e.Evidence,
			AssessmentRecord: e.RecordID, By: e.Actor})
	}
	writeJSON(w, http.StatusOK, taskOneJSON{Day: st.Today(), Task: withMilestones(taskOf(row, units), t), Timeline: timeline})
}
