package score

var (
	sixty   = Int(60)
	forty   = Int(40)
	percent = MustDec("0.01")
)

// Efficacy is the efficacy coefficient method (功效系数法):
// S = W × [60 + 40 × (A − 不允许值)/(满意值 − 不允许值)] / 100, clamped to
// [Floor × W, W]. For a lower-is-better item the satisfactory value lies
// below the disallowed one; the same formula then rewards lower figures.
type Efficacy struct {
	Disallowed   Num // 不允许值
	Satisfactory Num // 满意值
	Floor        Num // the least share of W; 0 by default
}

// Stretch scores linearly between the 确保 target T (AtCommitted × W, e.g.
// 80%) and the 力争 target (W); beyond 力争 it earns W, and short of 确保
// it earns AtCommitted × W × r, never below 0.
type Stretch struct {
	AtCommitted Num
}

func (f Efficacy) check(it *Item, c *checker) {
	c.share(f.Floor, "保底比例", "floor share")
	d := f.Satisfactory.Cmp(f.Disallowed)
	if it.Direction == HigherBetter && d <= 0 {
		c.add("满意值必须高于不允许值", "the satisfactory value must be above the disallowed one")
	}
	if it.Direction == LowerBetter && d >= 0 {
		c.add("越低越好时满意值必须低于不允许值", "lower is better: the satisfactory value must be below the disallowed one")
	}
}

func (Efficacy) need(e *eval) reason { return needActual(e) }

// needActual is the need of the rules that read the actual alone.
func needActual(e *eval) reason {
	if e.in.Actual == nil {
		return noFigure
	}
	return ok
}

func (f Efficacy) score(e *eval) Num {
	w, a, full := e.w, *e.in.Actual, e.it.Points
	k := a.Sub(f.Disallowed).Quo(f.Satisfactory.Sub(f.Disallowed))
	share := sixty.Add(forty.Mul(k)).Mul(percent)
	w.lit("完成 ", "")
	w.fig(a)
	w.lit("，不允许值 ", ", disallowed ")
	w.fig(f.Disallowed)
	w.lit("、满意值 ", ", satisfactory ")
	w.fig(f.Satisfactory)
	w.lit("：60 + 40 × (", ": 60 + 40 × (")
	w.fig(a)
	w.both(" - ")
	w.fig(f.Disallowed)
	w.both(") / (")
	w.fig(f.Satisfactory)
	w.both(" - ")
	w.fig(f.Disallowed)
	w.both(") = ")
	w.pct(share)
	return clampShare(w, full, share, f.Floor, one)
}

// clampShare writes and returns W × share kept within [lo × W, hi × W].
func clampShare(w *writer, full, share, lo, hi Num) Num {
	w.lit("，得 ", ", score ")
	switch {
	case share.Cmp(lo) < 0:
		s := full.Mul(lo)
		w.pts(s)
		w.lit(" 分（下限）", " points (the floor)")
		return s
	case share.Cmp(hi) > 0:
		s := full.Mul(hi)
		w.pts(s)
		w.lit(" 分（上限）", " points (the cap)")
		return s
	}
	s := full.Mul(share)
	w.pts(s)
	w.lit(" 分", " points")
	return s
}

func (t Stretch) check(it *Item, c *checker) {
	c.share(t.AtCommitted, "确保目标得分比例", "share at the committed target")
}

// need asks for a stretch target beyond the committed one in the item's
// direction; without one there is no line to score on.
func (Stretch) need(e *eval) reason {
	in := e.in
	if why := needTarget(e); why != ok {
		return why
	}
	if in.Stretch == nil || in.Stretch.Cmp(*in.Target) == 0 || (in.Stretch.Cmp(*in.Target) < 0) != (e.it.Direction == LowerBetter) {
		return noStretch
	}
	return ok
}

func (t Stretch) score(e *eval) Num {
	in, lower := e.in, e.it.Direction == LowerBetter
	w, a, lo, hi, full := e.w, *in.Actual, *in.Target, *in.Stretch, e.it.Points
	w.lit("完成 ", "")
	w.fig(a)
	w.lit("，确保 ", ", committed ")
	w.fig(lo)
	w.lit("、力争 ", ", stretch ")
	w.fig(hi)
	beyond, short := a.Cmp(hi), a.Cmp(lo)
	if lower {
		beyond, short = -beyond, -short
	}
	var share Num
	switch {
	case beyond >= 0:
		w.lit("：达到力争目标", ": stretch target reached")
		share = one
	case short >= 0:
		k := a.Sub(lo).Quo(hi.Sub(lo))
		share = t.AtCommitted.Add(one.Sub(t.AtCommitted).Mul(k))
		w.lit("：介于确保与力争之间，", ": between the two, ")
		w.pct(share)
	default:
		r := a.Quo(lo)
		if lower {
			r = lo.Quo(a)
		}
		share = t.AtCommitted.Mul(r)
		w.lit("：未达确保目标，", ": short of the committed target, ")
		w.pct(r)
		w.both(" × ")
		w.pct(t.AtCommitted)
	}
	return clampShare(w, full, share, Num{}, one)
}
