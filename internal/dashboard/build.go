package dashboard

import (
	"gaoxin/internal/plan"
	"gaoxin/internal/progress"
)

func build(p plan.Plan, month int, in *inputs, t progress.Thresholds) *Board {
	b := &Board{Plan: p, Month: month, byID: map[int64]*IndicatorRow{}, Units: in.units, Gaps: map[int64]plan.SharingGap{}, thresholds: t}
	byIndicator := map[int64][]plan.Assignment{}
	for _, a := range in.assignments {
		byIndicator[a.IndicatorID] = append(byIndicator[a.IndicatorID], a)
	}
	if len(in.indicators) > 0 {
		b.Indicators = make([]*IndicatorRow, len(in.indicators))
	}
	// Indicators are evaluated independently of each other, so every
	// processor takes a share of them.
	shared(len(in.indicators), func(i int) {
		b.Indicators[i] = evaluateIndicator(p.Year, month, in.indicators[i], byIndicator[in.indicators[i].ID], in, t)
	})
	for _, row := range b.Indicators {
		b.byID[row.ID] = row
	}
	for _, g := range plan.CheckSharing(in.indicators, in.assignments, in.book, month) {
		b.Gaps[g.IndicatorID] = g
	}
	b.Nodes = rollupNodes(in.nodes, b.Indicators, t)
	return b
}

func evaluateIndicator(year, month int, ind plan.Indicator, assignments []plan.Assignment, in *inputs, t progress.Thresholds) *IndicatorRow {
	row := &IndicatorRow{Indicator: ind}
	if len(assignments) > 0 {
		// Sized once: a UnitProgress is large, and growing the slice by
		// appending would copy each of them several times over.
		row.ByUnit = make([]UnitProgress, 0, len(assignments))
	}
	kinds := kindsOf(ind)
	var unitSeries []*progress.Series
	for _, a := range assignments {
		up := UnitProgress{Unit: in.units[a.UnitID], AssignmentID: a.ID}
		up.Target, up.HasTarget = in.book.At(ind.ID, a.UnitID, month)
		if s := in.series[a.ID]; s != nil {
			up.Series = *s
			unitSeries = append(unitSeries, s)
		}
		up.Result = progress.Evaluate(input(kinds, up.Target, year, up.Series, month, t))
		row.ByUnit = append(row.ByUnit, up)
	}
	row.Target, _ = in.book.At(ind.ID, 0, month)
	if v, ok := row.Target.YearEnd(year); ok {
		row.YearEnd = progress.Value{V: v, OK: true}
	}
	row.Zone.Series = zoneSeries(kinds, unitSeries)
	row.Zone.Result = progress.Evaluate(input(kinds, row.Target, year, row.Zone.Series, month, t))
	for m := 1; m <= 12; m++ {
		row.Zone.ByMonth[m-1] = progress.Evaluate(input(kinds, row.Target, year, row.Zone.Series, m, t))
	}
	return row
}

// kinds is an indicator's attributes in the engine's terms.
type kinds struct {
	sem  progress.Semantics
	dir  progress.Direction
	freq progress.Frequency
	agg  progress.Aggregation
	band [2]float64
}

func kindsOf(ind plan.Indicator) kinds {
	k := kinds{}
	k.sem = map[plan.Semantics]progress.Semantics{plan.Flow: progress.Flow, plan.Cumulative: progress.Cumulative,
		plan.Stock: progress.Stock, plan.Ratio: progress.Ratio}[ind.Semantics]
	k.dir = map[plan.Direction]progress.Direction{plan.Higher: progress.HigherBetter, plan.Lower: progress.LowerBetter,
		plan.Band: progress.InBand, plan.NotScored: progress.NotScored}[ind.Direction]
	k.freq = map[plan.Frequency]progress.Frequency{plan.Monthly: progress.Monthly, plan.Quarterly: progress.Quarterly,
		plan.Yearly: progress.Yearly}[ind.Frequency]
	k.agg = map[plan.Aggregation]progress.Aggregation{plan.Sum: progress.Sum, plan.Mean: progress.Mean, plan.Max: progress.Max,
		plan.Min: progress.Min, plan.None: progress.NoAggregation}[ind.Aggregation]
	if ind.BandLow != nil && ind.BandHigh != nil {
		k.band = [2]float64{*ind.BandLow, *ind.BandHigh}
	}
	return k
}

// input prepares one evaluation. A multi-year target is measured by where
// its path stands at the end of this year; the baseline (上年基数) enters as
// last year's December, which is where a stock starts from.
func input(k kinds, tg plan.Target, year int, s progress.Series, month int, t progress.Thresholds) progress.Input {
	in := progress.Input{Semantics: k.sem, Direction: k.dir, Band: k.band, Frequency: k.freq, Series: s, Thresholds: t, Month: month}
	if v, ok := tg.YearEnd(year); ok {
		in.Committed = v
	}
	if tg.Stretch != nil && tg.TargetYear <= year {
		in.Stretch = *tg.Stretch
	}
	switch tg.Profile {
	case plan.Explicit:
		in.Profile = explicitProfile(tg.ProfileValues)
	case plan.Seasonal:
		in.Profile = progress.Profile{Kind: progress.Seasonal}
	}
	if tg.Baseline != nil && k.sem != progress.Flow {
		var last progress.Series
		last.Set(12, *tg.Baseline)
		in.LastYear = &last
	}
	return in
}

func explicitProfile(values []float64) progress.Profile {
	switch len(values) {
	case 12:
		var m [12]float64
		copy(m[:], values)
		return progress.ExplicitMonths(m)
	case 4:
		var q [4]float64
		copy(q[:], values)
		return progress.ExplicitQuarters(q)
	}
	return progress.Profile{}
}

// zoneSeries combines the units' series month by month by the indicator's
// aggregation; a month no unit reported stays missing.
func zoneSeries(k kinds, units []*progress.Series) progress.Series {
	var zone progress.Series
	if k.agg == progress.NoAggregation && len(units) != 1 {
		return zone
	}
	values := make([]float64, 0, len(units))
	for m := 1; m <= 12; m++ {
		values = values[:0]
		for _, s := range units {
			if v, ok := s.At(m); ok {
				values = append(values, v)
			}
		}
		agg := k.agg
		if k.sem == progress.Flow && agg != progress.NoAggregation {
			agg = progress.Sum // a flow's monthly amounts add up whatever the year-end rule
		}
		if len(units) == 1 {
			agg = progress.Sum
		}
		if v, ok := progress.Aggregate(agg, values); ok {
			zone.Set(m, v)
		}
	}
	return zone
}

// rollupNodes computes each node's ratio from its indicators and its child
// nodes, bottom up, weighted by their weights.
func rollupNodes(nodes []plan.Node, indicators []*IndicatorRow, t progress.Thresholds) []NodeRow {
	rows := make([]NodeRow, len(nodes))
	index := map[int64]int{}
	for i, n := range nodes {
		rows[i] = NodeRow{Node: n}
		index[n.ID] = i
	}
	for _, ind := range indicators {
		if i, ok := index[ind.NodeID]; ok {
			rows[i].Indicators = append(rows[i].Indicators, ind)
		}
	}
	// Tree order puts children after parents, so walking backwards sees
	// every child before its parent.
	children := map[int64][]progress.Weighted{}
	for i := len(rows) - 1; i >= 0; i-- {
		parts := children[rows[i].ID]
		for _, ind := range rows[i].Indicators {
			parts = append(parts, progress.Weighted{Ratio: ind.Zone.Ratio.V, Weight: ind.Weight, OK: ind.Zone.Ratio.OK})
		}
		if r, ok := progress.Rollup(parts); ok {
			rows[i].Ratio = progress.Value{V: r, OK: true}
			rows[i].Status = progress.StatusOf(r, t)
		}
		children[rows[i].ParentID] = append(children[rows[i].ParentID],
			progress.Weighted{Ratio: rows[i].Ratio.V, Weight: rows[i].Weight, OK: rows[i].Ratio.OK})
	}
	return rows
}
