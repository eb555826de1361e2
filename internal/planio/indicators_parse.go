package planio

import (
	"strconv"

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
	records  []record
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

// indicatorParser collects every problem of an indicator file.
type indicatorParser struct {
	s        *sheet
	st       *planState
	problems []i18n.RowError
	absent   map[string]bool // columns already reported missing
}

func (p *indicatorParser) bad(line int, name, key string, args ...any) {
	p.problems = append(p.problems, p.s.problem(line, name, i18n.M(key, args...)))
}

// parseIndicators groups the records by indicator code, in the order the
// codes first appear, and checks them against the plan and the units.
func parseIndicators(s *sheet, st *planState) ([]*spec, []i18n.RowError) {
	p := &indicatorParser{s: s, st: st, absent: map[string]bool{}}
	byCode := map[string]*spec{}
	var specs []*spec
	for _, r := range s.records {
		code := r.cells["code"]
		if code == "" {
			p.bad(r.line, "code", "plan.err.code")
			continue
		}
		sp := byCode[code]
		if sp == nil {
			sp = &spec{code: code}
			byCode[code] = sp
			specs = append(specs, sp)
		}
		sp.records = append(sp.records, r)
	}
	for _, sp := range specs {
		p.describe(sp, describer(sp.records))
		p.unitRows(sp)
	}
	return specs, p.problems
}

// describer is the row whose indicator columns count: the zone's row when
// there is one, else the first. Other rows only share the indicator out
// and set targets, so a unit's row may repeat the name or leave it out.
func describer(records []record) record {
	for _, r := range records {
		if r.cells["unit"] == "" {
			return r
		}
	}
	return records[0]
}

// unitRows resolves the unit of every row of an indicator and reads its
// targets in the indicator's unit of measure.
func (p *indicatorParser) unitRows(sp *spec) {
	seen := map[string]int{}
	for _, r := range sp.records {
		ur := unitRow{line: r.line}
		code := r.cells["unit"]
		if first, dup := seen[code]; dup {
			if code == "" {
				p.bad(r.line, "unit", "planio.repeated_zone", sp.code, first)
			} else {
				p.bad(r.line, "unit", "planio.repeated_unit", sp.code, code, first)
			}
			continue
		}
		seen[code] = r.line
		if code != "" {
			u, ok := p.st.units[code]
			switch {
			case !ok:
				p.bad(r.line, "unit", "planio.unknown_unit", code)
			case !u.Active:
				p.bad(r.line, "unit", "planio.inactive_unit", code)
			}
			ur.unit = u
		}
		ur.target = p.targets(r, sp.fields.UOM)
		sp.rows = append(sp.rows, ur)
	}
}

func (p *indicatorParser) targets(r record, uom string) targetFields {
	var t targetFields
	t.committed = p.number(r, "committed", uom)
	t.stretch = p.number(r, "stretch", uom)
	t.baseline = p.number(r, "baseline", uom)
	if v := r.cells["target_year"]; v != "" {
		y, err := strconv.Atoi(v)
		switch {
		case err != nil:
			p.bad(r.line, "target_year", "import.not_integer", v)
		case y < p.st.year:
			p.bad(r.line, "target_year", "target.err.year")
		default:
			t.targetYear = y
		}
	}
	return t
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
		p.problems = append(p.problems, p.s.problem(r.line, name, verr.Msg))
		return nil
	}
	return &x
}
