package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/attract"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/project"
	"gaoxin/internal/quantity"
)

// leadView is one lead's page: its record, deadlines, timeline, the key
// project it became with that project's progress, and the forms its
// owners work it with.
type leadView struct {
	Lead       attract.Lead
	Unit       org.Unit
	Day        string
	Due        attract.Due
	Timeline   []attract.Event
	Project    *project.Row
	Stages     []attract.Stage
	Activities []attract.ActivityKind
	Categories []project.Category
	CanWork    bool
	CanConvert bool
	Form       string // the form a refusal came back from: move, activity or convert
}

// leadFromPath is the lead of the path, which the user must see.
func (s *Server) leadFromPath(w http.ResponseWriter, r *http.Request) (attract.Lead, org.Unit, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return attract.Lead{}, org.Unit{}, false
	}
	l, err := s.leads().Lead(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return l, org.Unit{}, false
	} else if err != nil {
		s.serverError(w, r, err)
		return l, org.Unit{}, false
	}
	unit, err := s.units.Get(r.Context(), l.OwnerUnitID)
	if err != nil {
		s.serverError(w, r, err)
		return l, unit, false
	}
	if !auth.CanInUnit(current(r).user, auth.PermLeadsView, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return l, unit, false
	}
	return l, unit, true
}

func (s *Server) leadPage(w http.ResponseWriter, r *http.Request) {
	l, unit, ok := s.leadFromPath(w, r)
	if !ok {
		return
	}
	s.renderLead(w, r, http.StatusOK, l, unit, "", nil)
}

func (s *Server) renderLead(w http.ResponseWriter, r *http.Request, status int, l attract.Lead, unit org.Unit, form string, refusal error) {
	ctx := r.Context()
	st := s.leads()
	u := current(r).user
	dl, err := attract.LoadDeadlines(ctx, s.db)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := leadView{Lead: l, Unit: unit, Day: st.Today(), Due: dl.DueOf(l, st.Today()), Stages: attract.Stages,
		Activities: attract.ActivityKinds, CanWork: auth.CanInUnit(u, auth.PermLeadsWork, unit), Form: form}
	view.CanConvert = l.ProjectID == 0 && l.Stage.Reached(attract.Signed) && auth.Can(u, auth.PermProjectsManage)
	if view.Timeline, err = st.Timeline(ctx, l.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	ps := s.projects()
	if l.ProjectID != 0 {
		year, _ := strconv.Atoi(view.Day[:4])
		if row, err := ps.RowOf(ctx, year, l.ProjectID); err == nil {
			view.Project = &row
		} else if p, perr := ps.Project(ctx, l.ProjectID); perr == nil {
			view.Project = &project.Row{Project: p} // no plan this year: the record alone
		} else {
			s.serverError(w, r, perr)
			return
		}
	}
	if view.CanConvert {
		if view.Categories, err = ps.Categories(ctx); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	p := s.newPage(r, "leads.lead_title", "invest")
	p.Data = view
	if refusal != nil {
		s.refuse(w, r, "attract_detail", p, refusal)
		return
	}
	s.render(w, r, status, "attract_detail", p)
}

// workable is the lead of the path, which the user must be able to work.
func (s *Server) workable(w http.ResponseWriter, r *http.Request) (attract.Lead, org.Unit, bool) {
	l, unit, ok := s.leadFromPath(w, r)
	if ok && !auth.CanInUnit(current(r).user, auth.PermLeadsWork, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return l, unit, false
	}
	return l, unit, ok
}

// moveLead moves the lead to a stage; a refused move comes back as typed.
func (s *Server) moveLead(w http.ResponseWriter, r *http.Request) {
	l, unit, ok := s.workable(w, r)
	if !ok {
		return
	}
	v := current(r)
	err := s.leads().MoveTo(r.Context(), v.user.Actor(v.address), l.ID, attract.Stage(r.PostFormValue("stage")),
		r.PostFormValue("on"), r.PostFormValue("reason"))
	if err != nil {
		s.renderLead(w, r, http.StatusUnprocessableEntity, l, unit, "move", err)
		return
	}
	http.Redirect(w, r, "/leads/"+itoa(l.ID)+"?done=lead_moved", http.StatusSeeOther)
}

// logLeadActivity logs a visit, meeting, call or assessment.
func (s *Server) logLeadActivity(w http.ResponseWriter, r *http.Request) {
	l, unit, ok := s.workable(w, r)
	if !ok {
		return
	}
	v := current(r)
	_, err := s.leads().Log(r.Context(), v.user.Actor(v.address), attract.Activity{LeadID: l.ID, On: r.PostFormValue("on"),
		Kind: attract.ActivityKind(r.PostFormValue("kind")), Note: r.PostFormValue("note")})
	if err != nil {
		s.renderLead(w, r, http.StatusUnprocessableEntity, l, unit, "activity", err)
		return
	}
	http.Redirect(w, r, "/leads/"+itoa(l.ID)+"?done=lead_logged", http.StatusSeeOther)
}

// convertLead turns the signed lead into a key project and opens it.
func (s *Server) convertLead(w http.ResponseWriter, r *http.Request) {
	l, unit, ok := s.leadFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	planned, err := optionalAmount("planned_investment", r.PostFormValue("planned_investment"))
	if err != nil {
		s.renderLead(w, r, http.StatusUnprocessableEntity, l, unit, "convert", err)
		return
	}
	c := attract.Conversion{Code: r.PostFormValue("code"), Category: r.PostFormValue("category"), Leader: r.PostFormValue("leader"),
		Location: r.PostFormValue("location"), Content: r.PostFormValue("content"), Level: project.Level(r.PostFormValue("level")),
		PlannedInvestment: planned}
	p, err := s.leads().Convert(r.Context(), v.user.Actor(v.address), l.ID, c)
	if err != nil {
		s.renderLead(w, r, http.StatusUnprocessableEntity, l, unit, "convert", err)
		return
	}
	year := s.leads().Today()[:4]
	http.Redirect(w, r, "/projects/"+year+"/"+itoa(p.ID)+"?done=lead_converted", http.StatusSeeOther)
}

// optionalAmount reads an amount of 万元 typed in a form field, 0 when
// blank; it accepts what quantity.Parse does (1.2万, 3,000).
func optionalAmount(field, text string) (float64, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, nil
	}
	v, verr := quantity.Parse(text, "万元")
	if verr != nil || v < 0 {
		return 0, i18n.Invalid(field, "attract.err.amount", text)
	}
	return v, nil
}

// CategoryLabel names a project category in the page's language.
func (p *page) CategoryLabel(c project.Category) string { return c.Label(p.lang) }

// leadFiltersView is the filter form of the pipeline and the list.
type leadFiltersView struct {
	Page    *page
	Action  string
	Filters leadFilters
	List    bool // the list filters by stage and deadline too
}

// LeadFilters gives the filter form its page and where it submits.
func (p *page) LeadFilters(action string, f leadFilters) leadFiltersView {
	return leadFiltersView{Page: p, Action: action, Filters: f, List: action == "/leads/list"}
}
