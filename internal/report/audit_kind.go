package report

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

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
			rows, err := q.Query(ctx, `SELECT id, assignment_id, period_id, value, explanation, status, reason, late FROM figures ORDER BY id`)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var v figureView
				if err := rows.Scan(&id, &v.AssignmentID, &v.PeriodID, &v.Value, &v.Explanation, &v.Status, &v.Reason, &v.Late); err != nil {
					return err
				}
				if err := each(strconv.FormatInt(id, 10), audit.Encode(v)); err != nil {
					return err
				}
			}
			return rows.Err()
		},
		Names: func(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
			out := map[string]string{}
			err := eachByID(ctx, q, ids, `SELECT f.id, u.name, i.code, p.year, p.month
				FROM figures f JOIN assignments a ON a.id = f.assignment_id JOIN units u ON u.id = a.unit_id
				JOIN indicators i ON i.id = a.indicator_id JOIN periods p ON p.id = f.period_id WHERE f.id IN (%s)`,
				func(rows *sql.Rows) error {
					var id int64
					var unit, code string
					var year, month int
					if err := rows.Scan(&id, &unit, &code, &year, &month); err != nil {
						return err
					}
					out[strconv.FormatInt(id, 10)] = fmt.Sprintf("%s · %s · %d-%02d", unit, code, year, month)
					return nil
				})
			return out, err
		},
	}
}

// eachByID runs a query whose %s takes a list of numeric ids, calling
// each for every row.
func eachByID(ctx context.Context, q db.Querier, ids []string, query string, each func(*sql.Rows) error) error {
	var list []string
	for _, id := range ids {
		if _, err := strconv.ParseInt(id, 10, 64); err == nil {
			list = append(list, id)
		}
	}
	if len(list) == 0 {
		return nil
	}
	rows, err := q.Query(ctx, fmt.Sprintf(query, strings.Join(list, ",")))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
