package i18n

import (
	"fmt"
	"strconv"
	"strings"
)

// Lang is a supported language.
type Lang string

const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// Default is the language of a user who has not chosen one.
const Default = ZH

// Langs lists the supported languages in the order the switcher shows them.
var Langs = []Lang{ZH, EN}

// Parse turns a stored or submitted value into a Lang, falling back to Default.
func Parse(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(s, "en"):
		return EN
	case strings.HasPrefix(s, "zh"):
		return ZH
	}
	return Default
}

// FromAcceptLanguage picks the first supported language a browser asks for.
func FromAcceptLanguage(header string) Lang {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(tag)
		if strings.HasPrefix(tag, "zh") {
			return ZH
		}
		if strings.HasPrefix(tag, "en") {
			return EN
		}
	}
	return Default
}

// T translates a key, formatting args into it. A key missing from the
// catalogue shows itself in brackets, and a test keeps that from shipping.
func T(lang Lang, key string, args ...any) string {
	cat := catalogues[lang]
	if cat == nil {
		cat = catalogues[Default]
	}
	format, ok := cat[key]
	if !ok {
		return "[" + key + "]"
	}
	if len(args) == 0 {
		return format
	}
	copied := false
	for i, a := range args {
		if m, ok := a.(Msg); ok { // a message within a message is translated too
			if !copied {
				args, copied = append([]any(nil), args...), true
			}
			args[i] = m.In(lang)
		}
	}
	return fmt.Sprintf(format, args...)
}

// Has reports whether the catalogue of lang has key.
func Has(lang Lang, key string) bool {
	_, ok := catalogues[lang][key]
	return ok
}

// Keys lists every key of a language's catalogue.
func Keys(lang Lang) []string {
	keys := make([]string, 0, len(catalogues[lang]))
	for k := range catalogues[lang] {
		keys = append(keys, k)
	}
	return keys
}

var catalogues = map[Lang]map[string]string{ZH: zh, EN: en}

// Msg is a message key with its arguments, translated when shown. A
// message that arrives already written in both languages (the scoring
// engine explains itself so) carries them in ZH and EN instead of a key.
type Msg struct {
	Key    string
	Args   []any
	ZH, EN string
}

// Text is a message already written in both languages.
func Text(zh, en string) Msg { return Msg{ZH: zh, EN: en} }

// M builds a Msg.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// In translates the message.
func (m Msg) In(lang Lang) string {
	if m.Key == "" {
		if lang == EN {
			return m.EN
		}
		return m.ZH
	}
	return T(lang, m.Key, m.Args...)
}

// Error is a problem with what a user entered: which field, and what is
// wrong, as a message key. Domain packages return it; pages and commands
// translate it.
type Error struct {
	Field string // form field or column, "" when it concerns the whole record
	Msg
}

// Invalid builds an Error.
func Invalid(field, key string, args ...any) *Error {
	return &Error{Field: field, Msg: M(key, args...)}
}

func (e *Error) Error() string { return e.In(EN) }

// RowError is one problem found in one row of an imported file.
type RowError struct {
	Sheet  string // "" for CSV
	Row    int    // 1-based, as a spreadsheet numbers it (the header is row 1)
	Column string // the column's header as the file wrote it
	Msg
}

// In translates the whole line: where, then what.
func (e RowError) In(lang Lang) string {
	where := T(lang, "import.where_row", e.Row)
	if e.Sheet != "" {
		where = T(lang, "import.where_sheet", e.Sheet) + where
	}
	if e.Column != "" {
		where += T(lang, "import.where_column", e.Column)
	}
	return where + T(lang, "import.sep") + e.Msg.In(lang)
}

// ImportError carries the row errors of a refused import: all of them,
// or, from a ProblemList, the first MaxStoredProblems and the count.
type ImportError struct {
	File  string
	Rows  []RowError
	Total int // problems in all; 0 when Rows holds every one
	// Partial says Total is a floor: the file had so many problems that
	// the checks needing every row held (duplicates, references between
	// rows) stopped once the list was full, and only each row alone was
	// checked on.
	Partial bool
}

// Count is how many problems the file has.
func (e *ImportError) Count() int { return max(e.Total, len(e.Rows)) }

// MaxStoredProblems bounds the problems an import keeps of a file: a
// 30 MB file whose every row is wrong has hundreds of thousands, and
// keeping each would take more memory than the file. The rest are counted.
// Fifty thousand is more than anyone fixes by hand: a file with more has
// one fault repeated (a wrong column, the wrong file), which the first
// rows show; and the importers, which keep rows until the list is full,
// keep a refused 30 MB file's cost under twice its size with it.
const MaxStoredProblems = 50_000

// ProblemList collects a file's problems: every one counted, the first
// MaxStoredProblems kept.
type ProblemList struct {
	Rows    []RowError
	Total   int
	Partial bool // see ImportError.Partial; the importer sets it
}

// Full reports whether no more problems are kept. From then on the file
// is refused whatever follows, and an importer keeps no more of its rows:
// it checks each row alone, to count, and sets Partial if that leaves a
// check out.
func (l *ProblemList) Full() bool { return len(l.Rows) >= MaxStoredProblems }

// Add counts a problem and keeps it while there is room.
//
// A cell's text quoted in the message is copied: read from a file, it is
// part of its whole line, which would otherwise stay in memory with it.
func (l *ProblemList) Add(e RowError) {
	l.Total++
	if len(l.Rows) < MaxStoredProblems {
		if len(e.Args) > 0 {
			args := make([]any, len(e.Args))
			for i, a := range e.Args {
				if s, ok := a.(string); ok {
					a = strings.Clone(s)
				}
				args[i] = a
			}
			e.Args = args
		}
		l.Rows = append(l.Rows, e)
	}
}

// Err is the refusal of file, or nil when there is no problem.
func (l *ProblemList) Err(file string) error {
	if l.Total == 0 {
		return nil
	}
	return &ImportError{File: file, Rows: l.Rows, Total: l.Total, Partial: l.Partial}
}

func (e *ImportError) Error() string { return e.In(EN) }

// In translates the error, one row problem per line, every one kept.
func (e *ImportError) In(lang Lang) string { return e.Bounded(lang, len(e.Rows)) }

// Bounded translates the error with at most max problems listed, and the
// count of all of them: a file whose every row is wrong must not become a
// page of hundreds of thousands of lines. The full list is the error
// report's to give.
func (e *ImportError) Bounded(lang Lang, max int) string {
	var b strings.Builder
	refused, shown := "import.refused", "import.shown"
	switch {
	case e.Partial:
		refused, shown = "import.refused_partial", "import.shown_partial"
	case e.Count() > len(e.Rows):
		shown = "import.shown_capped"
	}
	b.WriteString(T(lang, refused, e.File, Group(e.Count())))
	if max < e.Count() {
		max = min(max, len(e.Rows))
		b.WriteString("\n")
		args := []any{Group(e.Count()), Group(max)}
		if shown != "import.shown" {
			args = append(args, Group(len(e.Rows)))
		}
		b.WriteString(T(lang, shown, args...))
	}
	for i, r := range e.Rows {
		if i == max {
			break
		}
		b.WriteString("\n  ")
		b.WriteString(r.In(lang))
	}
	return b.String()
}

// Group writes a count with thousands separators, as offices read them:
// 717463 is 717,463.
func Group(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + Group(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
