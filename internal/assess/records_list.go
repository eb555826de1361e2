package assess

import (
	"context"
	"fmt"
	"strings"
)

// RecordFilter narrows a listing of a year's records. Zero fields do not
// filter.
type RecordFilter struct {
	Year     int
	Kind     RecordKind
	Statuses []RecordStatus // any of these
	UnitID   int64
	Scope    string // a unit path: only records of units within it
}

// List returns the records that pass the filter, newest event first.
func (s *RecordStore) List(ctx context.Context, f RecordFilter) ([]Record, error) {
	where, args := []string{"r.year = $1"}, []any{f.Year}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Kind != "" {
		add("r.kind = $%d", string(f.Kind))
	}
	if len(f.Statuses) > 0 {
		var in []string
		for _, st := range f.Statuses {
			args = append(args, string(st))
			in = append(in, fmt.Sprintf("$%d", len(args)))
		}
		where = append(where, "r.status IN ("+strings.Join(in, ", ")+")")
	}
	if f.UnitID != 0 {
		add("r.unit_id = $%d", f.UnitID)
	}
	if f.Scope != "" {
		add("n.path LIKE $%d", f.Scope+"%")
	}
	rows, err := s.db.Query(ctx, "SELECT "+recordColumns+recordFrom+" WHERE "+strings.Join(where, " AND ")+
		" ORDER BY r.event_on DESC, r.id DESC", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, r)
	}
	return list, rows.Err()
}
