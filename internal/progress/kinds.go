package progress

// Semantics says how an indicator's reported figures relate to the year.
type Semantics uint8

const (
	// Flow is an amount per period; the year to date is the sum of periods.
	Flow Semantics = iota
	// Cumulative is reported as the year-to-date value itself each period.
	Cumulative
	// Stock is a snapshot, such as the number of gazelle firms; the latest
	// value is the year to date.
	Stock
	// Ratio is computed elsewhere from other indicators; the latest value
	// stands, as for Stock.
	Ratio
)

// Direction says which way is good for an indicator.
type Direction uint8

const (
	// HigherBetter scores actual against expected.
	HigherBetter Direction = iota
	// LowerBetter scores expected against actual.
	LowerBetter
	// InBand is good within [low, high] and worse the further outside.
	InBand
	// NotScored is tracked but never given a status.
	NotScored
)

// Frequency says at which months an indicator is due.
type Frequency uint8

const (
	// Monthly is due every month.
	Monthly Frequency = iota
	// Quarterly is due in March, June, September and December.
	Quarterly
	// Yearly is due in December.
	Yearly
)

// Aggregation says how the figures of several units combine into one.
type Aggregation uint8

const (
	// Sum adds the units' figures, as for patents or investment.
	Sum Aggregation = iota
	// Mean averages them, as for a satisfaction rate.
	Mean
	// Max takes the highest.
	Max
	// Min takes the lowest.
	Min
	// NoAggregation means the figures do not combine.
	NoAggregation
)

// Status is the progress light of one indicator or one plan node.
type Status uint8

const (
	// StatusNone means not scored, no target, or no data yet.
	StatusNone Status = iota
	// StatusAhead means at or above the Ahead threshold.
	StatusAhead
	// StatusOnTrack means at or above the OnTrack threshold.
	StatusOnTrack
	// StatusBehind means at or above the Behind threshold.
	StatusBehind
	// StatusSeriouslyBehind means below every threshold.
	StatusSeriouslyBehind
)

// String returns the status code that pages, exports and the API share;
// the codes are stable because saved briefings and filters refer to them.
func (s Status) String() string {
	switch s {
	case StatusAhead:
		return "ahead"
	case StatusOnTrack:
		return "on_track"
	case StatusBehind:
		return "behind"
	case StatusSeriouslyBehind:
		return "serious"
	}
	return "none"
}

// Value is a number that may be unavailable. V is finite whenever OK is
// true, and zero otherwise.
type Value struct {
	V  float64
	OK bool
}
