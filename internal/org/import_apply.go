package org

import (
	"context"
	"errors"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// apply writes parsed rows inside tx: parents before children, so that a
// file may list a new department before the new zone above it, and
// deactivations last, children before parents.
func apply(ctx context.Context, tx *db.Tx, who audit.Actor, t *xlsx.Table, rows []*importRow) (ImportResult, error) {
	existing, err := all(ctx, tx)
	if err != nil {
		return ImportResult{}, err
	}
	byCode, inFile := byCodeIndex(existing), inFileIndex(rows)
	ordered, problems := parentsFirst(t, rows, inFile, byCode)
	if len(problems) > 0 {
		return ImportResult{}, &i18n.ImportError{File: t.File, Rows: problems}
	}
	var res ImportResult
	fail := func(r *importRow, err error) error {
		var verr *i18n.Error
		if errors.As(err, &verr) {
			return &i18n.ImportError{File: t.File, Rows: []i18n.RowError{{Sheet: t.Sheet, Row: r.line, Column: r.cols[verr.Field], Msg: verr.Msg}}}
		}
		return err
	}
	ids := map[string]int64{}
	for code, u := range byCode {
		ids[code] = u.ID
	}
	for _, r := range ordered {
		parentID := ids[r.parent]
		if r.existing == nil {
			u, err := create(ctx, tx, who, r.fields, parentID)
			if err != nil {
				return res, fail(r, err)
			}
			ids[u.Code] = u.ID
			res.Created++
			continue
		}
		old := *r.existing
		u, err := update(ctx, tx, who, old.ID, r.fields)
		if err == nil && u.ParentID != parentID {
			u, err = move(ctx, tx, who, old.ID, parentID)
		}
		// Reactivate here, after the parent (earlier in this order) is active again.
		if err == nil && r.active && !old.Active {
			u, err = setActive(ctx, tx, who, old.ID, true)
		}
		if err != nil {
			return res, fail(r, err)
		}
		if u.UpdatedAt.Equal(old.UpdatedAt) && r.active == old.Active {
			res.Unchanged++
		} else {
			res.Updated++
		}
	}
	for i := len(ordered) - 1; i >= 0; i-- {
		if r := ordered[i]; !r.active {
			if _, err := setActive(ctx, tx, who, ids[r.fields.Code], false); err != nil {
				return res, fail(r, err)
			}
		}
	}
	return res, nil
}

// matchExisting links rows to the units they update and, where the file
// lacks an optional column, keeps that field of the unit as it is.
func matchExisting(rows []*importRow, byCode map[string]Unit) {
	codeOf := make(map[int64]string, len(byCode))
	for c, u := range byCode {
		codeOf[u.ID] = c
	}
	for _, r := range rows {
		u, ok := byCode[r.fields.Code]
		if !ok {
			continue
		}
		r.existing = &u
		if !r.has("parent") {
			r.parent = codeOf[u.ParentID]
		}
		if !r.has("class") {
			r.fields.Class = u.Class
		}
		if !r.has("order") {
			r.fields.Order = u.Order
		}
		if !r.has("active") {
			r.active = u.Active
		}
	}
}

// parentsFirst orders rows so that each row's parent, when it is in the
// file, comes before it; it reports unknown parents and cycles.
func parentsFirst(t *xlsx.Table, rows []*importRow, inFile map[string]*importRow, byCode map[string]Unit) ([]*importRow, []i18n.RowError) {
	matchExisting(rows, byCode)
	var problems []i18n.RowError
	codeOf := map[int64]string{}
	for c, u := range byCode {
		codeOf[u.ID] = c
	}
	parentOf := func(code string) string {
		if r, ok := inFile[code]; ok {
			return r.parent
		}
		return codeOf[byCode[code].ParentID]
	}
	for _, r := range rows {
		if r.parent == "" || r.parent == r.fields.Code {
			continue // a unit named as its own parent is reported while parsing
		}
		if _, ok := inFile[r.parent]; !ok {
			if _, ok := byCode[r.parent]; !ok {
				problems = append(problems, i18n.RowError{Sheet: t.Sheet, Row: r.line, Column: r.cols["parent"], Msg: i18n.M("import.unknown_parent", r.parent)})
				continue
			}
		}
		// Walk up; meeting the row's own code again means a cycle.
		seen := map[string]bool{r.fields.Code: true}
		for p := r.parent; p != ""; p = parentOf(p) {
			if seen[p] {
				problems = append(problems, i18n.RowError{Sheet: t.Sheet, Row: r.line, Column: r.cols["parent"], Msg: i18n.M("import.parent_cycle", r.fields.Code)})
				break
			}
			seen[p] = true
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	var ordered []*importRow
	done := map[string]bool{}
	var visit func(r *importRow)
	visit = func(r *importRow) {
		if done[r.fields.Code] {
			return
		}
		done[r.fields.Code] = true
		if p, ok := inFile[r.parent]; ok {
			visit(p)
		}
		ordered = append(ordered, r)
	}
	for _, r := range rows {
		visit(r)
	}
	return ordered, nil
}
