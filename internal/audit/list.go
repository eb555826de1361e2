package audit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gaoxin/internal/db"
)

// Filter narrows a listing of the trail. Zero fields do not filter.
type Filter struct {
	Actor    string // login name, exact
	Action   string // prefix, e.g. "unit." for every unit change
	Entity   string
	EntityID string
	From, To time.Time // To is exclusive
	Before   int64     // only entries with seq below this, for paging
	Limit    int
}

// List returns entries newest first.
func List(ctx context.Context, q db.Querier, f Filter) ([]Entry, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Actor != "" {
		add("actor = $%d", f.Actor)
	}
	if f.Action != "" {
		add("action LIKE $%d", strings.ReplaceAll(f.Action, "%", "")+"%")
	}
	if f.Entity != "" {
		add("entity = $%d", f.Entity)
	}
	if f.EntityID != "" {
		add("entity_id = $%d", f.EntityID)
	}
	if !f.From.IsZero() {
		add("at >= $%d", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("at < $%d", f.To.UTC())
	}
	if f.Before > 0 {
		add("seq < $%d", f.Before)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	sql := `SELECT seq, at, COALESCE(actor_id, 0), actor, address, action, entity, entity_id,
		before_json, after_json, prev_hash, hash, key_id FROM audit_log`
	if len(where) > 0 {
		sql += " WHERE " + strings.Join(where, " AND ")
	}
	sql += fmt.Sprintf(" ORDER BY seq DESC LIMIT %d", limit)
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}
