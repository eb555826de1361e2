package xlsx

import (
	"regexp"

	"github.com/xuri/excelize/v2"
)

// Exports carry text that users typed: unit names, task contents, a firm's
// request. Excel and WPS take a cell that starts with = + - @ (or with a
// tab or carriage return before one) for a formula, so a name such as
// =HYPERLINK("http://x","y") would run when the file is opened: the OWASP
// "CSV injection". Every CSV and workbook gaoxin writes passes its text
// through this file, so that such text shows as typed and never runs.
//
// In a CSV the text is prefixed with a single quote ('=HYPERLINK...): CSV
// has no cell types, and the quote is what spreadsheets read as "this is
// text". In a workbook the text is kept as it is, in a string cell, which
// Excel never evaluates on opening; the cell gets the quote-prefix flag of
// its style (quotePrefix, what Excel itself stores when one types '=…), so
// that editing the cell and pressing Enter keeps it text. The text itself
// is not changed in a workbook because workbooks come back: the grid and
// project report forms, and the lists that tests and users import again,
// must read back exactly what was written.

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (OWASP's list).
const formulaStarts = "=+-@\t\r"

// plainNumber is a number as the exports write one: a sign, digits with or
// without thousands separators, decimals, a percent sign ("-3.5",
// "-1,204.50", "+12%"). A spreadsheet reads it as that number, never as a
// formula, so it is left alone: a negative figure stays a figure.
var plainNumber = regexp.MustCompile(`^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?%?$`)

// FormulaLike reports whether a spreadsheet would read text as a formula:
// it starts with = + - @, a tab or a carriage return, and is not a plain
// number.
func FormulaLike(s string) bool {
	if s == "" || !containsByte(formulaStarts, s[0]) {
		return false
	}
	return !plainNumber.MatchString(s)
}

func containsByte(set string, b byte) bool {
	for i := 0; i < len(set); i++ {
		if set[i] == b {
			return true
		}
	}
	return false
}

// SafeCSV is the text to write in a CSV cell: s itself, or s after a single
// quote when a spreadsheet would read s as a formula.
func SafeCSV(s string) string {
	if FormulaLike(s) {
		return "'" + s
	}
	return s
}

// unquoteCSV undoes SafeCSV on a cell read back: a quote before text a
// spreadsheet would run as a formula is how gaoxin (and Excel) wrote the
// text, not part of it, so that an exported list imports again unchanged.
func unquoteCSV(s string) string {
	if len(s) > 1 && s[0] == '\'' && FormulaLike(s[1:]) {
		return s[1:]
	}
	return s
}

// Quoter marks the formula-like text cells of one workbook with the quote
// prefix. excelize's Style has no field for the flag, so the Quoter makes,
// once per style a cell has, a copy of that style with quotePrefix set.
type Quoter struct {
	f      *excelize.File
	quoted map[int]int // a style → its copy with the quote prefix
}

// NewQuoter returns a Quoter for f.
func NewQuoter(f *excelize.File) *Quoter { return &Quoter{f: f, quoted: map[int]int{}} }

// Cell is the value to give a stream writer's SetRow for v: v unchanged,
// unless v is formula-like text (a string, or an excelize.Cell holding
// one), which comes back as an excelize.Cell whose style has the quote
// prefix. Numbers and other values are never changed.
func (q *Quoter) Cell(v any) (any, error) {
	style, text := 0, ""
	switch c := v.(type) {
	case string:
		text = c
	case excelize.Cell:
		s, ok := c.Value.(string)
		if !ok || c.Formula != "" {
			return v, nil
		}
		style, text = c.StyleID, s
	default:
		return v, nil
	}
	if !FormulaLike(text) {
		return v, nil
	}
	id, err := q.style(style)
	if err != nil {
		return nil, err
	}
	return excelize.Cell{StyleID: id, Value: text}, nil
}

// Row maps Cell over a row's values.
func (q *Quoter) Row(values []any) ([]any, error) {
	out := make([]any, len(values))
	for i, v := range values {
		c, err := q.Cell(v)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// Sheets gives every formula-like text cell of the sheets, written with
// the ordinary (not stream) functions, the quote prefix, keeping the rest
// of its style. Call it once the sheets are written and styled.
func (q *Quoter) Sheets(sheets ...string) error {
	for _, sheet := range sheets {
		if err := q.sheet(sheet); err != nil {
			return err
		}
	}
	return nil
}

func (q *Quoter) sheet(sheet string) error {
	rows, err := q.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	for r, row := range rows {
		for c, v := range row {
			if !FormulaLike(v) {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(c+1, r+1)
			if err != nil {
				return err
			}
			if err := q.quoteCell(sheet, cell); err != nil {
				return err
			}
		}
	}
	return nil
}

// quoteCell gives one cell the quote prefix if it holds text; a formula or
// a number is left as it is.
func (q *Quoter) quoteCell(sheet, cell string) error {
	t, err := q.f.GetCellType(sheet, cell)
	if err != nil {
		return err
	}
	if t != excelize.CellTypeSharedString && t != excelize.CellTypeInlineString {
		return nil
	}
	base, err := q.f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	id, err := q.style(base)
	if err != nil {
		return err
	}
	return q.f.SetCellStyle(sheet, cell, cell, id)
}

// style returns the copy of style base with the quote prefix, making it the
// first time. The copy is appended after base, so excelize, which reuses
// the first style equal to one asked for, keeps handing out base itself
// to cells that need no prefix.
func (q *Quoter) style(base int) (int, error) {
	if id, ok := q.quoted[base]; ok {
		return id, nil
	}
	// GetStyle loads the workbook's style sheet and checks that base is in it.
	if _, err := q.f.GetStyle(base); err != nil {
		return 0, err
	}
	xfs := q.f.Styles.CellXfs
	xf := xfs.Xf[base]
	// The copy must not share what a later change to base could alter.
	if xf.Alignment != nil {
		a := *xf.Alignment
		xf.Alignment = &a
	}
	if xf.Protection != nil {
		p := *xf.Protection
		xf.Protection = &p
	}
	yes := true
	xf.QuotePrefix = &yes
	xfs.Xf = append(xfs.Xf, xf)
	xfs.Count = len(xfs.Xf)
	id := len(xfs.Xf) - 1
	q.quoted[base] = id
	return id, nil
}
