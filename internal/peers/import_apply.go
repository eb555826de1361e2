package peers

import (
	"context"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// apply writes a checked file inside tx: groups, then their members and
// indicators in the file's order, then the values.
func (f *peerFile) apply(ctx context.Context, tx *db.Tx, who audit.Actor, at time.Time, stored map[groupKey]*Sheet) (ImportResult, error) {
	res := ImportResult{Rows: f.rows}
	for _, g := range f.groups {
		sh := stored[groupKey{g.year, g.name}]
		if sh == nil {
			created, err := createGroup(ctx, tx, who, at, GroupFields{Year: g.year, Level: Level(g.level.value), Name: g.name, Zone: g.zone})
			if err != nil {
				return res, err
			}
			res.Groups++
			res.Members++ // the zone
			sh = &Sheet{Group: created, Values: map[Cell]Value{}}
			if sh.Members, err = membersOf(ctx, tx, created.ID); err != nil {
				return res, err
			}
		}
		members, err := f.applyMembers(ctx, tx, who, at, g, sh, &res)
		if err != nil {
			return res, err
		}
		indicators, err := f.applyIndicators(ctx, tx, who, at, g, sh, &res)
		if err != nil {
			return res, err
		}
		for _, r := range g.values {
			if r.amount == "" {
				continue
			}
			in, m := indicators[r.code], members[r.member]
			old, had := sh.Value(in.ID, m)
			if had && old.Amount == r.amount && old.Period == r.note.Period && old.Source == r.note.Source {
				res.Unchanged++
				continue
			}
			var before *Value
			if had {
				before = &old
			}
			if err := putValue(ctx, tx, who, at, in, m, r.amount, r.note, before); err != nil {
				return res, err
			}
			res.Values++
		}
	}
	return res, nil
}

// applyMembers adds the file's new members and returns every member's id by name.
func (f *peerFile) applyMembers(ctx context.Context, tx *db.Tx, who audit.Actor, at time.Time, g *fileGroup, sh *Sheet, res *ImportResult) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, m := range sh.Members {
		ids[m.Name] = m.ID
	}
	for _, name := range g.members {
		if _, ok := ids[name]; ok {
			continue
		}
		m, err := addMember(ctx, tx, who, at, sh.ID, name, false)
		if err != nil {
			return nil, err
		}
		ids[name] = m.ID
		res.Members++
	}
	return ids, nil
}

// applyIndicators adds or changes the file's indicators and returns them by code.
func (f *peerFile) applyIndicators(ctx context.Context, tx *db.Tx, who audit.Actor, at time.Time, g *fileGroup, sh *Sheet, res *ImportResult) (map[string]Indicator, error) {
	out := map[string]Indicator{}
	for _, code := range g.codes {
		fi := g.indicators[code]
		old, exists := sh.Indicator(code)
		if !exists {
			in, err := addIndicator(ctx, tx, who, at, sh.ID, IndicatorFields{Code: code, Name: fi.name.value, UOM: fi.uom.value, Direction: Direction(fi.dir.value), PlanCode: fi.plan.value})
			if err != nil {
				return nil, err
			}
			out[code] = in
			res.Indicators++
			continue
		}
		want := IndicatorFields{Code: code, Name: pick(fi.name.value, old.Name), UOM: pick(fi.uom.value, old.UOM),
			Direction: Direction(pick(fi.dir.value, string(old.Direction))), PlanCode: pick(fi.plan.value, old.PlanCode)}
		if want.Name == old.Name && want.UOM == old.UOM && want.Direction == old.Direction && want.PlanCode == old.PlanCode {
			out[code] = old
			continue
		}
		in, err := updateIndicator(ctx, tx, who, at, old, want)
		if err != nil {
			return nil, err
		}
		out[code] = in
		res.IndicatorsChanged++
	}
	return out, nil
}

// pick is what the file says, or what is stored when it says nothing.
func pick(given, stored string) string {
	if given != "" {
		return given
	}
	return stored
}

func membersOf(ctx context.Context, q db.Querier, groupID int64) ([]Member, error) {
	rows, err := q.Query(ctx, "SELECT id, group_id, name, is_zone, sort_order FROM peer_members WHERE group_id = $1 ORDER BY sort_order, id", groupID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.ID, &m.GroupID, &m.Name, &m.IsZone, &m.Order); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
