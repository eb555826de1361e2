package planio

import (
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
)

// monthTargets is what a figure file says of one assignment's targets, by
// month (index 0 is January).
type monthTargets struct {
	line        int    // the first row giving one: where a problem is reported
	column      string // and under which column
	indicatorID int64
	unitID      int64
	monthly     [12]*float64
	ytd         [12]*float64
}

// profiles turns the file's monthly targets into a new target for each
// assignment whose targets they change.
func (p *figureParser) profiles() []plan.Target {
	var changes []plan.Target
	for _, id := range p.order {
		mt := p.targets[id]
		in := p.st.byID[mt.indicatorID]
		cur, has := p.st.book.At(mt.indicatorID, mt.unitID, 12)
		next, msg := profileTarget(in.Semantics, cur, has, mt, p.st.year)
		if msg != nil {
			p.problems.Add(p.s.problem(mt.line, mt.column, *msg))
			continue
		}
		if has && sameTarget(cur, next) {
			continue
		}
		changes = append(changes, next)
	}
	return changes
}

// profileTarget is the target in force with an explicit profile of twelve
// cumulative values in its place, taken literally: the expected value of
// every month the file gives is what the file says. So the file's December
// value, when given, is the year's committed target; otherwise the
// committed target in force stays, and the months the file lacks are
// filled with what time-proportional 序时 would expect of it.
func profileTarget(sem plan.Semantics, cur plan.Target, has bool, mt *monthTargets, year int) (plan.Target, *i18n.Msg) {
	if has && cur.TargetYear > year {
		// A multi-year target's committed value is a later year's; one
		// year's months cannot say it.
		msg := i18n.M("planio.profile_multi_year", cur.TargetYear)
		return plan.Target{}, &msg
	}
	levels, known := mt.fileLevels(sem)
	var committed float64
	switch {
	case known[11]:
		committed = levels[11]
	case has && cur.Committed != nil:
		committed = *cur.Committed
	default:
		msg := i18n.M("planio.profile_no_year")
		return plan.Target{}, &msg
	}
	baseline := 0.0
	if has && cur.Baseline != nil {
		baseline = *cur.Baseline
	}
	values := mt.fill(sem, levels, known, committed, baseline)
	next := plan.Target{IndicatorID: mt.indicatorID, UnitID: mt.unitID, ValidFrom: 1}
	if has {
		next = cur
		next.ID = 0
	}
	next.Committed, next.Profile, next.ProfileValues = &committed, plan.Explicit, values
	return next, nil
}

// amount reports whether an indicator's targets add up over the year, so
// that a month's target is an increment rather than a level.
func amount(sem plan.Semantics) bool { return sem == plan.Flow || sem == plan.Cumulative }

// fileLevels is the cumulative target at the end of each month that the
// file alone says: a year-to-date target; a monthly target of a level; or
// a monthly target of an amount added to the month before, when that one
// is known.
func (mt *monthTargets) fileLevels(sem plan.Semantics) (levels [12]float64, known [12]bool) {
	for m := range 12 {
		switch {
		case mt.ytd[m] != nil:
			levels[m], known[m] = *mt.ytd[m], true
		case mt.monthly[m] == nil:
		case !amount(sem):
			levels[m], known[m] = *mt.monthly[m], true
		case m == 0:
			levels[m], known[m] = *mt.monthly[m], true
		case known[m-1]:
			levels[m], known[m] = levels[m-1]+*mt.monthly[m], true
		}
	}
	return levels, known
}

// fill completes the twelve values: a month the file left out gets the
// time-proportional value of the committed target, and a monthly target of
// an amount adds to the month before, filled or not.
func (mt *monthTargets) fill(sem plan.Semantics, levels [12]float64, known [12]bool, committed, baseline float64) []float64 {
	out := make([]float64, 12)
	for m := range 12 {
		switch {
		case known[m]:
			out[m] = levels[m]
		case amount(sem) && mt.monthly[m] != nil:
			out[m] = out[m-1] + *mt.monthly[m] // m > 0: January's monthly target is always known
		default:
			out[m] = timeLevel(sem, committed, baseline, m+1)
		}
	}
	return out
}

// timeLevel is what time-proportional 序时 expects at the end of month: a
// share of an amount, a level held all year for a ratio, and for a stock a
// straight path from last year's level.
func timeLevel(sem plan.Semantics, committed, baseline float64, month int) float64 {
	if month == 12 {
		return committed
	}
	share := float64(month) / 12
	switch sem {
	case plan.Ratio:
		return committed
	case plan.Stock:
		return baseline + (committed-baseline)*share
	}
	return committed * share
}
