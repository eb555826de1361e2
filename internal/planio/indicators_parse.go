package planio

import (
	"sort"
	"strconv"
	"strings"

	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/quantity"
)

// spec is what a file says of one indicator.
type spec struct {
	code     string
	line     int // the row that describes the indicator
	existing *plan.Indicator
	fields   plan.Indicator // the indicator as it will be, but for its plan and node
	path     []string       // its node path; nil keeps the node it has
	rows     []unitRow
}

// unitRow is one row of an indicator: the zone's own or a unit's, with the
// target fields it gives.
type unitRow struct {
	line   int
	unit   org.Unit // the zero Unit for the zone's row
	target targetFields
}

// targetFields are the target cells of one row; nil and 0 mean not given.
type targetFields struct {
	committed, stretch, baseline *float64
	targetYear                   int
}

func (t targetFields) given() bool {
	return t.committed != nil || t.stretch != nil || t.baseline != nil || t.targetYear != 0
}

// indicatorParser collects every problem of an indicator file, reading it
// a row at a time.
//
// What a row's checks need of the rows before it (its indicator's place
// and unit of measure, the units it was already shared to) is kept only
// while the list of problems has room; once it is full, each row is
// checked alone, to count, and the count is a floor. What is written is
// kept only while the file has no problem.
type indicatorParser struct {
	s        *sheet
	st       *planState
	problems i18n.ProblemList
	absent   map[string]bool // columns already reported missing
	// lateZone holds the indicators whose zone row, the row that
	// describes them, comes after another of their rows, with the unit of
	// measure that row gives (see findLateZones).
	lateZone map[string]string
	codes    map[string]*codeState
	units    map[string]int // indicator and unit → the row that gave them first
	specs    []*spec        // in the order their codes first appear; nil once the file has a problem
}

// codeState is what the checks of an indicator's rows need of the rows
// before them.
type codeState struct {
	order     int    // its place among the file's indicators, and in specs
	described bool   // the row that describes it has been read
	uom       string // the unit of measure its targets are read in, once known
}

func (p *indicatorParser) bad(line int, name, key string, args ...any) {
	p.problems.Add(p.s.problem(line, name, i18n.M(key, args...)))
}

// parseIndicators reads the file's rows and checks them against the plan
// and the units, each as it comes, grouping them by indicator code in the
// order the codes first appear.
func parseIndicators(s *sheet, st *planState) ([]*spec, *i18n.ProblemList, error) {
	p := &indicatorParser{s: s, st: st, absent: map[string]bool{}, codes: map[string]*codeState{}, units: map[string]int{}}
	if err := p.findLateZones(); err != nil {
		return nil, nil, err
	}
	for recs, err := range s.records() {
		if err != nil {
			return nil, nil, err
		}
		p.row(recs)
	}
	return p.specs, &p.problems, nil
}

// findLateZones reads the file once to find the indicators whose zone row
// comes after another of their rows: those rows' targets are read in the
// unit of measure the zone row gives, before it is reached. The codes of
// the rows met are remembered in a keySet, so that only the zone row of a
// code that may have been met before is remembered, and a file of a
// million codes costs no more than one of ten.
func (p *indicatorParser) findLateZones() error {
	met := newKeySet()
	p.lateZone = map[string]string{}
	for recs, err := range p.s.records() {
		if err != nil {
			return err
		}
		for _, r := range recs {
			code := r.cells["code"]
			switch _, late := p.lateZone[code]; {
			case code == "" || late:
			case r.cells["unit"] != "":
				met.add(code)
			case met.has(code):
				p.lateZone[strings.Clone(code)] = strings.Clone(r.cells["uom"])
			}
		}
	}
	return nil
}

// row checks the records of one row of the file. A mapping may make
// several of one row; their problems are found in the order the whole file
// read indicator by indicator would give: indicators in the order their
// codes first appear, and of each, the row that describes it first.
func (p *indicatorParser) row(recs []record) {
	var coded []record
	for _, r := range recs {
		switch {
		case r.cells["code"] == "":
			p.bad(r.line, "code", "plan.err.code")
		case p.problems.Full():
			p.alone(r)
		default:
			p.stateOf(r.cells["code"])
			coded = append(coded, r)
		}
	}
	order := func(r record) int { return p.codes[r.cells["code"]].order }
	sort.SliceStable(coded, func(i, j int) bool { return order(coded[i]) < order(coded[j]) })
	for len(coded) > 0 {
		n := 1
		for n < len(coded) && order(coded[n]) == order(coded[0]) {
			n++
		}
		p.indicatorRows(p.codes[coded[0].cells["code"]], coded[:n])
		coded = coded[n:]
	}
}

// stateOf is what the rows before have said of an indicator, its state
// made on its first row.
func (p *indicatorParser) stateOf(code string) *codeState {
	if cs := p.codes[code]; cs != nil {
		return cs
	}
	cs := &codeState{order: len(p.codes)}
	if uom, late := p.lateZone[code]; late {
		cs.uom = p.uomOf(code, uom)
	}
	p.codes[strings.Clone(code)] = cs
	if p.problems.Total == 0 {
		p.specs = append(p.specs, &spec{code: code})
	}
	return cs
}

// uomOf is the unit of measure of an indicator whose describing row gives
// uom: that, or else the one the plan has.
func (p *indicatorParser) uomOf(code, uom string) string {
	if uom == "" {
		uom = p.st.indicators[code].UOM
	}
	return uom
}

// specOf is the indicator of cs to write, or nil once the file has a
// problem: it is refused whatever follows, and nothing more is kept.
func (p *indicatorParser) specOf(cs *codeState) *spec {
	if p.problems.Total > 0 {
		p.specs = nil
		return nil
	}
	return p.specs[cs.order]
}

// indicatorRows checks one row's records of an indicator: the one that
// describes it first, as its unit of measure reads the targets of all.
func (p *indicatorParser) indicatorRows(cs *codeState, recs []record) {
	for _, r := range recs {
		if p.describes(cs, r) && !p.problems.Full() {
			p.describeRow(cs, r)
			break
		}
	}
	for _, r := range recs {
		if p.problems.Full() {
			p.alone(r)
		} else {
			p.unitRow(cs, r)
		}
	}
}

// describes reports whether r is the row whose indicator columns count:
// the zone's row when there is one, else the first. Other rows only share
// the indicator out and set targets, so a unit's row may repeat the name
// or leave it out.
func (p *indicatorParser) describes(cs *codeState, r record) bool {
	if cs.described {
		return false
	}
	_, late := p.lateZone[r.cells["code"]]
	return !late || r.cells["unit"] == ""
}

// describeRow checks the indicator r describes.
func (p *indicatorParser) describeRow(cs *codeState, r record) {
	code := r.cells["code"]
	sp := p.specOf(cs)
	if sp == nil {
		sp = &spec{code: code}
	}
	p.describe(sp, r)
	cs.described, cs.uom = true, sp.fields.UOM
}

// unitRow resolves the unit of one row of an indicator and reads its
// targets in the indicator's unit of measure.
func (p *indicatorParser) unitRow(cs *codeState, r record) {
	code, unit := r.cells["code"], r.cells["unit"]
	key := code + "\x00" + unit
	if first, dup := p.units[key]; dup {
		if unit == "" {
			p.bad(r.line, "unit", "planio.repeated_zone", code, first)
		} else {
			p.bad(r.line, "unit", "planio.repeated_unit", code, unit, first)
		}
		return
	}
	p.units[key] = r.line
	ur := unitRow{line: r.line}
	if unit != "" {
		var msg *i18n.Msg
		if ur.unit, msg = p.unitOf(unit); msg != nil {
			p.problems.Add(p.s.problem(r.line, "unit", *msg))
		}
	}
	ur.target = p.targets(r, cs.uom)
	if sp := p.specOf(cs); sp != nil {
		sp.rows = append(sp.rows, ur)
	}
}

// unitOf finds a row's unit, and says what is wrong with it.
func (p *indicatorParser) unitOf(code string) (org.Unit, *i18n.Msg) {
	u, ok := p.st.units[code]
	var msg i18n.Msg
	switch {
	case !ok:
		msg = i18n.M("planio.unknown_unit", code)
	case !u.Active:
		msg = i18n.M("planio.inactive_unit", code)
	default:
		return u, nil
	}
	return u, &msg
}

// alone counts a row once the list of problems is full: the checks that
// need the rows before it are left out, and of the rest one problem is
// counted at most, since were the row a repeat, the repeat would be its
// only problem. The count is a floor.
func (p *indicatorParser) alone(r record) {
	p.problems.Partial = true
	if unit := r.cells["unit"]; unit != "" {
		if _, msg := p.unitOf(unit); msg != nil {
			p.problems.Add(p.s.problem(r.line, "unit", *msg))
			return
		}
	}
	if _, msg := p.targetYear(r.cells["target_year"]); msg != nil {
		p.problems.Add(p.s.problem(r.line, "target_year", *msg))
	}
}

func (p *indicatorParser) targets(r record, uom string) targetFields {
	var t targetFields
	t.committed = p.number(r, "committed", uom)
	t.stretch = p.number(r, "stretch", uom)
	t.baseline = p.number(r, "baseline", uom)
	year, msg := p.targetYear(r.cells["target_year"])
	if msg != nil {
		p.problems.Add(p.s.problem(r.line, "target_year", *msg))
	}
	t.targetYear = year
	return t
}

// targetYear reads a target year, 0 when not given, and says what is
// wrong with it.
func (p *indicatorParser) targetYear(v string) (int, *i18n.Msg) {
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	var msg i18n.Msg
	switch {
	case err != nil:
		msg = i18n.M("import.not_integer", v)
	case y < p.st.year:
		msg = i18n.M("target.err.year")
	default:
		return y, nil
	}
	return 0, &msg
}

// number reads a figure as offices write it (1,204 · 3.5亿元 · 92%) in the
// indicator's unit; an empty cell is no value.
func (p *indicatorParser) number(r record, name, uom string) *float64 {
	v := r.cells[name]
	if v == "" {
		return nil
	}
	x, verr := quantity.Parse(v, uom)
	if verr != nil {
		p.problems.Add(p.s.problem(r.line, name, verr.Msg))
		return nil
	}
	return &x
}
