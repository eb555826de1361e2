package progress

// Input is everything needed to evaluate one indicator for one unit at one
// month.
type Input struct {
	Semantics Semantics
	Direction Direction
	// Band is [low, high], used when Direction is InBand.
	Band      [2]float64
	Frequency Frequency
	Profile   Profile
	// Committed is the 确保 annual target and Stretch the 力争 one; zero
	// means none.
	Committed float64
	Stretch   float64
	Series    Series
	// LastYear is the same assignment's previous year, or nil.
	LastYear *Series
	// Thresholds are the status thresholds; the zero value means the
	// defaults.
	Thresholds Thresholds
	Month      int
}

// Result is the progress of one indicator for one unit at one month.
type Result struct {
	YTD Value
	// Expected is the 序时 value for the committed target, StretchExpected
	// the one for the stretch target.
	Expected        Value
	StretchExpected Value
	// Ratio is the completion against Expected (or against the band).
	Ratio  Value
	Status Status
	// Forecast is the year-end estimate; Warning says it misses the
	// committed target.
	Forecast Value
	Warning  bool
}

// Evaluate computes the progress of one indicator for one unit at one
// month. The status is scored against the committed target, because 确保
// is what a unit answers for; the stretch level is shown beside it.
func Evaluate(in Input) Result {
	var r Result
	r.YTD = value(YTD(in.Semantics, in.Series, in.Month))
	r.Expected = value(Expected(in.Semantics, in.Frequency, in.Profile, in.Committed, in.LastYear, in.Month))
	r.StretchExpected = value(Expected(in.Semantics, in.Frequency, in.Profile, in.Stretch, in.LastYear, in.Month))
	r.Ratio = completion(&in, &r)
	if r.Ratio.OK {
		r.Status = StatusOf(r.Ratio.V, in.Thresholds)
	}
	r.Forecast = value(Forecast(in.Semantics, in.Frequency, in.Series, in.Month, in.LastYear))
	r.Warning = r.Forecast.OK && Warning(in.Direction, r.Forecast.V, in.Committed, in.Band)
	return r
}

// completion scores the year to date. A band is its own target, so an
// InBand indicator needs no annual target to be scored.
func completion(in *Input, r *Result) Value {
	if !r.YTD.OK {
		return Value{}
	}
	if in.Direction == InBand {
		return value(Completion(InBand, r.YTD.V, 0, in.Band))
	}
	if !r.Expected.OK {
		return Value{}
	}
	return value(Completion(in.Direction, r.YTD.V, r.Expected.V, in.Band))
}

func value(v float64, ok bool) Value {
	if !ok {
		return Value{}
	}
	return Value{V: v, OK: true}
}
