package peers

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// Column headers a peer file may use, Chinese or English. Export writes
// the first of each in Chinese and the last in English.
var (
	colYear      = []string{"年度", "year"}
	colLevel     = []string{"层级", "level"}
	colGroup     = []string{"对标组", "分组", "group"}
	colMember    = []string{"成员", "member"}
	colZone      = []string{"本区", "zone"}
	colCode      = []string{"指标编码", "code"}
	colName      = []string{"指标名称", "indicator"}
	colUOM       = []string{"计量单位", "uom"}
	colDirection = []string{"方向", "direction"}
	colPlanCode  = []string{"对应目标指标", "plan_code"}
	colValue     = []string{"数值", "value"}
	colPeriod    = []string{"期间", "period"}
	colSource    = []string{"来源", "source"}
	colRank      = []string{"排名", "rank"} // written by export, ignored by import
)

// columns lists every column the import reads, by field.
var columns = []struct {
	field string
	names []string
}{
	{"year", colYear}, {"level", colLevel}, {"group", colGroup}, {"member", colMember}, {"zone", colZone},
	{"code", colCode}, {"name", colName}, {"uom", colUOM}, {"direction", colDirection}, {"plan_code", colPlanCode},
	{"value", colValue}, {"period", colPeriod}, {"source", colSource},
}

// ImportResult counts what an import did (or, dry, would do).
type ImportResult struct {
	Rows              int
	Groups            int // created
	Members           int // created
	Indicators        int // created
	IndicatorsChanged int
	Values            int // set or corrected
	Unchanged         int // values the file repeats as they are
}

var errDryRun = errors.New("dry run")

// Import creates or updates groups, members, indicators and values from a
// table, one value per row (docs/PEERS.md). year is the year the rows
// belong to; a 年度 column may name it instead, and must agree with it
// when both do. It is all or nothing: any problem in any row refuses the
// whole file, and the *i18n.ImportError lists every problem by row and
// column. With dry set it checks and counts but keeps nothing.
func (s *Store) Import(ctx context.Context, who audit.Actor, t *xlsx.Table, year int, dry bool) (ImportResult, error) {
	f := newPeerFile(t, year)
	if err := f.parse(); err != nil {
		return ImportResult{}, err // the reader's refusal, in the user's language
	}
	if f.problems.Total > 0 && f.groups == nil {
		return ImportResult{}, f.refusal() // nothing to hold against what is stored
	}
	var res ImportResult
	parsed := f.problems
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		f.problems = parsed // a retried transaction checks afresh
		stored, err := f.stored(ctx, tx)
		if err != nil {
			return err
		}
		f.check(stored)
		if f.problems.Total > 0 {
			return f.refusal()
		}
		res, err = f.apply(ctx, tx, who, s.now(), stored)
		if err == nil && dry {
			return errDryRun
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// peerFile is a table being read: its rows grouped as the store keeps them.
type peerFile struct {
	t        *xlsx.Table
	year     int
	idx      map[string]int
	rows     int // rows read that name a group, a member and an indicator
	groups   []*fileGroup
	byKey    map[groupKey]*fileGroup // while rows are read
	problems i18n.ProblemList
}

func newPeerFile(t *xlsx.Table, year int) *peerFile {
	f := &peerFile{t: t, year: year, idx: map[string]int{}}
	for _, c := range columns {
		f.idx[c.field] = t.Column(c.names...)
	}
	return f
}

// header is the column's heading as the file wrote it, or its two names
// when the file lacks it.
func (f *peerFile) header(field string) string {
	if i := f.idx[field]; i >= 0 {
		return f.t.Header[i]
	}
	for _, c := range columns {
		if c.field == field {
			return bothNames(c.names)
		}
	}
	return field
}

func (f *peerFile) problem(line int, field string, msg i18n.Msg) {
	f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: line, Column: f.header(field), Msg: msg})
}

func (f *peerFile) refusal() error {
	sortProblems(f.problems.Rows)
	return f.problems.Err(f.t.File)
}

// bothNames is a column's Chinese and English header, "成员/member".
func bothNames(names []string) string { return names[0] + "/" + names[len(names)-1] }

// parse reads every row, reporting what is wrong with each on its own
// and where it disagrees with the rows before it, and gathers the rows
// by group. Once the problems kept are full, the file is refused whatever
// follows: the groups are let go and only each further row's own problems
// are counted, the checks that need every row (between rows, against
// what is stored) left out. err is the reader's, when the file breaks
// further down.
func (f *peerFile) parse() error {
	for _, need := range []string{"group", "member", "code"} {
		if f.idx[need] < 0 {
			f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: 1, Msg: i18n.M("import.missing_column", f.header(need))})
		}
	}
	if f.idx["year"] < 0 && f.year == 0 {
		f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: 1, Msg: i18n.M("peers.err.year_column")})
	}
	if f.problems.Total > 0 {
		return nil
	}
	f.byKey = map[groupKey]*fileGroup{}
	defer func() { f.byKey = nil }()
	for r, err := range f.t.All() {
		if err != nil {
			return err
		}
		row := f.parseRow(r)
		switch {
		case f.problems.Full():
			f.leaveOut()
		case row != nil:
			f.rows++
			f.assemble(row)
		}
	}
	if f.rows == 0 && f.problems.Total == 0 {
		f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: 2, Msg: i18n.M("import.no_rows")})
	}
	return nil
}

// leaveOut lets go of the groups gathered so far, once the problems kept
// are full: the file is refused, and the checks between rows and against
// what is stored, which need them, are left out, so that the count of
// problems is a floor.
func (f *peerFile) leaveOut() {
	f.groups, f.byKey = nil, nil
	f.problems.Partial = true
}

// cell is the row's text in the column of field.
func (f *peerFile) cell(r xlsx.Row, field string) string { return r.Cell(f.idx[field]) }

func (f *peerFile) parseRow(r xlsx.Row) *fileRow {
	row := &fileRow{line: r.Line, year: f.year, group: f.cell(r, "group"), member: f.cell(r, "member"),
		code: f.cell(r, "code"), value: f.cell(r, "value")}
	bad := func(field, key string, args ...any) { f.problem(r.Line, field, i18n.M(key, args...)) }
	// A row that cannot be placed in a group, member and indicator is left
	// out of the checks that follow; any other problem is reported and the
	// row still declares what it can, so that one slip is not reported twice.
	placed := true
	if v := f.cell(r, "year"); v != "" {
		y, err := strconv.Atoi(strings.TrimSuffix(v, "年"))
		switch {
		case err != nil || y < 2000 || y > 2100:
			bad("year", "peers.err.year_value", v)
			placed = f.year != 0
		case f.year != 0 && y != f.year:
			bad("year", "peers.err.year_other", y, f.year)
		default:
			row.year = y
		}
	} else if f.year == 0 {
		bad("year", "peers.err.blank")
		placed = false
	}
	for _, c := range [][2]string{{"group", row.group}, {"member", row.member}} {
		if err := text(c[0], c[1], maxName, true); err != nil {
			bad(c[0], err.Key, err.Args...)
			placed = false
		}
	}
	if !validCode(row.code) {
		bad("code", "peers.err.code", row.code)
		placed = false
	}
	f.parseLevel(r, row, bad)
	f.parseIndicator(r, row, bad)
	row.note = Note{Period: f.cell(r, "period"), Source: f.cell(r, "source")}
	if err := row.note.Validate(); err != nil {
		bad(err.Field, err.Key, err.Args...)
	}
	if !placed {
		return nil
	}
	return row
}

func (f *peerFile) parseLevel(r xlsx.Row, row *fileRow, bad func(string, string, ...any)) {
	if v := f.cell(r, "level"); v != "" {
		row.levelText = v
		level, ok := ParseLevel(v)
		if !ok {
			bad("level", "peers.err.level", v)
			row.unread = append(row.unread, "level")
		}
		row.level = level
	}
	if v := f.cell(r, "zone"); v != "" {
		zone, ok := parseYesNo(v)
		if !ok {
			bad("zone", "import.not_yes_no", v)
			row.unread = append(row.unread, "zone")
		}
		row.zone = zone
	}
}

func (f *peerFile) parseIndicator(r xlsx.Row, row *fileRow, bad func(string, string, ...any)) {
	row.ind = IndicatorFields{Code: row.code, Name: f.cell(r, "name"), UOM: f.cell(r, "uom"), PlanCode: f.cell(r, "plan_code")}
	if v := f.cell(r, "direction"); v != "" {
		row.dirText = v
		dir, ok := ParseDirection(v)
		if !ok {
			bad("direction", "peers.err.direction", v)
			row.unread = append(row.unread, "direction")
		}
		row.ind.Direction = dir
	}
	if err := text("name", row.ind.Name, maxName, false); err != nil {
		bad("name", err.Key, err.Args...)
	}
	if err := text("uom", row.ind.UOM, maxUOM, false); err != nil {
		bad("uom", err.Key, err.Args...)
	}
	if row.ind.PlanCode != "" && !validCode(row.ind.PlanCode) {
		bad("plan_code", "peers.err.code", row.ind.PlanCode)
	}
}

func parseYesNo(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "是", "本区", "yes", "y", "true", "1", "√":
		return true, true
	case "否", "no", "n", "false", "0":
		return false, true
	}
	return false, false
}
