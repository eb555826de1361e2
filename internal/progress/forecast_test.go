package progress

import (
	"math"
	"testing"
)

func TestForecast(t *testing.T) {
	lyZeroEarly := each(100, 12)
	for m := 1; m <= 11; m++ {
		lyZeroEarly.Set(m, 0)
	}
	lyStock := ser(map[int]float64{12: 48})
	lyQuarters := ser(map[int]float64{6: 500, 12: 1000})
	cases := []struct {
		name  string
		sem   Semantics
		freq  Frequency
		s     Series
		month int
		ly    *Series
		want  float64
		ok    bool
	}{
		{"flow, no last year: 1,100×12/11", Flow, Monthly, each(100, 11), 11, nil, 1200, true},
		{"flow, seasonal: 1,100×1,100/1,000", Flow, Monthly, each(100, 11), 11, lastYearFlow(), 1210, true},
		{"flow, last year 0 by Nov: linear", Flow, Monthly, each(100, 11), 11, &lyZeroEarly, 1200, true},
		{"flow, Oct and Nov late: 900×12/9", Flow, Monthly, each(100, 9), 11, nil, 1200, true},
		{"flow quarterly Nov: 900 over 3 quarters", Flow, Quarterly,
			ser(map[int]float64{3: 300, 6: 300, 9: 300}), 11, nil, 1200, true},
		{"flow quarterly Feb: nothing due", Flow, Quarterly, each(100, 2), 2, nil, 0, false},
		{"cumulative Nov, latest Oct 2,500: ×12/10", Cumulative, Monthly,
			ser(map[int]float64{9: 2200, 10: 2500}), 11, nil, 3000, true},
		{"cumulative seasonal: 500 by Jun, last year 500/1000", Cumulative, Quarterly,
			ser(map[int]float64{3: 180, 6: 500}), 7, &lyQuarters, 1000, true},
		{"yearly before Dec", Flow, Yearly, ser(map[int]float64{12: 5}), 11, nil, 0, false},
		{"yearly in Dec", Flow, Yearly, ser(map[int]float64{12: 5}), 12, nil, 5, true},
		{"stock from 48 last Dec to 54 by Jun: 48+6×12/6", Stock, Monthly,
			ser(map[int]float64{6: 54}), 6, &lyStock, 60, true},
		{"stock, no last year: 50 in Mar to 56 in Sep, on to 59", Stock, Monthly,
			ser(map[int]float64{3: 50, 9: 56}), 11, nil, 59, true},
		{"stock, one figure: holds", Stock, Monthly, ser(map[int]float64{4: 41}), 11, nil, 41, true},
		{"stock, falling: 20 in Jan to 18 in May, −0.5 a month to 14.5", Stock, Monthly,
			ser(map[int]float64{1: 20, 5: 18}), 5, nil, 14.5, true},
		{"ratio: the latest level", Ratio, Monthly, ser(map[int]float64{10: 91, 11: 92.5}), 11, nil, 92.5, true},
		{"nothing reported", Flow, Monthly, Series{}, 11, nil, 0, false},
		{"month 13", Flow, Monthly, each(1, 12), 13, nil, 0, false},
		{"unknown semantics", Semantics(7), Monthly, each(1, 12), 6, nil, 0, false},
	}
	for _, c := range cases {
		got, ok := Forecast(c.sem, c.freq, c.s, c.month, c.ly)
		if ok != c.ok || !near(got, c.want) {
			t.Errorf("%s: Forecast = %v, %v; want %v, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestWarning(t *testing.T) {
	band := [2]float64{3, 5}
	cases := []struct {
		name                string
		dir                 Direction
		forecast, committed float64
		want                bool
	}{
		{"patents forecast 3,100 < 3,200", HigherBetter, 3100, 3200, true},
		{"patents forecast 3,218 ≥ 3,200", HigherBetter, 3218, 3200, false},
		{"exactly the target", HigherBetter, 3200, 3200, false},
		{"energy forecast 144 > 120", LowerBetter, 144, 120, true},
		{"energy forecast 110 ≤ 120", LowerBetter, 110, 120, false},
		{"no committed target", HigherBetter, 10, 0, false},
		{"NaN committed target", LowerBetter, 10, math.NaN(), false},
		{"band: forecast 6 leaves [3,5]", InBand, 6, 0, true},
		{"band: forecast 4 inside", InBand, 4, 0, false},
		{"not scored", NotScored, 0, 100, false},
		{"NaN forecast", HigherBetter, math.NaN(), 100, false},
	}
	for _, c := range cases {
		if got := Warning(c.dir, c.forecast, c.committed, band); got != c.want {
			t.Errorf("%s: Warning = %v, want %v", c.name, got, c.want)
		}
	}
}
