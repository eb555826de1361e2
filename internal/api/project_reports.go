package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/project"
	"gaoxin/internal/report"
)

// projectReportsIn is a lead unit's monthly report of its key projects:
// each project's investment of the month in 万元, its 形象进度 and its
// problems, by project code.
type projectReportsIn struct {
	Year    int    `json:"year"`
	Month   int    `json:"month"`
	Unit    string `json:"unit"`
	Submit  bool   `json:"submit"`
	Entries []struct {
		Project     string   `json:"project"`
		InvestMonth *float64 `json:"invest_month"`
		Progress    string   `json:"progress"`
		Problems    string   `json:"problems"`
	} `json:"entries"`
}

// putProjectReports saves, or saves and submits, a lead unit's project
// reports of a month with the report form's rules: the caller reports for
// the unit, the period is open, a submit needs every project's report and
// the problems of one behind 序时, all or nothing.
func (a *API) putProjectReports(w http.ResponseWriter, r *http.Request, u *auth.User) {
	var in projectReportsIn
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<20)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "bad_json", "the body is not a month of project reports in JSON: "+err.Error())
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
	st, err := a.projects(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	period, err := report.NewStore(a.db).PeriodOf(ctx, in.Year, in.Month)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	rows, _, err := st.Portfolio(ctx, in.Year, project.Filter{Units: func(id int64) bool { return id == unit.ID }})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	byCode, codes, due := map[string]int64{}, map[int64]string{}, make([]int64, 0, len(rows))
	for _, row := range rows {
		byCode[row.Code], codes[row.ID] = row.ID, row.Code
		due = append(due, row.ID)
	}
	var entries []project.Entry
	for _, e := range in.Entries {
		id, ok := byCode[e.Project]
		if !ok {
			a.fail(w, r, i18n.Invalid("project", "api.err.project", e.Project, in.Unit, in.Year))
			return
		}
		entries = append(entries, project.Entry{ProjectID: id, InvestMonth: e.InvestMonth, Progress: e.Progress, Problems: e.Problems})
	}
	if in.Submit {
		err = st.Submit(ctx, actor(r), period, entries, due)
	} else {
		err = st.SaveDrafts(ctx, actor(r), period, entries)
	}
	var problems project.Problems
	if errors.As(err, &problems) {
		lang := i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
		list := []map[string]string{}
		for id, perr := range problems {
			list = append(list, map[string]string{"project": codes[id], "field": perr.Field, "message": perr.In(lang)})
		}
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": map[string]any{"code": "reports_refused",
			"message": i18n.T(lang, "api.reports_refused"), "projects": list}})
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	reports, err := st.Reports(ctx, period.ID, due)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, id := range due {
		item := map[string]any{"project": codes[id], "invest_month": nil, "status": "", "version": 0}
		if rp, ok := reports[id]; ok {
			item["invest_month"], item["progress"], item["problems"], item["status"], item["version"] =
				rp.InvestMonth, rp.Progress, rp.Problems, string(rp.Status), rp.Version
		}
		out = append(out, item)
	}
	writeJSON(w, http.StatusOK, map[string]any{"year": in.Year, "month": in.Month, "unit": in.Unit, "reports": out})
}
