package score

// RankBand gives Points to the places From to To, 1 being the first.
type RankBand struct {
	From, To int
	Points   Num
}

// Rank scores by place among the units of the class (争先进位) on their
// actual figures, in the item's direction; equal figures share the better
// place (1, 2, 2, 4) and units without a figure are not ranked. It scores
// one of three ways: Step, the share of W lost per place after the first
// (0.05: the first W, the second 95%, never below 0); Bands, points by
// place, 0 outside every band; or ToBest, W × A/A_best (A_best/A for
// lower-is-better) within [0, W], and 0 when that ratio has no meaning (a
// best not above 0, a negative figure). Rise and Fall add or take points
// per place moved since Unit.LastRank, at most MoveCap either way when it
// is set; the item never falls below 0.
type Rank struct {
	Step    Num
	Bands   []RankBand
	ToBest  bool
	Rise    Num
	Fall    Num
	MoveCap Num
}

// ranked marks the rules that need the class ranked before scoring.
func (Rank) ranked() {}

// need asks for a place: units without a figure are not ranked.
func (Rank) need(e *eval) reason {
	if e.rk.place[e.ui] == 0 {
		return noFigure
	}
	return ok
}

func (k Rank) score(e *eval) Num {
	place := int(e.rk.place[e.ui])
	w, full, a := e.w, e.it.Points, *e.in.Actual
	w.lit("完成 ", "")
	w.fig(a)
	w.lit("，第 ", ", place ")
	w.int(place)
	w.lit(" 名（共 ", " of ")
	w.int(e.rk.n)
	w.lit(" 个单位）", "")
	var s Num
	switch {
	case k.ToBest:
		s = toBest(w, full, a, e.rk.best, e.it.Direction == LowerBetter)
	case len(k.Bands) > 0:
		s = k.band(w, place)
	default:
		s = maxNum(full.Mul(one.Sub(k.Step.Mul(Int(int64(place-1))))), Num{})
		w.lit("，每降一名减 ", ", ")
		w.pct(k.Step)
		w.lit("", " less per place")
	}
	w.lit("，得 ", ", score ")
	w.pts(s)
	w.lit(" 分", " points")
	return k.move(e, place, s)
}

func toBest(w *writer, full, a, best Num, lower bool) Num {
	num, den := a, best
	w.lit("，最优 ", ", best ")
	w.fig(best)
	if lower {
		num, den = best, a
	}
	switch {
	case a.Cmp(best) == 0:
		return full
	case num.Sign() < 0 || den.Sign() <= 0:
		w.lit("，比值无意义", ", no meaningful ratio")
		return Num{}
	}
	r := minNum(num.Quo(den), one)
	w.lit("，比值 ", ", ratio ")
	w.pct(r)
	return full.Mul(r)
}

func (k Rank) band(w *writer, place int) Num {
	for _, b := range k.Bands {
		if b.From <= place && place <= b.To {
			w.lit("，第 ", ", places ")
			w.int(b.From)
			w.both("–")
			w.int(b.To)
			w.lit(" 名得 ", " earn ")
			w.pts(b.Points)
			w.lit(" 分", "")
			return b.Points
		}
	}
	w.lit("，不在计分名次内", ", outside the scored places")
	return Num{}
}

// move adds the rise or fall points since last period.
func (k Rank) move(e *eval, place int, s Num) Num {
	if e.last <= 0 || (k.Rise.IsZero() && k.Fall.IsZero()) {
		return s
	}
	w, moved := e.w, e.last-place
	var adj Num
	switch {
	case moved > 0:
		adj = k.Rise.Mul(Int(int64(moved)))
		w.lit("；较上期上升 ", "; up ")
	case moved < 0:
		adj = k.Fall.Mul(Int(int64(moved)))
		w.lit("；较上期下降 ", "; down ")
	default:
		w.lit("；名次与上期持平", "; same place as last period")
		return s
	}
	w.int(max(moved, -moved))
	if moved == 1 || moved == -1 {
		w.lit(" 名，", " place since last period: ")
	} else {
		w.lit(" 名，", " places since last period: ")
	}
	if !k.MoveCap.IsZero() {
		adj = maxNum(minNum(adj, k.MoveCap), k.MoveCap.Neg())
	}
	if adj.Sign() >= 0 {
		w.both("+")
	}
	w.pts(adj)
	s = maxNum(s.Add(adj), Num{})
	w.lit(" 分，合计 ", ", in all ")
	w.pts(s)
	w.lit(" 分", " points")
	return s
}
