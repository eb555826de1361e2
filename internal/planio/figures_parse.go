package planio

import (
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/quantity"
	"gaoxin/internal/report"
)

// figureParser collects every problem of a figure file. What it holds of
// the rows for its checks is bounded by the plan, not by the file: a
// repeat is an assignment and a month, a target profile an assignment. So
// every check runs to the file's end, and a count past the problems kept
// is exact.
type figureParser struct {
	s        *sheet
	st       *figureState
	problems i18n.ProblemList
	seen     map[[2]int64]int // assignment and month → the row that gave it
	targets  map[int64]*monthTargets
	order    []int64                // assignments in the order their first target appears
	batches  map[int][]report.Entry // each month's entries; nil once the file has a problem
}

func (p *figureParser) bad(line int, name, key string, args ...any) {
	p.problems.Add(p.s.problem(line, name, i18n.M(key, args...)))
}

// parse reads the file, checking every row and putting its entry in its
// month's batch. Once the file has a problem it is refused whatever
// follows, and the entries, needed only to write, are let go.
func (p *figureParser) parse() error {
	p.batches = map[int][]report.Entry{}
	for recs, err := range p.s.records() {
		if err != nil {
			return err
		}
		for _, r := range recs {
			e, month, ok := p.row(r)
			switch {
			case p.problems.Total > 0:
				p.batches = nil
			case ok:
				p.batches[month] = append(p.batches[month], e)
			}
		}
	}
	return nil
}

// row checks one row; every problem of it is reported, not only the first.
func (p *figureParser) row(r record) (report.Entry, int, bool) {
	in, okIn := p.indicator(r)
	asg, okAsg := p.assignment(r, in, okIn)
	month, okMonth := p.month(r, in, okIn)
	var value *float64
	if okIn { // without the indicator there is no unit of measure to read it in
		value = p.number(r, "value", in.UOM)
	}
	if r.cells["value"] == "" {
		p.bad(r.line, "value", "figure.err.missing")
	}
	if !okAsg || !okMonth {
		return report.Entry{}, 0, false
	}
	key := [2]int64{asg.ID, int64(month)}
	if first, dup := p.seen[key]; dup {
		p.bad(r.line, "month", "planio.repeated_figure", in.Code, r.cells["unit"], month, first)
		return report.Entry{}, 0, false
	}
	p.seen[key] = r.line
	if per, ok := p.st.periods[month]; ok && per.Locked {
		p.bad(r.line, "month", "planio.period_locked", month)
	}
	p.monthTargets(r, asg, month, in.UOM)
	if value == nil {
		return report.Entry{}, 0, false
	}
	return report.Entry{AssignmentID: asg.ID, Value: value, Explanation: r.cells["explanation"]}, month, true
}

func (p *figureParser) indicator(r record) (plan.Indicator, bool) {
	code := r.cells["code"]
	in, ok := p.st.indicators[code]
	switch {
	case code == "":
		p.bad(r.line, "code", "plan.err.code")
	case !ok:
		p.bad(r.line, "code", "planio.unknown_indicator", p.st.year, code)
	}
	return in, ok
}

// assignment finds the row's unit's share of the indicator. Figures belong
// to units, so the zone's row of an indicator has none.
func (p *figureParser) assignment(r record, in plan.Indicator, known bool) (plan.Assignment, bool) {
	code := r.cells["unit"]
	u, ok := p.st.units[code]
	switch {
	case code == "":
		p.bad(r.line, "unit", "planio.unit_required")
	case !ok:
		p.bad(r.line, "unit", "planio.unknown_unit", code)
	case known:
		a, assigned := p.st.assigned[[2]int64{in.ID, u.ID}]
		if !assigned {
			p.bad(r.line, "unit", "target.err.not_assigned")
		}
		return a, assigned
	}
	return plan.Assignment{}, false
}

func (p *figureParser) month(r record, in plan.Indicator, known bool) (int, bool) {
	text := r.cells["month"]
	m, ok := parseMonth(text, p.st.year)
	switch {
	case !ok:
		p.bad(r.line, "month", "planio.month_value", text, p.st.year)
	case known && !in.Frequency.Due(m):
		p.bad(r.line, "month", "planio.not_due", m)
		return m, false
	}
	return m, ok
}

func (p *figureParser) number(r record, name, uom string) *float64 {
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

// monthTargets keeps a row's targets for its assignment's profile.
func (p *figureParser) monthTargets(r record, asg plan.Assignment, month int, uom string) {
	monthly, ytd := p.number(r, "monthly_target", uom), p.number(r, "ytd_target", uom)
	if monthly == nil && ytd == nil {
		return
	}
	mt := p.targets[asg.ID]
	if mt == nil {
		col := "ytd_target"
		if ytd == nil {
			col = "monthly_target"
		}
		mt = &monthTargets{line: r.line, column: col, indicatorID: asg.IndicatorID, unitID: asg.UnitID}
		p.targets[asg.ID] = mt
		p.order = append(p.order, asg.ID)
	}
	mt.monthly[month-1], mt.ytd[month-1] = monthly, ytd
}
