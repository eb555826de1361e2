package xlsx

import (
	"encoding/csv"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteCSV writes UTF-8 with a BOM, which Excel needs to show Chinese text.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// WriteXLSX writes one sheet with a bold, frozen header row.
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
	if err := sw.SetRow("A1", cells(header, bold), excelize.RowOpts{}); err != nil {
		return err
	}
	for i, r := range rows {
		addr, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(addr, cells(r, 0)); err != nil {
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
