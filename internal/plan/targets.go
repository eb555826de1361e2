package plan

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// SetTarget records a target. An earlier target of the same indicator and
// unit keeps governing the months before t.ValidFrom; a target for the same
// month replaces nothing but is the newer word for that month on.
func (t *Tx) SetTarget(tg Target) (Target, error) {
	var planYear int
	if err := t.tx.QueryRow(t.ctx, "SELECT p.year FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE i.id = $1", tg.IndicatorID).Scan(&planYear); err != nil {
		return Target{}, i18n.Invalid("indicator", "target.err.indicator")
	}
	if verr := tg.validate(planYear); verr != nil {
		return Target{}, verr
	}
	if tg.UnitID != 0 {
		var n int
		if err := t.tx.QueryRow(t.ctx, "SELECT COUNT(*) FROM assignments WHERE indicator_id = $1 AND unit_id = $2", tg.IndicatorID, tg.UnitID).Scan(&n); err != nil {
			return Target{}, err
		}
		if n == 0 {
			return Target{}, i18n.Invalid("unit", "target.err.not_assigned")
		}
	}
	tg.SetAt = db.Now()
	var by any
	if t.who.UserID != 0 {
		by = t.who.UserID
	}
	var err error
	tg.ID, err = t.tx.Insert(t.ctx, `INSERT INTO targets (indicator_id, unit_id, valid_from, committed, stretch, baseline, profile, profile_values,
		target_year, note, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $12, $6, $7, $8, $9, $10, $11)`,
		tg.IndicatorID, nullID(tg.UnitID), tg.ValidFrom, tg.Committed, tg.Stretch, string(tg.Profile),
		joinValues(tg.ProfileValues), tg.TargetYear, tg.Note, by, tg.SetAt, tg.Baseline)
	if err != nil {
		return Target{}, err
	}
	return tg, t.record("target.set", "target", tg.ID, nil, tg)
}

// Targets returns every target row of a plan, oldest first.
func (s *Store) Targets(ctx context.Context, planID int64) ([]Target, error) {
	return s.targets(ctx, "JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = $1", planID)
}

// IndicatorTargets returns every target row of one indicator, oldest
// first: the indicator's history, without reading the whole plan's.
func (s *Store) IndicatorTargets(ctx context.Context, indicatorID int64) ([]Target, error) {
	return s.targets(ctx, "WHERE t.indicator_id = $1", indicatorID)
}

func (s *Store) targets(ctx context.Context, where string, arg any) ([]Target, error) {
	rows, err := s.db.Query(ctx, `SELECT t.id, t.indicator_id, COALESCE(t.unit_id, 0), t.valid_from, t.committed, t.stretch, t.baseline,
		t.profile, t.profile_values, t.target_year, t.note, t.set_at
		FROM targets t `+where+` ORDER BY t.id`, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Target
	for rows.Next() {
		var tg Target
		var profile, values string
		if err := rows.Scan(&tg.ID, &tg.IndicatorID, &tg.UnitID, &tg.ValidFrom, &tg.Committed, &tg.Stretch, &tg.Baseline,
			&profile, &values, &tg.TargetYear, &tg.Note, &tg.SetAt); err != nil {
			return nil, err
		}
		tg.Profile, tg.ProfileValues = Profile(profile), splitValues(values)
		list = append(list, tg)
	}
	return list, rows.Err()
}

// TargetBook finds the target that governs a month.
type TargetBook map[[2]int64][]Target

// NewTargetBook indexes targets by indicator and unit.
func NewTargetBook(targets []Target) TargetBook {
	b := TargetBook{}
	for _, t := range targets {
		k := [2]int64{t.IndicatorID, t.UnitID}
		b[k] = append(b[k], t)
	}
	return b
}

// At returns the target of an indicator for a unit (0: the zone) that
// governs month: the one with the latest ValidFrom not after it, the most
// recently set among equals.
func (b TargetBook) At(indicatorID, unitID int64, month int) (Target, bool) {
	var best Target
	found := false
	for _, t := range b[[2]int64{indicatorID, unitID}] {
		if t.ValidFrom <= month && (!found || t.ValidFrom > best.ValidFrom || (t.ValidFrom == best.ValidFrom && t.ID > best.ID)) {
			best, found = t, true
		}
	}
	return best, found
}

// History lists every target row of an indicator and unit, oldest first.
func (b TargetBook) History(indicatorID, unitID int64) []Target {
	return b[[2]int64{indicatorID, unitID}]
}

// Assign shares an indicator out to a unit; assigning twice is refused.
func (t *Tx) Assign(indicatorID, unitID int64) (Assignment, error) {
	a := Assignment{IndicatorID: indicatorID, UnitID: unitID}
	var err error
	a.ID, err = t.tx.Insert(t.ctx, "INSERT INTO assignments (indicator_id, unit_id) VALUES ($1, $2)", indicatorID, unitID)
	switch {
	case errors.Is(err, db.ErrConflict):
		return a, i18n.Invalid("unit", "assignment.err.twice")
	case errors.Is(err, db.ErrConstraint):
		return a, i18n.Invalid("unit", "plan.err.unit")
	case err != nil:
		return a, err
	}
	return a, t.record("assignment.create", "assignment", a.ID, nil, a)
}

// Assignments returns every assignment of a plan.
func (s *Store) Assignments(ctx context.Context, planID int64) ([]Assignment, error) {
	rows, err := s.db.Query(ctx, `SELECT a.id, a.indicator_id, a.unit_id FROM assignments a
		JOIN indicators i ON i.id = a.indicator_id WHERE i.plan_id = $1 ORDER BY a.id`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Assignment
	for rows.Next() {
		var a Assignment
		if err := rows.Scan(&a.ID, &a.IndicatorID, &a.UnitID); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

func joinValues(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strings.Join(parts, ",")
}

func splitValues(s string) []float64 {
	if s == "" {
		return nil
	}
	var out []float64
	for _, p := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(p, 64)
		if err == nil {
			out = append(out, v)
		}
	}
	return out
}
