package gridfile

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/i18n"
	"gaoxin/internal/quantity"
	"gaoxin/internal/xlsx"
)

// Sheet names; the info sheet ties a workbook to its grid.
const (
	sheetGrid = "填报"
	sheetInfo = "信息"
)

// columns of the grid sheet, in order. Only value and explanation are
// meant to be typed into; the sheet protects the others from slips.
var columns = []string{"code", "name", "uom", "value", "explanation", "previous", "last_year", "ytd", "expected", "state"}

const (
	colValue       = 4 // 1-based, as Excel counts
	colExplanation = 5
)

// Write writes the grid as a workbook in lang.
func Write(w io.Writer, g *dashboard.Grid, lang i18n.Lang) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetGrid); err != nil {
		return err
	}
	if err := writeHeader(f, lang); err != nil {
		return err
	}
	for i, row := range g.Rows {
		if err := writeRow(f, i+2, row, lang); err != nil {
			return err
		}
	}
	if err := protect(f, len(g.Rows)); err != nil {
		return err
	}
	if err := writeInfo(f, g, lang); err != nil {
		return err
	}
	// Names and explanations are typed by users; none may run as a formula.
	// The text stays as written, so that the workbook reads back unchanged.
	if err := xlsx.NewQuoter(f).Sheets(sheetGrid, sheetInfo); err != nil {
		return err
	}
	return f.Write(w)
}

func writeHeader(f *excelize.File, lang i18n.Lang) error {
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"E8EDF3"}, Pattern: 1}})
	if err != nil {
		return err
	}
	for i, c := range columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellValue(sheetGrid, cell, i18n.T(lang, "gridfile.col."+c)); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheetGrid, "A1", "J1", bold); err != nil {
		return err
	}
	widths := map[string]float64{"A": 10, "B": 30, "C": 10, "D": 14, "E": 40, "F": 12, "G": 12, "H": 12, "I": 12, "J": 18}
	for col, wd := range widths {
		if err := f.SetColWidth(sheetGrid, col, col, wd); err != nil {
			return err
		}
	}
	return f.SetPanes(sheetGrid, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

func writeRow(f *excelize.File, r int, row dashboard.GridRow, lang i18n.Lang) error {
	in := row.Indicator
	value, explanation, state := "", "", i18n.T(lang, "figure.empty")
	if row.Figure != nil {
		if row.Figure.Value != nil {
			value = quantity.Format(*row.Figure.Value, exactDecimals(*row.Figure.Value, in.Precision))
		}
		explanation, state = row.Figure.Explanation, i18n.T(lang, "figure."+string(row.Figure.Status))
	}
	cells := []string{in.Code, in.Name, in.UOM, value, explanation, num(row.Previous.V, row.Previous.OK, in.Precision),
		num(row.LastYear.V, row.LastYear.OK, in.Precision), num(row.YTD.V, row.YTD.OK, in.Precision),
		num(row.Expected.V, row.Expected.OK, in.Precision), state}
	for i, v := range cells {
		cell, _ := excelize.CoordinatesToCellName(i+1, r)
		// Written as text so that Excel keeps "1,204" and "3.5亿" as typed.
		if err := f.SetCellStr(sheetGrid, cell, v); err != nil {
			return err
		}
	}
	return nil
}

// exactDecimals is enough decimals to write v without rounding it, so that
// a figure read back unchanged compares equal to the one stored.
func exactDecimals(v float64, precision int) int {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return max(precision, len(s)-i-1)
	}
	return precision
}

func num(v float64, ok bool, precision int) string {
	if !ok {
		return ""
	}
	return quantity.Format(v, precision)
}

// protect locks the sheet but for the value and explanation cells, with no
// password: it guards against slips, not against anyone.
func protect(f *excelize.File, rows int) error {
	open, err := f.NewStyle(&excelize.Style{Protection: &excelize.Protection{Locked: false},
		Fill: excelize.Fill{Type: "pattern", Color: []string{"FFF8DC"}, Pattern: 1}})
	if err != nil {
		return err
	}
	if rows > 0 {
		last := strconv.Itoa(rows + 1)
		if err := f.SetCellStyle(sheetGrid, "D2", "E"+last, open); err != nil {
			return err
		}
	}
	return f.ProtectSheet(sheetGrid, &excelize.SheetProtectionOptions{FormatColumns: true, FormatRows: true, SelectLockedCells: true, SelectUnlockedCells: true})
}

func writeInfo(f *excelize.File, g *dashboard.Grid, lang i18n.Lang) error {
	if _, err := f.NewSheet(sheetInfo); err != nil {
		return err
	}
	rows := [][2]string{
		{i18n.T(lang, "gridfile.info.unit"), g.Unit.Code},
		{i18n.T(lang, "gridfile.info.unit_name"), g.Unit.Name},
		{i18n.T(lang, "gridfile.info.year"), strconv.Itoa(g.Plan.Year)},
		{i18n.T(lang, "gridfile.info.month"), strconv.Itoa(g.Period.Month)},
		{i18n.T(lang, "gridfile.info.due"), g.Period.DueOn},
		{i18n.T(lang, "gridfile.info.hint"), i18n.T(lang, "gridfile.hint")},
	}
	for i, r := range rows {
		if err := f.SetCellStr(sheetInfo, fmt.Sprintf("A%d", i+1), r[0]); err != nil {
			return err
		}
		if err := f.SetCellStr(sheetInfo, fmt.Sprintf("B%d", i+1), r[1]); err != nil {
			return err
		}
	}
	return f.SetColWidth(sheetInfo, "A", "B", 24)
}
