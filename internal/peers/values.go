package peers

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Input is one member's value of an indicator as typed. Blank text clears
// a value the member had.
type Input struct {
	Member int64
	Text   string
}

// Problems are the values a form refused, by member.
type Problems map[int64]*i18n.Error

func (p Problems) Error() string {
	ids := make([]int64, 0, len(p))
	for id := range p {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "member %d: %s; ", id, p[id].In(i18n.EN))
	}
	return strings.TrimSuffix(b.String(), "; ")
}

// Saved counts what a save did.
type Saved struct {
	Set, Cleared, Unchanged int
}

// SetValues enters or corrects one indicator's values for several members
// of its group, all with the same period and source. It is all or
// nothing: any value that does not read refuses the lot, and Problems
// names each. A member or indicator outside the group is db.ErrNotFound.
func (s *Store) SetValues(ctx context.Context, who audit.Actor, groupID, indicatorID int64, note Note, inputs []Input) (Saved, error) {
	if err := note.Validate(); err != nil {
		return Saved{}, err
	}
	var saved Saved
	at := s.now()
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		saved = Saved{}
		in, current, err := indicatorValues(ctx, tx, groupID, indicatorID)
		if err != nil {
			return err
		}
		members, err := memberIDs(ctx, tx, groupID)
		if err != nil {
			return err
		}
		amounts := map[int64]string{}
		problems := Problems{}
		for _, x := range inputs {
			if !members[x.Member] {
				return db.ErrNotFound
			}
			if strings.TrimSpace(x.Text) == "" {
				continue
			}
			a, perr := ParseAmount(x.Text, in.UOM)
			if perr != nil {
				problems[x.Member] = perr
				continue
			}
			amounts[x.Member] = a
		}
		if len(problems) > 0 {
			return problems
		}
		for _, x := range inputs {
			old, had := current[x.Member]
			var oldp *Value
			if had {
				oldp = &old
			}
			a, ok := amounts[x.Member]
			switch {
			case !ok && had:
				saved.Cleared++
				err = clearValue(ctx, tx, who, at, in, old)
			case !ok:
				continue
			case had && old.Amount == a && old.Period == note.Period && old.Source == note.Source:
				saved.Unchanged++
			default:
				saved.Set++
				err = putValue(ctx, tx, who, at, in, x.Member, a, note, oldp)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	return saved, err
}

// indicatorValues loads an indicator of the group and its values by member.
func indicatorValues(ctx context.Context, q db.Querier, groupID, indicatorID int64) (Indicator, map[int64]Value, error) {
	var in Indicator
	err := q.QueryRow(ctx, `SELECT id, group_id, code, name, uom, direction, plan_code, sort_order FROM peer_indicators
		WHERE id = $1 AND group_id = $2`, indicatorID, groupID).
		Scan(&in.ID, &in.GroupID, &in.Code, &in.Name, &in.UOM, &in.Direction, &in.PlanCode, &in.Order)
	if err != nil {
		return in, nil, err
	}
	rows, err := q.Query(ctx, `SELECT id, indicator_id, member_id, amount, period, source, updated_at FROM peer_values
		WHERE indicator_id = $1`, indicatorID)
	if err != nil {
		return in, nil, err
	}
	defer rows.Close()
	values := map[int64]Value{}
	for rows.Next() {
		var v Value
		if err := rows.Scan(&v.ID, &v.IndicatorID, &v.MemberID, &v.Amount, &v.Period, &v.Source, &v.UpdatedAt); err != nil {
			return in, nil, err
		}
		values[v.MemberID] = v
	}
	return in, values, rows.Err()
}

func memberIDs(ctx context.Context, q db.Querier, groupID int64) (map[int64]bool, error) {
	rows, err := q.Query(ctx, "SELECT id FROM peer_members WHERE group_id = $1", groupID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids[id] = true
	}
	return ids, rows.Err()
}

// putValue writes a member's value, replacing old when there is one.
func putValue(ctx context.Context, tx *db.Tx, who audit.Actor, at time.Time, in Indicator, member int64, amount string, note Note, old *Value) error {
	v := Value{IndicatorID: in.ID, MemberID: member, Amount: amount, Period: note.Period, Source: note.Source, UpdatedAt: at}
	var by any
	if who.UserID != 0 {
		by = who.UserID
	}
	var before any
	var err error
	if old == nil {
		v.ID, err = tx.Insert(ctx, `INSERT INTO peer_values (indicator_id, member_id, amount, period, source, updated_at, updated_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, v.IndicatorID, v.MemberID, v.Amount, v.Period, v.Source, v.UpdatedAt, by)
	} else {
		v.ID, before = old.ID, valueView(in, *old)
		_, err = tx.Exec(ctx, `UPDATE peer_values SET amount = $1, period = $2, source = $3, updated_at = $4, updated_by = $5
			WHERE id = $6`, v.Amount, v.Period, v.Source, v.UpdatedAt, by, v.ID)
	}
	if err != nil {
		return err
	}
	if err := audit.Record(ctx, tx, who, "peer_value.set", "peer_value", v.ID, before, valueView(in, v)); err != nil {
		return err
	}
	return touch(ctx, tx, in.GroupID, at)
}

func clearValue(ctx context.Context, tx *db.Tx, who audit.Actor, at time.Time, in Indicator, old Value) error {
	if _, err := tx.Exec(ctx, "DELETE FROM peer_values WHERE id = $1", old.ID); err != nil {
		return err
	}
	if err := audit.Record(ctx, tx, who, "peer_value.clear", "peer_value", old.ID, valueView(in, old), nil); err != nil {
		return err
	}
	return touch(ctx, tx, in.GroupID, at)
}

func valueView(in Indicator, v Value) map[string]any {
	return map[string]any{"group": in.GroupID, "indicator": in.Code, "member": v.MemberID,
		"amount": v.Amount, "uom": in.UOM, "period": v.Period, "source": v.Source}
}
