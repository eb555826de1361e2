package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"gaoxin/internal/attract"
	"gaoxin/internal/auth"
	"gaoxin/internal/org"
)

// leadFormView is the form that registers or edits a lead.
type leadFormView struct {
	Lead     attract.Lead
	New      bool
	Units    []org.Unit   // the units the user may register leads for
	Users    []*auth.User // the people of those units
	Kinds    []attract.Kind
	Channels []attract.Channel
	Flags    []attract.Flag
	Stages   []attract.Stage
	Agencies []string
	Day      string
}

func (s *Server) leadForm(ctx context.Context, u *auth.User, l attract.Lead, isNew bool) (leadFormView, error) {
	view := leadFormView{Lead: l, New: isNew, Kinds: attract.Kinds, Channels: attract.Channels, Flags: attract.Flags,
		Stages: attract.Stages, Day: s.leads().Today()}
	subtree, err := s.units.Subtree(ctx, u.Unit)
	if err != nil {
		return view, err
	}
	for _, unit := range subtree {
		if unit.Active && auth.CanInUnit(u, auth.PermLeadsWork, unit) {
			view.Units = append(view.Units, unit)
		}
	}
	if view.Users, err = s.users.List(ctx, u.Unit); err != nil {
		return view, err
	}
	view.Agencies, err = s.leads().Agencies(ctx)
	return view, err
}

func (s *Server) newLeadPage(w http.ResponseWriter, r *http.Request) {
	u := current(r).user
	l := attract.Lead{Kind: attract.Company, Channel: attract.ByBusiness, OwnerUnitID: u.Unit.ID, OwnerUserID: u.ID,
		ReceivedOn: s.leads().Today()}
	s.renderLeadForm(w, r, l, true, nil)
}

func (s *Server) renderLeadForm(w http.ResponseWriter, r *http.Request, l attract.Lead, isNew bool, refusal error) {
	view, err := s.leadForm(r.Context(), current(r).user, l, isNew)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	title := "leads.edit_title"
	if isNew {
		title = "leads.new_title"
	}
	p := s.newPage(r, title, "invest")
	p.Data = view
	if refusal != nil {
		s.refuse(w, r, "attract_form", p, refusal)
		return
	}
	s.render(w, r, http.StatusOK, "attract_form", p)
}

// leadFromForm reads the lead's fields as the form posts them.
func leadFromForm(r *http.Request) (attract.Lead, error) {
	l := attract.Lead{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Kind: attract.Kind(r.PostFormValue("kind")),
		Channel: attract.Channel(r.PostFormValue("channel")), Agency: r.PostFormValue("agency"), Industry: r.PostFormValue("industry"),
		OwnerName: r.PostFormValue("owner_name"), Contact: r.PostFormValue("contact"), Note: r.PostFormValue("note"),
		ReceivedOn: r.PostFormValue("received_on"), Stage: attract.Stage(r.PostFormValue("stage")), StageOn: r.PostFormValue("stage_on")}
	for _, f := range r.PostForm["flags"] {
		l.Flags = append(l.Flags, attract.Flag(f))
	}
	l.OwnerUnitID, _ = strconv.ParseInt(r.PostFormValue("owner_unit"), 10, 64)
	l.OwnerUserID, _ = strconv.ParseInt(r.PostFormValue("owner"), 10, 64)
	var err error
	if l.ExpectedInvestment, err = optionalAmount("expected_investment", r.PostFormValue("expected_investment")); err != nil {
		return l, err
	}
	l.ArrivedInvestment, err = optionalAmount("arrived_investment", r.PostFormValue("arrived_investment"))
	return l, err
}

// mayOwn reports whether the user may put a lead in unit id.
func (s *Server) mayOwn(ctx context.Context, u *auth.User, id int64) bool {
	unit, err := s.units.Get(ctx, id)
	return err == nil && auth.CanInUnit(u, auth.PermLeadsWork, unit)
}

func (s *Server) createLead(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	l, err := leadFromForm(r)
	if err == nil && !s.mayOwn(r.Context(), v.user, l.OwnerUnitID) {
		l.OwnerUnitID = 0 // refused below as no unit chosen
	}
	if err == nil {
		l, err = s.leads().Create(r.Context(), v.user.Actor(v.address), l)
	}
	if err != nil {
		s.renderLeadForm(w, r, l, true, err)
		return
	}
	http.Redirect(w, r, "/leads/"+itoa(l.ID)+"?done=lead_created", http.StatusSeeOther)
}

func (s *Server) editLeadPage(w http.ResponseWriter, r *http.Request) {
	l, _, ok := s.workable(w, r)
	if !ok {
		return
	}
	s.renderLeadForm(w, r, l, false, nil)
}

func (s *Server) updateLead(w http.ResponseWriter, r *http.Request) {
	old, _, ok := s.workable(w, r)
	if !ok {
		return
	}
	v := current(r)
	l, err := leadFromForm(r)
	l.ID, l.Stage, l.StageOn, l.ReceivedOn = old.ID, old.Stage, old.StageOn, old.ReceivedOn
	if err == nil && !s.mayOwn(r.Context(), v.user, l.OwnerUnitID) {
		l.OwnerUnitID = 0
	}
	if err == nil {
		l, err = s.leads().Update(r.Context(), v.user.Actor(v.address), l)
	}
	if err != nil {
		s.renderLeadForm(w, r, l, false, err)
		return
	}
	http.Redirect(w, r, "/leads/"+itoa(l.ID)+"?done=lead_saved", http.StatusSeeOther)
}

// leadImportView is the import page, with what the last import did.
type leadImportView struct {
	Summary *attract.ImportSummary
}

func (s *Server) leadImportPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "leads.import_title", "invest")
	p.Data = leadImportView{}
	s.render(w, r, http.StatusOK, "attract_import", p)
}

// importLeads reads an office's lead list, all or nothing.
func (s *Server) importLeads(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "leads.import_title", "invest")
	p.Data = leadImportView{}
	file, err := s.uploaded(r)
	if err != nil {
		s.refuse(w, r, "attract_import", p, err)
		return
	}
	v := current(r)
	sum, err := s.leads().Import(r.Context(), v.user.Actor(v.address), file)
	if err != nil {
		s.refuse(w, r, "attract_import", p, err)
		return
	}
	p.Data = leadImportView{Summary: &sum}
	s.render(w, r, http.StatusOK, "attract_import", p)
}

// FlagChecked reports whether the form shows a flag ticked: as posted
// after a refusal, else as the lead holds it.
func (p *page) FlagChecked(l attract.Lead, f attract.Flag) bool {
	if p.Form != nil {
		return slices.Contains(p.Form["flags"], string(f))
	}
	return l.Has(f)
}

// overdueLeads are the leads in the user's scope past a response or
// assessment deadline today, the ones the user works first.
func (s *Server) overdueLeads(ctx context.Context, u *auth.User) ([]leadRow, string, error) {
	st := s.leads()
	day := st.Today()
	dl, err := attract.LoadDeadlines(ctx, s.db)
	if err != nil {
		return nil, day, err
	}
	list, err := st.List(ctx, attract.Filter{Scope: u.Unit.Path, Overdue: day, Deadlines: dl})
	if err != nil {
		return nil, day, err
	}
	units, err := s.units.ByID(ctx)
	if err != nil {
		return nil, day, err
	}
	var mine, rest []leadRow
	for _, l := range list {
		row := leadRow{Lead: l, UnitName: units[l.OwnerUnitID].Name, Due: dl.DueOf(l, day)}
		if l.OwnerUserID == u.ID {
			mine = append(mine, row)
		} else {
			rest = append(rest, row)
		}
	}
	return append(mine, rest...), day, nil
}
