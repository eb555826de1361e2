package project

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/quantity"
	"gaoxin/internal/xlsx"
)

// maxReportBytes bounds an uploaded report workbook; one is a few kilobytes.
const maxReportBytes = 8 << 20

// ReadReportWorkbook reads a filled monthly report workbook (see
// ReportWorkbook) back for a unit and month. It is all or nothing: the
// entries come back only when every row is right, else an
// *i18n.ImportError lists every problem by row and column. A workbook of
// another unit or month is refused. Where both 本月 and 本年累计 are filled
// they must agree with the year to date counted before the month, as it
// stands now; 本年累计 alone gives the month as 本年累计 − 上月累计. A row of
// a report submitted already comes back only when it changes nothing.
func (s *Store) ReadReportWorkbook(ctx context.Context, year, month int, unitID int64, name string, body []byte) ([]Entry, error) {
	sheet := "" // a file that is no workbook has no sheet to name
	fail := func(row int, column, key string, args ...any) error {
		return &i18n.ImportError{File: name, Rows: []i18n.RowError{{Sheet: sheet, Row: row, Column: column, Msg: i18n.M(key, args...)}}}
	}
	if len(body) > maxReportBytes {
		return nil, fail(1, "", "projectio.err.too_large")
	}
	f, err := xlsx.Open(name, body)
	if xlsx.UnzippedTooLarge(err) {
		return nil, fail(1, "", "projectio.err.too_large")
	} else if err != nil {
		return nil, fail(1, "", "projectio.err.not_workbook")
	}
	defer f.Close()
	sheet = reportSheet
	if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fail(1, "", "projectio.err.not_workbook")
	}
	u, err := unitLabelOf(ctx, s.db, unitID)
	if err != nil {
		return nil, err
	}
	header := reportHeader(rows)
	if header < 0 {
		return nil, fail(1, "", "projectio.err.no_info")
	}
	info := reportInfo(rows[:header])
	if info["unit_code"] == "" || info["year"] == "" || info["month"] == "" {
		return nil, fail(1, "", "projectio.err.no_info")
	}
	if info["unit_code"] != u.code || info["year"] != strconv.Itoa(year) || info["month"] != strconv.Itoa(month) {
		return nil, fail(1, "", "projectio.err.other_report", info["unit_code"], info["year"], info["month"])
	}
	lines, err := s.reportLines(ctx, year, month, unitID)
	if err != nil {
		return nil, err
	}
	r := &reportReader{file: name, sheet: sheet, year: year, header: rows[header], lines: map[string]*reportLine{}}
	for i := range lines {
		r.lines[lines[i].code] = &lines[i]
	}
	return r.read(ctx, s.db, rows, header)
}

// reportHeader finds the header row: the one with the project code column.
func reportHeader(rows [][]string) int {
	for i, cells := range rows {
		if columnOf(cells, "code") >= 0 {
			return i
		}
	}
	return -1
}

// columnOf finds a report column by its header in either language, or -1.
func columnOf(header []string, key string) int {
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h != "" && (h == i18n.T(i18n.ZH, "projectio.col."+key) || h == i18n.T(i18n.EN, "projectio.col."+key)) {
			return i
		}
	}
	return -1
}

// reportInfo reads the unit code, year and month from the top rows: each
// is the cell right of its label, in either language.
func reportInfo(rows [][]string) map[string]string {
	out := map[string]string{}
	for _, cells := range rows {
		for i := 0; i+1 < len(cells); i++ {
			label := strings.TrimSpace(cells[i])
			for _, key := range []string{"unit_code", "year", "month"} {
				if label == i18n.T(i18n.ZH, "projectio.report."+key) || label == i18n.T(i18n.EN, "projectio.report."+key) {
					out[key] = strings.TrimSpace(cells[i+1])
				}
			}
		}
	}
	return out
}

// reportReader checks a report sheet's rows and collects every problem.
type reportReader struct {
	file, sheet string
	year        int
	header      []string
	lines       map[string]*reportLine // the unit's projects by code
	problems    []i18n.RowError
}

func (r *reportReader) bad(row, col int, key string, args ...any) {
	column := ""
	if col >= 0 && col < len(r.header) {
		column = strings.TrimSpace(r.header[col])
	}
	r.problems = append(r.problems, i18n.RowError{Sheet: r.sheet, Row: row, Column: column, Msg: i18n.M(key, args...)})
}

// reportCols are the indexes of the columns read back.
type reportCols struct{ code, month, ytd, progress, problems int }

func (r *reportReader) read(ctx context.Context, q db.Querier, rows [][]string, header int) ([]Entry, error) {
	c := reportCols{columnOf(r.header, "code"), columnOf(r.header, "month"), columnOf(r.header, "ytd"),
		columnOf(r.header, "progress"), columnOf(r.header, "problems")}
	for _, need := range []struct {
		index int
		key   string
	}{{c.month, "month"}, {c.progress, "progress"}, {c.problems, "problems"}} {
		if need.index < 0 {
			r.bad(header+1, -1, "import.missing_column", i18n.T(i18n.ZH, "projectio.col."+need.key))
		}
	}
	if len(r.problems) > 0 {
		return nil, &i18n.ImportError{File: r.file, Rows: r.problems}
	}
	seen := map[string]int{}
	var entries []Entry
	for i := header + 1; i < len(rows); i++ {
		e, err := r.row(ctx, q, i+1, rows[i], c, seen)
		if err != nil {
			return nil, err
		}
		if e != nil {
			entries = append(entries, *e)
		}
	}
	if len(r.problems) > 0 {
		return nil, &i18n.ImportError{File: r.file, Rows: r.problems}
	}
	return entries, nil
}

// row reads one project's row; nil when it has nothing to take.
func (r *reportReader) row(ctx context.Context, q db.Querier, line int, cells []string, c reportCols, seen map[string]int) (*Entry, error) {
	code := cellAt(cells, c.code)
	monthText, ytdText := cellAt(cells, c.month), cellAt(cells, c.ytd)
	progress, problems := cellAt(cells, c.progress), cellAt(cells, c.problems)
	if code == "" {
		if monthText != "" || ytdText != "" || progress != "" || problems != "" {
			r.bad(line, c.code, "projectio.err.no_code")
		}
		return nil, nil
	}
	l := r.lines[code]
	if l == nil {
		var id int64
		err := q.QueryRow(ctx, "SELECT id FROM projects WHERE code = $1", code).Scan(&id)
		switch {
		case errors.Is(err, db.ErrNotFound):
			r.bad(line, c.code, "projectio.err.unknown_code", code)
		case err != nil:
			return nil, err
		default:
			r.bad(line, c.code, "projectio.err.not_this_unit", code, r.year)
		}
		return nil, nil
	}
	if first, dup := seen[code]; dup {
		r.bad(line, c.code, "import.duplicate_code", code, first)
		return nil, nil
	}
	seen[code] = line
	invest, ok := r.investment(line, c, l, monthText, ytdText)
	if !ok {
		return nil, nil
	}
	e := &Entry{ProjectID: l.id, InvestMonth: invest, Progress: progress, Problems: problems}
	if rp := l.report; rp != nil && !rp.Status.Editable() {
		if sameAmount(rp.InvestMonth, invest) && rp.Progress == progress && rp.Problems == problems {
			return nil, nil
		}
		r.bad(line, c.month, "figure.err.not_editable")
		return nil, nil
	}
	return e, nil
}

// investment reads the month's investment from 本月 and 本年累计.
func (r *reportReader) investment(line int, c reportCols, l *reportLine, monthText, ytdText string) (*float64, bool) {
	var month, ytd *float64
	ok := true
	for _, in := range []struct {
		text string
		col  int
		into **float64
	}{{monthText, c.month, &month}, {ytdText, c.ytd, &ytd}} {
		if in.text == "" {
			continue
		}
		v, verr := quantity.Parse(in.text, "万元")
		if verr != nil {
			r.bad(line, in.col, verr.Key, verr.Args...)
			ok = false
			continue
		}
		*in.into = &v
	}
	switch {
	case !ok:
		return nil, false
	case month != nil && *month < 0:
		r.bad(line, c.month, "project.err.ytd_down")
		return nil, false
	case ytd == nil:
		return month, true
	case *ytd < l.before-1e-6:
		r.bad(line, c.ytd, "project.err.ytd_down")
		return nil, false
	case month == nil:
		derived := round4(*ytd - l.before)
		return &derived, true
	case math.Abs(*ytd-(l.before+*month)) > 1e-6*math.Max(1, math.Abs(*ytd)):
		r.bad(line, c.ytd, "project.err.ytd_mismatch", wan(*ytd), wan(l.before), wan(*month))
		return nil, false
	}
	return month, true
}

func cellAt(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}
