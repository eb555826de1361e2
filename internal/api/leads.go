package api

import (
	"net/http"
	"slices"

	"gaoxin/internal/attract"
	"gaoxin/internal/auth"
	"gaoxin/internal/settings"
)

// leadJSON is a lead as the API gives it: money in 万元, values by code.
type leadJSON struct {
	Code        string      `json:"code"`
	Name        string      `json:"name"`
	Kind        string      `json:"kind" jsonschema:"enum=company,enum=talent,enum=team"`
	Channel     string      `json:"channel" jsonschema:"enum=business,enum=park,enum=capital,enum=agency"`
	Agency      string      `json:"agency,omitempty"`
	Flags       []string    `json:"flags"`
	Industry    string      `json:"industry"`
	Expected    float64     `json:"expected_investment" jsonschema_description:"万元"`
	Arrived     float64     `json:"arrived_investment" jsonschema_description:"万元"`
	Unit        unitRefJSON `json:"owner_unit"`
	Owner       string      `json:"owner,omitempty"`
	Stage       string      `json:"stage" jsonschema:"enum=clue,enum=talks,enum=signed,enum=starting,enum=funded,enum=producing"`
	StageOn     string      `json:"stage_on"`
	ReceivedOn  string      `json:"received_on"`
	RespondedOn string      `json:"responded_on,omitempty"`
	AssessedOn  string      `json:"assessed_on,omitempty"`
	SignedOn    string      `json:"signed_on,omitempty"`
	Overdue     bool        `json:"overdue"`
	Project     string      `json:"project,omitempty"` // the key project's code
}

// leadsStore is the pipeline on gaoxin's clock, as the pages read it.
func (a *API) leadsStore(r *http.Request) (*attract.Store, error) {
	clock, err := settings.Clock(r.Context(), a.db)
	if err != nil {
		return nil, err
	}
	st := attract.NewStore(a.db)
	st.SetClock(clock)
	return st, nil
}

// listLeads is the leads owned within the user's scope, filtered as the
// list page filters them, with the pipeline's counts by stage.
func (a *API) listLeads(w http.ResponseWriter, r *http.Request, u *auth.User) {
	ctx := r.Context()
	st, err := a.leadsStore(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	dl, err := attract.LoadDeadlines(ctx, a.db)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	f := attract.Filter{Scope: u.Unit.Path, Stage: attract.Stage(q.Get("stage")), Channel: attract.Channel(q.Get("channel")),
		Kind: attract.Kind(q.Get("kind")), Flag: attract.Flag(q.Get("flag")), Agency: q.Get("agency"), Search: q.Get("q"), Deadlines: dl}
	for field, ok := range map[string]bool{
		"stage":   f.Stage == "" || f.Stage.Valid(),
		"channel": f.Channel == "" || slices.Contains(attract.Channels, f.Channel),
		"kind":    f.Kind == "" || slices.Contains(attract.Kinds, f.Kind),
		"flag":    f.Flag == "" || slices.Contains(attract.Flags, f.Flag),
	} {
		if !ok {
			badQuery(w, field, "not a "+field+" of a lead")
			return
		}
	}
	if code := q.Get("unit"); code != "" {
		unit, ok := a.unitInScope(w, r, u, code)
		if !ok {
			return
		}
		f.Scope = unit.Path
	}
	if q.Get("overdue") == "1" {
		f.Overdue = st.Today()
	}
	list, err := st.List(ctx, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	pf := f
	pf.Overdue = st.Today()
	pl, err := st.Pipeline(ctx, pf)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	units, err := a.units.ByID(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	codes, err := projectCodes(r, a)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]leadJSON, 0, len(list))
	for _, l := range list {
		out = append(out, leadOf(l, unitRef(units[l.OwnerUnitID]), dl.DueOf(l, st.Today()).Overdue, codes[l.ProjectID]))
	}
	byStage := map[string]int{}
	for _, s := range attract.Stages {
		byStage[string(s)] = pl.ByStage[s].Leads
	}
	body := leadListJSON{Day: st.Today(), Leads: out}
	body.Pipeline.Leads, body.Pipeline.ByStage, body.Pipeline.Overdue = pl.Total.Leads, byStage, pl.Overdue
	writeJSON(w, http.StatusOK, body)
}

func leadOf(l attract.Lead, unit unitRefJSON, overdue bool, project string) leadJSON {
	flags := make([]string, 0, len(l.Flags))
	for _, f := range l.Flags {
		flags = append(flags, string(f))
	}
	return leadJSON{Code: l.Code, Name: l.Name, Kind: string(l.Kind), Channel: string(l.Channel), Agency: l.Agency, Flags: flags,
		Industry: l.Industry, Expected: l.ExpectedInvestment, Arrived: l.ArrivedInvestment, Unit: unit, Owner: l.OwnerName,
		Stage: string(l.Stage), StageOn: l.StageOn, ReceivedOn: l.ReceivedOn, RespondedOn: l.RespondedOn, AssessedOn: l.AssessedOn,
		SignedOn: l.SignedOn, Overdue: overdue, Project: project}
}

// projectCodes are the codes of the key projects the leads became.
func projectCodes(r *http.Request, a *API) (map[int64]string, error) {
	out := map[int64]string{}
	rows, err := a.db.Query(r.Context(), "SELECT p.id, p.code FROM projects p JOIN leads l ON l.project_id = p.id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		out[id] = code
	}
	return out, rows.Err()
}

// getLead is one lead by its code, with its timeline.
func (a *API) getLead(w http.ResponseWriter, r *http.Request, u *auth.User) {
	ctx := r.Context()
	st, err := a.leadsStore(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	l, err := st.ByCode(ctx, r.PathValue("code"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	unit, err := a.units.Get(ctx, l.OwnerUnitID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !auth.CanInUnit(u, auth.PermLeadsView, unit) {
		writeError(w, http.StatusForbidden, "forbidden", "the lead's unit is outside your scope")
		return
	}
	dl, err := attract.LoadDeadlines(ctx, a.db)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	events, err := st.Timeline(ctx, l.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	codes, err := projectCodes(r, a)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	timeline := make([]leadEventJSON, 0, len(events))
	for _, e := range events {
		if e.Move != nil {
			timeline = append(timeline, leadEventJSON{On: e.On, MoveFrom: string(e.Move.From), MoveTo: string(e.Move.To),
				Reason: e.Move.Reason, By: e.Move.Actor})
		} else {
			timeline = append(timeline, leadEventJSON{On: e.On, Activity: string(e.Activity.Kind), Note: e.Activity.Note, By: e.Activity.Actor})
		}
	}
	due := dl.DueOf(l, st.Today())
	writeJSON(w, http.StatusOK, leadOneJSON{Day: st.Today(), Lead: leadOf(l, unitRef(unit), due.Overdue, codes[l.ProjectID]),
		RespondBy: due.RespondBy, AssessBy: due.AssessBy, Timeline: timeline})
}
