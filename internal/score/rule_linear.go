package score

// Segment is one slope of a Linear rule. From is in percentage points
// beyond the target (Up) or short of it (Down), starting at 0; from there
// each further percentage point earns (Up) or costs (Down) Slope points,
// until the next segment's From.
type Segment struct {
	From  Num
	Slope Num
}

// Linear scores base ± points per percentage point (超额加分、未完成扣分):
// S = W + bonus above the target, W − deduction below it, where bonus and
// deduction follow the piecewise slopes Up and Down ("+0.2 per point from
// 100% to 130%, +0.1 beyond" is Up = {0, 0.2}, {30, 0.1}), are capped by
// BonusCap and DeductionCap when set, and S never falls below 0. A
// lower-is-better item with Up slopes needs a BonusCap, which an actual of
// 0 or less earns.
type Linear struct {
	Up, Down     []Segment
	BonusCap     Num
	DeductionCap Num
}

func (l Linear) check(it *Item, c *checker) {
	checkSegments(l.Up, c)
	checkSegments(l.Down, c)
	c.nonNegative(l.BonusCap, "加分上限", "bonus cap")
	c.nonNegative(l.DeductionCap, "扣分上限", "deduction cap")
	if it.Direction == LowerBetter && len(l.Up) > 0 && l.BonusCap.IsZero() {
		c.add("越低越好的超额加分必须设加分上限", "a lower-is-better linear item with bonus slopes needs a bonus cap")
	}
}

func checkSegments(segs []Segment, c *checker) {
	for i, g := range segs {
		c.nonNegative(g.Slope, "分段斜率", "segment slope")
		switch {
		case i == 0 && !g.From.IsZero():
			c.add("第一段必须从 0 个百分点开始", "the first segment must start at 0 points")
		case i > 0 && g.From.Cmp(segs[i-1].From) <= 0:
			c.add("分段起点必须递增", "segment starts must increase")
		}
	}
}

func (Linear) need(e *eval) reason { return needTarget(e) }

func (l Linear) score(e *eval) Num {
	r, best := completion(e)
	writeRatio(e, r, best)
	w, full := e.w, e.it.Points
	if best {
		bonus := Num{}
		if len(l.Up) > 0 {
			bonus = l.BonusCap
		}
		w.lit("，按加分上限", ", the bonus cap")
		return finishLinear(w, full.Add(limited(w, bonus, Num{}, "加 ", ": +")))
	}
	pp := r.Sub(one).Mul(hundred) // percentage points beyond the target
	if pp.Sign() >= 0 {
		w.lit("，超额 ", ", ")
		w.pp(pp)
		w.lit(" 个百分点", " points above")
		bonus := limited(w, slopes(w, l.Up, pp), l.BonusCap, "，加 ", ": +")
		return finishLinear(w, full.Add(bonus))
	}
	w.lit("，差 ", ", ")
	w.pp(pp.Neg())
	w.lit(" 个百分点", " points short")
	cut := limited(w, slopes(w, l.Down, pp.Neg()), l.DeductionCap, "，扣 ", ": -")
	return finishLinear(w, maxNum(full.Sub(cut), Num{}))
}

// slopes returns the points that x percentage points earn on segs, and
// writes how: "（30.0 × 0.2 + 10.0 × 0.1）".
func slopes(w *writer, segs []Segment, x Num) Num {
	var sum Num
	for i, g := range segs {
		if x.Cmp(g.From) <= 0 {
			break
		}
		end := x
		if i+1 < len(segs) {
			end = minNum(x, segs[i+1].From)
		}
		part := end.Sub(g.From)
		if i == 0 {
			w.lit("（", " (")
		} else {
			w.both(" + ")
		}
		w.pp(part)
		w.both(" × ")
		w.fig(g.Slope)
		sum = sum.Add(part.Mul(g.Slope))
		if end.Cmp(x) == 0 {
			w.lit("）", ")")
		}
	}
	return sum
}

// limited writes points, capped at limit when it is set.
func limited(w *writer, sum, limit Num, zh, en string) Num {
	w.lit(zh, en)
	w.pts(sum)
	if !limit.IsZero() && sum.Cmp(limit) > 0 {
		w.lit(" 分，以 ", ", limited to ")
		w.pts(limit)
		w.lit(" 分为限", "")
		return limit
	}
	w.lit(" 分", "")
	return sum
}

func finishLinear(w *writer, s Num) Num {
	w.lit("，得 ", ", score ")
	w.pts(s)
	w.lit(" 分", " points")
	return s
}
