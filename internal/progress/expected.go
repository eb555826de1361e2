package progress

// ProfileKind says how an annual target is spread over the year (序时进度).
type ProfileKind uint8

const (
	// TimeProportional expects annual × months elapsed / 12.
	TimeProportional ProfileKind = iota
	// Explicit expects the cumulative values written in the plan.
	Explicit
	// Seasonal expects what last year had reached by the same month, as a
	// share of last year's total.
	Seasonal
)

// Profile spreads an annual target over the year. The zero value is
// time-proportional.
type Profile struct {
	Kind ProfileKind
	// Months holds, for Explicit, the cumulative expected value at the end
	// of each month. Only its shape counts: expected(m) = annual ×
	// Months[m]/Months[12]. That lets one profile serve both the committed
	// and the stretch target, and lets the plan write it in the indicator's
	// unit, in percent or in shares alike.
	Months [12]float64
}

// ExplicitMonths returns an explicit profile from cumulative monthly values.
func ExplicitMonths(cumulative [12]float64) Profile {
	return Profile{Kind: Explicit, Months: cumulative}
}

// ExplicitQuarters returns an explicit profile from cumulative quarter-end
// values. Months inside a quarter are interpolated linearly, because a
// monthly indicator with a quarterly plan is still expected to progress
// within the quarter, not to jump at its end.
func ExplicitQuarters(cumulative [4]float64) Profile {
	p := Profile{Kind: Explicit}
	prev := 0.0
	for q, end := range cumulative {
		for k := 1; k <= 3; k++ {
			p.Months[q*3+k-1] = prev + (end-prev)*float64(k)/3
		}
		prev = end
	}
	return p
}

// Expected returns the 序时 target at month for an annual target: what
// should have been reached by then. A zero or non-finite annual target means
// there is no target, and the result is not ok. Before the first month an
// indicator is due, nothing is expected yet (0, or a stock's baseline).
//
// lastYear may be nil. It shapes a Seasonal profile, and its last figure is
// the baseline from which a Stock moves towards its target.
func Expected(sem Semantics, freq Frequency, p Profile, annual float64, lastYear *Series, month int) (float64, bool) {
	if annual == 0 || !finite(annual) || p.Kind > Seasonal {
		return 0, false
	}
	due, ok := periodEnd(freq, month)
	if !ok {
		return 0, false
	}
	switch sem {
	case Flow, Cumulative:
		return checked(annual * p.share(sem, lastYear, due))
	case Stock, Ratio:
		return levelExpected(sem, &p, annual, lastYear, due)
	}
	return 0, false
}

// share is the part of an amount's annual target due by month due. A
// profile that cannot be read falls back to time, because the plan still
// has a 序时 target when its shape is missing.
func (p *Profile) share(sem Semantics, lastYear *Series, due int) float64 {
	switch p.Kind {
	case Explicit:
		if s, ok := p.explicitShare(due); ok {
			return s
		}
	case Seasonal:
		if s, ok := seasonalShare(sem, lastYear, due); ok {
			return s
		}
	}
	return float64(due) / 12
}

func (p *Profile) explicitShare(due int) (float64, bool) {
	total := p.Months[11]
	if !(total > 0) || !finite(total) {
		return 0, false
	}
	if due == 0 {
		return 0, true
	}
	return checked(p.Months[due-1] / total)
}

// seasonalShare is what last year had reached by month due as a share of
// its total. A month last year left blank counts as nothing reached yet.
func seasonalShare(sem Semantics, lastYear *Series, due int) (float64, bool) {
	if lastYear == nil {
		return 0, false
	}
	total, ok := YTD(sem, *lastYear, 12)
	if !ok || !(total > 0) {
		return 0, false
	}
	if due == 0 {
		return 0, true
	}
	reached, _ := YTD(sem, *lastYear, due)
	return checked(reached / total)
}

// levelExpected is the 序时 level of an indicator whose value is a level
// rather than an amount. An Explicit profile is read as levels, scaled to
// the annual target. Otherwise a stock moves linearly from where last year
// ended (Seasonal shares of a snapshot mean nothing), and a ratio is
// expected at its target all year.
func levelExpected(sem Semantics, p *Profile, annual float64, lastYear *Series, due int) (float64, bool) {
	if p.Kind == Explicit {
		if s, ok := p.explicitShare(due); ok {
			return checked(annual * s)
		}
	}
	if sem == Ratio {
		if due == 0 {
			return 0, true
		}
		return annual, true
	}
	base := baseline(lastYear)
	return checked(base + (annual-base)*float64(due)/12)
}

// baseline is where a stock stood at the end of last year: its last figure
// of the year (December, or the latest month reported), else 0.
func baseline(lastYear *Series) float64 {
	if lastYear == nil {
		return 0
	}
	v, _, _ := lastYear.latest(12)
	return v
}
