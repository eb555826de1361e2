package score

// Growth scores growth over last year (较上年增长) against the baseline of
// last year's actual L: growth g = (A − L)/|L|; no growth earns Flat × W
// (e.g. 80%), each Step percentage points of growth earn PerStep × W more
// and each Step of decline PerStep × W less, pro rata in between. The share
// stays within [Floor, Cap], Cap being 1 (full points) unless set. For a
// lower-is-better item a decline counts as growth.
type Growth struct {
	Flat    Num
	Step    Num
	PerStep Num
	Cap     Num
	Floor   Num
}

// Count scores counted events (计件): Each points per event, at most Cap,
// which is W unless set. A negative count counts as none.
type Count struct {
	Each Num
	Cap  Num
}

func (g Growth) check(it *Item, c *checker) {
	c.share(g.Flat, "持平得分比例", "flat share")
	c.share(g.Floor, "保底比例", "floor share")
	c.nonNegative(g.PerStep, "每档得分比例", "share per step")
	c.nonNegative(g.Cap, "封顶比例", "cap share")
	if g.Step.Sign() <= 0 {
		c.add("增长档距必须大于 0", "the growth step must be above 0")
	}
	if g.top().Cmp(g.Floor) < 0 {
		c.add("封顶比例不能低于保底比例", "the cap share must not be below the floor share")
	}
}

func (g Growth) top() Num {
	if g.Cap.IsZero() {
		return one
	}
	return g.Cap
}

func (Growth) need(e *eval) reason {
	switch {
	case e.in.Actual == nil:
		return noFigure
	case e.in.LastYear == nil || e.in.LastYear.IsZero():
		return noBaseline
	}
	return ok
}

func (g Growth) score(e *eval) Num {
	a, last := e.in.Actual, e.in.LastYear
	w, base := e.w, last.Abs()
	diff := a.Sub(*last)
	// The share gained is the rule's one division: 100 × diff × PerStep
	// over |L| × Step.
	gain := diff.Mul(hundred).Mul(g.PerStep).Quo(base.Mul(g.Step))
	if e.it.Direction == LowerBetter {
		gain = gain.Neg()
	}
	w.lit("完成 ", "")
	w.fig(*a)
	w.lit("，上年 ", ", last year ")
	w.fig(*last)
	w.lit("，增长 ", ", growth ")
	w.pctOf(diff, base)
	if e.it.Direction == LowerBetter {
		w.lit("（越低越好）", " (lower is better)")
	}
	share := g.Flat.Add(gain)
	w.lit("，得分比例 ", ", share ")
	w.pct(share)
	return clampShare(w, e.it.Points, share, g.Floor, g.top())
}

func (n Count) check(it *Item, c *checker) {
	if n.Each.Sign() <= 0 {
		c.add("每件分值必须大于 0", "points per event must be above 0")
	}
	c.nonNegative(n.Cap, "封顶分", "cap")
}

// need is always met: a reported count of none is a count.
func (Count) need(*eval) reason { return ok }

func (n Count) score(e *eval) Num {
	w, limit := e.w, n.Cap
	if limit.IsZero() {
		limit = e.it.Points
	}
	events := max(e.in.Count, 0)
	w.lit("计 ", "")
	w.int(events)
	w.lit(" 件 × ", " events × ")
	w.pts(n.Each)
	w.lit(" 分", "")
	s := limited(w, n.Each.Mul(Int(int64(events))), limit, " = ", " = ")
	w.lit("", " points")
	return s
}
