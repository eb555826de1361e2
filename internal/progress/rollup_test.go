package progress

import (
	"math"
	"testing"
)

func TestAggregate(t *testing.T) {
	units := []float64{120, -30, 410}
	cases := []struct {
		name   string
		agg    Aggregation
		values []float64
		want   float64
		ok     bool
	}{
		{"sum: 120−30+410", Sum, units, 500, true},
		{"mean: 500/3", Mean, units, 500.0 / 3, true},
		{"max", Max, units, 410, true},
		{"min: a negative unit", Min, units, -30, true},
		{"none", NoAggregation, units, 0, false},
		{"unknown", Aggregation(9), units, 0, false},
		{"sum skips NaN: 1+3", Sum, []float64{1, math.NaN(), 3}, 4, true},
		{"mean skips Inf: (1+3)/2", Mean, []float64{1, math.Inf(1), 3}, 2, true},
		{"only NaN", Max, []float64{math.NaN()}, 0, false},
		{"sum overflows", Sum, []float64{math.MaxFloat64, math.MaxFloat64}, 0, false},
		{"one unit", Min, []float64{7}, 7, true},
	}
	for _, c := range cases {
		got, ok := Aggregate(c.agg, c.values)
		if ok != c.ok || !near(got, c.want) {
			t.Errorf("%s: Aggregate = %v, %v; want %v, %v", c.name, got, ok, c.want, c.ok)
		}
	}
	for _, agg := range []Aggregation{Sum, Mean, Max, Min, NoAggregation} {
		if v, ok := Aggregate(agg, nil); ok {
			t.Errorf("Aggregate(%d, nil) = %v, want not ok", agg, v)
		}
	}
}

func TestRollup(t *testing.T) {
	cases := []struct {
		name     string
		children []Weighted
		want     float64
		ok       bool
		status   Status
	}{
		{"weights 2:1, (2×1.0+0.7)/3",
			[]Weighted{{1.0, 2, true}, {0.7, 1, true}}, 0.9, true, StatusOnTrack},
		{"runaway 3.0 capped at 1.2: (1.2+0.6)/2, not 1.8",
			[]Weighted{{3.0, 1, true}, {0.6, 1, true}}, 0.9, true, StatusOnTrack},
		{"child without a ratio takes no part",
			[]Weighted{{0.8, 1, true}, {0, 5, false}}, 0.8, true, StatusBehind},
		{"zero and negative weights take no part",
			[]Weighted{{0.5, 1, true}, {1.1, 0, true}, {1.1, -2, true}}, 0.5, true, StatusSeriouslyBehind},
		{"negative ratio counts as 0: (0+1)/2",
			[]Weighted{{-1, 1, true}, {1, 1, true}}, 0.5, true, StatusSeriouslyBehind},
		{"NaN ratio takes no part",
			[]Weighted{{math.NaN(), 1, true}, {1, 1, true}}, 1, true, StatusAhead},
		{"none with a ratio", []Weighted{{1, 1, false}}, 0, false, StatusNone},
		{"no children", nil, 0, false, StatusNone},
	}
	for _, c := range cases {
		got, ok := Rollup(c.children)
		if ok != c.ok || !near(got, c.want) {
			t.Errorf("%s: Rollup = %v, %v; want %v, %v", c.name, got, ok, c.want, c.ok)
			continue
		}
		status := StatusNone
		if ok {
			status = StatusOf(got, DefaultThresholds())
		}
		if status != c.status {
			t.Errorf("%s: status %v, want %v", c.name, status, c.status)
		}
	}
}
