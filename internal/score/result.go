package score

// Explanation is one statement in Chinese and in English, with the figures
// shown as FormatFigure, FormatPercent and FormatPoints write them.
type Explanation struct {
	ZH string
	EN string
}

// ItemState says how an item was scored.
type ItemState int8

const (
	Scored   ItemState = iota
	Zeroed             // no usable figure: 0 points under MissingZero
	Excluded           // no usable figure: left out under MissingExclude
)

// ItemResult is the score of one item for one unit.
type ItemResult struct {
	Code  string
	State ItemState
	// Points are the item's points, after the share of excluded items'
	// weight when there is one.
	Points Num
	// Why shows the figures and the formula; Explain writes it.
	Why Explanation
}

// Result is the assessment of one unit at one checkpoint. Total equals
// ItemsTotal + Bonus − Deduction − VetoPoints exactly.
type Result struct {
	UnitID     int64
	Code       string
	Name       string
	Items      []ItemResult // in the order of the scheme's items
	ItemsTotal Num
	Bonus      Num
	Deduction  Num
	VetoPoints Num // soft vetoes
	Total      Num
	// Rank is the place in the class, 1 first; ranks are distinct because
	// the tie-break always decides.
	Rank int
	// GradeLevel indexes Scheme.Grades (0 is the top); −1 without grades.
	GradeLevel int
	Grade      string
	Vetoed     bool // a hard veto: not eligible for the top grade
	// Notes explain redistribution, bonus, deductions, vetoes, the total,
	// the grade and the quota, in that order.
	Notes []Explanation

	class *class // what Explain replays
	index int    // the unit's index in class.units
}

// class is one call of Score: the plan and the units it scored. Results
// share it, and so keep the units reachable while they are kept.
type class struct {
	p     *plan
	units []Unit
}

// item returns the result of the item at index k, for tie-breaks.
func (r *Result) item(k int) Num { return r.Items[k].Points }
