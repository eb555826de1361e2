package progress

import (
	"math"
	"testing"
)

// ser builds a series from month → figure.
func ser(figures map[int]float64) Series {
	var s Series
	for m, v := range figures {
		s.Set(m, v)
	}
	return s
}

// each returns a series with the same figure in months 1..n.
func each(v float64, n int) Series {
	var s Series
	for m := 1; m <= n; m++ {
		s.Set(m, v)
	}
	return s
}

func near(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

func TestSetRefusesWhatCannotBeAFigure(t *testing.T) {
	var s Series
	for _, c := range []struct {
		month int
		v     float64
		kept  bool
	}{
		{1, 10, true}, {12, -3, true}, {0, 1, false}, {13, 1, false},
		{2, math.NaN(), false}, {3, math.Inf(1), false}, {4, math.Inf(-1), false},
	} {
		if got := s.Set(c.month, c.v); got != c.kept {
			t.Errorf("Set(%d, %v) = %v, want %v", c.month, c.v, got, c.kept)
		}
	}
	if v, ok := s.At(12); !ok || v != -3 {
		t.Errorf("At(12) = %v, %v", v, ok)
	}
	if _, ok := s.At(2); ok {
		t.Error("NaN was kept")
	}
}

func TestYTD(t *testing.T) {
	quarterly := ser(map[int]float64{3: 300, 6: 250, 9: 400})
	cases := []struct {
		name  string
		sem   Semantics
		s     Series
		month int
		want  float64
		ok    bool
	}{
		{"flow: 11 months of 100", Flow, each(100, 11), 11, 1100, true},
		{"flow: at 6 only the first 6", Flow, each(100, 11), 6, 600, true},
		{"flow: missing Feb adds nothing, 10+30", Flow, ser(map[int]float64{1: 10, 3: 30}), 3, 40, true},
		{"flow: before the first figure", Flow, ser(map[int]float64{5: 1}), 4, 0, false},
		{"flow: nothing after March", Flow, ser(map[int]float64{1: 10, 3: 30}), 12, 40, true},
		{"flow: a fall counts, -3+5", Flow, ser(map[int]float64{1: -3, 2: 5}), 2, 2, true},
		{"flow quarterly: 300+250+400 by Nov", Flow, quarterly, 11, 950, true},
		{"flow quarterly: Feb has nothing", Flow, quarterly, 2, 0, false},
		{"flow yearly: nothing before Dec", Flow, ser(map[int]float64{12: 30}), 11, 0, false},
		{"flow yearly: Dec", Flow, ser(map[int]float64{12: 30}), 12, 30, true},
		{"cumulative: latest is Feb's 210 in Mar", Cumulative, ser(map[int]float64{1: 100, 2: 210, 4: 450}), 3, 210, true},
		{"cumulative: Apr", Cumulative, ser(map[int]float64{1: 100, 2: 210, 4: 450}), 4, 450, true},
		{"cumulative quarterly: Sep's 400 in Nov", Cumulative, quarterly, 11, 400, true},
		{"stock: gazelles 55 at Jun stand in Aug", Stock, ser(map[int]float64{3: 52, 6: 55}), 8, 55, true},
		{"stock: none yet", Stock, ser(map[int]float64{3: 52}), 2, 0, false},
		{"ratio: 92.5% in Nov", Ratio, ser(map[int]float64{11: 92.5}), 11, 92.5, true},
		{"ratio: not yet in Oct", Ratio, ser(map[int]float64{11: 92.5}), 10, 0, false},
		{"month 0", Flow, each(1, 12), 0, 0, false},
		{"month 13", Stock, each(1, 12), 13, 0, false},
		{"unknown semantics", Semantics(9), each(1, 12), 5, 0, false},
		{"empty year", Cumulative, Series{}, 12, 0, false},
	}
	for _, c := range cases {
		got, ok := YTD(c.sem, c.s, c.month)
		if ok != c.ok || !near(got, c.want) {
			t.Errorf("%s: YTD = %v, %v; want %v, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestYTDOverflowIsNotAFigure(t *testing.T) {
	// Each figure is finite, their sum is not.
	if v, ok := YTD(Flow, each(math.MaxFloat64, 2), 2); ok {
		t.Errorf("YTD = %v, want not ok", v)
	}
}

func TestPeriodEnd(t *testing.T) {
	for _, c := range []struct {
		f           Frequency
		month, want int
	}{
		{Monthly, 7, 7}, {Quarterly, 2, 0}, {Quarterly, 3, 3}, {Quarterly, 11, 9},
		{Quarterly, 12, 12}, {Yearly, 11, 0}, {Yearly, 12, 12},
	} {
		if got, ok := periodEnd(c.f, c.month); !ok || got != c.want {
			t.Errorf("periodEnd(%d, %d) = %d, %v; want %d", c.f, c.month, got, ok, c.want)
		}
	}
	if _, ok := periodEnd(Frequency(7), 5); ok {
		t.Error("unknown frequency accepted")
	}
}
