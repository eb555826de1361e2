package progress

import (
	"math"
	"testing"
)

func TestCompletion(t *testing.T) {
	band := [2]float64{3, 5}
	none := [2]float64{}
	cases := []struct {
		name             string
		dir              Direction
		actual, expected float64
		band             [2]float64
		want             float64
		ok               bool
	}{
		{"patents 2,950 of 2,933.3 by Nov", HigherBetter, 2950, 3200.0 * 11 / 12, none, 1.0056818181818181, true},
		{"patents 2,640 of 2,933.3: exactly 90%", HigherBetter, 2640, 3200.0 * 11 / 12, none, 0.9, true},
		{"higher, no target", HigherBetter, 10, 0, none, 0, false},
		{"higher, negative expected", HigherBetter, 10, -5, none, 0, false},
		{"higher, growth −3% against 8%: floored", HigherBetter, -3, 8, none, 0, true},
		{"higher, nothing done", HigherBetter, 0, 8, none, 0, true},
		{"higher, far beyond: not capped here", HigherBetter, 30, 10, none, 3, true},
		{"lower, 125 against 100: 100/125", LowerBetter, 125, 100, none, 0.8, true},
		{"lower, 80 against 100: 1.25 capped", LowerBetter, 80, 100, none, MaxRatio, true},
		{"lower, 95 against 100: 100/95", LowerBetter, 95, 100, none, 100.0 / 95, true},
		{"lower, actual 0: fully met", LowerBetter, 0, 100, none, MaxRatio, true},
		{"lower, actual negative: fully met", LowerBetter, -5, 100, none, MaxRatio, true},
		{"lower, tiny actual: capped, not huge", LowerBetter, 1e-300, 100, none, MaxRatio, true},
		{"lower, no target", LowerBetter, 5, 0, none, 0, false},
		{"band inside", InBand, 4, 0, band, 1, true},
		{"band at low", InBand, 3, 0, band, 1, true},
		{"band at high", InBand, 5, 0, band, 1, true},
		{"band 1 below, width 2: 1−1/2", InBand, 2, 0, band, 0.5, true},
		{"band 1.5 above: 1−1.5/2", InBand, 6.5, 0, band, 0.25, true},
		{"band far above: floored", InBand, 10, 0, band, 0, true},
		{"band far below, negative actual", InBand, -30, 0, band, 0, true},
		{"zero-width band 5, 4.5: 1−0.5/5", InBand, 4.5, 0, [2]float64{5, 5}, 0.9, true},
		{"zero band, exactly 0", InBand, 0, 0, none, 1, true},
		{"zero band, one left: full miss", InBand, 1, 0, none, 0, true},
		{"inverted band", InBand, 4, 0, [2]float64{5, 3}, 0, false},
		{"NaN band", InBand, 4, 0, [2]float64{math.NaN(), 5}, 0, false},
		{"not scored", NotScored, 10, 10, none, 0, false},
		{"unknown direction", Direction(8), 10, 10, none, 0, false},
		{"NaN actual", HigherBetter, math.NaN(), 10, none, 0, false},
		{"Inf expected", HigherBetter, 10, math.Inf(1), none, 0, false},
		{"overflowing quotient", HigherBetter, math.MaxFloat64, 1e-300, none, 0, false},
	}
	for _, c := range cases {
		got, ok := Completion(c.dir, c.actual, c.expected, c.band)
		if ok != c.ok || !near(got, c.want) {
			t.Errorf("%s: Completion = %v, %v; want %v, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestStatusOfBoundaries(t *testing.T) {
	def := DefaultThresholds()
	strict := Thresholds{Ahead: 1.05, OnTrack: 0.95, Behind: 0.8}
	cases := []struct {
		ratio float64
		t     Thresholds
		want  Status
	}{
		{1.2, def, StatusAhead},
		{1.00, def, StatusAhead},
		{1 - 1e-12, def, StatusAhead}, // rounding, not a miss
		{0.9999, def, StatusOnTrack},
		{0.90, def, StatusOnTrack},
		{2640 / (3200.0 * 11 / 12), def, StatusOnTrack},
		{0.8999, def, StatusBehind},
		{0.75, def, StatusBehind},
		{0.7499, def, StatusSeriouslyBehind},
		{0, def, StatusSeriouslyBehind},
		{math.NaN(), def, StatusNone},
		{math.Inf(1), def, StatusNone},
		{0.9, Thresholds{}, StatusOnTrack}, // zero value means defaults
		{1.00, strict, StatusOnTrack},
		{1.05, strict, StatusAhead},
		{0.8, strict, StatusBehind},
		{0.79, strict, StatusSeriouslyBehind},
	}
	for _, c := range cases {
		if got := StatusOf(c.ratio, c.t); got != c.want {
			t.Errorf("StatusOf(%v, %+v) = %v, want %v", c.ratio, c.t, got, c.want)
		}
	}
}

func TestStatusCodes(t *testing.T) {
	want := map[Status]string{
		StatusNone: "none", StatusAhead: "ahead", StatusOnTrack: "on_track",
		StatusBehind: "behind", StatusSeriouslyBehind: "serious", Status(99): "none",
	}
	for s, code := range want {
		if s.String() != code {
			t.Errorf("Status(%d).String() = %q, want %q", s, s.String(), code)
		}
	}
}
