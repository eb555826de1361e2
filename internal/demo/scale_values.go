package demo

import (
	"math"
	"strconv"
	"strings"

	"gaoxin/internal/plan"
)

// zoneTarget is the zone's own target for an indicator: its units' targets
// added up (or averaged) by the indicator's rule, a little more where the
// zone asks more than it shared out. An indicator whose units stand on
// their own has none.
func (m *model) zoneTarget(in genIndicator) (committed, baseline float64, ok bool) {
	if in.agg == plan.None {
		return 0, 0, false
	}
	if in.count == 0 {
		mid := round((in.kind.low+in.kind.high)/2, in.kind.precision)
		return mid, round(0.92*mid, in.kind.precision), true
	}
	for _, a := range m.assignments[in.first : in.first+in.count] {
		committed += a.target
		baseline += a.baseline
	}
	if in.agg == plan.Mean {
		committed, baseline = committed/float64(in.count), baseline/float64(in.count)
	} else {
		committed *= in.surplus
	}
	return round(committed, in.kind.precision), round(baseline, in.kind.precision), true
}

// targetYear is the year a target is for: next year for a multi-year one.
func (in genIndicator) targetYear() int {
	if in.multiYear {
		return ScaleYear + 1
	}
	return ScaleYear
}

// profileValues is an explicit profile: the seasonal running total of the
// target at the end of each month, written as the plan stores it.
func (in genIndicator) profileValues(target float64) string {
	if !in.explicit {
		return ""
	}
	parts := make([]string, 12)
	for m := 1; m <= 12; m++ {
		parts[m-1] = strconv.FormatFloat(round(target*seasonShare(m), in.kind.precision), 'f', -1, 64)
	}
	return strings.Join(parts, ",")
}

// seasonShare is the part of a year's flow done by the end of month m.
func seasonShare(m int) float64 {
	share := 0.0
	for _, w := range season[:m] {
		share += w
	}
	return share / 12
}

// value is the figure assignment a reports for month (when it is due):
// its target's way through the year, bent by how well the unit does and
// by a little noise that depends only on the seed, the assignment and
// the month.
func (m *model) value(a, month int) float64 {
	ga := m.assignments[a]
	in := m.indicators[ga.indicator]
	k := in.kind
	f := ga.factor
	if in.dir == plan.Lower {
		f = 2 - f // doing badly means more
	}
	switch k.sem {
	case plan.Flow:
		now := round(m.runningTotal(a, month, f), k.precision)
		before := round(m.runningTotal(a, month-in.step(), f), k.precision)
		return math.Max(0, now-before)
	case plan.Cumulative:
		return round(ga.target*float64(month)/12*f*m.wiggle(a, month), k.precision)
	case plan.Stock:
		yearEnd, _ := plan.Target{Committed: &ga.target, Baseline: &ga.baseline, TargetYear: in.targetYear()}.YearEnd(ScaleYear)
		return round(ga.baseline+(yearEnd-ga.baseline)*float64(month)/12*f, k.precision)
	}
	v := ga.target * (1 - (1-f)*0.35) * m.wiggle(a, month)
	if k.dir == plan.Band {
		v = ga.target * (1 + (f-1)*0.8) * m.wiggle(a, month)
	}
	if k.uom == "%" && k.dir == plan.Higher {
		v = math.Min(v, 100)
	}
	return round(v, k.precision)
}

// runningTotal is where a flow stands after month m.
func (m *model) runningTotal(a, month int, f float64) float64 {
	if month <= 0 {
		return 0
	}
	ga := m.assignments[a]
	share := seasonShare(month)
	switch m.indicators[ga.indicator].freq {
	case plan.Quarterly:
		share = float64(month/3) / 4
	case plan.Yearly:
		share = float64(month / 12)
	}
	return ga.target * share * f * m.wiggle(a, month)
}

// step is how many months lie between two figures of an indicator.
func (in genIndicator) step() int {
	switch in.freq {
	case plan.Quarterly:
		return 3
	case plan.Yearly:
		return 12
	}
	return 1
}

// wiggle is ±3 % of noise for an assignment's month.
func (m *model) wiggle(a, month int) float64 { return 1 + (m.noise(a, month)-0.5)*0.06 }

// noise is a number in [0, 1) that depends only on the seed, the
// assignment and the month (SplitMix64), so that a month's figures can be
// made in any order and still come out the same.
func (m *model) noise(a, month int) float64 {
	x := m.s.Seed*0x9e3779b97f4a7c15 + uint64(a)<<8 + uint64(month)
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	x ^= x >> 31
	return float64(x>>11) / (1 << 53)
}
