package project

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/i18n"
	"gaoxin/internal/quantity"
	"gaoxin/internal/xlsx"
)

// ledgerRow is one row of a ledger as the file gives it, before it is
// matched to units, categories and stored projects.
type ledgerRow struct {
	line        int
	code        string
	p           Project // the record's fields; units and category still as written
	lead        string
	cooperators []string
	planned     float64
	before      float64
	goal        string
	dates       map[Stage]string // stage columns of the file; "" clears a planned date
	bad         map[string]bool  // fields with a problem
}

func (r *ledgerRow) ok() bool { return len(r.bad) == 0 }

// parse reads one row, noting every problem it has on its own and a code
// an earlier row of the file already gave.
func (f *ledger) parse(r xlsx.Row) *ledgerRow {
	row := &ledgerRow{line: r.Line, dates: map[Stage]string{}, bad: map[string]bool{}}
	f.parseRow(row, r)
	f.checkCode(row)
	return row
}

// checkCode refuses a code given twice in the file. Once the problems
// kept are full, the file is refused whatever follows, so the codes of
// later rows are no longer kept: a row repeating one of them goes
// unnoticed, and checkRow marks the count a floor.
func (f *ledger) checkCode(row *ledgerRow) {
	if row.code == "" {
		return
	}
	if first, dup := f.codes[row.code]; dup {
		f.rowBad(row, "code", "import.duplicate_code", row.code, first)
	} else if !f.problems.Full() {
		f.codes[strings.Clone(row.code)] = row.line // not the whole line of text the code was cut from
	}
}

func (f *ledger) rowBad(row *ledgerRow, field, key string, args ...any) {
	row.bad[field] = true
	f.bad(row.line, f.header(field), key, args...)
}

func (f *ledger) parseRow(row *ledgerRow, r xlsx.Row) {
	cell := func(field string) string {
		if i, ok := f.col[field]; ok {
			return r.Cell(i)
		}
		return ""
	}
	for _, c := range ledgerColumns {
		if c.required && cell(c.field) == "" {
			f.rowBad(row, c.field, "projectio.err.required")
		}
	}
	row.code = cell("code")
	if utf8.RuneCountInString(row.code) > 32 {
		f.rowBad(row, "code", "project.err.code")
	}
	p := &row.p
	p.Code, p.Name, p.Category = row.code, cell("name"), cell("category")
	if utf8.RuneCountInString(p.Name) > 200 {
		f.rowBad(row, "name", "project.err.name")
	}
	p.Cluster, p.Leader, p.Investor = cell("cluster"), cell("leader"), cell("investor")
	p.Location, p.Content, p.Capacity = cell("location"), cell("content"), cell("capacity")
	p.Tags = splitList(cell("tags"))
	row.lead, row.cooperators, row.goal = cell("lead_unit"), splitList(cell("cooperators")), cell("progress_goal")
	if text := cell("level"); text != "" {
		level, ok := parseLevel(text)
		if !ok {
			f.rowBad(row, "level", "projectio.err.level", text)
		}
		p.Level = level
	}
	f.parseAmounts(row, cell)
	f.parseYears(row, cell)
	for _, sc := range f.stages {
		text := r.Cell(sc.index)
		day, ok := parseDate(text)
		if !ok {
			row.bad["planned_on"] = true
			f.bad(row.line, f.t.Header[sc.index], "projectio.err.date", text)
		}
		row.dates[sc.stage] = day
	}
}

func (f *ledger) parseAmounts(row *ledgerRow, cell func(string) string) {
	for _, a := range []struct {
		field string
		into  *float64
	}{{"total_investment", &row.p.TotalInvestment}, {"planned_investment", &row.planned}, {"invested_before", &row.before}} {
		text := cell(a.field)
		if text == "" {
			continue
		}
		v, verr := f.amount(a.field, text)
		if verr != nil {
			f.rowBad(row, a.field, verr.Key, verr.Args...)
			continue
		}
		*a.into = v
	}
	if !row.bad["total_investment"] && cell("total_investment") != "" && row.p.TotalInvestment <= 0 {
		f.rowBad(row, "total_investment", "project.err.total")
	}
}

func (f *ledger) parseYears(row *ledgerRow, cell func(string) string) {
	p := &row.p
	for _, y := range []struct {
		field string
		into  *int
	}{{"start_year", &p.StartYear}, {"end_year", &p.EndYear}} {
		text := cell(y.field)
		if text == "" {
			continue
		}
		v, ok := parseYear(text)
		switch {
		case !ok:
			f.rowBad(row, y.field, "projectio.err.year", text)
		case v < 2000 || v > 2100:
			f.rowBad(row, y.field, "project.err.years")
		}
		*y.into = v
	}
	if row.bad["start_year"] || row.bad["end_year"] || p.StartYear == 0 || p.EndYear == 0 {
		return
	}
	switch {
	case p.EndYear < p.StartYear:
		f.rowBad(row, "end_year", "project.err.years")
	case f.year < p.StartYear:
		f.rowBad(row, "start_year", "project.err.year_outside", f.year, p.StartYear, p.EndYear)
	case f.year > p.EndYear:
		f.rowBad(row, "end_year", "project.err.year_outside", f.year, p.StartYear, p.EndYear)
	}
}

// parseYear reads 2019 or 2019年.
func parseYear(text string) (int, bool) {
	v, verr := quantity.Parse(text, "年")
	if verr != nil || v != math.Trunc(v) || strings.ContainsAny(text, ",，.") {
		return 0, false
	}
	return int(v), true
}

// parseLevel reads a level by its code, its name in either language, or
// the short 省级, 市级, 区级.
func parseLevel(text string) (Level, bool) {
	text = strings.TrimSpace(text)
	for _, l := range Levels {
		key := "project.level." + string(l)
		short := strings.TrimSuffix(i18n.T(i18n.ZH, key), "重点") + "级"
		if strings.EqualFold(text, string(l)) || text == i18n.T(i18n.ZH, key) || strings.EqualFold(text, i18n.T(i18n.EN, key)) || text == short {
			return l, true
		}
	}
	return "", false
}

var (
	// 2019-05-31, 2019/5/31, 2019.5.31, 2019年5月31日, maybe with a midnight time.
	dateYMD = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+0?0:00(?::00)?)?$`)
	// 05-31-19: how a date cell in Excel's built-in date format reads.
	dateMDY = regexp.MustCompile(`^(\d{2})-(\d{2})-(\d{2})$`)
	// 43616: a date cell whose format the reader does not render.
	dateSerial = regexp.MustCompile(`^\d{5}$`)
)

// parseDate reads a date as offices and Excel write it into 2006-01-02;
// "" stays "".
func parseDate(text string) (string, bool) {
	text = foldDigits(strings.TrimSpace(text))
	if text == "" {
		return "", true
	}
	var y, m, d int
	if g := dateYMD.FindStringSubmatch(text); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := dateMDY.FindStringSubmatch(text); g != nil {
		y, m, d = 2000+atoi(g[3]), atoi(g[1]), atoi(g[2])
	} else if dateSerial.MatchString(text) {
		n, _ := strconv.Atoi(text)
		if n < 36526 || n > 73050 { // 2000-01-01 … 2099-12-31
			return "", false
		}
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format(dateLayout), true
	} else {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d || y < 2000 || y > 2100 {
		return "", false
	}
	return t.Format(dateLayout), true
}

// foldDigits turns full-width digits into ASCII ones.
func foldDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}
