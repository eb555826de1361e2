package peers

import (
	"context"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// CreateGroup adds a group with the zone as its first member.
func (s *Store) CreateGroup(ctx context.Context, who audit.Actor, f GroupFields) (Group, error) {
	if err := f.Validate(); err != nil {
		return Group{}, err
	}
	var g Group
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		g, err = createGroup(ctx, tx, who, s.now(), f)
		return err
	})
	return g, err
}

func createGroup(ctx context.Context, tx *db.Tx, who audit.Actor, at time.Time, f GroupFields) (Group, error) {
	var taken int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM peer_groups WHERE year = $1 AND name = $2", f.Year, f.Name).Scan(&taken); err != nil {
		return Group{}, err
	}
	if taken > 0 {
		return Group{}, i18n.Invalid("name", "peers.err.group_taken", f.Year, f.Name)
	}
	g := Group{Year: f.Year, Level: f.Level, Name: f.Name, CreatedAt: at}
	g.UpdatedAt = g.CreatedAt
	if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(sort_order), 0) + 1 FROM peer_groups WHERE year = $1", f.Year).Scan(&g.Order); err != nil {
		return Group{}, err
	}
	var err error
	g.ID, err = tx.Insert(ctx, `INSERT INTO peer_groups (year, level, name, sort_order, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, g.Year, g.Level, g.Name, g.Order, g.CreatedAt, g.UpdatedAt)
	if err != nil {
		return Group{}, err
	}
	if err := audit.Record(ctx, tx, who, "peer_group.create", "peer_group", g.ID, nil,
		map[string]any{"year": g.Year, "level": g.Level, "name": g.Name}); err != nil {
		return Group{}, err
	}
	_, err = addMember(ctx, tx, who, g.CreatedAt, g.ID, f.Zone, true)
	return g, err
}

// AddMember adds a peer to a group.
func (s *Store) AddMember(ctx context.Context, who audit.Actor, groupID int64, name string) (Member, error) {
	name, verr := memberName(name)
	if verr != nil {
		return Member{}, verr
	}
	var m Member
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := groupByID(ctx, tx, groupID); err != nil {
			return err
		}
		var err error
		m, err = addMember(ctx, tx, who, s.now(), groupID, name, false)
		return err
	})
	return m, err
}

func addMember(ctx context.Context, tx *db.Tx, who audit.Actor, at time.Time, groupID int64, name string, isZone bool) (Member, error) {
	var taken int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM peer_members WHERE group_id = $1 AND name = $2", groupID, name).Scan(&taken); err != nil {
		return Member{}, err
	}
	if taken > 0 {
		return Member{}, i18n.Invalid("name", "peers.err.member_taken", name)
	}
	m := Member{GroupID: groupID, Name: name, IsZone: isZone}
	if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(sort_order), 0) + 1 FROM peer_members WHERE group_id = $1", groupID).Scan(&m.Order); err != nil {
		return Member{}, err
	}
	var err error
	m.ID, err = tx.Insert(ctx, "INSERT INTO peer_members (group_id, name, is_zone, sort_order) VALUES ($1, $2, $3, $4)",
		groupID, name, isZone, m.Order)
	if err != nil {
		return Member{}, err
	}
	if err := audit.Record(ctx, tx, who, "peer_member.create", "peer_member", m.ID, nil,
		map[string]any{"group": groupID, "name": name, "zone": isZone}); err != nil {
		return Member{}, err
	}
	return m, touch(ctx, tx, groupID, at)
}

// AddIndicator adds an indicator to a group.
func (s *Store) AddIndicator(ctx context.Context, who audit.Actor, groupID int64, f IndicatorFields) (Indicator, error) {
	if err := f.Validate(); err != nil {
		return Indicator{}, err
	}
	var in Indicator
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := groupByID(ctx, tx, groupID); err != nil {
			return err
		}
		var err error
		in, err = addIndicator(ctx, tx, who, s.now(), groupID, f)
		return err
	})
	return in, err
}

func addIndicator(ctx context.Context, tx *db.Tx, who audit.Actor, at time.Time, groupID int64, f IndicatorFields) (Indicator, error) {
	var taken int
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM peer_indicators WHERE group_id = $1 AND code = $2", groupID, f.Code).Scan(&taken); err != nil {
		return Indicator{}, err
	}
	if taken > 0 {
		return Indicator{}, i18n.Invalid("code", "peers.err.code_taken", f.Code)
	}
	in := Indicator{GroupID: groupID, Code: f.Code, Name: f.Name, UOM: f.UOM, Direction: f.Direction, PlanCode: f.PlanCode}
	if err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(sort_order), 0) + 1 FROM peer_indicators WHERE group_id = $1", groupID).Scan(&in.Order); err != nil {
		return Indicator{}, err
	}
	var err error
	in.ID, err = tx.Insert(ctx, `INSERT INTO peer_indicators (group_id, code, name, uom, direction, plan_code, sort_order)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, groupID, in.Code, in.Name, in.UOM, in.Direction, in.PlanCode, in.Order)
	if err != nil {
		return Indicator{}, err
	}
	if err := audit.Record(ctx, tx, who, "peer_indicator.create", "peer_indicator", in.ID, nil, indicatorView(in)); err != nil {
		return Indicator{}, err
	}
	return in, touch(ctx, tx, groupID, at)
}

// updateIndicator changes an indicator's name, unit, direction or plan
// code (the import does, when a file says otherwise).
func updateIndicator(ctx context.Context, tx *db.Tx, who audit.Actor, at time.Time, old Indicator, f IndicatorFields) (Indicator, error) {
	in := old
	in.Name, in.UOM, in.Direction, in.PlanCode = f.Name, f.UOM, f.Direction, f.PlanCode
	if _, err := tx.Exec(ctx, "UPDATE peer_indicators SET name = $1, uom = $2, direction = $3, plan_code = $4 WHERE id = $5",
		in.Name, in.UOM, in.Direction, in.PlanCode, in.ID); err != nil {
		return old, err
	}
	if err := audit.Record(ctx, tx, who, "peer_indicator.update", "peer_indicator", in.ID, indicatorView(old), indicatorView(in)); err != nil {
		return old, err
	}
	return in, touch(ctx, tx, in.GroupID, at)
}

func indicatorView(in Indicator) map[string]any {
	return map[string]any{"group": in.GroupID, "code": in.Code, "name": in.Name, "uom": in.UOM,
		"direction": in.Direction, "plan_code": in.PlanCode}
}

// touch marks a group as changed now.
func touch(ctx context.Context, tx *db.Tx, groupID int64, at time.Time) error {
	_, err := tx.Exec(ctx, "UPDATE peer_groups SET updated_at = $1 WHERE id = $2", at, groupID)
	return err
}
