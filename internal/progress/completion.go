package progress

import "math"

// MaxRatio is the most one completion ratio counts for. In a roll-up it
// keeps one runaway indicator from hiding laggards; for a lower-is-better
// indicator it is also the ratio reached at zero, where expected/actual
// would otherwise grow without bound.
const MaxRatio = 1.2

// Thresholds are the completion ratios at which the status changes. They
// are meant to be ordered Ahead ≥ OnTrack ≥ Behind.
type Thresholds struct {
	Ahead, OnTrack, Behind float64
}

// DefaultThresholds returns the thresholds an assessment office starts
// with: 100%, 90% and 75%.
func DefaultThresholds() Thresholds {
	return Thresholds{Ahead: 1.00, OnTrack: 0.90, Behind: 0.75}
}

// tolerance lets a ratio that is a threshold up to float rounding reach it:
// figures are decimals, and 2,640/2,933.33… must read as 90%, not 89.99…%.
const tolerance = 1e-9

// StatusOf returns the status of a completion ratio. The zero Thresholds
// stands for DefaultThresholds, so that an unset configuration still works.
func StatusOf(ratio float64, t Thresholds) Status {
	if !finite(ratio) {
		return StatusNone
	}
	if t == (Thresholds{}) {
		t = DefaultThresholds()
	}
	r := ratio + tolerance
	switch {
	case r >= t.Ahead:
		return StatusAhead
	case r >= t.OnTrack:
		return StatusOnTrack
	case r >= t.Behind:
		return StatusBehind
	}
	return StatusSeriouslyBehind
}

// Completion returns how far actual has come towards expected, in the
// indicator's direction, where 1 means exactly on schedule. It is not ok
// for NotScored, for an expected value that is not positive (no target, or
// nothing due yet) and for non-finite input. band is [low, high] and is
// used only by InBand, which ignores expected: the band is the target at
// every point of the year.
func Completion(dir Direction, actual, expected float64, band [2]float64) (float64, bool) {
	if !finite(actual) {
		return 0, false
	}
	switch dir {
	case HigherBetter:
		return higher(actual, expected)
	case LowerBetter:
		return lower(actual, expected)
	case InBand:
		return inBand(actual, band)
	}
	return 0, false
}

// higher floors the ratio at 0: a fall where growth was planned (−3%
// against +8%) is no progress at all, and a negative share of a target
// would read as nonsense on a page.
func higher(actual, expected float64) (float64, bool) {
	if !(expected > 0) || !finite(expected) {
		return 0, false
	}
	return checked(max(actual/expected, 0))
}

// lower caps the ratio at MaxRatio, which is also what an actual of zero or
// below earns: having none of what should be low is the best possible
// result, and the cap keeps the ratio continuous as actual falls to zero.
func lower(actual, expected float64) (float64, bool) {
	if !(expected > 0) || !finite(expected) {
		return 0, false
	}
	if actual <= 0 {
		return MaxRatio, true
	}
	return min(expected/actual, MaxRatio), true
}

// inBand is 1 inside the band and falls linearly outside it, reaching 0 one
// band-width away. A band of zero width is measured against its bound
// instead; a band at exactly zero has no scale at all, so any miss is a
// full miss, as for "eliminate all worst-class water bodies".
func inBand(actual float64, band [2]float64) (float64, bool) {
	lo, hi := band[0], band[1]
	if !finite(lo) || !finite(hi) || lo > hi {
		return 0, false
	}
	if actual >= lo && actual <= hi {
		return 1, true
	}
	miss, bound := lo-actual, lo
	if actual > hi {
		miss, bound = actual-hi, hi
	}
	scale := hi - lo
	if scale == 0 {
		scale = math.Abs(bound)
	}
	if scale == 0 {
		return 0, true
	}
	return checked(max(1-miss/scale, 0))
}
