package web

import (
	"net/http"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/quantity"
)

// optionalNumber parses a form field in the indicator's unit; empty is nil.
func optionalNumber(r *http.Request, field, uom string) (*float64, *i18n.Error) {
	text := strings.TrimSpace(r.PostFormValue(field))
	if text == "" {
		return nil, nil
	}
	v, err := quantity.Parse(text, uom)
	if err != nil {
		err.Field = field
		return nil, err
	}
	return &v, nil
}

// setTarget records a new dated target for the zone or one unit.
func (s *Server) setTarget(w http.ResponseWriter, r *http.Request) {
	_, row, ok := s.indicatorFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	t := plan.Target{IndicatorID: row.ID, Note: r.PostFormValue("note"), Profile: plan.TimeProportional}
	t.UnitID, _ = strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	t.ValidFrom, _ = strconv.Atoi(r.PostFormValue("valid_from"))
	t.TargetYear, _ = strconv.Atoi(r.PostFormValue("target_year"))
	var verr *i18n.Error
	for field, dst := range map[string]**float64{"committed": &t.Committed, "stretch": &t.Stretch, "baseline": &t.Baseline} {
		if *dst, verr = optionalNumber(r, field, row.UOM); verr != nil {
			s.refuseIndicator(w, r, verr)
			return
		}
	}
	if t.Committed == nil && t.Stretch == nil {
		s.refuseIndicator(w, r, i18n.Invalid("committed", "target.err.empty"))
		return
	}
	if t.UnitID != 0 && !s.unitAllowed(r, t.UnitID) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	err := plan.NewStore(s.db).Write(r.Context(), v.user.Actor(v.address), func(tx *plan.Tx) error {
		_, err := tx.SetTarget(t)
		return err
	})
	if err != nil {
		s.refuseIndicator(w, r, err)
		return
	}
	http.Redirect(w, r, strings.TrimSuffix(r.URL.Path, "/targets")+"?done=target_set", http.StatusSeeOther)
}

// assignUnit shares the indicator out to one more unit, with its target.
func (s *Server) assignUnit(w http.ResponseWriter, r *http.Request) {
	_, row, ok := s.indicatorFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	if !s.unitAllowed(r, unitID) {
		s.refuseIndicator(w, r, i18n.Invalid("unit", "plan.err.unit"))
		return
	}
	committed, verr := optionalNumber(r, "committed", row.UOM)
	if verr != nil {
		s.refuseIndicator(w, r, verr)
		return
	}
	err := plan.NewStore(s.db).Write(r.Context(), v.user.Actor(v.address), func(tx *plan.Tx) error {
		if _, err := tx.Assign(row.ID, unitID); err != nil {
			return err
		}
		if committed == nil {
			return nil
		}
		_, err := tx.SetTarget(plan.Target{IndicatorID: row.ID, UnitID: unitID, Committed: committed, TargetYear: row.Target.TargetYear})
		return err
	})
	if err != nil {
		s.refuseIndicator(w, r, err)
		return
	}
	http.Redirect(w, r, strings.TrimSuffix(r.URL.Path, "/assign")+"?done=assigned", http.StatusSeeOther)
}

// unitAllowed says the unit exists and lies within the user's scope.
func (s *Server) unitAllowed(r *http.Request, unitID int64) bool {
	u, err := s.units.Get(r.Context(), unitID)
	return err == nil && u.Active && auth.CanInUnit(current(r).user, auth.PermPlanManage, u)
}

// refuseIndicator shows the indicator page again with the problem.
func (s *Server) refuseIndicator(w http.ResponseWriter, r *http.Request, err error) {
	b, row, ok := s.indicatorFromPath(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "indicator.title", "plan")
	view, lerr := s.indicatorData(r, b, row)
	if lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	p.Data = view
	s.refuse(w, r, "indicator", p, err)
}
