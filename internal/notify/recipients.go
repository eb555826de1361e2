package notify

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

type recipient struct {
	id    int64
	lang  i18n.Lang
	prefs Preferences
}

// recipients reads the active users among ids with their preferences,
// each once, in the order of their ids.
func recipients(ctx context.Context, q db.Querier, ids []int64) ([]recipient, error) {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var list []recipient
	// In chunks, to stay below either engine's limit on parameters.
	for chunk := range slices.Chunk(ids, 500) {
		marks := make([]string, len(chunk))
		args := make([]any, len(chunk))
		for i, id := range chunk {
			marks[i], args[i] = fmt.Sprintf("$%d", i+1), id
		}
		rows, err := q.Query(ctx, `SELECT u.id, u.lang, COALESCE(p.email, ''), COALESCE(p.email_kinds, '')
			FROM users u LEFT JOIN notify_prefs p ON p.user_id = u.id
			WHERE u.active AND u.id IN (`+strings.Join(marks, ", ")+`) ORDER BY u.id`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var r recipient
			var lang, kinds string
			if err := rows.Scan(&r.id, &lang, &r.prefs.Email, &kinds); err != nil {
				rows.Close()
				return nil, err
			}
			r.lang, r.prefs.UserID, r.prefs.EmailKinds = i18n.Parse(lang), r.id, splitKinds(kinds)
			list = append(list, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return list, nil
}

type hookRef struct {
	ID   int64
	Name string
}

// subscribed lists the active webhooks that receive an event of kind
// about unitID. A hook scoped to a unit receives the events about that
// unit's subtree and those about the whole zone (unitID 0), which concern
// everyone.
func subscribed(ctx context.Context, q db.Querier, kind Kind, unitID int64) ([]hookRef, error) {
	rows, err := q.Query(ctx, "SELECT id, name, events, COALESCE(unit_id, 0) FROM notify_webhooks WHERE active ORDER BY id")
	if err != nil {
		return nil, err
	}
	type hook struct {
		hookRef
		events string
		unit   int64
	}
	var all []hook
	for rows.Next() {
		var h hook
		if err := rows.Scan(&h.ID, &h.Name, &h.events, &h.unit); err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var path string // of unitID, read when a scoped hook needs it
	looked := false
	var list []hookRef
	for _, h := range all {
		if !slices.Contains(splitKinds(h.events), kind) {
			continue
		}
		if h.unit != 0 && unitID != 0 {
			if !looked {
				// units.path holds the ids from the root down: "/1/4/12/".
				err := q.QueryRow(ctx, "SELECT path FROM units WHERE id = $1", unitID).Scan(&path)
				if err != nil && !errors.Is(err, db.ErrNotFound) {
					return nil, err
				}
				looked = true
			}
			if !strings.Contains(path, fmt.Sprintf("/%d/", h.unit)) {
				continue
			}
		}
		list = append(list, h.hookRef)
	}
	return list, nil
}

// UnitUsers lists the active users of a unit and of every unit beneath
// it who hold one of roles (any role when none is given), for a caller
// choosing recipients: the reporters of a street, the heads of a park.
// Roles are auth's role names ("reporter", "unit_head", …).
func UnitUsers(ctx context.Context, q db.Querier, unitID int64, roles ...string) ([]int64, error) {
	var path string
	if err := q.QueryRow(ctx, "SELECT path FROM units WHERE id = $1", unitID).Scan(&path); err != nil {
		return nil, err
	}
	sql := `SELECT u.id FROM users u JOIN units n ON n.id = u.unit_id WHERE u.active AND n.path LIKE $1`
	args := []any{path + "%"}
	if len(roles) > 0 {
		marks := make([]string, len(roles))
		for i, r := range roles {
			args = append(args, r)
			marks[i] = fmt.Sprintf("$%d", len(args))
		}
		sql += " AND u.role IN (" + strings.Join(marks, ", ") + ")"
	}
	rows, err := q.Query(ctx, sql+" ORDER BY u.id", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
