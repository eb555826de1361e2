package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/i18n"
	"gaoxin/internal/quantity"
	"gaoxin/internal/report"
)

// saveGrid stores what the reporter typed and, with action=submit, sends
// it on. All or nothing: one bad cell refuses the whole grid, and the page
// comes back with every cell as typed and a message beside each bad one.
func (s *Server) saveGrid(w http.ResponseWriter, r *http.Request) {
	g, ok := s.gridFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	if !auth.CanInUnit(v.user, auth.PermReport, g.Unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	entries, problems := parseGrid(r, g)
	if len(problems) > 0 {
		s.refuseGrid(w, r, g, problems)
		return
	}
	who := v.user.Actor(v.address)
	var err error
	done := "grid_saved"
	if r.PostFormValue("action") == "submit" {
		// One transaction: a refused submit saves nothing, and the page
		// comes back with everything as typed.
		err, done = s.reports.SaveAndSubmit(r.Context(), who, g.Period, entries, g.AssignmentIDs(), g.Behind), "grid_submitted"
		if err == nil {
			s.metrics.submitted.Add(float64(len(g.AssignmentIDs())))
		}
	} else {
		err = s.reports.SaveDraft(r.Context(), who, g.Period, entries)
	}
	if err != nil {
		s.refuseGrid(w, r, g, err)
		return
	}
	http.Redirect(w, r, gridPath(g)+"?done="+done, http.StatusSeeOther)
}

func gridPath(g *dashboard.Grid) string {
	return "/report/" + strconv.Itoa(g.Plan.Year) + "/" + strconv.Itoa(g.Period.Month) + "/" + itoa(g.Unit.ID)
}

// parseGrid reads each editable row's value and explanation. An empty
// value means "not reported yet"; anything else must be a number in the
// indicator's unit of measure.
func parseGrid(r *http.Request, g *dashboard.Grid) ([]report.Entry, report.Problems) {
	var entries []report.Entry
	problems := report.Problems{}
	for _, row := range g.Rows {
		if row.Figure != nil && !row.Figure.Status.Editable() {
			continue
		}
		id := itoa(row.AssignmentID)
		e := report.Entry{AssignmentID: row.AssignmentID, Explanation: r.PostFormValue("e_" + id)}
		if seen, err := strconv.Atoi(r.PostFormValue("s_" + id)); err == nil {
			e.Seen = &seen // the version the form was made from
		}
		text := strings.TrimSpace(r.PostFormValue("v_" + id))
		if text != "" {
			val, verr := quantity.Parse(text, row.Indicator.UOM)
			if verr != nil {
				problems[row.AssignmentID] = verr.Msg
				continue
			}
			e.Value = &val
		}
		entries = append(entries, e)
	}
	return entries, problems
}

// refuseGrid shows the grid again with what was typed and the problems.
func (s *Server) refuseGrid(w http.ResponseWriter, r *http.Request, g *dashboard.Grid, err error) {
	p := s.newPage(r, "grid.title", "report")
	p.Data = s.gridView(r, g)
	var problems report.Problems
	if errors.As(err, &problems) {
		p.Errors = map[string]string{}
		for id, msg := range problems {
			p.Errors["v_"+itoa(id)] = msg.In(p.lang)
		}
		p.Error = p.T("grid.err.cells", len(problems))
		p.Form = r.PostForm
		s.render(w, r, http.StatusUnprocessableEntity, "grid", p)
		return
	}
	s.refuse(w, r, "grid", p, err)
}

// selected returns the rows ticked on the form, or every row when none is.
func selected(r *http.Request, g *dashboard.Grid) []int64 {
	var ids []int64
	for _, s := range r.PostForm["sel"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return g.AssignmentIDs()
	}
	return ids
}

// reviewGrid is the unit head's and the assessment office's actions:
// confirm, approve, or return with a reason.
func (s *Server) reviewGrid(w http.ResponseWriter, r *http.Request) {
	g, ok := s.gridFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	who := v.user.Actor(v.address)
	head := auth.CanInUnit(v.user, auth.PermConfirm, g.Unit)
	office := auth.CanInUnit(v.user, auth.PermReview, g.Unit)
	ids := selected(r, g)
	var err error
	action := r.PathValue("action")
	switch {
	case action == "confirm" && head:
		err = s.reports.Confirm(r.Context(), who, g.Period, ids)
	case action == "approve" && office:
		err = s.reports.Approve(r.Context(), who, g.Period, ids)
	case action == "return" && office:
		err = s.reports.Return(r.Context(), who, g.Period, ids, []report.Status{report.Submitted, report.Confirmed}, r.PostFormValue("reason"))
	case action == "return" && head:
		err = s.reports.Return(r.Context(), who, g.Period, ids, []report.Status{report.Submitted}, r.PostFormValue("reason"))
	case action == "confirm" || action == "approve" || action == "return":
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	default:
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		var verr *i18n.Error
		if errors.As(err, &verr) {
			s.refuseGrid(w, r, g, err)
			return
		}
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, gridPath(g)+"?done=grid_"+action, http.StatusSeeOther)
}
