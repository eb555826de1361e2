package progress

import "math"

// Series is one unit's figures for one indicator over one year, by month
// (1..12). The zero value is a year in which nothing has been reported.
// A fixed array rather than a map or slice keeps a series off the heap,
// which matters when a province evaluates 100,000 of them at once.
type Series struct {
	value   [12]float64
	present [12]bool
}

// Set records the figure for month and reports whether it was kept. A
// month outside 1..12, NaN or an infinity is refused, so that every figure
// a Series holds can be summed and compared without further checks.
func (s *Series) Set(month int, v float64) bool {
	if !validMonth(month) || !finite(v) {
		return false
	}
	s.value[month-1], s.present[month-1] = v, true
	return true
}

// At returns the figure reported for month, if any.
func (s *Series) At(month int) (float64, bool) {
	if !validMonth(month) || !s.present[month-1] {
		return 0, false
	}
	return s.value[month-1], true
}

// YTD returns the year-to-date value at month: the sum of the figures so
// far for a Flow, the latest figure at or before month otherwise. It is not
// ok when nothing has been reported by then; a missing month of a Flow adds
// nothing rather than being guessed.
func YTD(sem Semantics, s Series, month int) (float64, bool) {
	if !validMonth(month) {
		return 0, false
	}
	switch sem {
	case Flow:
		return s.sum(month)
	case Cumulative, Stock, Ratio:
		v, _, ok := s.latest(month)
		return v, ok
	}
	return 0, false
}

func (s *Series) sum(month int) (float64, bool) {
	total, seen := 0.0, false
	for i := range month {
		if s.present[i] {
			total += s.value[i]
			seen = true
		}
	}
	if !seen {
		return 0, false
	}
	return checked(total)
}

// latest returns the last figure at or before month and the month it was
// reported for.
func (s *Series) latest(month int) (v float64, at int, ok bool) {
	for i := month - 1; i >= 0; i-- {
		if s.present[i] {
			return s.value[i], i + 1, true
		}
	}
	return 0, 0, false
}

// first returns the earliest figure of the year and its month.
func (s *Series) first() (v float64, at int, ok bool) {
	for i := range s.present {
		if s.present[i] {
			return s.value[i], i + 1, true
		}
	}
	return 0, 0, false
}

// periodEnd returns the last month at or before month at which an indicator
// of frequency f is due, or 0 when none is due yet. Quarterly and yearly
// indicators only move at their period ends, so a quarterly target is not
// expected to have grown in May.
func periodEnd(f Frequency, month int) (int, bool) {
	if !validMonth(month) {
		return 0, false
	}
	switch f {
	case Monthly:
		return month, true
	case Quarterly:
		return month / 3 * 3, true
	case Yearly:
		if month == 12 {
			return 12, true
		}
		return 0, true
	}
	return 0, false
}

func validMonth(m int) bool { return m >= 1 && m <= 12 }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checked passes x on only when it is finite: sums and quotients of finite
// figures can still overflow, and an infinity must not reach a page.
func checked(x float64) (float64, bool) {
	if finite(x) {
		return x, true
	}
	return 0, false
}
