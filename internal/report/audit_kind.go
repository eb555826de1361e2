package report

import (
	"context"
	"fmt"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// FigureKind holds the figures table against the trail: every figure's
// value, explanation, status, reason and lateness as the entry that last
// changed it says, so that a figure doubled in the database is named.
func FigureKind() audit.Kind {
	return audit.Kind{
		Entity: "figure",
		Except: []string{"figure.attach"},
		State:  audit.StateOf[figureView](),
		Live: func(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
			return audit.EachRow(ctx, q, `SELECT id, assignment_id, period_id, value, explanation, status, reason, late FROM figures ORDER BY id`,
				func(r audit.Scanner) (int64, []byte, error) {
					var id int64
					var v figureView
					err := r.Scan(&id, &v.AssignmentID, &v.PeriodID, &v.Value, &v.Explanation, &v.Status, &v.Reason, &v.Late)
					return id, audit.Encode(v), err
				}, each)
		},
		Names: func(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
			return audit.NamesByID(ctx, q, ids, `SELECT f.id, u.name, i.code, p.year, p.month
				FROM figures f JOIN assignments a ON a.id = f.assignment_id JOIN units u ON u.id = a.unit_id
				JOIN indicators i ON i.id = a.indicator_id JOIN periods p ON p.id = f.period_id WHERE f.id IN (%s)`,
				func(r audit.Scanner) (int64, string, error) {
					var id int64
					var unit, code string
					var year, month int
					err := r.Scan(&id, &unit, &code, &year, &month)
					return id, fmt.Sprintf("%s · %s · %d-%02d", unit, code, year, month), err
				})
		},
	}
}
