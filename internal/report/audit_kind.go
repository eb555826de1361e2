package report

import (
	"context"
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
		Entity:  "figure",
		Except:  []string{"figure.attach"},
		State:   audit.StateOf[figureView](),
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
			return namesByID(ctx, q, ids, `SELECT f.id, u.name || ' · ' || i.code || ' · ' || CAST(p.year AS TEXT) || '-' || CAST(p.month AS TEXT)
				FROM figures f JOIN assignments a ON a.id = f.assignment_id JOIN units u ON u.id = a.unit_id
				JOIN indicators i ON i.id = a.indicator_id JOIN periods p ON p.id = f.period_id WHERE f.id IN (%s)`)
		},
	}
}

// namesByID runs a query whose %s takes a list of numeric ids and whose
// rows are (id, name).
func namesByID(ctx context.Context, q db.Querier, ids []string, query string) (map[string]string, error) {
	var list []string
	for _, id := range ids {
		if _, err := strconv.ParseInt(id, 10, 64); err == nil {
			list = append(list, id)
		}
	}
	out := map[string]string{}
	if len(list) == 0 {
		return out, nil
	}
	rows, err := q.Query(ctx, fmt.Sprintf(query, strings.Join(list, ",")))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[strconv.FormatInt(id, 10)] = name
	}
	return out, rows.Err()
}
