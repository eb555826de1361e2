package planio

import (
	"strconv"

	"gaoxin/internal/plan"
)

// describe builds the indicator from its describing row: the plan's
// indicator of that code where there is one, changed by every non-empty
// cell; for a new indicator, node, name, direction, frequency, semantics
// and aggregation must be given.
func (p *indicatorParser) describe(sp *spec, r record) {
	sp.line = r.line
	before := p.problems.Total
	in := plan.Indicator{Code: sp.code}
	if ex, ok := p.st.indicators[sp.code]; ok {
		in, sp.existing = ex, &ex
	}
	isNew, incomplete := sp.existing == nil, false
	text := func(name string) string {
		v := r.cells[name]
		if v == "" && isNew && p.need(r.line, name) {
			incomplete = true
		}
		return v
	}
	if v := text("node"); v != "" {
		sp.path = p.nodePath(r.line, v)
	}
	if v := text("name"); v != "" {
		in.Name = v
	}
	if v := r.cells["uom"]; v != "" {
		in.UOM = v
	}
	if v := r.cells["description"]; v != "" {
		in.Description = v
	}
	p.enums(r, &in, text)
	if v := r.cells["precision"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			p.bad(r.line, "precision", "import.not_integer", v)
		}
		in.Precision = n
	}
	if v := p.number(r, "band_low", in.UOM); v != nil {
		in.BandLow = v
	}
	if v := p.number(r, "band_high", in.UOM); v != nil {
		in.BandHigh = v
	}
	// A cell already reported would only be reported again by Validate.
	if verr := in.Validate(); verr != nil && !incomplete && p.problems.Total == before {
		p.bad(r.line, indicatorColumn[verr.Field], verr.Key, verr.Args...)
	}
	sp.fields = in
}

// indicatorColumn is the file column of a field plan.Indicator.Validate names.
var indicatorColumn = map[string]string{"code": "code", "name": "name", "direction": "direction", "band": "band_low",
	"frequency": "frequency", "semantics": "semantics", "aggregation": "aggregation", "precision": "precision"}

// enums reads the four enumerations, each a problem of its own cell.
func (p *indicatorParser) enums(r record, in *plan.Indicator, text func(string) string) {
	if v := text("direction"); v != "" {
		d, ok := parseDirection(v)
		p.check(ok, r.line, "direction", "planio.direction_value", v)
		in.Direction = d
	}
	if v := text("frequency"); v != "" {
		f, ok := enum(v, frequencyWords, plan.Frequencies)
		p.check(ok, r.line, "frequency", "planio.frequency_value", v)
		in.Frequency = f
	}
	if v := text("semantics"); v != "" {
		s, ok := enum(v, semanticsWords, plan.AllSemantics)
		p.check(ok, r.line, "semantics", "planio.semantics_value", v)
		in.Semantics = s
	}
	if v := text("aggregation"); v != "" {
		a, ok := enum(v, aggregationWords, plan.Aggregations)
		p.check(ok, r.line, "aggregation", "planio.aggregation_value", v)
		in.Aggregation = a
	}
}

func (p *indicatorParser) check(ok bool, line int, name, key string, v string) {
	if !ok {
		p.bad(line, name, key, v)
	}
}

// required are the fields a new indicator must have.
var required = map[string]bool{"node": true, "name": true, "direction": true, "frequency": true, "semantics": true, "aggregation": true}

// need reports a value a new indicator must have and lacks: an empty cell,
// or once per file a column the file lacks. It says whether name is such a
// value.
func (p *indicatorParser) need(line int, name string) bool {
	switch {
	case !required[name]:
		return false
	case p.s.has(name):
		p.bad(line, name, "planio.required")
	case !p.absent[name]:
		p.absent[name] = true
		p.problems.Add(p.s.problem(1, "", msgMissing(fieldOf(indicatorFields, name))))
	}
	return true
}

func (p *indicatorParser) nodePath(line int, v string) []string {
	path, ok := parseNodePath(v)
	if !ok {
		p.bad(line, "node", "planio.node_path", v)
	}
	return path
}
