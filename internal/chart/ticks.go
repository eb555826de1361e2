package chart

import "math"

// scale is an axis: its ticks, from the lowest to the highest, and how
// many decimals their labels need.
type scale struct {
	ticks    []float64
	decimals int
}

func (s scale) lo() float64 { return s.ticks[0] }
func (s scale) hi() float64 { return s.ticks[len(s.ticks)-1] }

// at maps v onto the pixel range [from, to], from being the lowest tick.
func (s scale) at(v, from, to float64) float64 {
	return from + (v-s.lo())/(s.hi()-s.lo())*(to-from)
}

// mantissas are the steps readers count in comfortably, times ten: 1, 2,
// 2.5 and 5 times a power of ten.
var mantissas = []int64{10, 20, 25, 50}

// niceTicks chooses four to six evenly spaced ticks, a step of 1, 2, 2.5 or
// 5 × 10^k apart, that cover lo and hi and zero: the axis starts at zero so
// that the heights of the lines compare honestly. Among the choices it
// takes the one that wastes least room, and 2.5 only when clearly tighter,
// since quarter steps are harder to read.
func niceTicks(lo, hi float64) scale {
	lo, hi = min(lo, 0), max(hi, 0)
	if hi == lo {
		hi = 1
	}
	span := hi - lo
	if math.IsInf(span, 0) || math.IsNaN(span) {
		return scale{ticks: []float64{lo, hi}}
	}
	best, bestCost := scale{ticks: []float64{lo, hi}}, math.Inf(1)
	top := int(math.Floor(math.Log10(span)))
	for e := top - 1; e <= top+1; e++ {
		for _, m := range mantissas {
			s, ok := ticksOf(lo, hi, m, e)
			if !ok {
				continue
			}
			cost := (s.hi() - s.lo()) / span
			if m == 25 {
				cost += 0.1
			}
			if cost < bestCost {
				best, bestCost = s, cost
			}
		}
	}
	return best
}

// ticksOf lays ticks a step of m/10 × 10^e apart over [lo, hi], and
// reports whether there are four to six of them. Each tick is an integer
// scaled once by a power of ten, so that 0.3 is 0.3 and not 0.30000000000000004.
func ticksOf(lo, hi float64, m int64, e int) (scale, bool) {
	step := pow10(float64(m), e-1)
	first, last := int64(floorish(lo/step)), int64(ceilish(hi/step))
	if last-first < 3 || last-first > 5 {
		return scale{}, false
	}
	s := scale{decimals: max(0, -e)}
	if m == 25 {
		s.decimals = max(0, 1-e) // 2.5 needs one decimal more than 2 or 5
	}
	for i := first; i <= last; i++ {
		s.ticks = append(s.ticks, pow10(float64(i*m), e-1))
	}
	return s, true
}

// pow10 returns n × 10^e, dividing for negative e: 3 / 10 is the double
// nearest 0.3, 3 × 0.1 is not.
func pow10(n float64, e int) float64 {
	if e < 0 {
		return n / math.Pow10(-e)
	}
	return n * math.Pow10(e)
}

// floorish and ceilish forgive the last bits of rounding error, so that
// 0.3 / 0.1 counts as 3 and does not add a tick.
func floorish(x float64) float64 {
	if r := math.Round(x); math.Abs(x-r) < 1e-9 {
		return r
	}
	return math.Floor(x)
}

func ceilish(x float64) float64 {
	if r := math.Round(x); math.Abs(x-r) < 1e-9 {
		return r
	}
	return math.Ceil(x)
}
