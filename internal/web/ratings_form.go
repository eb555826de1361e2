package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/score"
)

// roundView is a round as the office sees it: who is invited and who has
// submitted, and the submitted scores by unit.
type roundView struct {
	Round   assess.RatingRound
	Base    string
	Types   []raterTypeView
	Names   map[string]string // rater type key → name in the page's language
	Forms   []assess.RatingForm
	Summary []unitSummaryView
	Raters  []*auth.User // who may still be invited
}

type raterTypeView struct {
	Key, Name, Weight string
}

type unitSummaryView struct {
	Unit     assess.RatedUnit
	Cells    []string // per rater type: "88.50（3）"
	Weighted string
}

// ratingFormView is a rater's form.
type ratingFormView struct {
	Round    assess.RatingRound
	Base     string
	Form     assess.RatingForm
	Type     string
	Units    []assess.RatedUnit
	Editable bool
}

func (s *Server) roundPage(w http.ResponseWriter, r *http.Request) {
	round, ok := s.roundFromPath(w, r)
	if !ok {
		return
	}
	s.showRound(w, r, round, nil)
}

// showRound shows the office the round's summary and a rater their form;
// anyone else is refused.
func (s *Server) showRound(w http.ResponseWriter, r *http.Request, round assess.RatingRound, err error) {
	u := current(r).user
	if auth.Can(u, auth.PermAssessManage) {
		s.showRoundSummary(w, r, round, err)
		return
	}
	form, ferr := s.ratingStore().Form(r.Context(), round.ID, u.ID)
	if errors.Is(ferr, db.ErrNotFound) || !auth.Can(u, auth.PermAssessRate) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	} else if ferr != nil {
		s.serverError(w, r, ferr)
		return
	}
	s.showRatingForm(w, r, round, form, err)
}

func (s *Server) showRoundSummary(w http.ResponseWriter, r *http.Request, round assess.RatingRound, err error) {
	p := s.newPage(r, "ratings.round_title", "assess")
	view, lerr := s.roundData(r, round)
	if lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	p.Data = view
	if err != nil {
		s.refuse(w, r, "ratings_round", p, err)
		return
	}
	s.render(w, r, http.StatusOK, "ratings_round", p)
}

func (s *Server) roundData(r *http.Request, round assess.RatingRound) (roundView, error) {
	v := current(r)
	view := roundView{Round: round, Base: roundPath(round), Names: map[string]string{}}
	for _, t := range round.Types {
		w, _ := t.Weight.Value()
		view.Names[t.Key] = round.TypeName(t.Key, v.lang)
		view.Types = append(view.Types, raterTypeView{Key: t.Key, Name: round.TypeName(t.Key, v.lang), Weight: score.FormatPercent(w)})
	}
	rs := s.ratingStore()
	var err error
	if view.Forms, err = rs.Forms(r.Context(), round.ID); err != nil {
		return view, err
	}
	summary, err := rs.Summary(r.Context(), round)
	if err != nil {
		return view, err
	}
	for _, u := range summary {
		row := unitSummaryView{Unit: u.RatedUnit, Weighted: "—"}
		for _, t := range round.Types {
			cell := "—"
			if n := u.Count[t.Key]; n > 0 {
				cell = score.FormatPoints(u.Mean[t.Key]) + "（" + strconv.Itoa(n) + "）"
			}
			row.Cells = append(row.Cells, cell)
		}
		if u.Rated {
			row.Weighted = score.FormatPoints(u.Weighted)
		}
		view.Summary = append(view.Summary, row)
	}
	view.Raters, err = s.invitable(r, view.Forms)
	return view, err
}

// invitable lists the users in scope whose role rates and who are not
// invited yet.
func (s *Server) invitable(r *http.Request, forms []assess.RatingForm) ([]*auth.User, error) {
	users, err := s.users.List(r.Context(), current(r).user.Unit)
	if err != nil {
		return nil, err
	}
	invited := map[int64]bool{}
	for _, f := range forms {
		invited[f.RaterID] = true
	}
	var list []*auth.User
	for _, u := range users {
		if auth.Can(u, auth.PermAssessRate) && !invited[u.ID] {
			list = append(list, u)
		}
	}
	return list, nil
}

func (s *Server) showRatingForm(w http.ResponseWriter, r *http.Request, round assess.RatingRound, form assess.RatingForm, err error) {
	p := s.newPage(r, "ratings.form_title", "assess")
	units, lerr := s.ratingStore().Units(r.Context(), round, form)
	if lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	p.Data = ratingFormView{Round: round, Base: roundPath(round), Form: form, Units: units,
		Type: round.TypeName(form.RaterType, p.lang), Editable: !form.Final() && round.Status == assess.RoundOpen}
	var bad assess.ScoreErrors
	if errors.As(err, &bad) {
		p.Errors, p.Form = map[string]string{}, r.PostForm
		for _, e := range bad {
			p.Errors[e.Field] = e.In(p.lang)
		}
		p.Error = p.T("rating.err.form", len(bad))
		s.render(w, r, http.StatusUnprocessableEntity, "ratings_form", p)
		return
	} else if err != nil {
		s.refuse(w, r, "ratings_form", p, err)
		return
	}
	s.render(w, r, http.StatusOK, "ratings_form", p)
}

// saveRatingForm keeps the rater's scores as a draft, or submits them
// (action=submit), which makes them final.
func (s *Server) saveRatingForm(w http.ResponseWriter, r *http.Request) {
	round, ok := s.roundFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	form, err := s.ratingStore().Form(r.Context(), round.ID, v.user.ID)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	scores := map[int64]string{}
	for key, values := range r.PostForm {
		if id, err := strconv.ParseInt(strings.TrimPrefix(key, "score_"), 10, 64); err == nil && strings.HasPrefix(key, "score_") && len(values) > 0 {
			scores[id] = values[0]
		}
	}
	submit := r.PostFormValue("action") == "submit"
	if err := s.ratingStore().Save(r.Context(), v.user.Actor(v.address), round.ID, scores, submit); err != nil {
		s.showRatingForm(w, r, round, form, err)
		return
	}
	done := "rating_saved"
	if submit {
		done = "rating_submitted"
	}
	http.Redirect(w, r, roundPath(round)+"?done="+done, http.StatusSeeOther)
}
