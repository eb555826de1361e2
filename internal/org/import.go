package org

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// Column headers a unit file may use, Chinese or English. Export writes the
// first of each in Chinese and the last in English.
var (
	colCode   = []string{"编码", "单位编码", "code"}
	colName   = []string{"名称", "单位名称", "name"}
	colKind   = []string{"类型", "单位类型", "kind"}
	colClass  = []string{"考核类别", "考核分类", "class"}
	colParent = []string{"上级编码", "上级单位编码", "parent"}
	colOrder  = []string{"排序", "order"}
	colActive = []string{"启用", "active"}
)

// ImportResult counts what an import did (or, dry, would do).
type ImportResult struct {
	Created, Updated, Unchanged int
}

// importRow is one parsed line of a unit file.
type importRow struct {
	line     int
	fields   Fields
	parent   string
	active   bool
	cols     map[string]string // field → header, for error messages; absent columns are missing
	existing *Unit
}

var errDryRun = errors.New("dry run")

// Import creates or updates units from a table, matched by code. It is all
// or nothing: any problem in any row refuses the whole file, and the
// returned *i18n.ImportError lists every problem by row and column.
func (s *Store) Import(ctx context.Context, who audit.Actor, t *xlsx.Table, dry bool) (ImportResult, error) {
	rows, problems, err := parseRows(t)
	if err != nil {
		return ImportResult{}, err // the reader's refusal, in the user's language
	}
	if rows != nil {
		// Check the tree the file describes now too, so that the user sees
		// every problem of the file at once, not one kind per attempt.
		existing, err := all(ctx, s.db)
		if err != nil {
			return ImportResult{}, err
		}
		_, treeProblems := parentsFirst(t, rows, inFileIndex(rows), byCodeIndex(existing))
		for _, p := range treeProblems {
			problems.Add(p)
		}
	}
	if problems.Total > 0 {
		sortProblems(problems.Rows)
		return ImportResult{}, problems.Err(t.File)
	}
	var res ImportResult
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		res, err = apply(ctx, tx, who, t, rows)
		if err == nil && dry {
			return errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// parseRows reads the file's rows and checks each, and the codes across
// rows. It returns the rows while the file may be accepted, nil once it
// cannot; err is the reader's, when the file breaks further down.
func parseRows(t *xlsx.Table) ([]*importRow, *i18n.ProblemList, error) {
	idx := map[string]int{}
	problems := &i18n.ProblemList{}
	for field, names := range map[string][]string{"code": colCode, "name": colName, "kind": colKind,
		"class": colClass, "parent": colParent, "order": colOrder, "active": colActive} {
		idx[field] = t.Column(names...)
	}
	for _, need := range []struct{ field, header string }{{"code", bothNames(colCode)}, {"name", bothNames(colName)}, {"kind", bothNames(colKind)}} {
		if idx[need.field] < 0 {
			problems.Add(i18n.RowError{Sheet: t.Sheet, Row: 1, Msg: i18n.M("import.missing_column", need.header)})
		}
	}
	if problems.Total > 0 {
		return nil, problems, nil
	}
	cols := map[string]string{}
	for field, i := range idx {
		if i >= 0 {
			cols[field] = t.Header[i]
		}
	}
	seen := map[string]int{}
	var rows []*importRow
	for r, err := range t.All() {
		if err != nil {
			return nil, nil, err
		}
		row := &importRow{line: r.Line, cols: cols, active: true, parent: r.Cell(idx["parent"])}
		bad := func(field, key string, args ...any) {
			problems.Add(i18n.RowError{Sheet: t.Sheet, Row: r.Line, Column: cols[field], Msg: i18n.M(key, args...)})
		}
		row.fields = Fields{Code: r.Cell(idx["code"]), Name: r.Cell(idx["name"]), Class: r.Cell(idx["class"])}
		kind, ok := ParseKind(r.Cell(idx["kind"]))
		if !ok {
			bad("kind", "unit.err.kind_value", r.Cell(idx["kind"]))
		}
		row.fields.Kind = kind
		if v := r.Cell(idx["order"]); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				bad("order", "import.not_integer", v)
			}
			row.fields.Order = n
		}
		if v := r.Cell(idx["active"]); v != "" {
			active, ok := parseYesNo(v)
			if !ok {
				bad("active", "import.not_yes_no", v)
			}
			row.active = active
		}
		if ok {
			if verr := row.fields.Validate(); verr != nil {
				bad(verr.Field, verr.Key, verr.Args...)
			}
		}
		if row.parent == row.fields.Code && row.parent != "" {
			bad("parent", "unit.err.parent_self")
		}
		// Once the problems kept are full, the file is refused whatever
		// follows and no more of its problems can be shown: its rows are
		// no longer kept, only each row's own problems counted; the checks
		// that need every row held (codes twice, the tree) are left out.
		if problems.Full() {
			rows, seen, problems.Partial = nil, nil, true
			continue
		}
		if first, dup := seen[row.fields.Code]; dup && row.fields.Code != "" {
			bad("code", "import.duplicate_code", row.fields.Code, first)
		}
		seen[row.fields.Code] = r.Line
		rows = append(rows, row)
	}
	if problems.Partial {
		return nil, problems, nil
	}
	if len(rows) == 0 && problems.Total == 0 {
		problems.Add(i18n.RowError{Sheet: t.Sheet, Row: 2, Msg: i18n.M("import.no_rows")})
	}
	return rows, problems, nil
}

// has reports whether the file has the column for field. An absent
// optional column leaves that field of an existing unit as it is.
func (r *importRow) has(field string) bool {
	_, ok := r.cols[field]
	return ok
}

// bothNames is a column's Chinese and English header, "名称/name".
func bothNames(names []string) string { return names[0] + "/" + names[len(names)-1] }

// sortProblems orders problems by row, so that a long list reads top down.
func sortProblems(p []i18n.RowError) {
	sort.SliceStable(p, func(i, j int) bool { return p[i].Row < p[j].Row })
}

func inFileIndex(rows []*importRow) map[string]*importRow {
	m := make(map[string]*importRow, len(rows))
	for _, r := range rows {
		m[r.fields.Code] = r
	}
	return m
}

func byCodeIndex(units []Unit) map[string]Unit {
	m := make(map[string]Unit, len(units))
	for _, u := range units {
		m[u.Code] = u
	}
	return m
}

func parseYesNo(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "是", "启用", "yes", "y", "true", "1":
		return true, true
	case "否", "停用", "no", "n", "false", "0":
		return false, true
	}
	return false, false
}
