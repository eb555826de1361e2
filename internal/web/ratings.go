package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

type ratingsView struct {
	Year    int
	Office  bool // opens, invites and closes rounds
	Rater   bool // may be invited to rate
	Rounds  []assess.RatingRound
	Mine    []myRatingForm
	Periods []string
	Classes []classRatingItems
}

// myRatingForm is one of the rater's forms with its round.
type myRatingForm struct {
	Form  assess.RatingForm
	Round assess.RatingRound
	Type  string // the rater type's name in the page's language
}

// classRatingItems names the rating items of a class's latest scheme, as a
// hint next to the form that opens a round.
type classRatingItems struct {
	Class string
	Items []assess.Item
}

func (s *Server) ratingsPage(w http.ResponseWriter, r *http.Request) {
	year, ok := s.recordsYear(w, r)
	if !ok {
		return
	}
	s.showRatings(w, r, year, nil)
}

func (s *Server) showRatings(w http.ResponseWriter, r *http.Request, year int, err error) {
	p := s.newPage(r, "ratings.title", "assess")
	view, lerr := s.ratingsData(r, year)
	if lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	p.Data = view
	if err != nil {
		s.refuse(w, r, "ratings", p, err)
		return
	}
	s.render(w, r, http.StatusOK, "ratings", p)
}

func (s *Server) ratingsData(r *http.Request, year int) (ratingsView, error) {
	v := current(r)
	view := ratingsView{Year: year, Office: auth.Can(v.user, auth.PermAssessManage), Rater: auth.Can(v.user, auth.PermAssessRate),
		Periods: assess.RatingPeriods}
	rs := s.ratingStore()
	var err error
	if view.Office {
		if view.Rounds, err = rs.Rounds(r.Context(), year); err != nil {
			return view, err
		}
		if view.Classes, err = s.ratingItems(r, year); err != nil {
			return view, err
		}
	}
	if view.Rater {
		forms, err := rs.MyForms(r.Context(), v.user.ID, year)
		if err != nil {
			return view, err
		}
		for _, f := range forms {
			round, err := rs.Round(r.Context(), f.RoundID)
			if err != nil {
				return view, err
			}
			view.Mine = append(view.Mine, myRatingForm{Form: f, Round: round, Type: round.TypeName(f.RaterType, v.lang)})
		}
	}
	return view, nil
}

// ratingItems lists, per class of the units in scope, the rating items of
// its latest scheme.
func (s *Server) ratingItems(r *http.Request, year int) ([]classRatingItems, error) {
	units, err := s.assessedUnits(r, current(r).user)
	if err != nil {
		return nil, err
	}
	var list []classRatingItems
	seen := map[string]bool{}
	for _, u := range units {
		if seen[u.Class] {
			continue
		}
		seen[u.Class] = true
		c := classRatingItems{Class: u.Class}
		st, err := assess.NewStore(s.db).Latest(r.Context(), year, u.Class)
		if err == nil {
			if f, _, perr := assess.Parse(st.Name, st.Body); perr == nil {
				for _, it := range f.Items {
					if it.Rule.Rating != nil {
						c.Items = append(c.Items, it)
					}
				}
			}
		} else if !errors.Is(err, db.ErrNotFound) {
			return nil, err
		}
		list = append(list, c)
	}
	return list, nil
}

func (s *Server) openRound(w http.ResponseWriter, r *http.Request) {
	year, ok := s.recordsYear(w, r)
	if !ok {
		return
	}
	v := current(r)
	round, err := s.ratingStore().Open(r.Context(), v.user.Actor(v.address), year,
		r.PostFormValue("period"), r.PostFormValue("class"), r.PostFormValue("item"))
	if err != nil {
		s.showRatings(w, r, year, err)
		return
	}
	http.Redirect(w, r, roundPath(round)+"?done=round_opened", http.StatusSeeOther)
}

func roundPath(round assess.RatingRound) string {
	return "/assess/" + strconv.Itoa(round.Year) + "/ratings/" + itoa(round.ID)
}

// roundFromPath loads the round of the path, which must belong to its year.
func (s *Server) roundFromPath(w http.ResponseWriter, r *http.Request) (assess.RatingRound, bool) {
	year, ok := s.recordsYear(w, r)
	if !ok {
		return assess.RatingRound{}, false
	}
	id, _ := strconv.ParseInt(r.PathValue("round"), 10, 64)
	round, err := s.ratingStore().Round(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && round.Year != year) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return round, false
	} else if err != nil {
		s.serverError(w, r, err)
		return round, false
	}
	return round, true
}

// inviteRater adds a rater to a round: someone whose role rates, within
// the office's scope.
func (s *Server) inviteRater(w http.ResponseWriter, r *http.Request) {
	round, ok := s.roundFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	id, _ := strconv.ParseInt(r.PostFormValue("rater"), 10, 64)
	rater, err := s.users.Get(r.Context(), id)
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	if err != nil || !rater.Unit.Within(v.user.Unit) || !auth.Can(rater, auth.PermAssessRate) {
		s.showRound(w, r, round, i18n.Invalid("rater", "rating.err.not_rater"))
		return
	}
	if _, err := s.ratingStore().Invite(r.Context(), v.user.Actor(v.address), round.ID, rater.ID, r.PostFormValue("type")); err != nil {
		s.showRound(w, r, round, err)
		return
	}
	http.Redirect(w, r, roundPath(round)+"?done=rater_invited", http.StatusSeeOther)
}

func (s *Server) closeRound(w http.ResponseWriter, r *http.Request) {
	round, ok := s.roundFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	if err := s.ratingStore().Close(r.Context(), v.user.Actor(v.address), round.ID); err != nil {
		s.showRound(w, r, round, err)
		return
	}
	http.Redirect(w, r, roundPath(round)+"?done=round_closed", http.StatusSeeOther)
}
