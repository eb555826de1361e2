package demo

import (
	"context"
	"fmt"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/plan"
)

// writeMonth writes a month's figures, approved, each with the version row
// the workflow would have left. A few were submitted late, within grace.
func writeMonth(ctx context.Context, tx *db.Tx, m *model, w *written, month int) error {
	next := time.Month(month + 1) // December's are due in January; time.Date rolls the year
	// The values every row shares are boxed once, not once a row.
	var onTime, late, approved, period any = at(ScaleYear, next, 7, 10), at(ScaleYear, next, 12, 16),
		at(ScaleYear, next, 16, 11), w.periods[month]
	ins := db.NewInserter(ctx, tx, `INSERT INTO figures (assignment_id, period_id, value, explanation, status, reason, late,
		version, submitted_at, updated_at, updated_by) VALUES `,
		"(?, ?, ?, ?, 'approved', '', ?, 1, ?, ?, NULL)")
	for a, ga := range m.assignments {
		if !m.indicators[ga.indicator].freq.Due(month) {
			continue
		}
		isLate, submitted := m.noise(a, month+100) < 0.04, onTime
		if isLate {
			submitted = late
		}
		if err := ins.Add(w.assignments[a], period, m.value(a, month), m.explanation(a), isLate, submitted, approved); err != nil {
			return err
		}
	}
	if err := ins.Flush(); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO figure_versions (figure_id, version, value, explanation, status, action, reason, at, by_user)
		SELECT id, 1, value, explanation, status, 'approve', '', updated_at, NULL FROM figures WHERE period_id = $1`, w.periods[month])
	if err != nil {
		return err
	}
	return writeYearRows(ctx, tx, w, month)
}

// writeYearRows gives each assignment's row of the year (assignment_year)
// the month's counted value, as report's writes keep it, taken from the
// figures just written so that it cannot say anything they do not. Rows go
// in unit by unit, as a month's grids arriving one after another would add
// them, so that a unit's rows lie side by side as they do in a live
// database; and are updated in the same order, which follows the table
// through rather than jumping about it.
func writeYearRows(ctx context.Context, tx *db.Tx, w *written, month int) error {
	col := fmt.Sprintf("m%d", month)
	_, err := tx.Exec(ctx, `INSERT INTO assignment_year (assignment_id, year, `+col+`)
		SELECT f.assignment_id, p.year, f.value FROM figures f JOIN periods p ON p.id = f.period_id JOIN assignments a ON a.id = f.assignment_id
		WHERE f.period_id = $1 AND f.value IS NOT NULL AND f.status IN ('submitted', 'confirmed', 'approved')
		ORDER BY a.unit_id, f.assignment_id
		ON CONFLICT (assignment_id, year) DO UPDATE SET `+col+` = excluded.`+col, w.periods[month])
	return err
}

// explanation is what a unit behind its target writes beside its figure,
// as it must before it may submit.
func (m *model) explanation(a int) string {
	ga := m.assignments[a]
	if ga.factor >= 0.9 || m.indicators[ga.indicator].dir == plan.NotScored {
		return ""
	}
	return "受项目落地和企业申报节奏影响，进度暂时落后，已制定追赶措施。"
}
