package api

import (
	"encoding/json"
	"errors"
	"net/http"

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
	Year    int    `json:"year"`
	Month   int    `json:"month"`
	Unit    string `json:"unit"`
	Submit  bool   `json:"submit"` // false saves a draft, true saves and submits
	Entries []struct {
		Indicator   string   `json:"indicator"`
		Value       *float64 `json:"value"`
		Explanation string   `json:"explanation"`
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
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<20)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "bad_json", "the body is not a month of figures in JSON: "+err.Error())
		return
	}
	ctx := r.Context()
	unit, err := a.units.ByCode(ctx, in.Unit)
	if err != nil {
		a.fail(w, r, i18n.Invalid("unit", "api.err.unit", in.Unit))
		return
	}
	if !auth.CanInUnit(u, auth.PermReport, unit) {
		writeError(w, http.StatusForbidden, "forbidden", "you do not report for this unit")
		return
	}
	g, err := dashboard.LoadGrid(ctx, a.db, in.Year, in.Month, unit.ID)
	if errors.Is(err, db.ErrNotFound) || errors.Is(err, dashboard.ErrNoPlan) {
		writeError(w, http.StatusNotFound, "not_found", "no plan or period for that year and month")
		return
	} else if err != nil {
		a.fail(w, r, err)
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
		entries = append(entries, report.Entry{AssignmentID: id, Value: e.Value, Explanation: e.Explanation})
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
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": map[string]any{"code": "figures_refused",
			"message": i18n.T(lang, "api.figures_refused"), "figures": list}})
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	figs, err := rs.Figures(ctx, g.Period.ID, g.AssignmentIDs())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, row := range g.Rows {
		if f, ok := figs[row.AssignmentID]; ok {
			out = append(out, map[string]any{"indicator": row.Indicator.Code, "value": f.Value, "status": string(f.Status), "version": f.Version})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"year": in.Year, "month": in.Month, "unit": in.Unit, "figures": out})
}
