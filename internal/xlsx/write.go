package xlsx

import (
	"encoding/csv"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteCSV writes UTF-8 with a BOM, which Excel needs to show Chinese text.
// Text a spreadsheet would run as a formula is written after a quote
// (see SafeCSV).
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(safeRecord(header)); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(safeRecord(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeRecord is a CSV record with every cell through SafeCSV; r itself,
// which belongs to the caller, is left alone.
func safeRecord(r []string) []string {
	out := make([]string, len(r))
	for i, v := range r {
		out[i] = SafeCSV(v)
	}
	return out
}

// WriteXLSX writes one sheet with a bold, frozen header row. Every value is
// a string cell; text a spreadsheet would run as a formula gets the quote
// prefix (see Quoter).
func WriteXLSX(w io.Writer, sheet string, header []string, rows [][]string) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetColWidth(1, len(header), 16); err != nil {
		return err
	}
	q := NewQuoter(f)
	head, err := q.Row(cells(header, bold))
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{}); err != nil {
		return err
	}
	for i, r := range rows {
		addr, _ := excelize.CoordinatesToCellName(1, i+2)
		row, err := q.Row(cells(r, 0))
		if err != nil {
			return err
		}
		if err := sw.SetRow(addr, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

func cells(values []string, style int) []any {
	out := make([]any, len(values))
	for i, v := range values {
		if style != 0 {
			out[i] = excelize.Cell{StyleID: style, Value: v}
		} else {
			out[i] = v
		}
	}
	return out
}
