package enterprise

import (
	"context"
	"strconv"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// ImportSummary counts what an import did.
type ImportSummary struct {
	Created, Updated, Unchanged int
	Tiers                       int // grants added
	Years                       int // firms whose figures of the year were set
}

// importColumn is a column of an office's register: the field it fills
// and the headers it may carry, Chinese first, English last.
type importColumn struct {
	field    string
	names    []string
	required bool
}

var importColumns = []importColumn{
	{"credit_code", []string{"统一社会信用代码", "信用代码", "credit_code"}, true},
	{"name", []string{"企业名称", "名称", "name"}, true},
	{"unit", []string{"所属单位", "所属街道", "所属园区", "unit"}, true},
	{"industry", []string{"行业", "所属行业", "industry"}, false},
	{"address", []string{"地址", "注册地址", "address"}, false},
	{"revenue", []string{"营业收入（万元）", "营业收入", "revenue"}, false},
	{"employees", []string{"从业人员", "从业人数", "employees"}, false},
	{"rd_spend", []string{"研发投入（万元）", "研发投入", "rd_spend"}, false},
	{"patents", []string{"专利数", "有效专利", "patents"}, false},
	{"hightech_expires", []string{"高新证书有效期至", "hightech_expires"}, false},
}

// tierColumns name, for each tier, the column holding the day it was
// granted: "高新技术企业认定日期" or the tier's name alone.
var tierColumnNames = map[Kind][]string{
	HighTech:       {"高新技术企业认定日期", "高新技术企业", "hightech"},
	Gazelle:        {"瞪羚企业认定日期", "瞪羚企业", "gazelle"},
	HiddenChampion: {"隐形冠军认定日期", "隐形冠军", "hidden_champion"},
	ChampionPool:   {"隐形冠军后备入库日期", "隐形冠军后备", "champion_pool"},
	SingleChampion: {"制造业单项冠军认定日期", "制造业单项冠军", "single_champion"},
	AboveScale:     {"规上入库日期", "规模以上", "above_scale"},
	OverHundredM:   {"过亿元日期", "主营业务收入过亿元", "over_100m"},
}

// TierColumn is the header of a tier's grant date in a register file,
// as an export writes it and an import reads it back.
func TierColumn(k Kind) string { return tierColumnNames[k][0] }

// ExpiryColumn is the header of the high-tech certificate's expiry.
const ExpiryColumn = "高新证书有效期至"

// register is a file being imported.
type register struct {
	t        *xlsx.Table
	year     int
	col      map[string]int
	tierCol  map[Kind]int
	problems i18n.ProblemList
}

// registerRow is one row read and checked.
type registerRow struct {
	line   int
	file   Enterprise // the firm as the file gives it
	e      Enterprise // as the import writes it, planned afresh from file
	y      *Year
	grants []Tier
}

// Import reads an office's register of firms (xlsx or CSV, UTF-8 or
// GB18030; see docs/IMPORT.md): each row creates the firm with its credit
// code or updates it, sets its figures of year when the row has any, and
// adds the tiers whose grant dates the row gives and the firm does not
// hold yet. All or nothing: every problem of the file, named by row and
// column, refuses it, and nothing is written. What the registry holds of
// the file's firms is read once, the rows are written in multi-row
// statements, and one audit entry records what the file did (importAudit).
// The file is read a row at a time, so that a refused one costs little
// more memory than the problems it shows.
func (s *Store) Import(ctx context.Context, who audit.Actor, year int, file xlsx.File) (ImportSummary, error) {
	t, err := file.Table()
	if err != nil {
		return ImportSummary{}, err // the reader's refusal, in the user's language
	}
	defer t.Close()
	f := &register{t: t, year: year, col: map[string]int{}, tierCol: map[Kind]int{}}
	if !f.findColumns() {
		return ImportSummary{}, f.refusal()
	}
	units, err := unitRefs(ctx, s.db)
	if err != nil {
		return ImportSummary{}, err
	}
	rows, err := f.parse(units)
	if err != nil {
		return ImportSummary{}, err // broken further down than its header
	}
	parsed := f.problems
	var sum ImportSummary
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		sum, f.problems = ImportSummary{}, parsed // a retried transaction plans afresh
		if f.problems.Total > 0 {
			return f.refusal()
		}
		reg, err := readRegistered(ctx, tx, rows, year)
		if err != nil {
			return err
		}
		p := s.plan(f, rows, reg)
		if f.problems.Total > 0 {
			return f.refusal()
		}
		if err := p.write(ctx, tx); err != nil {
			return err
		}
		if err := p.record(ctx, tx, who, f, file); err != nil {
			return err
		}
		sum = p.sum
		return s.refresh(ctx, tx, who) // once for the whole file
	})
	return sum, err
}

func (f *register) findColumns() bool {
	for _, c := range importColumns {
		if i := f.t.Column(c.names...); i >= 0 {
			f.col[c.field] = i
		} else if c.required {
			f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: 1,
				Msg: i18n.M("enterprise.err.column", c.names[0], c.names[len(c.names)-1])})
		}
	}
	for _, k := range Kinds {
		if i := f.t.Column(tierColumnNames[k]...); i >= 0 {
			f.tierCol[k] = i
		}
	}
	return f.problems.Total == 0
}

func (f *register) header(field string) string { return f.t.Header[f.col[field]] }

func (f *register) bad(line int, column, key string, args ...any) {
	f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: line, Column: column, Msg: i18n.M(key, args...)})
}

func (f *register) badErr(line int, field string, verr *i18n.Error) {
	column := ""
	if i, ok := f.col[field]; ok {
		column = f.t.Header[i]
	}
	f.problems.Add(i18n.RowError{Sheet: f.t.Sheet, Row: line, Column: column, Msg: verr.Msg})
}

func (f *register) refusal() error { return f.problems.Err(f.t.File) }

// parse checks every row without the database but for the units. A file
// with a problem is refused whatever its other rows hold, so its rows are
// kept only while it has none; after that each row is checked only to
// count its problems.
func (f *register) parse(units map[string]int64) ([]*registerRow, error) {
	seen := map[string]int{} // the line each credit code was first given on
	var out []*registerRow
	for row, err := range f.t.All() {
		if err != nil {
			return nil, err
		}
		r := f.parseRow(row, units, seen)
		if f.problems.Total > 0 {
			out = nil
			continue
		}
		r.file = r.e
		out = append(out, r)
	}
	return out, nil
}

// parseRow reads and checks one row.
func (f *register) parseRow(row xlsx.Row, units map[string]int64, seen map[string]int) *registerRow {
	cell := func(field string) string {
		if i, ok := f.col[field]; ok {
			return row.Cell(i)
		}
		return ""
	}
	r := &registerRow{line: row.Line, e: Enterprise{Name: cell("name"), Industry: cell("industry"), Address: cell("address")}}
	r.e.CreditCode = f.parseCode(row.Line, cell("credit_code"), seen)
	if unit := cell("unit"); unit == "" {
		f.bad(row.Line, f.header("unit"), "enterprise.err.unit")
	} else if id, ok := units[unit]; !ok {
		f.bad(row.Line, f.header("unit"), "enterprise.err.unit_unknown", unit)
	} else {
		r.e.UnitID = id
	}
	if r.e.Name == "" {
		f.bad(row.Line, f.header("name"), "enterprise.err.name")
	}
	f.parseYear(row.Line, cell, r)
	f.parseTiers(row, cell("hightech_expires"), r)
	return r
}

// parseCode reads the row's credit code; a code twice in the file is named
// at its second row. Once the problems kept are full, the codes of further
// rows are no longer remembered, lest a file of a million wrong rows hold
// a million codes: a code given twice down there goes uncounted, and the
// count is a floor.
func (f *register) parseCode(line int, text string, seen map[string]int) string {
	code, verr := ParseCreditCode(text)
	switch first, dup := seen[code]; {
	case verr != nil:
		f.badErr(line, "credit_code", verr)
	case dup:
		f.bad(line, f.header("credit_code"), "enterprise.err.code_twice", code, first)
	case f.problems.Full():
		f.problems.Partial = true
	default:
		seen[code] = line
	}
	return code
}

// parseYear reads the row's figures of the file's year, if it has any.
func (f *register) parseYear(line int, cell func(string) string, r *registerRow) {
	y := Year{Year: f.year}
	given := false
	num := func(field string, dst **float64) {
		text := strings.ReplaceAll(cell(field), ",", "")
		if text == "" {
			return
		}
		v, err := strconv.ParseFloat(text, 64)
		if err != nil || v < 0 {
			f.bad(line, f.header(field), "enterprise.err.number", cell(field))
			return
		}
		*dst, given = &v, true
	}
	count := func(field string, dst **int) {
		text := strings.ReplaceAll(cell(field), ",", "")
		if text == "" {
			return
		}
		v, err := strconv.Atoi(text)
		if err != nil || v < 0 {
			f.bad(line, f.header(field), "enterprise.err.count", cell(field))
			return
		}
		*dst, given = &v, true
	}
	num("revenue", &y.Revenue)
	num("rd_spend", &y.RDSpend)
	count("employees", &y.Employees)
	count("patents", &y.Patents)
	if given {
		if f.year == 0 {
			f.bad(line, "", "enterprise.err.import_year")
			return
		}
		r.y = &y
	}
}

// parseTiers reads the grant dates the row gives.
func (f *register) parseTiers(row xlsx.Row, expires string, r *registerRow) {
	for _, k := range Kinds {
		i, ok := f.tierCol[k]
		if !ok {
			continue
		}
		text := row.Cell(i)
		if text == "" {
			continue
		}
		day, ok := readDate(text)
		if !ok {
			f.bad(row.Line, f.t.Header[i], "enterprise.err.date", text)
			continue
		}
		t := Tier{Kind: k, GrantedOn: day}
		if k == HighTech && expires != "" {
			if t.ExpiresOn, ok = readDate(expires); !ok {
				f.bad(row.Line, f.header("hightech_expires"), "enterprise.err.date", expires)
				continue
			}
		}
		r.grants = append(r.grants, t)
	}
}

// readDate reads 2019-05-31, 2019/5/31 or 2019.5.31.
func readDate(text string) (string, bool) {
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) != 3 {
		return "", false
	}
	y, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	d, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return "", false
	}
	day := strconv.Itoa(y) + "-" + pad(m) + "-" + pad(d)
	return day, isDate(day)
}

func pad(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// unitRefs finds a unit by its code or its full name.
func unitRefs(ctx context.Context, q db.Querier) (map[string]int64, error) {
	rows, err := q.Query(ctx, "SELECT id, code, name FROM units WHERE active")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var code, name string
		if err := rows.Scan(&id, &code, &name); err != nil {
			return nil, err
		}
		out[code], out[name] = id, id
	}
	return out, rows.Err()
}
