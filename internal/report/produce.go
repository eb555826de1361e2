package report

import (
	"context"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// Produced is a figure a module computes from its rows for an indicator
// bound to it (重点项目年度完成投资 summed from the projects' reports): the
// value that counts for an assignment in a period, nil when there is none.
type Produced struct {
	AssignmentID int64
	PeriodID     int64
	Value        *float64
}

// Produce writes produced figures inside the module's own transaction, so
// that the figure changes with the rows it is computed from or not at all.
// They are stored as approved figures — the rows behind them went through
// their own review — and are versioned, audited (figure.produce) and kept
// in the assignment's year like any other, so that the dashboard and the
// assessment read them as they read reported ones. Only the figures whose
// value changes are written.
func (s *Store) Produce(ctx context.Context, tx *db.Tx, who audit.Actor, list []Produced) error {
	byPeriod := map[int64][]Produced{}
	var periods []int64
	for _, p := range list {
		if _, ok := byPeriod[p.PeriodID]; !ok {
			periods = append(periods, p.PeriodID)
		}
		byPeriod[p.PeriodID] = append(byPeriod[p.PeriodID], p)
	}
	b := s.batch(ctx, tx, who)
	for _, pid := range periods {
		ids := make([]int64, len(byPeriod[pid]))
		for i, p := range byPeriod[pid] {
			ids[i] = p.AssignmentID
		}
		current, err := figuresOf(ctx, tx, pid, ids)
		if err != nil {
			return err
		}
		for _, p := range byPeriod[pid] {
			f, exists := current[p.AssignmentID]
			if exists && f.Status == Approved && sameValue(f.Value, p.Value) {
				continue
			}
			if !exists && p.Value == nil {
				continue
			}
			next := Figure{AssignmentID: p.AssignmentID, PeriodID: pid, Value: p.Value, Status: Approved}
			if exists {
				next.ID, next.SubmittedAt = f.ID, f.SubmittedAt
				b.put("produce", &f, next)
			} else {
				b.put("produce", nil, next)
			}
		}
	}
	return b.flush()
}
