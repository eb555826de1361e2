package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/report"
	"gaoxin/internal/settings"
)

// figuresIn is a unit's month of figures as a script sends them: values in
// each indicator's unit of measure, by indicator code; null clears one.
type figuresIn struct {
	Year    int    `json:"year" jsonschema:"required"`
	Month   int    `json:"month" jsonschema:"required,minimum=1,maximum=12"`
	Unit    string `json:"unit" jsonschema:"required" jsonschema_description:"unit code"`
	Submit  bool   `json:"submit" jsonschema_description:"false saves a draft; true saves and submits"` // false saves a draft, true saves and submits
	Entries []struct {
		Indicator   string   `json:"indicator" jsonschema:"required"`
		Value       *float64 `json:"value" jsonschema:"nullable" jsonschema_description:"in the indicator's unit of measure; null clears it"`
		Explanation string   `json:"explanation"`
		// Version is the figure's version the client read (0: none), so
		// that a change made by someone since is refused, not overwritten;
		// left out, the figure is written whatever its version.
		Version *int `json:"version" jsonschema_description:"the figure's version as read (0: none); a figure changed since is refused as a conflict, not overwritten; left out, the figure is written whatever its version"`
	} `json:"entries"`
}

// refusedJSON is one figure a submit refused, by indicator code.
type refusedJSON struct {
	Indicator string `json:"indicator"`
	Message   string `json:"message"`
}

// putFigures saves, or saves and submits, a unit's figures of a month
// through the same workflow as the reporting grid: the caller must report
// for the unit (figures.report within scope), the period must be open,
// a submit needs every figure due and an explanation for each behind
// 序时, all in one transaction — a refused submit saves nothing.
func (a *API) putFigures(w http.ResponseWriter, r *http.Request, u *auth.User) {
	var in figuresIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "bad_json", "the body is not a month of figures in JSON: "+err.Error())
		return
	}
	ctx := r.Context()
	g, ok := a.grid(w, r, u, auth.PermReport, in.Year, in.Month, in.Unit)
	if !ok {
		return
	}
	byCode := map[string]int64{}
	codes := map[int64]string{}
	for _, row := range g.Rows {
		byCode[row.Indicator.Code], codes[row.AssignmentID] = row.AssignmentID, row.Indicator.Code
	}
	var entries []report.Entry
	for _, e := range in.Entries {
		id, ok := byCode[e.Indicator]
		if !ok {
			a.fail(w, r, i18n.Invalid("indicator", "api.err.indicator", e.Indicator, in.Unit))
			return
		}
		entries = append(entries, report.Entry{AssignmentID: id, Value: e.Value, Explanation: e.Explanation, Seen: e.Version})
	}
	clock, err := settings.Clock(ctx, a.db)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	rs := report.NewStore(a.db)
	rs.SetClock(clock)
	if in.Submit {
		err = rs.SaveAndSubmit(ctx, actor(r), g.Period, entries, g.AssignmentIDs(), g.Behind)
	} else {
		err = rs.SaveDraft(ctx, actor(r), g.Period, entries)
	}
	var problems report.Problems
	if errors.As(err, &problems) {
		lang := i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
		list := []refusedJSON{}
		for id, msg := range problems {
			list = append(list, refusedJSON{Indicator: codes[id], Message: msg.In(lang)})
		}
		var body figuresRefusedJSON
		body.Error.Code, body.Error.Message, body.Error.Figures = "figures_refused", i18n.T(lang, "api.figures_refused"), list
		writeJSON(w, http.StatusUnprocessableEntity, body)
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeFigures(w, r, rs, g, in.Unit)
}

// grid is a unit's month for a caller holding perm within the unit's
// scope; it answers the request itself when it cannot be had.
func (a *API) grid(w http.ResponseWriter, r *http.Request, u *auth.User, perm auth.Permission, year, month int, code string) (*dashboard.Grid, bool) {
	unit, err := a.units.ByCode(r.Context(), code)
	if err != nil {
		a.fail(w, r, i18n.Invalid("unit", "api.err.unit", code))
		return nil, false
	}
	if !auth.CanInUnit(u, perm, unit) {
		writeError(w, http.StatusForbidden, "forbidden", "the unit is outside your scope")
		return nil, false
	}
	g, err := dashboard.LoadGrid(r.Context(), a.db, year, month, unit.ID)
	if errors.Is(err, db.ErrNotFound) || errors.Is(err, dashboard.ErrNoPlan) {
		writeError(w, http.StatusNotFound, "not_found", "no plan or period for that year and month")
		return nil, false
	} else if err != nil {
		a.fail(w, r, err)
		return nil, false
	}
	return g, true
}

// writeFigures answers with the month's figures as they stand, each with
// the version a later write sends back.
func (a *API) writeFigures(w http.ResponseWriter, r *http.Request, rs *report.Store, g *dashboard.Grid, unit string) {
	figs, err := rs.Figures(r.Context(), g.Period.ID, g.AssignmentIDs())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := []figureJSON{}
	for _, row := range g.Rows {
		item := figureJSON{Indicator: row.Indicator.Code, Name: row.Indicator.Name, UOM: row.Indicator.UOM}
		if f, ok := figs[row.AssignmentID]; ok {
			item.Value, item.Status, item.Version, item.Explanation = f.Value, string(f.Status), f.Version, f.Explanation
		}
		out = append(out, item)
	}
	writeJSON(w, http.StatusOK, monthFiguresJSON{Year: g.Plan.Year, Month: g.Period.Month, Unit: unit, Figures: out})
}

// getFigures is a unit's month of figures due, with their versions.
func (a *API) getFigures(w http.ResponseWriter, r *http.Request, u *auth.User) {
	q := r.URL.Query()
	year, err1 := strconv.Atoi(q.Get("year"))
	month, err2 := strconv.Atoi(q.Get("month"))
	if err1 != nil || err2 != nil {
		writeError(w, http.StatusBadRequest, "bad_query", "year and month are required numbers")
		return
	}
	g, ok := a.grid(w, r, u, auth.PermPlanView, year, month, q.Get("unit"))
	if !ok {
		return
	}
	a.writeFigures(w, r, report.NewStore(a.db), g, q.Get("unit"))
}

// reviewIn is a review of a unit's month: confirm (the unit head),
// approve or return (the assessment office; a head returns only what is
// submitted), of the indicators named or, with none, of every figure due.
type reviewIn struct {
	Year       int      `json:"year" jsonschema:"required"`
	Month      int      `json:"month" jsonschema:"required,minimum=1,maximum=12"`
	Unit       string   `json:"unit" jsonschema:"required"`
	Action     string   `json:"action" jsonschema:"required,enum=confirm,enum=approve,enum=return"`
	Indicators []string `json:"indicators" jsonschema_description:"indicator codes; none: every figure due"`
	Reason     string   `json:"reason" jsonschema_description:"required to return"`
}

// reviewFigures moves a unit's figures through the review steps with the
// grid page's rules of who may do what.
func (a *API) reviewFigures(w http.ResponseWriter, r *http.Request, u *auth.User) {
	var in reviewIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "bad_json", "the body is not a review in JSON: "+err.Error())
		return
	}
	g, ok := a.grid(w, r, u, auth.PermPlanView, in.Year, in.Month, in.Unit)
	if !ok {
		return
	}
	head, office := auth.CanInUnit(u, auth.PermConfirm, g.Unit), auth.CanInUnit(u, auth.PermReview, g.Unit)
	ids := g.AssignmentIDs()
	if len(in.Indicators) > 0 {
		byCode := map[string]int64{}
		for _, row := range g.Rows {
			byCode[row.Indicator.Code] = row.AssignmentID
		}
		ids = nil
		for _, c := range in.Indicators {
			id, ok := byCode[c]
			if !ok {
				a.fail(w, r, i18n.Invalid("indicators", "api.err.indicator", c, in.Unit))
				return
			}
			ids = append(ids, id)
		}
	}
	clock, err := settings.Clock(r.Context(), a.db)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	rs := report.NewStore(a.db)
	rs.SetClock(clock)
	who := actor(r)
	switch {
	case in.Action == "confirm" && head:
		err = rs.Confirm(r.Context(), who, g.Period, ids)
	case in.Action == "approve" && office:
		err = rs.Approve(r.Context(), who, g.Period, ids)
	case in.Action == "return" && office:
		err = rs.Return(r.Context(), who, g.Period, ids, []report.Status{report.Submitted, report.Confirmed}, in.Reason)
	case in.Action == "return" && head:
		err = rs.Return(r.Context(), who, g.Period, ids, []report.Status{report.Submitted}, in.Reason)
	case in.Action == "confirm" || in.Action == "approve" || in.Action == "return":
		writeError(w, http.StatusForbidden, "forbidden", "your role may not "+in.Action+" this unit's figures")
		return
	default:
		writeError(w, http.StatusBadRequest, "bad_action", "action is confirm, approve or return")
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeFigures(w, r, rs, g, in.Unit)
}
