package project

import (
	"context"
	"strconv"
	"strings"

	"gaoxin/internal/db"
)

// selection is the part of a filter the database applies before any row
// is read: a filtered page reads and lights its own projects, not the
// whole year's. Colours are computed, and search folds case in Go, so
// those stay with Filter.keeps.
type selection struct {
	categories, clusters []string
	levels               []Level
	units                []int64 // nil: every unit
	ids                  []int64 // nil: every project
	none                 bool    // the filter's units are none: nothing to read
}

// selection turns the filter's choices into a selection, asking the units
// function about every unit once.
func (f Filter) selection(ctx context.Context, q db.Querier) (selection, error) {
	sel := selection{categories: f.Categories, clusters: f.Clusters, levels: f.Levels}
	if f.Units == nil {
		return sel, nil
	}
	rows, err := q.Query(ctx, "SELECT id FROM units")
	if err != nil {
		return sel, err
	}
	defer rows.Close()
	all := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return sel, err
		}
		all++
		if f.Units(id) {
			sel.units = append(sel.units, id)
		}
	}
	switch {
	case len(sel.units) == 0:
		sel.none = true
	case len(sel.units) == all:
		sel.units = nil // every unit: no need to say so to the database
	}
	return sel, rows.Err()
}

// all reports whether the selection takes every project of the year.
func (sel selection) all() bool {
	return len(sel.categories) == 0 && len(sel.clusters) == 0 && len(sel.levels) == 0 && sel.units == nil && sel.ids == nil && !sel.none
}

// idsIn is the condition " AND column IN (ids)", or "" for nil ids (all).
// The ids are ours, written as numbers.
func idsIn(column string, ids []int64) string {
	if ids == nil {
		return ""
	}
	if len(ids) == 0 {
		return " AND 1 = 0"
	}
	list := make([]string, len(ids))
	for i, v := range ids {
		list[i] = strconv.FormatInt(v, 10)
	}
	return " AND " + column + " IN (" + strings.Join(list, ", ") + ")"
}

// where writes the selection as SQL conditions on the projects table under
// alias (e.g. "p."), opened by open and closed by ")", each joined by AND,
// with placeholders numbered from next. Ids go into the text as numbers:
// they are ours, not the user's, and a province's thousands of units would
// otherwise exceed the engines' limits on parameters.
func (sel selection) where(open, alias string, next int) (string, []any) {
	var conds []string
	var args []any
	strs := func(column string, values []string) {
		if len(values) == 0 {
			return
		}
		marks := make([]string, len(values))
		for i, v := range values {
			marks[i] = "$" + strconv.Itoa(next)
			args = append(args, v)
			next++
		}
		conds = append(conds, alias+column+" IN ("+strings.Join(marks, ", ")+")")
	}
	ints := func(column string, values []int64) {
		if values == nil {
			return
		}
		list := make([]string, len(values))
		for i, v := range values {
			list[i] = strconv.FormatInt(v, 10)
		}
		conds = append(conds, alias+column+" IN ("+strings.Join(list, ", ")+")")
	}
	strs("category", sel.categories)
	strs("cluster", sel.clusters)
	levels := make([]string, len(sel.levels))
	for i, l := range sel.levels {
		levels[i] = string(l)
	}
	strs("level", levels)
	ints("lead_unit_id", sel.units)
	ints("id", sel.ids)
	if sel.none {
		conds = append(conds, "1 = 0")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " AND " + open + strings.Join(conds, " AND ") + ")", args
}
