package api

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/progress"
)

type progressJSON struct {
	YTD      *float64 `json:"ytd" jsonschema:"nullable"`
	Expected *float64 `json:"expected" jsonschema:"nullable"`
	Ratio    *float64 `json:"ratio" jsonschema:"nullable"`
	Status   string   `json:"status"`
	Forecast *float64 `json:"forecast" jsonschema:"nullable"`
	Warning  bool     `json:"warning"`
}

type indicatorJSON struct {
	Code       string             `json:"code"`
	Name       string             `json:"name"`
	UOM        string             `json:"uom"`
	Direction  string             `json:"direction" jsonschema_description:"up: more is better; down: less is better"`
	Committed  *float64           `json:"committed" jsonschema:"nullable"`
	Stretch    *float64           `json:"stretch" jsonschema:"nullable"`
	TargetYear int                `json:"target_year"`
	Zone       progressJSON       `json:"zone"`
	Units      []unitProgressJSON `json:"units" jsonschema_description:"the units within the caller's scope that share the indicator"`
}

type unitProgressJSON struct {
	Unit      string   `json:"unit"`
	Committed *float64 `json:"committed" jsonschema:"nullable"`
	progressJSON
}

func ptr(v progress.Value) *float64 {
	if !v.OK {
		return nil
	}
	return &v.V
}

func progressOf(r progress.Result) progressJSON {
	return progressJSON{YTD: ptr(r.YTD), Expected: ptr(r.Expected), Ratio: ptr(r.Ratio), Status: r.Status.String(),
		Forecast: ptr(r.Forecast), Warning: r.Warning}
}

// planIndicators gives every indicator of a year with the zone's progress
// and that of the units within the caller's scope, at ?month= (default:
// the latest month whose deadline has passed).
func (a *API) planIndicators(w http.ResponseWriter, r *http.Request, u *auth.User) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil {
		writeError(w, http.StatusNotFound, "not_found", "no such year")
		return
	}
	month, _ := strconv.Atoi(r.URL.Query().Get("month"))
	b, err := dashboard.Load(r.Context(), a.db, year, month)
	if errors.Is(err, dashboard.ErrNoPlan) {
		writeError(w, http.StatusNotFound, "not_found", "no plan for that year")
		return
	} else if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]indicatorJSON, 0, len(b.Indicators))
	for _, in := range b.Indicators {
		j := indicatorJSON{Code: in.Code, Name: in.Name, UOM: in.UOM, Direction: string(in.Direction),
			Committed: in.Target.Committed, Stretch: in.Target.Stretch, TargetYear: in.Target.TargetYear, Zone: progressOf(in.Zone.Result),
			Units: []unitProgressJSON{}}
		for _, up := range in.ByUnit {
			if auth.CanInUnit(u, auth.PermPlanView, up.Unit) {
				j.Units = append(j.Units, unitProgressJSON{Unit: up.Unit.Code, Committed: up.Target.Committed, progressJSON: progressOf(up.Result)})
			}
		}
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, indicatorsJSON{Year: year, Month: b.Month, Indicators: out})
}
