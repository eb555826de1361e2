package project

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/quantity"
	"gaoxin/internal/xlsx"
)

// ImportSummary counts what an import took in: the projects of the file,
// created or updated, and the stage nodes given a planned date.
type ImportSummary struct{ Projects, Nodes int }

// ledgerColumn is a column of a 项目办's ledger: the field it fills (named
// as the validation of Project and Year names it) and the headers it may
// carry, Chinese first and English last.
type ledgerColumn struct {
	field    string
	names    []string
	required bool
}

var ledgerColumns = []ledgerColumn{
	{"code", []string{"项目编码", "编码", "code"}, true},
	{"name", []string{"项目名称", "名称", "name"}, true},
	{"category", []string{"项目类别", "类别", "category"}, true},
	{"cluster", []string{"产业链", "cluster"}, false},
	{"lead_unit", []string{"牵头单位", "lead_unit"}, true},
	{"cooperators", []string{"配合单位", "cooperators"}, false},
	{"leader", []string{"责任领导", "leader"}, false},
	{"investor", []string{"投资主体", "investor"}, false},
	{"location", []string{"建设地点", "location"}, false},
	{"total_investment", []string{"总投资（万元）", "总投资（亿元）", "总投资", "total_investment"}, true},
	{"content", []string{"建设内容", "content"}, false},
	{"capacity", []string{"设计产能", "capacity"}, false},
	{"start_year", []string{"开工年份", "start_year"}, true},
	{"end_year", []string{"竣工年份", "end_year"}, true},
	{"level", []string{"项目级别", "级别", "level"}, false},
	{"tags", []string{"标签", "tags"}, false},
	{"planned_investment", []string{"年度计划投资（万元）", "年度计划投资（亿元）", "年度计划投资", "planned_investment"}, true},
	{"invested_before", []string{"以前年度完成投资（万元）", "以前年度完成投资（亿元）", "以前年度完成投资", "invested_before"}, false},
	{"progress_goal", []string{"形象进度目标", "progress_goal"}, false},
}

// Import reads a 项目办's ledger (xlsx or CSV, one project per row; see
// docs/IMPORT.md) into year: each row creates its project, or updates the
// one with its code, with its plan for year and the planned dates of its
// stage nodes. It is all or nothing: every row is checked first, and any
// problem refuses the file with an *i18n.ImportError naming each row and
// column; otherwise everything is written in one transaction, which also
// refreshes the figures of bound indicators. The rows are read from the
// file as they are checked, so that a refused file costs little more
// memory than its problems.
func (s *Store) Import(ctx context.Context, who audit.Actor, year int, file xlsx.File) (ImportSummary, error) {
	t, err := file.Table()
	if err != nil {
		return ImportSummary{}, err // the reader's refusal, in the user's language
	}
	defer t.Close()
	f := newLedger(t, year)
	if !f.findColumns() {
		return ImportSummary{}, f.refusal()
	}
	var sum ImportSummary
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		plans, err := s.check(ctx, tx, f) // a retried transaction reads and checks afresh
		if err != nil {
			return err
		}
		if f.problems.Total > 0 {
			return f.refusal()
		}
		sum, err = s.apply(ctx, tx, who, f, plans)
		return err
	})
	return sum, err
}

// ledger is a file being imported: its table, where each field's column
// is, and every problem found so far.
type ledger struct {
	t        *xlsx.Table
	year     int
	col      map[string]int // field → column index, absent when the file lacks it
	stages   []stageColumn
	codes    map[string]int // code → the line that first gave it, while the problems kept are not full
	problems i18n.ProblemList
}

type stageColumn struct {
	stage Stage
	index int
}

func newLedger(t *xlsx.Table, year int) *ledger {
	return &ledger{t: t, year: year, col: map[string]int{}}
}

// has reports whether the file has a column for field. A column left out
// leaves that field of an existing project as it is.
func (f *ledger) has(field string) bool {
	_, ok := f.col[field]
	return ok
}

// header is the column of field as the file wrote it, or its Chinese and
// English names when the file lacks it.
func (f *ledger) header(field string) string {
	if i, ok := f.col[field]; ok {
		return f.t.Header[i]
	}
	for _, c := range ledgerColumns {
		if c.field == field {
			return c.names[0] + "/" + c.names[len(c.names)-1]
		}
	}
	return ""
}

func (f *ledger) bad(line int, column string, key string, args ...any) {
	f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: line, Column: column, Msg: i18n.M(key, args...)})
}

// refusal lists every problem, row by row, left to right.
func (f *ledger) refusal() error {
	position := func(e i18n.RowError) int {
		for i, h := range f.t.Header {
			if h == e.Column {
				return i
			}
		}
		return len(f.t.Header)
	}
	sort.SliceStable(f.problems.Rows, func(i, j int) bool {
		a, b := f.problems.Rows[i], f.problems.Rows[j]
		return a.Row < b.Row || a.Row == b.Row && position(a) < position(b)
	})
	return f.problems.Err(f.t.File)
}

// findColumns matches the header to the ledger's columns and the stage
// columns (开工计划, start_planned); false when a required one is missing.
func (f *ledger) findColumns() bool {
	for i, h := range f.t.Header {
		h = normHeader(h)
		if h == "" {
			continue
		}
		if field := ledgerField(h); field != "" {
			if !f.has(field) {
				f.col[field] = i
			}
			continue
		}
		if st, ok := stageHeader(h); ok {
			f.stages = append(f.stages, stageColumn{st, i})
		}
	}
	for _, c := range ledgerColumns {
		if c.required && !f.has(c.field) {
			f.bad(1, "", "import.missing_column", f.header(c.field))
		}
	}
	return f.problems.Total == 0
}

func ledgerField(h string) string {
	for _, c := range ledgerColumns {
		for _, n := range c.names {
			if normHeader(n) == h {
				return c.field
			}
		}
	}
	return ""
}

// stageHeader reads 开工计划 (or 计划开工, start_planned) as the planned date
// of the start node.
func stageHeader(h string) (Stage, bool) {
	for _, st := range Stages {
		zh := normHeader(i18n.T(i18n.ZH, "project.stage."+string(st)))
		if h == zh+"计划" || h == "计划"+zh || h == string(st)+"_planned" {
			return st, true
		}
	}
	return "", false
}

// normHeader folds what spreadsheets vary in a header: case, spaces and
// full-width brackets, so that 总投资(万元) is 总投资（万元）.
func normHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case unicode.IsSpace(r) || r == '\ufeff':
		case r == '(':
			b.WriteRune('（')
		case r == ')':
			b.WriteRune('）')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// amountUnit is the unit a money column's bare numbers are in: 万元, or 亿元
// when its header says so.
func (f *ledger) amountUnit(field string) string {
	if i, ok := f.col[field]; ok && strings.Contains(normHeader(f.t.Header[i]), "亿元") {
		return "亿元"
	}
	return "万元"
}

// amount reads a money cell into 万元: 630,000 and 63亿元 are the same.
func (f *ledger) amount(field, text string) (float64, *i18n.Error) {
	if unit := f.amountUnit(field); unit != "万元" && endsInDigit(text) {
		text += unit
	}
	v, verr := quantity.Parse(text, "万元")
	if verr == nil && v < 0 {
		return 0, i18n.Invalid(field, "project.err.negative")
	}
	return v, verr
}

func endsInDigit(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return r >= '0' && r <= '9' || r >= '０' && r <= '９'
}

// splitList cuts a cell of several names: 、 , ， ; ； or a line break.
func splitList(text string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune("、,，;；\n", r) }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
