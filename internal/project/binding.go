package project

import (
	"slices"
	"strings"

	"gaoxin/internal/i18n"
)

// Measure is what a binding counts or sums over the projects it selects.
type Measure string

const (
	MeasureInvest Measure = "invest" // investment reported (counted reports), 万元
	MeasureCount  Measure = "count"  // projects with a plan for the year
	MeasureTotal  Measure = "total"  // their total investment, 万元
	MeasureDone   Measure = "done"   // nodes of a stage done in the month ("done:start")
)

// Binding is a parsed "project:…" binding: a measure over the projects a
// filter selects, e.g. "project:invest category=industrial,service" or
// "project:done:start category=infrastructure".
type Binding struct {
	Measure    Measure
	Stage      Stage // for MeasureDone
	Categories []string
	Levels     []Level
	Clusters   []string
	Tags       []string
	Programme  string
}

// Prefix marks the bindings this package produces.
const Prefix = "project:"

// ParseBinding reads a binding's text.
func ParseBinding(text string) (Binding, error) {
	var b Binding
	rest, ok := strings.CutPrefix(strings.TrimSpace(text), Prefix)
	fields := strings.Fields(rest)
	if !ok || len(fields) == 0 {
		return b, i18n.Invalid("binding", "project.err.binding", text)
	}
	measure, stage, _ := strings.Cut(fields[0], ":")
	b.Measure = Measure(measure)
	switch b.Measure {
	case MeasureInvest, MeasureCount, MeasureTotal:
		if stage != "" {
			return b, i18n.Invalid("binding", "project.err.binding", text)
		}
	case MeasureDone:
		b.Stage = Stage(stage)
		if !b.Stage.Valid() {
			return b, i18n.Invalid("binding", "project.err.binding", text)
		}
	default:
		return b, i18n.Invalid("binding", "project.err.binding", text)
	}
	for _, f := range fields[1:] {
		key, value, ok := strings.Cut(f, "=")
		values := strings.Split(value, ",")
		if !ok || value == "" {
			return b, i18n.Invalid("binding", "project.err.binding", text)
		}
		switch key {
		case "category":
			b.Categories = values
		case "level":
			for _, v := range values {
				if !slices.Contains(Levels, Level(v)) {
					return b, i18n.Invalid("binding", "project.err.binding", text)
				}
				b.Levels = append(b.Levels, Level(v))
			}
		case "cluster":
			b.Clusters = values
		case "tag":
			b.Tags = values
		case "programme":
			b.Programme = value
		default:
			return b, i18n.Invalid("binding", "project.err.binding", text)
		}
	}
	return b, nil
}

// String writes the binding back in its canonical text.
func (b Binding) String() string {
	var parts []string
	m := string(b.Measure)
	if b.Measure == MeasureDone {
		m += ":" + string(b.Stage)
	}
	parts = append(parts, Prefix+m)
	add := func(key string, values []string) {
		if len(values) > 0 {
			parts = append(parts, key+"="+strings.Join(values, ","))
		}
	}
	add("category", b.Categories)
	levels := make([]string, len(b.Levels))
	for i, l := range b.Levels {
		levels[i] = string(l)
	}
	add("level", levels)
	add("cluster", b.Clusters)
	add("tag", b.Tags)
	if b.Programme != "" {
		parts = append(parts, "programme="+b.Programme)
	}
	return strings.Join(parts, " ")
}

// Selects reports whether the binding's filter takes a project; inProgramme
// says whether the project is a piece of the binding's programme.
func (b Binding) Selects(p Project, inProgramme bool) bool {
	if len(b.Categories) > 0 && !slices.Contains(b.Categories, p.Category) {
		return false
	}
	if len(b.Levels) > 0 && !slices.Contains(b.Levels, p.Level) {
		return false
	}
	if len(b.Clusters) > 0 && !slices.Contains(b.Clusters, p.Cluster) {
		return false
	}
	if len(b.Tags) > 0 && !slices.ContainsFunc(p.Tags, func(t string) bool { return slices.Contains(b.Tags, t) }) {
		return false
	}
	return b.Programme == "" || inProgramme
}

// Money reports whether the measure is an amount of 万元 (converted to the
// indicator's unit) rather than a count.
func (b Binding) Money() bool { return b.Measure == MeasureInvest || b.Measure == MeasureTotal }

// scaleTo is the factor from 万元 to an indicator's unit of measure.
func scaleTo(uom string) float64 {
	switch strings.TrimSpace(uom) {
	case "亿元":
		return 1.0 / 10000
	case "元":
		return 10000
	}
	return 1
}
