package planio

import (
	"iter"
	"strings"

	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// field is one column an import reads: its name in a mapping, and the
// headers a file in gaoxin's layout may give it, Chinese first and English
// last.
type field struct {
	name    string
	headers []string
}

// both is a field's Chinese and English header, "名称/name", for messages
// about a column the file lacks.
func (f field) both() string { return f.headers[0] + "/" + f.headers[len(f.headers)-1] }

// record is one row as an import sees it: each field's text, already
// translated by the mapping, and the row number the user's file shows.
type record struct {
	line  int
	seq   int // its place among the file's records, the same at every reading
	cells map[string]string
}

// sheet is a file read for one import. Its rows are read afresh from the
// table at each reading, never held: a reading keeps of them only what
// the import needs.
type sheet struct {
	table       *xlsx.Table
	file, sheet string
	labels      map[string]string // field → the column as the file names it; absent fields have none
	fields      []field
	mapping     Mapping
	cols        map[string]column
	filter      map[int]List
	key         func(record) string // with "repeats": "last", what two repeating records share
	latest      map[string]int      // and each key that may repeat → its last record
	rows        int                 // records the last reading gave
	skipped     int                 // rows a filter, a translation to nothing or a repeat left out, in the last reading
}

// has reports whether the file has a column for field.
func (s *sheet) has(name string) bool {
	_, ok := s.labels[name]
	return ok
}

// problem is a row error at a field's column.
func (s *sheet) problem(line int, name string, msg i18n.Msg) i18n.RowError {
	return i18n.RowError{Sheet: s.sheet, Row: line, Column: s.labels[name], Msg: msg}
}

// column is where one field comes from in the table.
type column struct {
	index []int // one source column, or several joined with "-"
}

func (c column) text(r xlsx.Row) string {
	parts := make([]string, len(c.index))
	empty := true
	for i, idx := range c.index {
		parts[i] = r.Cell(idx)
		empty = empty && parts[i] == ""
	}
	if empty {
		return ""
	}
	return strings.Join(parts, "-")
}

// readSheet opens t for reading through m. Columns the mapping names but
// the file lacks are problems of row 1, like any missing column; a file
// that gives no record is one of row 2. Finding that out reads the file
// as far as its first record.
func readSheet(t *xlsx.Table, fields []field, m Mapping) (*sheet, []i18n.RowError, error) {
	if err := m.check(fields); err != nil {
		return nil, nil, err
	}
	s := &sheet{table: t, file: t.File, sheet: t.Sheet, labels: map[string]string{}, fields: fields, mapping: m}
	var missing []string
	s.cols, s.filter, missing = s.locate(t, fields, m)
	if len(missing) > 0 {
		problems := make([]i18n.RowError, len(missing))
		for i, h := range missing {
			problems[i] = i18n.RowError{Sheet: t.Sheet, Row: 1, Msg: i18n.M("import.missing_column", h)}
		}
		return nil, problems, nil
	}
	for recs, err := range s.expanded() {
		if err != nil {
			return nil, nil, err
		}
		if len(recs) > 0 {
			return s, nil, nil
		}
	}
	// An empty file, or a filter that keeps nothing (the wrong year?).
	return nil, []i18n.RowError{{Sheet: t.Sheet, Row: 2, Msg: i18n.M("import.no_rows")}}, nil
}

// expanded reads the file afresh and yields, for each row, the records
// it gives: none when the filter or a translation leaves it out, several
// when a translation gives several values. Records are numbered in file
// order. A file broken further down ends it with its *xlsx.ReadError.
func (s *sheet) expanded() iter.Seq2[[]record, error] {
	return func(yield func([]record, error) bool) {
		seq := 0
		for r, err := range s.table.All() {
			if err != nil {
				yield(nil, err)
				return
			}
			var out []record
			if kept(r, s.filter) {
				out = expand(r, s.fields, s.cols, s.mapping)
			}
			for i := range out {
				seq++
				out[i].seq = seq
			}
			if !yield(out, nil) {
				return
			}
		}
	}
}

// records reads the file afresh and yields, row by row, the records an
// import checks: those expanded gives, less the ones a later record
// repeats under keepLast. It counts s.rows and s.skipped as it goes.
func (s *sheet) records() iter.Seq2[[]record, error] {
	return func(yield func([]record, error) bool) {
		s.rows, s.skipped = 0, 0
		for recs, err := range s.expanded() {
			if err != nil {
				yield(nil, err)
				return
			}
			if len(recs) == 0 {
				s.skipped++
				continue
			}
			last := recs[:0]
			for _, r := range recs {
				if s.repeated(r) {
					s.skipped++
				} else {
					last = append(last, r)
				}
			}
			s.rows += len(last)
			if len(last) > 0 && !yield(last, nil) {
				return
			}
		}
	}
}

// locate finds each field's column and each filter's, and lists the
// headers the mapping names that the file lacks.
func (s *sheet) locate(t *xlsx.Table, fields []field, m Mapping) (map[string]column, map[int]List, []string) {
	cols := map[string]column{}
	var missing []string
	for _, f := range fields {
		if src, ok := m.Columns[f.name]; ok {
			c := column{}
			for _, h := range src {
				i := t.Column(h)
				if i < 0 {
					missing = append(missing, h)
				}
				c.index = append(c.index, i)
			}
			cols[f.name], s.labels[f.name] = c, strings.Join(src, "+")
		} else if i := t.Column(f.headers...); i >= 0 {
			cols[f.name], s.labels[f.name] = column{index: []int{i}}, t.Header[i]
		}
	}
	filter := map[int]List{}
	for h, keep := range m.Filter {
		i := t.Column(h)
		if i < 0 {
			missing = append(missing, h)
		}
		filter[i] = keep
	}
	return cols, filter, missing
}

func kept(r xlsx.Row, filter map[int]List) bool {
	for i, keep := range filter {
		if !contains(keep, r.Cell(i)) {
			return false
		}
	}
	return true
}

func contains(list List, v string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == v {
			return true
		}
	}
	return false
}

// expand turns one source row into its records: one, unless a translation
// gives several values (one record each) or none (the row is left out).
func expand(r xlsx.Row, fields []field, cols map[string]column, m Mapping) []record {
	out := []record{{line: r.Line, cells: map[string]string{}}}
	for _, f := range fields {
		c, ok := cols[f.name]
		if !ok {
			continue
		}
		values := m.translate(f.name, c.text(r))
		if len(values) == 1 {
			for _, rec := range out {
				rec.cells[f.name] = strings.TrimSpace(values[0])
			}
			continue
		}
		var next []record
		for _, rec := range out {
			for _, v := range values {
				cells := make(map[string]string, len(rec.cells)+1)
				for k, x := range rec.cells {
					cells[k] = x
				}
				cells[f.name] = strings.TrimSpace(v)
				next = append(next, record{line: r.Line, cells: cells})
			}
		}
		out = next
	}
	return out
}

// keepLast makes records leave out every record whose key a later record
// repeats, for a mapping with "repeats": "last". It reads the file once
// to find the keys that repeat: the keys met are remembered in a keySet,
// of a fixed size, so that only a key that may have been met before is
// remembered whole, with its last record. A file of a million different
// keys costs no more than one of ten.
func (s *sheet) keepLast(key func(record) string) error {
	met, latest := newKeySet(), map[string]int{}
	for recs, err := range s.expanded() {
		if err != nil {
			return err
		}
		for _, r := range recs {
			k := key(r)
			if met.has(k) {
				latest[k] = r.seq
			} else {
				met.add(k)
			}
		}
	}
	s.key, s.latest = key, latest
	return nil
}

// repeated reports whether keepLast found a later record with r's key.
func (s *sheet) repeated(r record) bool {
	if s.key == nil {
		return false
	}
	last, ok := s.latest[s.key(r)]
	return ok && last != r.seq
}

// msgMissing says the file lacks a field's column.
func msgMissing(f field) i18n.Msg { return i18n.M("import.missing_column", f.both()) }

// require reports the columns among names that the file lacks. A sheet
// that could not be read (nil) has had its problems reported already.
func (s *sheet) require(fields []field, names ...string) []i18n.RowError {
	var problems []i18n.RowError
	for _, name := range names {
		if s != nil && !s.has(name) {
			problems = append(problems, i18n.RowError{Sheet: s.sheet, Row: 1, Msg: msgMissing(fieldOf(fields, name))})
		}
	}
	return problems
}
