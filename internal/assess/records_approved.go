package assess

import (
	"context"
	"fmt"
	"time"

	"gaoxin/internal/score"
)

// UnitRecords is what the engine needs of a unit's approved records.
type UnitRecords struct {
	Bonuses    []score.Bonus
	Deductions []score.Deduction
	Vetoes     []score.Veto
}

// Approved returns the year's approved records dated on or before through,
// by unit id, each list ordered by date then id (so repeats escalate in
// date order). Pending, rejected and revoked records never count.
func (s *RecordStore) Approved(ctx context.Context, year int, through time.Time) (map[int64]UnitRecords, error) {
	rows, err := s.db.Query(ctx, `SELECT id, unit_id, kind, level, veto, name, type, points, item FROM assessment_records
		WHERE year = $1 AND status = $2 AND event_on <= $3 ORDER BY event_on, id`,
		year, string(RecordApproved), through.Format("2006-01-02"))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]UnitRecords{}
	for rows.Next() {
		var id, unit int64
		var kind, level, veto, name, typ, points, item string
		if err := rows.Scan(&id, &unit, &kind, &level, &veto, &name, &typ, &points, &item); err != nil {
			return nil, err
		}
		u := out[unit]
		switch RecordKind(kind) {
		case RecordBonus:
			u.Bonuses = append(u.Bonuses, score.Bonus{Level: levelOf[level], Name: name})
		case RecordDeduction:
			p, err := score.Dec(points)
			if err != nil {
				return nil, fmt.Errorf("assessment record %d: points %q: %w", id, points, err)
			}
			u.Deductions = append(u.Deductions, score.Deduction{Type: typ, Name: name, Points: p, Item: item})
		case RecordVeto:
			v := score.Veto{Kind: score.Hard, Reason: name}
			if veto == "soft" {
				v.Kind = score.Soft
			}
			u.Vetoes = append(u.Vetoes, v)
		}
		out[unit] = u
	}
	return out, rows.Err()
}
