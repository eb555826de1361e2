package plan

// Direction says which way an indicator is better.
type Direction string

const (
	Higher    Direction = "higher" // 越大越好
	Lower     Direction = "lower"  // 越小越好
	Band      Direction = "band"   // 区间内为好
	NotScored Direction = "none"   // 不计分，只监测
)

// Frequency says how often an indicator is reported.
type Frequency string

const (
	Monthly   Frequency = "month"
	Quarterly Frequency = "quarter"
	Yearly    Frequency = "year"
)

// Due reports whether an indicator of this frequency is reported in month.
func (f Frequency) Due(month int) bool {
	switch f {
	case Quarterly:
		return month%3 == 0
	case Yearly:
		return month == 12
	}
	return month >= 1 && month <= 12
}

// Semantics says what a reported value means over time.
type Semantics string

const (
	Flow       Semantics = "flow"       // an amount per period, summed to year to date
	Cumulative Semantics = "cumulative" // the year-to-date value itself
	Stock      Semantics = "stock"      // a snapshot, e.g. the number of gazelle firms
	Ratio      Semantics = "ratio"      // a rate or level (办结率, 增速): the target holds all year
)

// Aggregation says how unit values add up to the zone's.
type Aggregation string

const (
	Sum  Aggregation = "sum"
	Mean Aggregation = "mean"
	Max  Aggregation = "max"
	Min  Aggregation = "min"
	None Aggregation = "none"
)

// Profile says how an annual target spreads over the year (序时进度).
type Profile string

const (
	TimeProportional Profile = "time"     // annual × months elapsed / 12
	Explicit         Profile = "explicit" // given per month (or quarter)
	Seasonal         Profile = "seasonal" // last year's monthly shape
)

// The valid values of each enumeration, in display order.
var (
	Directions   = []Direction{Higher, Lower, Band, NotScored}
	Frequencies  = []Frequency{Monthly, Quarterly, Yearly}
	AllSemantics = []Semantics{Flow, Cumulative, Stock, Ratio}
	Aggregations = []Aggregation{Sum, Mean, Max, Min, None}
	Profiles     = []Profile{TimeProportional, Explicit, Seasonal}
)

func oneOf[T ~string](v T, list []T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
