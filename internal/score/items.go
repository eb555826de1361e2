package score

import "slices"

// scoreItems scores every item of one unit and returns the full points of
// the items excluded for missing data. With the writer on it writes one
// explanation per item, and so first asks every rule whether it can score:
// the weight to share out must be known before the other items'
// explanations are written. With the writer off it takes the quick way.
func (p *plan) scoreItems(ui int, u *Unit, items []ItemResult, sc *scratch) Num {
	if !sc.w.on {
		return p.scoreQuietly(ui, u, items, sc)
	}
	n := len(p.s.Items)
	sc.ins, sc.why = slices.Grow(sc.ins[:0], n)[:n], slices.Grow(sc.why[:0], n)[:n]
	e := eval{w: &sc.w, ui: ui}
	var excluded Num
	for k := range n {
		sc.why[k] = p.need(k, u, sc, &e)
		if sc.why[k] != ok && p.s.Items[k].Missing == MissingExclude {
			excluded = excluded.Add(p.s.Items[k].Points)
		}
	}
	rest := p.wall.Sub(excluded)
	share := !excluded.IsZero() && rest.Sign() > 0
	w := &sc.w
	for k := range n {
		it, res := &p.s.Items[k], &items[k]
		res.Code, res.State, res.Points = it.Code, Scored, Num{}
		if w.on {
			w.open()
			w.lit(p.prefix[k].ZH, p.prefix[k].EN)
		}
		if why := sc.why[k]; why != ok {
			p.missing(it, why, res, w)
		} else {
			p.point(&e, k, sc)
			e.last = 0
			if e.rk != nil {
				e.last = u.LastRank[it.Code]
			}
			res.Points = scoreOf(it.Rule, &e)
			if share && !res.Points.IsZero() {
				res.Points = p.reshare(res.Points, rest, w)
			}
		}
		w.close()
	}
	return excluded
}

// scoreQuietly is scoreItems without explanations, in one pass: each
// item's input is read once, into the stack, and the weight of excluded
// items is shared out afterwards. Explain checks that both ways agree.
func (p *plan) scoreQuietly(ui int, u *Unit, items []ItemResult, sc *scratch) Num {
	e := eval{w: &sc.w, ui: ui}
	var in Input
	var excluded Num
	for k := range p.s.Items {
		// items are fresh, hence zero: Scored with no points until set.
		it, res := &p.s.Items[k], &items[k]
		res.Code = it.Code
		found := false
		why := noFigure
		if in, found = u.Values[it.Code]; found && in.NotAssigned {
			why = notAssigned
		} else if found && !in.Missing {
			e.it, e.in, e.rk = it, &in, p.ranks[k]
			why = needOf(it.Rule, &e)
		}
		switch {
		case why == ok:
			if e.last = 0; e.rk != nil {
				e.last = u.LastRank[it.Code]
			}
			res.Points = scoreOf(it.Rule, &e)
		case it.Missing == MissingExclude:
			res.State = Excluded
			excluded = excluded.Add(it.Points)
		default:
			res.State = Zeroed
		}
	}
	if rest := p.wall.Sub(excluded); !excluded.IsZero() && rest.Sign() > 0 {
		for k := range items {
			if items[k].State == Scored && !items[k].Points.IsZero() {
				items[k].Points = items[k].Points.Mul(p.wall).Quo(rest)
			}
		}
	}
	return excluded
}

// need finds the unit's input for item k and asks its rule whether it can
// be scored.
func (p *plan) need(k int, u *Unit, sc *scratch, e *eval) reason {
	var found bool
	if sc.ins[k], found = u.Values[p.s.Items[k].Code]; found && sc.ins[k].NotAssigned {
		return notAssigned
	} else if !found || sc.ins[k].Missing {
		return noFigure
	}
	p.point(e, k, sc)
	return needOf(p.s.Items[k].Rule, e)
}

// point sets e to item k; only scoring reads the last rank.
func (p *plan) point(e *eval, k int, sc *scratch) {
	e.it, e.in, e.rk = &p.s.Items[k], &sc.ins[k], p.ranks[k]
}

// missing applies the item's missing-data policy and says so.
func (p *plan) missing(it *Item, why reason, res *ItemResult, w *writer) {
	t := reasonText[why]
	w.lit(t.ZH, t.EN)
	if it.Missing == MissingExclude {
		res.State = Excluded
		w.lit("，不计分，其 ", ", excluded: its ")
		w.pts(it.Points)
		w.lit(" 分权重按比例分给其余各项", " points of weight go pro rata to the other items")
		return
	}
	res.State = Zeroed
	w.lit("，按缺失数据规则计 0.00 分", ", 0.00 points under the missing-data rule")
}

// reshare multiplies an item's points by ΣW / (ΣW − excluded), one
// division, and says so.
func (p *plan) reshare(pts, rest Num, w *writer) Num {
	pts = pts.Mul(p.wall).Quo(rest)
	w.lit("；缺报项权重再分配 × ", "; with the excluded items' weight: × ")
	w.pts(p.wall)
	w.both(" / ")
	w.pts(rest)
	w.lit(" = ", " = ")
	w.pts(pts)
	w.lit(" 分", " points")
	return pts
}

// noteExcluded sums up the redistribution for the unit as a whole.
func (p *plan) noteExcluded(items []ItemResult, excluded Num, w *writer) {
	if excluded.IsZero() {
		return
	}
	w.open()
	w.lit("未计分的指标：", "Items left out: ")
	first := true
	for k := range items {
		if items[k].State != Excluded {
			continue
		}
		if !first {
			w.lit("、", ", ")
		}
		first = false
		w.lit(p.s.Items[k].Name, p.nameEN[k])
	}
	w.lit("，共 ", "; ")
	w.pts(excluded)
	if rest := p.wall.Sub(excluded); rest.Sign() > 0 {
		w.lit(" 分，其余各项按 ", " points shared out: the other items × ")
		w.pts(p.wall)
		w.both(" / ")
		w.pts(rest)
		w.lit(" 放大", "")
	} else {
		w.lit(" 分，所有指标均缺报，无从再分配", " points; every item is excluded, nothing to share out to")
	}
	w.close()
}
