package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"gaoxin/internal/plan"
)

// indicatorKind is a sort of indicator a zone is measured by, with the
// range a unit's annual target is drawn from.
type indicatorKind struct {
	name, uom string
	sem       plan.Semantics
	dir       plan.Direction
	precision int
	low, high float64
}

// indicatorKinds: flows are about half, as in real plans; then levels and
// rates, stocks and year-to-date amounts.
var indicatorKinds = []indicatorKind{
	{"专利申请量", "件", plan.Flow, plan.Higher, 0, 50, 1500},
	{"发明专利授权量", "件", plan.Flow, plan.Higher, 0, 10, 400},
	{"新增高新技术企业", "家", plan.Flow, plan.Higher, 0, 3, 60},
	{"新增科技型中小企业", "家", plan.Flow, plan.Higher, 0, 5, 120},
	{"固定资产投资", "亿元", plan.Flow, plan.Higher, 1, 5, 200},
	{"招商引资到位资金", "亿元", plan.Flow, plan.Higher, 1, 2, 150},
	{"实际使用外资", "万美元", plan.Flow, plan.Higher, 0, 500, 30000},
	{"技术合同成交额", "亿元", plan.Flow, plan.Higher, 2, 0.5, 40},
	{"新增城镇就业", "人", plan.Flow, plan.Higher, 0, 200, 8000},
	{"新开工亿元以上项目", "个", plan.Flow, plan.Higher, 0, 2, 40},
	{"一般公共预算收入", "亿元", plan.Flow, plan.Higher, 2, 1, 60},
	{"安全生产事故起数", "起", plan.Flow, plan.Lower, 0, 2, 20},
	{"信访案件数", "件", plan.Flow, plan.Lower, 0, 10, 200},
	{"规上工业营业收入", "亿元", plan.Cumulative, plan.Higher, 1, 20, 800},
	{"高新技术产业产值", "亿元", plan.Cumulative, plan.Higher, 1, 10, 600},
	{"研发经费投入", "亿元", plan.Cumulative, plan.Higher, 2, 1, 50},
	{"高新技术企业总数", "家", plan.Stock, plan.Higher, 0, 20, 800},
	{"瞪羚企业", "家", plan.Stock, plan.Higher, 0, 2, 60},
	{"省级以上研发平台", "个", plan.Stock, plan.Higher, 0, 3, 80},
	{"孵化器在孵企业", "家", plan.Stock, plan.Higher, 0, 20, 400},
	{"政务服务事项办结率", "%", plan.Ratio, plan.Higher, 1, 90, 99},
	{"群众满意度", "%", plan.Ratio, plan.Higher, 1, 85, 98},
	{"规上工业增加值增速", "%", plan.Ratio, plan.Higher, 1, 5, 12},
	{"研发投入强度", "%", plan.Ratio, plan.Higher, 2, 2, 6},
	{"万元GDP能耗", "吨标煤", plan.Ratio, plan.Lower, 3, 0.3, 0.8},
	{"PM2.5平均浓度", "微克/立方米", plan.Ratio, plan.Lower, 0, 30, 55},
	{"居民消费价格涨幅", "%", plan.Ratio, plan.Band, 1, 2, 3.5},
	{"城镇登记失业率", "%", plan.Ratio, plan.Band, 1, 2, 4},
}

type genIndicator struct {
	kind      indicatorKind
	code      string
	node      int
	source    int // unit index
	dir       plan.Direction
	freq      plan.Frequency
	agg       plan.Aggregation
	explicit  bool    // targets spread by an explicit monthly profile
	multiYear bool    // the target is for next year, this year on its way
	stretch   bool    // the zone states a stretch target (力争)
	surplus   float64 // the zone asks this much more than its units' targets add up to
	perf      float64 // how well the indicator goes, around 1
	first     int     // its first assignment; they are consecutive
	count     int
}

// makeIndicators draws each indicator's kind, frequency and options.
func (m *model) makeIndicators(rng *rand.Rand) {
	m.indicators = make([]genIndicator, m.s.Indicators)
	for i := range m.indicators {
		k := indicatorKinds[rng.IntN(len(indicatorKinds))]
		in := genIndicator{kind: k, code: fmt.Sprintf("I%04d", i+1), node: rng.IntN(len(m.nodes)),
			source: m.randomUnit(rng), dir: k.dir, freq: drawFrequency(rng), agg: plan.Sum, surplus: 1,
			perf: factors[rng.IntN(len(factors))]}
		if k.sem == plan.Ratio {
			in.agg = plan.Mean
		}
		switch r := rng.Float64(); {
		case r < 0.08:
			in.dir = plan.NotScored // monitored, not scored
		case r < 0.11:
			in.agg = plan.None // each unit on its own, no zone total
		}
		in.explicit = k.sem == plan.Flow && in.freq == plan.Monthly && rng.IntN(7) == 0
		in.multiYear = k.sem == plan.Stock && rng.IntN(5) == 0
		in.stretch = k.dir == plan.Higher && k.sem != plan.Ratio && rng.IntN(3) == 0
		if in.agg == plan.Sum && rng.IntN(7) == 0 {
			in.surplus = 1.03 // shared out short of the zone's target: a sharing gap
		}
		m.indicators[i] = in
	}
}

func drawFrequency(rng *rand.Rand) plan.Frequency {
	switch r := rng.IntN(100); {
	case r < 70:
		return plan.Monthly
	case r < 92:
		return plan.Quarterly
	}
	return plan.Yearly
}

// genAssignment is an indicator shared out to a unit, with the unit's
// annual target and how well the unit does against it.
type genAssignment struct {
	indicator, unit  int
	target, baseline float64
	factor           float64
}

// makeAssignments shares each indicator out to a random set of units,
// some indicators to many, some to few, exactly s.Assignments in all.
func (m *model) makeAssignments(rng *rand.Rand) {
	eligible := len(m.units) - 1
	counts := spread(rng, m.s.Assignments, len(m.indicators), eligible)
	perm := make([]int, eligible)
	for i := range perm {
		perm[i] = i + 1
	}
	m.assignments = make([]genAssignment, 0, m.s.Assignments)
	for i := range m.indicators {
		in := &m.indicators[i]
		in.first, in.count = len(m.assignments), counts[i]
		for j := 0; j < counts[i]; j++ { // a partial shuffle draws distinct units
			k := j + rng.IntN(eligible-j)
			perm[j], perm[k] = perm[k], perm[j]
		}
		picked := append([]int(nil), perm[:counts[i]]...)
		sort.Ints(picked)
		for _, u := range picked {
			m.assignments = append(m.assignments, m.newAssignment(rng, i, u))
		}
	}
}

func (m *model) newAssignment(rng *rand.Rand, indicator, unit int) genAssignment {
	in := m.indicators[indicator]
	k := in.kind
	a := genAssignment{indicator: indicator, unit: unit, factor: in.perf * (0.9 + 0.2*rng.Float64())}
	a.target = round(k.low+(k.high-k.low)*rng.Float64(), k.precision)
	if k.dir == plan.Band {
		a.target = round((k.low+k.high)/2, k.precision)
	}
	a.target = math.Max(a.target, math.Pow(10, -float64(k.precision)))
	switch {
	case in.multiYear:
		a.baseline = round(0.6*a.target, k.precision)
	case k.sem == plan.Stock:
		a.baseline = round(0.8*a.target, k.precision)
	default:
		a.baseline = round(0.92*a.target, k.precision)
	}
	return a
}

// spread cuts total into n counts of at most limit each, uneven but
// adding up exactly.
func spread(rng *rand.Rand, total, n, limit int) []int {
	weights := make([]float64, n)
	sum := 0.0
	for i := range weights {
		weights[i] = 0.25 + 1.5*rng.Float64()
		sum += weights[i]
	}
	counts := make([]int, n)
	left := total
	for i, w := range weights {
		counts[i] = min(limit, int(float64(total)*w/sum))
		left -= counts[i]
	}
	for i := rng.IntN(n); left > 0; i = (i + 1) % n {
		if counts[i] < limit {
			counts[i]++
			left--
		}
	}
	return counts
}
