package project

import (
	"bytes"
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/quantity"
	"gaoxin/internal/xlsx"
)

// The monthly report workbook: one sheet whose top rows name the unit,
// year and month, then a header row and a row per project the unit leads.
const (
	reportSheet     = "项目月报"
	reportHeaderRow = 5 // as Excel numbers it
)

// workbookColumns are the sheet's columns, in order; month, ytd, progress
// and problems are typed into, the others are protected from slips.
var workbookColumns = []string{"code", "name", "planned", "before", "month", "ytd", "progress", "problems", "status"}

const (
	reportFirstInput = "E" // month
	reportLastInput  = "H" // problems
	reportLastColumn = "I"
)

// reportLine is one project of a unit's monthly report.
type reportLine struct {
	id         int64
	code, name string
	planned    float64
	before     float64 // counted investment of the year before the month
	report     *Report
}

type unitLabel struct{ code, name string }

func unitLabelOf(ctx context.Context, q db.Querier, id int64) (unitLabel, error) {
	var u unitLabel
	err := q.QueryRow(ctx, "SELECT code, name FROM units WHERE id = $1", id).Scan(&u.code, &u.name)
	return u, err
}

// reportLines lists the projects a unit leads with a plan for the year,
// by code, with their year to date before the month and this month's report.
func (s *Store) reportLines(ctx context.Context, year, month int, unitID int64) ([]reportLine, error) {
	period, err := s.reports.PeriodOf(ctx, year, month)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.Query(ctx, `SELECT p.id, p.code, p.name, y.planned_investment FROM projects p
		JOIN project_years y ON y.project_id = p.id WHERE p.lead_unit_id = $1 AND y.year = $2 ORDER BY p.code`, unitID, year)
	if err != nil {
		return nil, err
	}
	var lines []reportLine
	for rows.Next() {
		var l reportLine
		if err := rows.Scan(&l.id, &l.code, &l.name, &l.planned); err != nil {
			rows.Close()
			return nil, err
		}
		lines = append(lines, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ids := make([]int64, len(lines))
	for i := range lines {
		ids[i] = lines[i].id
		if lines[i].before, err = investedBefore(ctx, s.db, lines[i].id, year, month); err != nil {
			return nil, err
		}
	}
	reports, err := reportsOf(ctx, s.db, period.ID, ids)
	if err != nil {
		return nil, err
	}
	for i := range lines {
		if r, ok := reports[lines[i].id]; ok {
			lines[i].report = &r
		}
	}
	return lines, nil
}

// ReportWorkbook writes a lead unit's monthly report on its projects as an
// Excel form to fill in offline, in lang, with what is reported already.
// ReadReportWorkbook reads it back.
func (s *Store) ReportWorkbook(ctx context.Context, year, month int, unitID int64, lang i18n.Lang) ([]byte, error) {
	u, err := unitLabelOf(ctx, s.db, unitID)
	if err != nil {
		return nil, err
	}
	lines, err := s.reportLines(ctx, year, month, unitID)
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", reportSheet); err != nil {
		return nil, err
	}
	if err := writeReportTop(f, u, year, month, lang); err != nil {
		return nil, err
	}
	for i, l := range lines {
		if err := writeReportLine(f, reportHeaderRow+1+i, l, lang); err != nil {
			return nil, err
		}
	}
	if err := protectReport(f, len(lines)); err != nil {
		return nil, err
	}
	// Unit and project names, progress and problems are typed by users;
	// none may run as a formula. The text stays as written, so that the
	// workbook reads back unchanged.
	if err := xlsx.NewQuoter(f).Sheets(reportSheet); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeReportTop writes the title, the rows that tie the workbook to its
// unit and month, the hint and the header.
func writeReportTop(f *excelize.File, u unitLabel, year, month int, lang i18n.Lang) error {
	set := func(cell, v string) error { return f.SetCellStr(reportSheet, cell, v) }
	cells := [][2]string{
		{"A1", i18n.T(lang, "projectio.report.title", u.name, year, month)},
		{"A2", i18n.T(lang, "projectio.report.unit_code")}, {"B2", u.code},
		{"C2", i18n.T(lang, "projectio.report.unit_name")}, {"D2", u.name},
		{"A3", i18n.T(lang, "projectio.report.year")}, {"B3", strconv.Itoa(year)},
		{"C3", i18n.T(lang, "projectio.report.month")}, {"D3", strconv.Itoa(month)},
		{"A4", i18n.T(lang, "projectio.report.hint_label")}, {"B4", i18n.T(lang, "projectio.report.hint")},
	}
	for _, c := range cells {
		if err := set(c[0], c[1]); err != nil {
			return err
		}
	}
	for i, c := range workbookColumns {
		cell, _ := excelize.CoordinatesToCellName(i+1, reportHeaderRow)
		if err := set(cell, i18n.T(lang, "projectio.col."+c)); err != nil {
			return err
		}
	}
	if err := f.MergeCell(reportSheet, "A1", reportLastColumn+"1"); err != nil {
		return err
	}
	if err := f.MergeCell(reportSheet, "B4", reportLastColumn+"4"); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Color: []string{"E8EDF3"}, Pattern: 1}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	header := strconv.Itoa(reportHeaderRow)
	for _, st := range []struct {
		from, to string
		style    int
	}{{"A1", "A1", title}, {"A2", "A3", bold}, {"C2", "C3", bold}, {"A4", "A4", bold}, {"B4", "B4", wrap},
		{"A" + header, reportLastColumn + header, bold}} {
		if err := f.SetCellStyle(reportSheet, st.from, st.to, st.style); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(reportSheet, 4, 60); err != nil {
		return err
	}
	widths := map[string]float64{"A": 14, "B": 30, "C": 14, "D": 14, "E": 14, "F": 14, "G": 30, "H": 30, "I": 18}
	for col, w := range widths {
		if err := f.SetColWidth(reportSheet, col, col, w); err != nil {
			return err
		}
	}
	return f.SetPanes(reportSheet, &excelize.Panes{Freeze: true, YSplit: reportHeaderRow,
		TopLeftCell: "A" + strconv.Itoa(reportHeaderRow+1), ActivePane: "bottomLeft"})
}

func writeReportLine(f *excelize.File, row int, l reportLine, lang i18n.Lang) error {
	month, progress, problems, status := "", "", "", i18n.T(lang, "figure.empty")
	if r := l.report; r != nil {
		if r.InvestMonth != nil {
			month = wan(*r.InvestMonth)
		}
		progress, problems, status = r.Progress, r.Problems, i18n.T(lang, "figure."+string(r.Status))
	}
	// Year to date is left for the unit to fill in or not; written here it
	// would disagree with a month changed later.
	cells := []string{l.code, l.name, wan(l.planned), wan(l.before), month, "", progress, problems, status}
	for i, v := range cells {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		// Text, so that Excel keeps 1,204 and 1.2亿元 as typed.
		if err := f.SetCellStr(reportSheet, cell, v); err != nil {
			return err
		}
	}
	return nil
}

// protectReport locks the sheet but for the input cells, with no
// password: it guards against slips, not against anyone.
func protectReport(f *excelize.File, lines int) error {
	open, err := f.NewStyle(&excelize.Style{Protection: &excelize.Protection{Locked: false},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"FFF8DC"}, Pattern: 1},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if lines > 0 {
		first, last := strconv.Itoa(reportHeaderRow+1), strconv.Itoa(reportHeaderRow+lines)
		if err := f.SetCellStyle(reportSheet, reportFirstInput+first, reportLastInput+last, open); err != nil {
			return err
		}
	}
	return f.ProtectSheet(reportSheet, &excelize.SheetProtectionOptions{FormatColumns: true, FormatRows: true,
		SelectLockedCells: true, SelectUnlockedCells: true})
}

// wan writes an amount of 万元 with thousands separators and as many
// decimals as it has, up to four (one yuan).
func wan(v float64) string {
	v = round4(v)
	s := strconv.FormatFloat(v, 'f', -1, 64)
	decimals := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		decimals = len(s) - i - 1
	}
	return quantity.Format(v, decimals)
}

// round4 rounds 万元 to the yuan, so that a month derived from two year
// to dates reads as typed (100.1, not 100.09999999999991).
func round4(v float64) float64 {
	r := math.Round(v*1e4) / 1e4
	if r == 0 {
		return 0
	}
	return r
}
