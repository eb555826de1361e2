package xlsx

import (
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/i18n"
)

// ErrorReport is a refused file given back as offices expect it: the
// rows of the sheet that was read, each on the row it had in the user's
// file, with a column added at the right that says what is wrong with it.
// Problems of a row the file does not have (a sheet with no rows, say)
// get a row of their own at their number. The result is a workbook
// whatever the file was, so that a CSV's report opens in Excel with its
// Chinese intact.
func ErrorReport(w io.Writer, file File, problems []i18n.RowError, lang i18n.Lang) error {
	t, err := file.Table()
	if err != nil {
		return err
	}
	defer t.Close()
	byLine := map[int][]string{}
	for _, p := range problems {
		byLine[p.Row] = append(byLine[p.Row], p.In(lang))
	}
	// The column of problems goes right of the widest row: one pass to
	// find it, one to write, so that the file is never held whole.
	errColumn := len(t.Header)
	for r, err := range t.All() {
		if err != nil {
			return err
		}
		errColumn = max(errColumn, len(r.Cells))
	}
	sheet := t.Sheet
	if sheet == "" {
		sheet = "Sheet1"
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	red, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(errColumn+1, errColumn+1, 60); err != nil {
		return err
	}
	q := NewQuoter(f)
	write := func(line int, values []string) error {
		row := make([]any, errColumn+1)
		for i, v := range values {
			row[i] = v
		}
		if msgs := byLine[line]; len(msgs) > 0 {
			row[errColumn] = excelize.Cell{StyleID: red, Value: strings.Join(msgs, "\n")}
			delete(byLine, line)
		}
		quoted, err := q.Row(row)
		if err != nil {
			return err
		}
		addr, _ := excelize.CoordinatesToCellName(1, line)
		return sw.SetRow(addr, quoted)
	}
	header := append(append([]string{}, t.Header...), make([]string, errColumn+1-len(t.Header))...)
	header[errColumn] = i18n.T(lang, "import.report_column")
	if err := write(1, header); err != nil {
		return err
	}
	// Rows go out in order of their numbers, the file's own and, between
	// them, those only a problem names.
	var only []int
	for line := range byLine {
		if line > 1 {
			only = append(only, line)
		}
	}
	sort.Ints(only)
	for r, err := range t.All() {
		if err != nil {
			return err
		}
		for len(only) > 0 && only[0] < r.Line {
			if err := write(only[0], nil); err != nil {
				return err
			}
			only = only[1:]
		}
		if len(only) > 0 && only[0] == r.Line {
			only = only[1:]
		}
		if err := write(r.Line, r.Cells); err != nil {
			return err
		}
	}
	for _, line := range only {
		if err := write(line, nil); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
