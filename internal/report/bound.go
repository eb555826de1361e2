package report

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"gaoxin/internal/db"
	"gaoxin/internal/plan"
)

// Bound is what a module needs to produce the figures of a year's
// indicators bound to it (a binding starting with its prefix): the
// indicators, their assignments, the units' chains of ancestors, and the
// year's periods with which of them have opened.
type Bound struct {
	Indicators  []plan.Indicator
	Assignments map[int64]map[int64]int64 // indicator → unit → assignment
	Paths       map[int64][]int64         // unit → itself and its ancestors, nearest first
	Periods     [12]int64
	Opened      [12]bool // months whose period has opened by today
}

// LoadBound reads the year's indicators bound with prefix ("project:",
// "enterprise:"); nil when the year has no plan or none is bound.
func LoadBound(ctx context.Context, q db.Querier, year int, prefix, today string) (*Bound, error) {
	var planID int64
	if err := q.QueryRow(ctx, "SELECT id FROM plans WHERE year = $1", year).Scan(&planID); errors.Is(err, db.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	b := &Bound{Assignments: map[int64]map[int64]int64{}, Paths: map[int64][]int64{}}
	if err := b.loadIndicators(ctx, q, planID, prefix); err != nil || len(b.Indicators) == 0 {
		return nil, err
	}
	if err := b.loadUnits(ctx, q); err != nil {
		return nil, err
	}
	return b, b.loadPeriods(ctx, q, year, today)
}

// AssignmentOf is the assignment of an indicator that a unit's rows count
// for: the unit's own, or its nearest assigned ancestor's.
func (b *Bound) AssignmentOf(indicatorID, unit int64) (int64, bool) {
	for _, u := range b.Paths[unit] {
		if a, ok := b.Assignments[indicatorID][u]; ok {
			return a, true
		}
	}
	return 0, false
}

func (b *Bound) loadIndicators(ctx context.Context, q db.Querier, planID int64, prefix string) error {
	rows, err := q.Query(ctx, "SELECT id FROM indicators WHERE plan_id = $1 AND binding LIKE $2 ORDER BY id", planID, prefix+"%")
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		in, err := plan.IndicatorIn(ctx, q, id)
		if err != nil {
			return err
		}
		b.Indicators = append(b.Indicators, in)
		b.Assignments[id] = map[int64]int64{}
	}
	arows, err := q.Query(ctx, `SELECT a.id, a.indicator_id, a.unit_id FROM assignments a JOIN indicators i ON i.id = a.indicator_id
		WHERE i.plan_id = $1 AND i.binding LIKE $2`, planID, prefix+"%")
	if err != nil {
		return err
	}
	defer arows.Close()
	for arows.Next() {
		var a, in, u int64
		if err := arows.Scan(&a, &in, &u); err != nil {
			return err
		}
		if b.Assignments[in] != nil {
			b.Assignments[in][u] = a
		}
	}
	return arows.Err()
}

func (b *Bound) loadUnits(ctx context.Context, q db.Querier) error {
	rows, err := q.Query(ctx, "SELECT id, path FROM units")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var path string
		if err := rows.Scan(&id, &path); err != nil {
			return err
		}
		parts := strings.Split(strings.Trim(path, "/"), "/")
		chain := make([]int64, 0, len(parts)+1)
		for i := len(parts) - 1; i >= 0; i-- {
			if n, err := strconv.ParseInt(parts[i], 10, 64); err == nil {
				chain = append(chain, n)
			}
		}
		if len(chain) == 0 || chain[0] != id {
			chain = append([]int64{id}, chain...)
		}
		b.Paths[id] = chain
	}
	return rows.Err()
}

func (b *Bound) loadPeriods(ctx context.Context, q db.Querier, year int, today string) error {
	rows, err := q.Query(ctx, "SELECT id, month, opens_on FROM periods WHERE year = $1", year)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var month int
		var opens string
		if err := rows.Scan(&id, &month, &opens); err != nil {
			return err
		}
		if month >= 1 && month <= 12 {
			b.Periods[month-1], b.Opened[month-1] = id, opens <= today
		}
	}
	return rows.Err()
}
