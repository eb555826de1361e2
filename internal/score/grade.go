package score

import (
	"cmp"
	"slices"
	"strings"
)

// finish ranks the class and grades it.
func (p *plan) finish(res []Result) {
	order := make([]int, len(res))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return p.compare(&res[a], &res[b]) })
	for i, k := range order {
		res[k].Rank = i + 1
	}
	if len(p.s.Grades) > 0 {
		p.grade(res, order)
	}
}

// compare orders units: the higher total first; on equal totals the higher
// points on each tie-break item in turn, then the unit code, then the ID.
func (p *plan) compare(a, b *Result) int {
	if c := b.Total.Cmp(a.Total); c != 0 {
		return c
	}
	for _, k := range p.tie {
		if c := b.item(k).Cmp(a.item(k)); c != 0 {
			return c
		}
	}
	return cmp.Or(strings.Compare(a.Code, b.Code), cmp.Compare(a.UnitID, b.UnitID))
}

// grade gives each unit the band of its total, in rank order. A hard veto
// and the top quota both move a unit from the top band to the second: the
// quota admits the best-ranked eligible units, floor(quota × class size).
func (p *plan) grade(res []Result, order []int) {
	w := writer{on: true}
	// Every unit gets a note of about a hundred bytes per language.
	w.zh.grow(len(res) * 128)
	w.en.grow(len(res) * 128)
	type note struct{ unit, span int }
	var notes []note
	limit, top := -1, 0
	if p.s.TopQuota.Sign() > 0 {
		limit = floorInt(p.s.TopQuota.Mul(Int(int64(len(res)))))
	}
	for _, k := range order {
		r := &res[k]
		lvl := p.band(r.Total)
		w.open()
		p.writeBand(&w, r.Total, lvl)
		notes = append(notes, note{k, w.close()})
		if lvl == 0 && r.Vetoed {
			lvl = 1
			w.open()
			w.lit("因一票否决，", "Vetoed: ")
			p.writeDrop(&w)
			notes = append(notes, note{k, w.close()})
		}
		if lvl == 0 && limit >= 0 {
			if top < limit {
				top++
			} else {
				lvl = 1
				w.open()
				p.writeQuota(&w, limit, len(res), r.Rank)
				notes = append(notes, note{k, w.close()})
			}
		}
		r.GradeLevel, r.Grade = lvl, p.s.Grades[lvl].Name
	}
	zh, en := w.texts()
	for _, n := range notes {
		res[n.unit].Notes = append(res[n.unit].Notes, w.get(n.span, zh, en))
	}
}

// band returns the first band whose minimum the total reaches, else the last.
func (p *plan) band(total Num) int {
	for i, g := range p.s.Grades {
		if total.Cmp(g.Min) >= 0 {
			return i
		}
	}
	return len(p.s.Grades) - 1
}

func (p *plan) writeBand(w *writer, total Num, lvl int) {
	g := p.s.Grades
	w.lit("总分 ", "Total ")
	w.pts(total)
	if lvl == len(g)-1 {
		w.lit(" 分，低于 ", " points, below ")
		w.pts(g[lvl-1].Min)
	} else {
		w.lit(" 分，不低于 ", " points, at least ")
		w.pts(g[lvl].Min)
	}
	w.lit(" 分，评为", ": ")
	w.lit(g[lvl].Name, nameOr(g[lvl].NameEN, g[lvl].Name))
}

// writeDrop writes "由优秀降为良好".
func (p *plan) writeDrop(w *writer) {
	g := p.s.Grades
	w.lit("由", "")
	w.lit(g[0].Name, nameOr(g[1].NameEN, g[1].Name))
	w.lit("降为", " instead of ")
	w.lit(g[1].Name, nameOr(g[0].NameEN, g[0].Name))
}

func (p *plan) writeQuota(w *writer, limit, size, rank int) {
	g := p.s.Grades[0]
	w.lit(g.Name, nameOr(g.NameEN, g.Name))
	w.lit("名额 ", " places: ")
	w.int(limit)
	w.lit(" 个（", " (")
	w.int(size)
	w.lit(" 个单位 × ", " units × ")
	w.pct(p.s.TopQuota)
	w.lit("，向下取整），本单位排第 ", ", rounded down); ranked ")
	w.int(rank)
	w.lit(" 名，超出名额，", ", beyond the quota: ")
	p.writeDrop(w)
}

// floorInt returns the whole part of x ≥ 0.
func floorInt(x Num) int {
	if x.b == nil {
		if x.s > 18 {
			return 0
		}
		return int(x.c / pow10[x.s])
	}
	q := x.coef()
	return int(q.Quo(q, bigPow10(x.s)).Int64())
}
