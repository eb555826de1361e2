package progress

import (
	"encoding/binary"
	"math"
	"testing"
)

// patents: 270 a month Jan–Oct and 250 in Nov, 2,950 against 确保 3,200
// and 力争 3,500.
func patentsInput() Input {
	s := each(270, 10)
	s.Set(11, 250)
	return Input{Semantics: Flow, Committed: 3200, Stretch: 3500, Series: s, Month: 11}
}

func TestEvaluate(t *testing.T) {
	gazelles := ser(map[int]float64{3: 50, 6: 52, 9: 53, 11: 54})
	gazellesLY := ser(map[int]float64{12: 48})
	strict := patentsInput()
	strict.Thresholds = Thresholds{Ahead: 1.05, OnTrack: 0.95, Behind: 0.8}
	notScored := patentsInput()
	notScored.Direction = NotScored
	noTarget := patentsInput()
	noTarget.Committed = 0
	yes := func(v float64) Value { return Value{v, true} }
	cases := []struct {
		name string
		in   Input
		want Result
	}{
		// 3200×11/12 = 2,933.3 expected, 3500×11/12 = 3,208.3 stretch;
		// 2950/2933.3 = 1.0057 → ahead; 2950×12/11 = 3,218.2 ≥ 3,200.
		{"patents", patentsInput(), Result{yes(2950), yes(3200.0 * 11 / 12), yes(3500.0 * 11 / 12),
			yes(2950 / (3200.0 * 11 / 12)), StatusAhead, yes(2950.0 * 12 / 11), false}},
		{"patents, stricter thresholds: on track", strict, Result{yes(2950), yes(3200.0 * 11 / 12),
			yes(3500.0 * 11 / 12), yes(2950 / (3200.0 * 11 / 12)), StatusOnTrack, yes(2950.0 * 12 / 11), false}},
		// 48 last Dec → 60: 48+12×11/12 = 59; 54/59 = 0.915 → on track;
		// forecast 48+6×12/11 = 54.5 < 60 → warning.
		{"gazelle firms", Input{Semantics: Stock, Committed: 60, Series: gazelles, LastYear: &gazellesLY, Month: 11},
			Result{yes(54), yes(59), Value{}, yes(54.0 / 59), StatusOnTrack, yes(48 + 6*12.0/11), true}},
		// 12 a month: 132 against 110 → 110/132 = 0.833 → behind; 144 > 120.
		{"energy use, lower is better", Input{Semantics: Flow, Direction: LowerBetter, Committed: 120,
			Series: each(12, 11), Month: 11},
			Result{yes(132), yes(110), Value{}, yes(110.0 / 132), StatusBehind, yes(144), true}},
		// 5.5 is 0.5 above [3,5] of width 2: 1−0.25 = 0.75 → behind, exactly.
		{"share within a band, no annual target", Input{Semantics: Ratio, Direction: InBand,
			Band: [2]float64{3, 5}, Series: ser(map[int]float64{11: 5.5}), Month: 11},
			Result{yes(5.5), Value{}, Value{}, yes(0.75), StatusBehind, yes(5.5), true}},
		{"not scored", notScored, Result{yes(2950), yes(3200.0 * 11 / 12), yes(3500.0 * 11 / 12),
			Value{}, StatusNone, yes(2950.0 * 12 / 11), false}},
		{"no committed target", noTarget, Result{yes(2950), Value{}, yes(3500.0 * 11 / 12),
			Value{}, StatusNone, yes(2950.0 * 12 / 11), false}},
		{"quarterly in Feb, nothing yet", Input{Frequency: Quarterly, Committed: 100, Month: 2},
			Result{Value{}, yes(0), Value{}, Value{}, StatusNone, Value{}, false}},
	}
	for _, c := range cases {
		got := Evaluate(c.in)
		if !sameResult(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

func sameResult(a, b Result) bool {
	same := func(x, y Value) bool { return x.OK == y.OK && near(x.V, y.V) }
	return same(a.YTD, b.YTD) && same(a.Expected, b.Expected) &&
		same(a.StretchExpected, b.StretchExpected) && same(a.Ratio, b.Ratio) &&
		a.Status == b.Status && same(a.Forecast, b.Forecast) && a.Warning == b.Warning
}

// floats reads 8 bytes at a time as float64 bits, so the fuzzer reaches
// NaN, infinities, subnormals and the extremes.
func floats(data []byte, n int) []float64 {
	out := make([]float64, 0, n)
	for len(data) >= 8 && len(out) < n {
		out = append(out, math.Float64frombits(binary.LittleEndian.Uint64(data)))
		data = data[8:]
	}
	return out
}

func fuzzInput(sem, dir, freq, kind, month uint8, committed, stretch, lo, hi float64, data []byte) Input {
	in := Input{
		Semantics: Semantics(sem % 5), Direction: Direction(dir % 5), Frequency: Frequency(freq % 4),
		Profile: Profile{Kind: ProfileKind(kind % 4)}, Committed: committed, Stretch: stretch,
		Band: [2]float64{lo, hi}, Month: int(month % 14),
	}
	v := floats(data, 39)
	var ly Series
	for i, x := range v {
		switch {
		case i < 12:
			in.Series.Set(i+1, x)
		case i < 24:
			ly.Set(i-11, x)
			in.LastYear = &ly
		case i < 36:
			in.Profile.Months[i-24] = x
		}
	}
	if len(v) == 39 {
		in.Thresholds = Thresholds{v[36], v[37], v[38]}
	}
	return in
}

func FuzzEvaluate(f *testing.F) {
	f.Add(uint8(0), uint8(0), uint8(0), uint8(0), uint8(11), 3200.0, 3500.0, 0.0, 0.0, []byte{})
	f.Add(uint8(2), uint8(1), uint8(1), uint8(2), uint8(9), 60.0, 0.0, 3.0, 5.0, make([]byte, 8*30))
	f.Add(uint8(3), uint8(2), uint8(2), uint8(1), uint8(12), -1.0, 1e308, -1e308, 1e308, make([]byte, 8*39))
	f.Fuzz(func(t *testing.T, sem, dir, freq, kind, month uint8, committed, stretch, lo, hi float64, data []byte) {
		r := Evaluate(fuzzInput(sem, dir, freq, kind, month, committed, stretch, lo, hi, data))
		for name, v := range map[string]Value{"YTD": r.YTD, "Expected": r.Expected,
			"StretchExpected": r.StretchExpected, "Ratio": r.Ratio, "Forecast": r.Forecast} {
			if v.OK && !finite(v.V) || !v.OK && v.V != 0 {
				t.Errorf("%s = %+v", name, v)
			}
		}
		if r.Ratio.OK && r.Ratio.V < 0 {
			t.Errorf("negative ratio %v", r.Ratio.V)
		}
		if r.Status > StatusSeriouslyBehind || (r.Status != StatusNone) != r.Ratio.OK {
			t.Errorf("status %v with ratio %+v", r.Status, r.Ratio)
		}
	})
}
