package peers

import (
	"context"
	"sort"
	"time"

	"gaoxin/internal/db"
)

// Store keeps the benchmark groups.
type Store struct {
	db  *db.DB
	now func() time.Time
}

// NewStore gives a Store on d.
func NewStore(d *db.DB) *Store { return &Store{db: d, now: db.Now} }

// SetClock sets the time changes are dated with (the demo pins its year).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

const groupColumns = "id, year, level, name, sort_order, created_at, updated_at"

func scanGroup(r interface{ Scan(...any) error }) (Group, error) {
	var g Group
	err := r.Scan(&g.ID, &g.Year, &g.Level, &g.Name, &g.Order, &g.CreatedAt, &g.UpdatedAt)
	return g, err
}

// Group returns one group; db.ErrNotFound when there is none.
func (s *Store) Group(ctx context.Context, id int64) (Group, error) {
	return groupByID(ctx, s.db, id)
}

func groupByID(ctx context.Context, q db.Querier, id int64) (Group, error) {
	return scanGroup(q.QueryRow(ctx, "SELECT "+groupColumns+" FROM peer_groups WHERE id = $1", id))
}

// Sheet loads a group with its members, indicators and values.
func (s *Store) Sheet(ctx context.Context, id int64) (*Sheet, error) {
	g, err := s.Group(ctx, id)
	if err != nil {
		return nil, err
	}
	sheets, err := loadYear(ctx, s.db, g.Year)
	if err != nil {
		return nil, err
	}
	for _, sh := range sheets {
		if sh.ID == id {
			return sh, nil
		}
	}
	return nil, db.ErrNotFound
}

// Year loads every group of a year, nearest level first.
func (s *Store) Year(ctx context.Context, year int) ([]*Sheet, error) {
	return loadYear(ctx, s.db, year)
}

// loadYear reads a year's groups in four queries, whatever their size.
func loadYear(ctx context.Context, q db.Querier, year int) ([]*Sheet, error) {
	rows, err := q.Query(ctx, "SELECT "+groupColumns+" FROM peer_groups WHERE year = $1", year)
	if err != nil {
		return nil, err
	}
	var sheets []*Sheet
	byID := map[int64]*Sheet{}
	for rows.Next() {
		g, err := scanGroup(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		sh := &Sheet{Group: g, Values: map[Cell]Value{}}
		sheets = append(sheets, sh)
		byID[g.ID] = sh
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sortSheets(sheets)
	if err := loadMembers(ctx, q, year, byID); err != nil {
		return nil, err
	}
	if err := loadIndicators(ctx, q, year, byID); err != nil {
		return nil, err
	}
	return sheets, loadValues(ctx, q, year, byID)
}

// sortSheets orders groups city, province, national, then as the office
// ordered them.
func sortSheets(sheets []*Sheet) {
	sort.SliceStable(sheets, func(i, j int) bool {
		a, b := sheets[i], sheets[j]
		if a.Level != b.Level {
			return a.Level.order() < b.Level.order()
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.ID < b.ID
	})
}

func loadMembers(ctx context.Context, q db.Querier, year int, byID map[int64]*Sheet) error {
	rows, err := q.Query(ctx, `SELECT m.id, m.group_id, m.name, m.is_zone, m.sort_order FROM peer_members m
		JOIN peer_groups g ON g.id = m.group_id WHERE g.year = $1 ORDER BY m.sort_order, m.id`, year)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.ID, &m.GroupID, &m.Name, &m.IsZone, &m.Order); err != nil {
			return err
		}
		byID[m.GroupID].Members = append(byID[m.GroupID].Members, m)
	}
	return rows.Err()
}

func loadIndicators(ctx context.Context, q db.Querier, year int, byID map[int64]*Sheet) error {
	rows, err := q.Query(ctx, `SELECT i.id, i.group_id, i.code, i.name, i.uom, i.direction, i.plan_code, i.sort_order
		FROM peer_indicators i JOIN peer_groups g ON g.id = i.group_id WHERE g.year = $1 ORDER BY i.sort_order, i.id`, year)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var in Indicator
		if err := rows.Scan(&in.ID, &in.GroupID, &in.Code, &in.Name, &in.UOM, &in.Direction, &in.PlanCode, &in.Order); err != nil {
			return err
		}
		byID[in.GroupID].Indicators = append(byID[in.GroupID].Indicators, in)
	}
	return rows.Err()
}

func loadValues(ctx context.Context, q db.Querier, year int, byID map[int64]*Sheet) error {
	rows, err := q.Query(ctx, `SELECT v.id, v.indicator_id, v.member_id, v.amount, v.period, v.source, v.updated_at, i.group_id
		FROM peer_values v JOIN peer_indicators i ON i.id = v.indicator_id JOIN peer_groups g ON g.id = i.group_id
		WHERE g.year = $1`, year)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v Value
		var group int64
		if err := rows.Scan(&v.ID, &v.IndicatorID, &v.MemberID, &v.Amount, &v.Period, &v.Source, &v.UpdatedAt, &group); err != nil {
			return err
		}
		byID[group].Values[Cell{v.IndicatorID, v.MemberID}] = v
	}
	return rows.Err()
}
