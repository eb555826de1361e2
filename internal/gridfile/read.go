package gridfile

import (
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/i18n"
	"gaoxin/internal/quantity"
	"gaoxin/internal/report"
	"gaoxin/internal/xlsx"
)

// maxBytes bounds an uploaded workbook; a grid's is a few kilobytes.
const maxBytes = 8 << 20

// Read reads a filled workbook back for grid g. It is all or nothing: the
// entries come back only when every row is right, else an
// *i18n.ImportError lists every problem by sheet, row and column.
func Read(name string, r io.Reader, g *dashboard.Grid) ([]report.Entry, error) {
	body, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, err
	}
	fail := func(sheet string, row int, column, key string, args ...any) error {
		return &i18n.ImportError{File: name, Rows: []i18n.RowError{{Sheet: sheet, Row: row, Column: column, Msg: i18n.M(key, args...)}}}
	}
	if len(body) > maxBytes {
		return nil, fail("", 1, "", "gridfile.err.too_large")
	}
	f, err := xlsx.Open(name, body)
	if xlsx.UnzippedTooLarge(err) {
		return nil, fail("", 1, "", "gridfile.err.too_large")
	} else if err != nil {
		return nil, fail("", 1, "", "gridfile.err.not_workbook")
	}
	defer f.Close()
	if err := checkInfo(f, g, fail); err != nil {
		return nil, err
	}
	rows, err := f.GetRows(sheetGrid)
	if err != nil || len(rows) == 0 {
		return nil, fail(sheetGrid, 1, "", "gridfile.err.no_sheet", sheetGrid)
	}
	return readRows(name, rows, g)
}

// checkInfo refuses a workbook made for another unit or month.
func checkInfo(f *excelize.File, g *dashboard.Grid, fail func(string, int, string, string, ...any) error) error {
	info, err := f.GetRows(sheetInfo)
	if err != nil || len(info) < 4 || len(info[0]) < 2 || len(info[2]) < 2 || len(info[3]) < 2 {
		return fail(sheetInfo, 1, "", "gridfile.err.no_info")
	}
	unit, year, month := info[0][1], info[2][1], info[3][1]
	if unit != g.Unit.Code || year != strconv.Itoa(g.Plan.Year) || month != strconv.Itoa(g.Period.Month) {
		return fail(sheetInfo, 1, "", "gridfile.err.other_grid", unit, year, month)
	}
	return nil
}

// readRows checks every row and collects every problem before answering.
func readRows(name string, rows [][]string, g *dashboard.Grid) ([]report.Entry, error) {
	header := rows[0]
	col := func(key string) int {
		for i, h := range header {
			h = strings.TrimSpace(h)
			if h == i18n.T(i18n.ZH, "gridfile.col."+key) || h == i18n.T(i18n.EN, "gridfile.col."+key) {
				return i
			}
		}
		return -1
	}
	codeCol, valueCol, explCol := col("code"), col("value"), col("explanation")
	var problems []i18n.RowError
	bad := func(row, c int, key string, args ...any) {
		column := ""
		if c >= 0 && c < len(header) {
			column = header[c]
		}
		problems = append(problems, i18n.RowError{Sheet: sheetGrid, Row: row, Column: column, Msg: i18n.M(key, args...)})
	}
	if codeCol < 0 || valueCol < 0 {
		bad(1, -1, "gridfile.err.columns")
		return nil, &i18n.ImportError{File: name, Rows: problems}
	}
	byCode := map[string]dashboard.GridRow{}
	for _, r := range g.Rows {
		byCode[r.Indicator.Code] = r
	}
	seen := map[string]int{}
	var entries []report.Entry
	for i, cells := range rows[1:] {
		line := i + 2
		code := cell(cells, codeCol)
		if code == "" {
			if cell(cells, valueCol) != "" {
				bad(line, codeCol, "gridfile.err.no_code")
			}
			continue
		}
		gr, ok := byCode[code]
		switch {
		case !ok:
			bad(line, codeCol, "gridfile.err.unknown_code", code)
			continue
		case seen[code] != 0:
			bad(line, codeCol, "import.duplicate_code", code, seen[code])
			continue
		}
		seen[code] = line
		e, key, args := entryOf(gr, cell(cells, valueCol), cell(cells, explCol))
		if key != "" {
			bad(line, valueCol, key, args...)
			continue
		}
		if e != nil {
			entries = append(entries, *e)
		}
	}
	if len(problems) > 0 {
		return nil, &i18n.ImportError{File: name, Rows: problems}
	}
	return entries, nil
}

// entryOf reads one row: nil when the figure is already submitted and the
// row leaves it as it is, a message key when the row cannot be taken.
func entryOf(gr dashboard.GridRow, text, explanation string) (*report.Entry, string, []any) {
	var value *float64
	if text != "" {
		v, verr := quantity.Parse(text, gr.Indicator.UOM)
		if verr != nil {
			return nil, verr.Key, verr.Args
		}
		value = &v
	}
	if f := gr.Figure; f != nil && !f.Status.Editable() {
		if sameValue(f.Value, value) && f.Explanation == explanation {
			return nil, "", nil
		}
		return nil, "figure.err.not_editable", nil
	}
	return &report.Entry{AssignmentID: gr.AssignmentID, Value: value, Explanation: explanation}, "", nil
}

func sameValue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func cell(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}
