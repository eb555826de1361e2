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
	Year    int    `json:"year" jsonschema:"required"`
	Month   int    `json:"month" jsonschema:"required,minimum=1,maximum=12"`
	Unit    string `json:"unit" jsonschema:"required" jsonschema_description:"the lead unit's code"`
	Submit  bool   `json:"submit"`
	Entries []struct {
		Project     string   `json:"project" jsonschema:"required" jsonschema_description:"project code"`
		InvestMonth *float64 `json:"invest_month" jsonschema:"nullable" jsonschema_description:"the month's investment in 万元"`
		Progress    string   `json:"progress" jsonschema_description:"形象进度 reached"`
		Problems    string   `json:"problems"`
	} `json:"entries"`
}

// putProjectReports saves, or saves and submits, a lead unit's project
// reports of a month with the report form's rules: the caller reports for
// the unit, the period is open, a submit needs every project's report and
// the problems of one behind 序时, all or nothing.
func (a *API) putProjectReports(w http.ResponseWriter, r *http.Request, u *auth.User) {
	var in projectReportsIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
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
		var body reportsRefusedJSON
		body.Error.Code, body.Error.Message = "reports_refused", i18n.T(lang, "api.reports_refused")
		body.Error.Projects = make([]refusedReportJSON, 0, len(problems))
		for id, perr := range problems {
			body.Error.Projects = append(body.Error.Projects, refusedReportJSON{Project: codes[id], Field: perr.Field, Message: perr.In(lang)})
		}
		writeJSON(w, http.StatusUnprocessableEntity, body)
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
	out := []projectReportJSON{}
	for _, id := range due {
		item := projectReportJSON{Project: codes[id]}
		if rp, ok := reports[id]; ok {
			item.InvestMonth, item.Progress, item.Problems, item.Status, item.Version =
				rp.InvestMonth, rp.Progress, rp.Problems, string(rp.Status), rp.Version
		}
		out = append(out, item)
	}
	writeJSON(w, http.StatusOK, projectReportsJSON{Year: in.Year, Month: in.Month, Unit: in.Unit, Reports: out})
}
