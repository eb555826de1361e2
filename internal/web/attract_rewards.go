package web

import (
	"net/http"
	"strconv"

	"gaoxin/internal/attract"
	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/xlsx"
)

// rewardsView is the year's rewards (重奖) under its policy: every payee
// with the awards that make up its sum, each explained.
type rewardsView struct {
	Year      int
	Policy    *attract.Policy
	File      string // the policy as the office wrote it
	Rewards   attract.Rewards
	Units     map[int64]org.Unit
	CanUpload bool
}

// rewardsYear is the year in the query, else today's.
func (s *Server) rewardsYear(r *http.Request) int {
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2100 {
		return y
	}
	y, _ := strconv.Atoi(s.leads().Today()[:4])
	return y
}

func (s *Server) loadRewards(r *http.Request, year int) (rewardsView, error) {
	ctx := r.Context()
	u := current(r).user
	st := s.leads()
	view := rewardsView{Year: year, CanUpload: auth.Can(u, auth.PermLeadsManage)}
	var err error
	if view.Policy, view.File, err = st.PolicyOf(ctx, year); err != nil || view.Policy == nil {
		return view, err
	}
	if view.Rewards, err = st.Rewards(ctx, view.Policy, u.Unit.Path); err != nil {
		return view, err
	}
	view.Units, err = s.units.ByID(ctx)
	return view, err
}

func (s *Server) rewardsPage(w http.ResponseWriter, r *http.Request) {
	view, err := s.loadRewards(r, s.rewardsYear(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "leads.rewards_title", "invest")
	p.Data = view
	s.render(w, r, http.StatusOK, "attract_rewards", p)
}

// uploadPolicy stores a year's reward policy after checking it through;
// a refused file is named line by line.
func (s *Server) uploadPolicy(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "leads.rewards_title", "invest")
	name, body, err := s.uploadedBytes(r)
	var policy *attract.Policy
	if err == nil {
		v := current(r)
		policy, err = s.leads().SavePolicy(r.Context(), v.user.Actor(v.address), name, body)
	}
	if err != nil {
		view, lerr := s.loadRewards(r, s.rewardsYear(r))
		if lerr != nil {
			s.serverError(w, r, lerr)
			return
		}
		p.Data = view
		s.refuse(w, r, "attract_rewards", p, err)
		return
	}
	http.Redirect(w, r, "/leads/rewards?year="+strconv.Itoa(policy.Year)+"&done=lead_policy", http.StatusSeeOther)
}

// PayeeName names a payee in the page's language.
func (p *page) PayeeName(py attract.Payee, units map[int64]org.Unit) string {
	switch py.Kind {
	case attract.PayUnit:
		return units[py.UnitID].Name
	case attract.PayPerson:
		return py.Name + "（" + units[py.UnitID].Name + "）"
	}
	return py.Name
}

// PayeeKind names the kind of a payee.
func (p *page) PayeeKind(py attract.Payee) string { return p.T("leads.payee." + py.Kind) }

// Explain is an award's explanation in the page's language.
func (p *page) Explain(a attract.Award) string { return a.Explain.In(p.lang) }

// exportRewards writes the rewards as a workbook: one row an award, with
// the payee's total paid after caps.
func (s *Server) exportRewards(w http.ResponseWriter, r *http.Request) {
	view, err := s.loadRewards(r, s.rewardsYear(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if view.Policy == nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	lang := current(r).lang
	p := s.newPage(r, "leads.rewards_title", "invest")
	header := []string{p.T("leads.col.payee_kind"), p.T("leads.col.payee"), p.T("leads.col.code"), p.T("leads.col.name"),
		p.T("leads.col.rule"), p.T("leads.col.reached_on"), p.T("leads.col.basis"), p.T("leads.col.award"),
		p.T("leads.col.payee_sum"), p.T("leads.col.payee_paid"), p.T("leads.col.explain")}
	plain := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) } // numbers a sheet can sum
	var rows [][]string
	for _, pr := range view.Rewards.Payees {
		for _, a := range pr.Awards {
			rows = append(rows, []string{p.PayeeKind(pr.Payee), p.PayeeName(pr.Payee, view.Units), a.Lead.Code, a.Lead.Name,
				a.Rule.Code + " " + a.Rule.Name, a.ReachedOn, plain(a.Basis), plain(a.Amount), plain(pr.Sum), plain(pr.Paid), a.Explain.In(lang)})
		}
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="rewards-`+strconv.Itoa(view.Year)+`.xlsx"`)
	if err := xlsx.WriteXLSX(w, i18n.T(lang, "leads.rewards_title"), header, rows); err != nil {
		s.log.Error("export rewards", "err", err)
	}
}
