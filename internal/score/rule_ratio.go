package score

var one = Int(1)

// Proportional scores by completion (按完成率): S = W × r, never below 0
// and at most Cap × W when Cap is set (1.2 for 120%). A lower-is-better
// item must have a cap: T/A grows without bound as A nears 0, and an actual
// of 0 or less earns the cap.
type Proportional struct {
	Cap Num
}

// Threshold scores all or nothing (达标计分): W when the target is met.
// When it is missed the item earns Partial × W (0 by default) provided the
// completion ratio is at least PartialFrom.
type Threshold struct {
	Partial     Num
	PartialFrom Num
}

// needTarget is the need of the rules that divide by the target. Their
// targets are positive quantities: one that is unset or not above 0 means
// no target, never a division by zero.
func needTarget(e *eval) reason {
	switch {
	case e.in.Actual == nil:
		return noFigure
	case e.in.Target == nil || e.in.Target.Sign() <= 0:
		return noTarget
	}
	return ok
}

// completion returns r = A/T, or T/A for lower-is-better. best reports a
// lower-is-better actual of 0 or less, where T/A has no value and nobody
// can do better.
func completion(e *eval) (r Num, best bool) {
	a, t := *e.in.Actual, *e.in.Target
	switch {
	case e.it.Direction == HigherBetter:
		return a.Quo(t), false
	case a.Sign() <= 0:
		return Num{}, true
	}
	return t.Quo(a), false
}

// writeRatio writes "完成 2,950 / 目标 3,200 = 92.2%" or its lower-is-better
// form.
func writeRatio(e *eval, r Num, best bool) {
	w, a, t := e.w, *e.in.Actual, *e.in.Target
	switch {
	case best:
		w.lit("完成 ", "actual ")
		w.fig(a)
		w.lit("，目标 ", ", target ")
		w.fig(t)
		w.lit("（越低越好，已无可再低）", " (lower is better, nothing lower)")
	case e.it.Direction == LowerBetter:
		w.lit("目标 ", "target ")
		w.fig(t)
		w.lit(" / 完成 ", " / actual ")
		w.fig(a)
		w.lit(" = ", " = ")
		w.pct(r)
		w.lit("（越低越好）", " (lower is better)")
	default:
		w.lit("完成 ", "")
		w.fig(a)
		w.lit(" / 目标 ", " / target ")
		w.fig(t)
		w.lit(" = ", " = ")
		w.pct(r)
	}
}

func (p Proportional) check(it *Item, c *checker) {
	c.nonNegative(p.Cap, "封顶倍数", "cap")
	if p.Cap.Sign() > 0 && p.Cap.Cmp(one) < 0 {
		c.add("封顶倍数不能小于 1", "cap must be at least 1")
	}
	if it.Direction == LowerBetter && p.Cap.IsZero() {
		c.add("越低越好的按比例计分必须设封顶倍数", "a lower-is-better proportional item needs a cap")
	}
}

func (Proportional) need(e *eval) reason { return needTarget(e) }

func (p Proportional) score(e *eval) Num {
	r, best := completion(e)
	writeRatio(e, r, best)
	w, full := e.w, e.it.Points
	top := full.Mul(p.Cap)
	if best {
		w.lit("，按封顶得 ", ", the capped score: ")
		w.pts(top)
		w.lit(" 分", " points")
		return top
	}
	s := full.Mul(r)
	w.lit("，按比例得 ", ", proportional: ")
	switch {
	case s.Sign() < 0:
		w.pts(Num{})
		w.lit(" 分（不低于 0 分）", " points (not below 0)")
		return Num{}
	case !p.Cap.IsZero() && s.Cmp(top) > 0:
		w.pts(top)
		w.lit(" 分（封顶 ", " points (capped at ")
		w.fig(p.Cap)
		w.lit(" 倍）", " × full points)")
		return top
	}
	w.pts(s)
	w.lit(" 分", " points")
	return s
}

func (t Threshold) check(it *Item, c *checker) {
	c.share(t.Partial, "未达标得分比例", "partial share")
	c.nonNegative(t.PartialFrom, "部分得分起点", "partial-from ratio")
}

func (Threshold) need(e *eval) reason { return needTarget(e) }

func (t Threshold) score(e *eval) Num {
	r, best := completion(e)
	writeRatio(e, r, best)
	w, full := e.w, e.it.Points
	if best || r.Cmp(one) >= 0 {
		w.lit("，达标得 ", ", target met: ")
		w.pts(full)
		w.lit(" 分", " points")
		return full
	}
	if t.Partial.IsZero() || r.Cmp(t.PartialFrom) < 0 {
		w.lit("，未达标得 0.00 分", ", target missed: 0.00 points")
		return Num{}
	}
	s := full.Mul(t.Partial)
	w.lit("，未达标", ", target missed")
	if t.PartialFrom.Sign() > 0 {
		w.lit("但不低于 ", " but at least ")
		w.pct(t.PartialFrom)
	}
	w.lit("，得 ", ": ")
	w.pct(t.Partial)
	w.lit(" 即 ", " = ")
	w.pts(s)
	w.lit(" 分", " points")
	return s
}
