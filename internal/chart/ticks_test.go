package chart

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNiceTicks(t *testing.T) {
	cases := []struct {
		lo, hi float64
		want   []float64
		labels []string
	}{
		{0, 3200, []float64{0, 1000, 2000, 3000, 4000}, []string{"0", "1,000", "2,000", "3,000", "4,000"}},
		{0, 1204, []float64{0, 250, 500, 750, 1000, 1250}, []string{"0", "250", "500", "750", "1,000", "1,250"}},
		{-5, 12, []float64{-5, 0, 5, 10, 15}, nil},
		{100, 100, []float64{0, 20, 40, 60, 80, 100}, nil}, // a constant series
		{-40, -40, []float64{-40, -30, -20, -10, 0}, nil},
		{0, 0, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{0, 0.3, []float64{0, 0.1, 0.2, 0.3}, []string{"0.0", "0.1", "0.2", "0.3"}},
		{0, 7, []float64{0, 2, 4, 6, 8}, nil},
		{0, 92.5, []float64{0, 20, 40, 60, 80, 100}, nil},
		{0, 1.1, []float64{0, 0.25, 0.5, 0.75, 1, 1.25}, []string{"0.00", "0.25", "0.50", "0.75", "1.00", "1.25"}},
		{3, 7, []float64{0, 2, 4, 6, 8}, nil},
	}
	for _, c := range cases {
		s := niceTicks(c.lo, c.hi)
		if !slices.Equal(s.ticks, c.want) {
			t.Errorf("niceTicks(%v, %v) = %v, want %v", c.lo, c.hi, s.ticks, c.want)
			continue
		}
		for i, want := range c.labels {
			if got := formatNumber(s.ticks[i], s.decimals); got != want {
				t.Errorf("niceTicks(%v, %v): label %q, want %q", c.lo, c.hi, got, want)
			}
		}
	}
}

// Whatever the range, the ticks are four to six, evenly spaced by a nice
// step, and cover the range and zero.
func TestNiceTicksAlways(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		scale := math.Pow(10, float64(rng.IntN(16)-6))
		lo, hi := (rng.Float64()-0.7)*scale, rng.Float64()*scale
		if rng.IntN(3) == 0 {
			lo = 0
		}
		s := niceTicks(lo, hi)
		n := len(s.ticks)
		if n < 4 || n > 6 || s.lo() > min(lo, 0) || s.hi() < max(hi, 0) || !slices.Contains(s.ticks, 0) {
			t.Fatalf("niceTicks(%g, %g) = %v", lo, hi, s.ticks)
		}
		step := s.ticks[1] - s.ticks[0]
		m := step / math.Pow(10, math.Floor(math.Log10(step)))
		if !slices.ContainsFunc([]float64{1, 2, 2.5, 5}, func(x float64) bool { return math.Abs(x-m) < 1e-6 }) {
			t.Fatalf("niceTicks(%g, %g) = %v: step %g is not nice", lo, hi, s.ticks, step)
		}
		for i := 1; i < n; i++ {
			if math.Abs(s.ticks[i]-s.ticks[i-1]-step) > step*1e-9 {
				t.Fatalf("niceTicks(%g, %g) = %v: uneven", lo, hi, s.ticks)
			}
		}
	}
}
