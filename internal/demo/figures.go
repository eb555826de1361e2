package demo

import (
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

// Today is the date the demo pretends it is: November's figures are due
// on 10 December 2019, so its grids are open for a newcomer to fill in.
const Today = "2019-12-09"

// season spreads a flow over the months: slow around the Spring Festival,
// a rush in December. The weights add up to 12.
var season = [12]float64{0.7, 0.6, 1.0, 1.0, 1.0, 1.05, 0.95, 0.9, 1.0, 1.05, 1.1, 1.65}

// factors are how well units do against their targets, cycled over the
// assignments so that every status appears: ahead, on track, behind and
// seriously behind.
var factors = []float64{1.08, 0.97, 1.02, 0.86, 0.93, 0.68, 1.12, 0.95, 0.80, 1.0}

// generator makes the reproducible monthly figures of the demo.
type generator struct {
	rnd     *rand.Rand
	factor  map[int64]float64 // by assignment
	planned map[string]planned
}

func newGenerator(planned map[string]planned) *generator {
	g := &generator{rnd: rand.New(rand.NewPCG(2019, 1531)), factor: map[int64]float64{}, planned: planned}
	i := 0
	for _, code := range sortedCodes(planned) {
		for _, sh := range planned[code].spec.shares {
			g.factor[planned[code].assignments[sh.unit]] = factors[i%len(factors)]
			i++
		}
	}
	return g
}

func sortedCodes(planned map[string]planned) []string {
	codes := make([]string, 0, len(planned))
	for c := range planned {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// value is the figure a unit reports for month m, or false when none is due.
func (g *generator) value(pl planned, sh share, m int) (float64, bool) {
	spec := pl.spec
	if !spec.freq.Due(m) {
		return 0, false
	}
	if spec.code == "CY10" && m == 1 {
		return 26000, true // the seed: January 2019 output 26,000
	}
	f := g.factor[pl.assignments[sh.unit]]
	noise := 1 + (g.rnd.Float64()-0.5)*0.08
	base := spec.lastYear * sh.target / nonZero(spec.committed)
	yearEnd, _ := plan.Target{Committed: &sh.target, Baseline: &base, TargetYear: spec.targetYear}.YearEnd(Year)
	var v float64
	switch {
	case spec.dir == plan.Lower:
		v = sh.target * (2 - f) * noise
	case spec.sem == plan.Flow:
		// Round the running total, not each month, so that small counts
		// (a street's six toilets a year) still add up over the months.
		prev := round(g.cumulative(spec, sh.target, f, m-1, noise), spec.precision)
		return max(0, round(g.cumulative(spec, sh.target, f, m, noise), spec.precision)-prev), true
	case spec.sem == plan.Ratio:
		v = math.Min(100, sh.target*(1-(1-f)*0.35)*(1+(noise-1)/4))
	case spec.sem == plan.Cumulative:
		v = yearEnd * float64(m) / 12 * f * noise
	default: // stock
		if base == 0 {
			base = 0.55 * sh.target
		}
		v = base + (yearEnd-base)*float64(m)/12*f
	}
	return round(v, spec.precision), true
}

func nonZero(x float64) float64 {
	if x == 0 {
		return 1
	}
	return x
}

func round(v float64, precision int) float64 {
	p := math.Pow(10, float64(precision))
	return math.Round(v*p) / p
}

// cumulative is where a flow's running total stands after month m.
func (g *generator) cumulative(spec indicatorSpec, target, f float64, m int, noise float64) float64 {
	if m <= 0 {
		return 0
	}
	share := 0.0
	if spec.freq == plan.Quarterly {
		share = float64(m/3) / 4
	} else {
		for _, w := range season[:m] {
			share += w
		}
		share /= 12
	}
	return target * share * f * noise
}

// grid is one unit's figures for one month.
type grid struct {
	unit    string
	entries []report.Entry
}

// grids lists, per unit in a fixed order, what each reports for month m.
func (g *generator) grids(m int) []grid {
	byUnit := map[string][]report.Entry{}
	for _, code := range sortedCodes(g.planned) {
		pl := g.planned[code]
		if Bindings[code] != "" || EnterpriseBindings[code] != "" || LeadBindings[code] != "" {
			continue // the portfolio, the register or the pipeline produces these figures
		}
		if TaskBindings[code] != "" {
			// The supervised tasks produce these; the numbers are drawn all
			// the same, so that binding them left every other generated
			// figure as it was.
			for _, sh := range pl.spec.shares {
				g.value(pl, sh, m)
			}
			continue
		}
		for _, sh := range pl.spec.shares {
			v, ok := g.value(pl, sh, m)
			if !ok {
				continue
			}
			e := report.Entry{AssignmentID: pl.assignments[sh.unit], Value: &v}
			if g.factor[e.AssignmentID] < 0.9 && pl.spec.dir == plan.Higher {
				e.Explanation = "受项目落地和企业申报节奏影响，进度暂时落后，已制定追赶措施，力争四季度追上。"
			}
			byUnit[sh.unit] = append(byUnit[sh.unit], e)
		}
	}
	units := make([]string, 0, len(byUnit))
	for u := range byUnit {
		units = append(units, u)
	}
	sort.Strings(units)
	out := make([]grid, len(units))
	for i, u := range units {
		out[i] = grid{unit: u, entries: byUnit[u]}
	}
	return out
}

// at is a moment in China time in the demo year.
func at(year int, month time.Month, day, hour int) time.Time {
	return time.Date(year, month, day, hour, 0, 0, 0, time.FixedZone("CST", 8*3600)).UTC()
}

// ids lists a grid's assignments.
func (gr grid) ids() []int64 {
	out := make([]int64, len(gr.entries))
	for i, e := range gr.entries {
		out[i] = e.AssignmentID
	}
	return out
}

// actors of the demo's workflow.
type actors struct {
	reporter, head map[string]audit.Actor
	office         audit.Actor
}

func (a actors) reporterOf(unit string) audit.Actor {
	if r, ok := a.reporter[unit]; ok {
		return r
	}
	return audit.Actor{Name: "填报员（演示）", Address: "demo"}
}

func (a actors) headOf(unit string) audit.Actor {
	if h, ok := a.head[unit]; ok {
		return h
	}
	return audit.Actor{Name: "单位负责人（演示）", Address: "demo"}
}
