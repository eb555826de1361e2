package score

var levelNames = [...]Explanation{
	City:     {"市级", "city"},
	Province: {"省级", "province"},
	National: {"国家级", "national"},
}

// bonus adds up the unit's honours by level, capped in total.
func (p *plan) bonus(u *Unit, w *writer) Num {
	if len(u.Bonuses) == 0 {
		return Num{}
	}
	rule := p.s.Bonus
	w.open()
	w.lit("加分：", "Bonus: ")
	var sum Num
	for i, b := range u.Bonuses {
		if i > 0 {
			w.lit("；", "; ")
		}
		var pts Num
		switch b.Level {
		case City:
			pts = rule.City
		case Province:
			pts = rule.Province
		case National:
			pts = rule.National
		default:
			w.lit("级别不明", "unknown level")
		}
		if b.Level >= City && b.Level <= National {
			w.lit(levelNames[b.Level].ZH, levelNames[b.Level].EN)
		}
		w.lit("“", " “")
		w.both(b.Name)
		w.both("” +")
		w.pts(pts)
		sum = sum.Add(pts)
	}
	w.lit("；合计 ", "; in all ")
	sum = limited(w, sum, rule.Cap, "", "")
	w.lit("", " points")
	w.close()
	return sum
}

// deduct applies the negative-list events in the order given: repeats of
// a type are multiplied, a deduction linked to an item takes at most what
// the item has left (扣完为止), and the total stops at the cap.
func (p *plan) deduct(u *Unit, items []ItemResult, sc *scratch) Num {
	if len(u.Deductions) == 0 {
		return Num{}
	}
	w, rule := &sc.w, p.s.Deduction
	sc.left = sc.left[:0]
	for k := range items {
		sc.left = append(sc.left, items[k].Points)
	}
	w.open()
	w.lit("扣分：", "Deductions: ")
	var sum Num
	for i, d := range u.Deductions {
		if i > 0 {
			w.lit("；", "; ")
		}
		w.lit("“", "“")
		w.both(d.Name)
		w.both("”")
		pts := maxNum(d.Points, Num{})
		if nth := repeats(u.Deductions[:i], d.Type) + 1; nth > 1 && p.repeat.Cmp(one) != 0 {
			pts = pts.Mul(p.repeat)
			w.lit("（第 ", " (occurrence ")
			w.int(nth)
			w.lit(" 次，× ", ", × ")
			w.fig(p.repeat)
			w.lit("）", ")")
		}
		k, linked := p.index[d.Item]
		if d.Item != "" && !linked {
			w.lit("（关联指标不存在，按不关联计）", " (no such item, not linked)")
		}
		if linked && pts.Cmp(sc.left[k]) > 0 {
			pts = sc.left[k]
			w.lit("（扣完为止：", " (only what ")
			w.lit(p.s.Items[k].Name, p.nameEN[k])
			w.lit(" 仅余 ", " has left: ")
			w.pts(pts)
			w.lit(" 分）", ")")
		}
		if room := rule.Cap.Sub(sum); !rule.Cap.IsZero() && pts.Cmp(room) > 0 {
			pts = room
			w.lit("（已达扣分上限）", " (deduction cap reached)")
		}
		if linked {
			sc.left[k] = sc.left[k].Sub(pts)
		}
		w.both(" -")
		w.pts(pts)
		sum = sum.Add(pts)
	}
	w.lit("；合计 ", "; in all ")
	w.pts(sum)
	w.lit(" 分", " points")
	w.close()
	return sum
}

// repeats counts earlier events of the same type; an event without a type
// is never a repeat.
func repeats(earlier []Deduction, typ string) int {
	n := 0
	for _, d := range earlier {
		if typ != "" && d.Type == typ {
			n++
		}
	}
	return n
}

// veto applies the unit's vetoes: any kind but Soft counts as hard, the
// stricter reading of an unknown kind.
func (p *plan) veto(u *Unit, w *writer) (pts Num, hard bool) {
	for _, v := range u.Vetoes {
		w.open()
		if v.Kind == Soft {
			pts = pts.Add(p.s.Veto.SoftPoints)
			w.lit("一票否决（扣分）：", "Veto (deduction): ")
			w.both(v.Reason)
			w.lit("，扣 ", ", -")
			w.pts(p.s.Veto.SoftPoints)
			w.lit(" 分", " points")
		} else {
			hard = true
			w.lit("一票否决：", "Veto: ")
			w.both(v.Reason)
			w.lit("，不得评为", "; not eligible for ")
			p.topName(w)
		}
		w.close()
	}
	return pts, hard
}

func (p *plan) topName(w *writer) {
	if len(p.s.Grades) == 0 {
		w.lit("最高等次", "the top grade")
		return
	}
	g := p.s.Grades[0]
	w.lit(g.Name, nameOr(g.NameEN, g.Name))
}

// noteTotal shows the sum that makes the total.
func (p *plan) noteTotal(r *Result, w *writer) {
	w.open()
	w.lit("总分：各项 ", "Total: items ")
	w.pts(r.ItemsTotal)
	for _, part := range [...]struct {
		n      Num
		zh, en string
	}{{r.Bonus, " + 加分 ", " + bonus "}, {r.Deduction, " - 扣分 ", " - deductions "}, {r.VetoPoints, " - 否决扣分 ", " - veto "}} {
		if !part.n.IsZero() {
			w.lit(part.zh, part.en)
			w.pts(part.n)
		}
	}
	w.both(" = ")
	w.pts(r.Total)
	w.lit(" 分", " points")
	w.close()
}
