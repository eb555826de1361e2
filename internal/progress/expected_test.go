package progress

import (
	"math"
	"testing"
)

// plan: 0 by Feb, then 300 a month to 2,100 by Sep, 400 a month to 3,200.
var plan = ExplicitMonths([12]float64{0, 0, 300, 600, 900, 1200, 1500, 1800, 2100, 2500, 2900, 3200})

// lastYearFlow: 50 in Jan and Feb, then 100 a month. YTD(2) = 100,
// YTD(6) = 500, YTD(11) = 1,000, total 1,100.
func lastYearFlow() *Series {
	s := each(100, 12)
	s.Set(1, 50)
	s.Set(2, 50)
	return &s
}

func TestExpected(t *testing.T) {
	lyCum := ser(map[int]float64{3: 200, 6: 500, 9: 700, 12: 1000})
	lyStock := ser(map[int]float64{6: 40, 12: 48})
	lyZero := each(0, 12)
	tp := Profile{}
	seasonal := Profile{Kind: Seasonal}
	cases := []struct {
		name   string
		sem    Semantics
		freq   Frequency
		p      Profile
		annual float64
		ly     *Series
		month  int
		want   float64
		ok     bool
	}{
		{"patents by Nov: 3200×11/12", Flow, Monthly, tp, 3200, nil, 11, 2933.3333333333335, true},
		{"investment by Jun: 1204×6/12", Cumulative, Monthly, tp, 1204, nil, 6, 602, true},
		{"quarterly in Nov: 3 quarters, 3200×3/4", Flow, Quarterly, tp, 3200, nil, 11, 2400, true},
		{"quarterly in Feb: nothing due", Flow, Quarterly, tp, 3200, nil, 2, 0, true},
		{"quarterly in Dec: all", Cumulative, Quarterly, tp, 3200, nil, 12, 3200, true},
		{"yearly in Nov: nothing due", Flow, Yearly, tp, 30, nil, 11, 0, true},
		{"yearly in Dec", Flow, Yearly, tp, 30, nil, 12, 30, true},
		{"explicit Feb: 0", Flow, Monthly, plan, 3200, nil, 2, 0, true},
		{"explicit Nov: 2,900", Flow, Monthly, plan, 3200, nil, 11, 2900, true},
		{"explicit stretch Nov: 3500×2900/3200", Flow, Monthly, plan, 3500, nil, 11, 3171.875, true},
		{"explicit quarterly Nov: Sep's 2,100", Cumulative, Quarterly, plan, 3200, nil, 11, 2100, true},
		{"explicit in percent: 40% by Jun of 20 亿", Flow, Monthly,
			ExplicitMonths([12]float64{5: 40, 11: 100}), 20, nil, 6, 8, true},
		{"explicit without a December falls back to time", Flow, Monthly,
			ExplicitMonths([12]float64{5: 40}), 1200, nil, 6, 600, true},
		{"seasonal Nov: 1210×1000/1100", Flow, Monthly, seasonal, 1210, lastYearFlow(), 11, 1100, true},
		{"seasonal Feb: 1210×100/1100", Flow, Monthly, seasonal, 1210, lastYearFlow(), 2, 110, true},
		{"seasonal quarterly Jul: Jun's 500/1000 of 1200", Cumulative, Quarterly, seasonal, 1200, &lyCum, 7, 600, true},
		{"seasonal without last year: 1200×6/12", Flow, Monthly, seasonal, 1200, nil, 6, 600, true},
		{"seasonal, last year all zero: time", Flow, Monthly, seasonal, 1200, &lyZero, 6, 600, true},
		{"stock from 48 to 60, Jun: 48+12×6/12", Stock, Monthly, tp, 60, &lyStock, 6, 54, true},
		{"stock with no baseline: 60×6/12", Stock, Monthly, tp, 60, nil, 6, 30, true},
		{"stock quarterly Aug: as at Jun, 54", Stock, Quarterly, tp, 60, &lyStock, 8, 54, true},
		{"stock yearly Nov: still the baseline", Stock, Yearly, tp, 60, &lyStock, 11, 48, true},
		{"stock seasonal is linear", Stock, Monthly, seasonal, 60, &lyStock, 6, 54, true},
		{"stock explicit levels: 50 by Jun", Stock, Monthly,
			ExplicitMonths([12]float64{5: 50, 11: 60}), 60, &lyStock, 6, 50, true},
		{"ratio: the target all year", Ratio, Monthly, tp, 92.5, nil, 3, 92.5, true},
		{"ratio quarterly Feb: nothing due", Ratio, Quarterly, tp, 92.5, nil, 2, 0, true},
		{"no target", Flow, Monthly, tp, 0, nil, 6, 0, false},
		{"NaN target", Flow, Monthly, tp, math.NaN(), nil, 6, 0, false},
		{"month 0", Flow, Monthly, tp, 100, nil, 0, 0, false},
		{"unknown frequency", Flow, Frequency(5), tp, 100, nil, 6, 0, false},
		{"unknown profile", Flow, Monthly, Profile{Kind: 9}, 100, nil, 6, 0, false},
		{"unknown semantics", Semantics(5), Monthly, tp, 100, nil, 6, 0, false},
	}
	for _, c := range cases {
		got, ok := Expected(c.sem, c.freq, c.p, c.annual, c.ly, c.month)
		if ok != c.ok || !near(got, c.want) {
			t.Errorf("%s: Expected = %v, %v; want %v, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestExplicitQuarters(t *testing.T) {
	// 500, 1,200, 2,000, 3,200 by quarter; months in between on the line:
	// Jan 500/3, Apr 500+700/3, Nov 2000+1200×2/3 = 2,800.
	p := ExplicitQuarters([4]float64{500, 1200, 2000, 3200})
	for _, c := range []struct {
		month int
		freq  Frequency
		want  float64
	}{
		{1, Monthly, 500.0 / 3}, {3, Monthly, 500}, {4, Monthly, 500 + 700.0/3},
		{11, Monthly, 2800}, {12, Monthly, 3200}, {4, Quarterly, 500}, {11, Quarterly, 2000},
	} {
		got, ok := Expected(Flow, c.freq, p, 3200, nil, c.month)
		if !ok || !near(got, c.want) {
			t.Errorf("month %d freq %d: %v, %v; want %v", c.month, c.freq, got, ok, c.want)
		}
	}
}
