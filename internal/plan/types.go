package plan

import (
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/i18n"
)

// Plan is one year's plan.
type Plan struct {
	ID         int64
	Year       int
	Name       string
	CopiedFrom int64
	CreatedAt  time.Time
}

// Node is one node of a plan's tree.
type Node struct {
	ID          int64
	PlanID      int64
	ParentID    int64 // 0 for a top node
	Code        string
	Name        string
	Description string
	LeadUnitID  int64
	Cooperators []int64
	Order       int
	Weight      float64
	Path        string
}

// Depth is 0 for a top node.
func (n Node) Depth() int { return strings.Count(n.Path, "/") - 2 }

// NodeFields are what a user sets on a node.
type NodeFields struct {
	Code, Name, Description string
	LeadUnitID              int64
	Cooperators             []int64
	Order                   int
	Weight                  float64
}

func (f *NodeFields) validate() *i18n.Error {
	f.Code, f.Name = strings.TrimSpace(f.Code), strings.TrimSpace(f.Name)
	if f.Weight == 0 {
		f.Weight = 1
	}
	switch {
	case f.Code == "" || utf8.RuneCountInString(f.Code) > 32:
		return i18n.Invalid("code", "plan.err.code")
	case f.Name == "" || utf8.RuneCountInString(f.Name) > 200:
		return i18n.Invalid("name", "plan.err.name")
	case f.Weight < 0:
		return i18n.Invalid("weight", "plan.err.weight")
	}
	return nil
}

// Indicator is a measurable target of a node.
type Indicator struct {
	ID           int64
	PlanID       int64
	NodeID       int64
	Code         string
	Name         string
	UOM          string // unit of measure: 件, 家, 亿元, %, 个学位…
	Direction    Direction
	BandLow      *float64
	BandHigh     *float64
	Frequency    Frequency
	Semantics    Semantics
	Aggregation  Aggregation
	Precision    int
	SourceUnitID int64
	Formula      string // for Ratio: e.g. "A01 / A02 * 100" over indicator codes
	Weight       float64
	Order        int
	Description  string
	// Binding names the module data the indicator's figures are produced
	// from ("project:invest category=industrial"); "" for a reported one.
	// Only SetBinding changes it, after the module has checked the text.
	Binding string
}

// Bound reports whether the indicator's figures are produced from a
// module's rows rather than reported.
func (in Indicator) Bound() bool { return in.Binding != "" }

// Validate checks an indicator's fields and returns the first problem.
func (in *Indicator) Validate() *i18n.Error {
	in.Code, in.Name, in.UOM = strings.TrimSpace(in.Code), strings.TrimSpace(in.Name), strings.TrimSpace(in.UOM)
	if in.Weight == 0 {
		in.Weight = 1
	}
	switch {
	case in.Code == "" || utf8.RuneCountInString(in.Code) > 32:
		return i18n.Invalid("code", "plan.err.code")
	case in.Name == "" || utf8.RuneCountInString(in.Name) > 200:
		return i18n.Invalid("name", "plan.err.name")
	case !oneOf(in.Direction, Directions):
		return i18n.Invalid("direction", "indicator.err.direction")
	case in.Direction == Band && (in.BandLow == nil || in.BandHigh == nil || *in.BandLow > *in.BandHigh):
		return i18n.Invalid("band", "indicator.err.band")
	case !oneOf(in.Frequency, Frequencies):
		return i18n.Invalid("frequency", "indicator.err.frequency")
	case !oneOf(in.Semantics, AllSemantics):
		return i18n.Invalid("semantics", "indicator.err.semantics")
	case !oneOf(in.Aggregation, Aggregations):
		return i18n.Invalid("aggregation", "indicator.err.aggregation")
	case in.Precision < 0 || in.Precision > 6:
		return i18n.Invalid("precision", "indicator.err.precision")
	case in.Weight < 0:
		return i18n.Invalid("weight", "plan.err.weight")
	}
	return nil
}

// Target is the committed (确保) and stretch (力争) annual values of an
// indicator for the zone (UnitID 0) or for one unit, from month ValidFrom on.
type Target struct {
	ID            int64
	IndicatorID   int64
	UnitID        int64
	ValidFrom     int // the first month this target governs
	Committed     *float64
	Stretch       *float64
	Baseline      *float64 // last year's year-end value (上年基数)
	Profile       Profile
	ProfileValues []float64 // Explicit: 12 cumulative monthly values, or 4 quarterly
	TargetYear    int       // later than the plan's year for a multi-year target
	Note          string
	SetAt         time.Time
}

// YearEnd is where the target stands at the end of year: the target
// itself, or for a multi-year target the point that year on the straight
// path from the baseline (上年基数) to the target.
func (t Target) YearEnd(year int) (float64, bool) {
	if !t.HasTarget() {
		return 0, false
	}
	if t.TargetYear <= year {
		return *t.Committed, true
	}
	base := 0.0
	if t.Baseline != nil {
		base = *t.Baseline
	}
	years := float64(t.TargetYear - year + 1)
	return base + (*t.Committed-base)/years, true
}

// HasTarget reports whether there is a committed target to measure against.
// A zero target means "no target", as in many real indicator sets.
func (t Target) HasTarget() bool { return t.Committed != nil && *t.Committed != 0 }

func (t *Target) validate(planYear int) *i18n.Error {
	if t.ValidFrom == 0 {
		t.ValidFrom = 1
	}
	if t.Profile == "" {
		t.Profile = TimeProportional
	}
	if t.TargetYear == 0 {
		t.TargetYear = planYear
	}
	switch {
	case t.ValidFrom < 1 || t.ValidFrom > 12:
		return i18n.Invalid("valid_from", "target.err.month")
	case !oneOf(t.Profile, Profiles):
		return i18n.Invalid("profile", "target.err.profile")
	case t.Profile == Explicit && len(t.ProfileValues) != 12 && len(t.ProfileValues) != 4:
		return i18n.Invalid("profile_values", "target.err.profile_values")
	case t.TargetYear < planYear:
		return i18n.Invalid("target_year", "target.err.year")
	}
	return nil
}

// Assignment shares an indicator out to a unit.
type Assignment struct {
	ID          int64
	IndicatorID int64
	UnitID      int64
}
