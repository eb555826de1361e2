package progress

// Forecast estimates the year-end value from the figures reported by month.
// lastYear may be nil.
//
// An amount (Flow, Cumulative) is scaled by last year's seasonal pattern
// when last year reached something positive by the same month and in all;
// otherwise linearly by the months elapsed. The elapsed months end at the
// latest figure reported, so a unit that is late with October is not
// assumed to have done nothing in October.
//
// A Stock is extrapolated along the line from its baseline (last year's
// last figure, else this year's first) through its latest figure. A Ratio
// is forecast at its latest value: a level does not accumulate.
//
// Quarterly and yearly indicators only count figures up to their last due
// month, so a yearly indicator has no forecast before December.
func Forecast(sem Semantics, freq Frequency, s Series, month int, lastYear *Series) (float64, bool) {
	cut, ok := periodEnd(freq, month)
	if !ok || cut == 0 {
		return 0, false
	}
	switch sem {
	case Flow, Cumulative:
		return forecastAmount(sem, &s, cut, lastYear)
	case Stock:
		return forecastStock(&s, cut, lastYear)
	case Ratio:
		v, _, ok := s.latest(cut)
		return v, ok
	}
	return 0, false
}

func forecastAmount(sem Semantics, s *Series, cut int, lastYear *Series) (float64, bool) {
	_, upTo, ok := s.latest(cut)
	if !ok {
		return 0, false
	}
	ytd, ok := YTD(sem, *s, upTo)
	if !ok {
		return 0, false
	}
	if f, ok := seasonalForecast(sem, ytd, upTo, lastYear); ok {
		return f, true
	}
	return checked(ytd * 12 / float64(upTo))
}

// seasonalForecast needs both of last year's figures positive: a pattern
// that crosses zero says nothing about the share still to come.
func seasonalForecast(sem Semantics, ytd float64, upTo int, lastYear *Series) (float64, bool) {
	if lastYear == nil {
		return 0, false
	}
	then, ok1 := YTD(sem, *lastYear, upTo)
	total, ok2 := YTD(sem, *lastYear, 12)
	if !ok1 || !ok2 || !(then > 0) || !(total > 0) {
		return 0, false
	}
	return checked(ytd * (total / then))
}

func forecastStock(s *Series, cut int, lastYear *Series) (float64, bool) {
	last, at, ok := s.latest(cut)
	if !ok {
		return 0, false
	}
	if lastYear != nil {
		if base, _, ok := lastYear.latest(12); ok {
			// The baseline stands at month 0, the end of last year.
			return checked(base + (last-base)*12/float64(at))
		}
	}
	first, from, _ := s.first()
	if from == at {
		// One point gives no slope; the stock is assumed to hold.
		return last, true
	}
	return checked(last + (last-first)*float64(12-at)/float64(at-from))
}

// Warning reports whether a year-end forecast misses the committed (确保)
// target: falls short of it when higher is better, exceeds it when lower is
// better, or leaves the band. A zero or non-finite committed target is no
// target and raises no warning; NotScored never does.
func Warning(dir Direction, forecast, committed float64, band [2]float64) bool {
	if !finite(forecast) {
		return false
	}
	hasTarget := committed != 0 && finite(committed)
	switch dir {
	case HigherBetter:
		return hasTarget && forecast < committed
	case LowerBetter:
		return hasTarget && forecast > committed
	case InBand:
		r, ok := inBand(forecast, band)
		return ok && r < 1
	}
	return false
}
