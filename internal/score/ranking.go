package score

import (
	"cmp"
	"slices"
)

// ranking is the class's places on one item.
type ranking struct {
	place []int32 // by unit index; 0 for a unit without a figure
	best  Num
	n     int
}

// entry is one unit's figure in a ranking; key is the figure as an int64
// at the scale common to the class, when every figure fits one.
type entry struct {
	i   int
	v   Num
	key int64
}

func rankUnits(it *Item, units []Unit) *ranking {
	es := make([]entry, 0, len(units))
	for i := range units {
		if in, found := units[i].Values[it.Code]; found && !in.Missing && in.Actual != nil {
			es = append(es, entry{i: i, v: *in.Actual})
		}
	}
	sign := 1 // better first: descending, unless lower is better
	if it.Direction == LowerBetter {
		sign = -1
	}
	keyed := keys(es)
	slices.SortFunc(es, func(a, b entry) int {
		c := 0
		if keyed {
			c = cmp.Compare(b.key, a.key)
		} else {
			c = b.v.Cmp(a.v)
		}
		return cmp.Or(sign*c, a.i-b.i)
	})
	rk := &ranking{place: make([]int32, len(units)), n: len(es)}
	for j, x := range es {
		rk.place[x.i] = int32(j + 1)
		if j > 0 && x.v.Cmp(es[j-1].v) == 0 {
			rk.place[x.i] = rk.place[es[j-1].i]
		}
	}
	if len(es) > 0 {
		rk.best = es[0].v
	}
	return rk
}

// keys sets every entry's key and reports whether all of them fit, so
// that sorting a class compares integers rather than decimals.
func keys(es []entry) bool {
	var s int32
	for _, x := range es {
		if x.v.b != nil {
			return false
		}
		s = max(s, x.v.s)
	}
	for j := range es {
		k, ok := scaleUp(es[j].v.c, s-es[j].v.s)
		if !ok {
			return false
		}
		es[j].key = k
	}
	return true
}

func (k Rank) check(it *Item, c *checker) {
	ways := 0
	for _, set := range []bool{k.Step.Sign() != 0, len(k.Bands) > 0, k.ToBest} {
		if set {
			ways++
		}
	}
	if ways != 1 {
		c.add("名次计分须且只能选一种方式：每名递减、名次分档或与最优比", "a rank rule needs exactly one of step, bands or to-best")
	}
	c.share(k.Step, "每名递减比例", "step share")
	c.nonNegative(k.Rise, "进位加分", "rise points")
	c.nonNegative(k.Fall, "退位扣分", "fall points")
	c.nonNegative(k.MoveCap, "进退位分上限", "movement cap")
	bands := slices.Clone(k.Bands)
	slices.SortFunc(bands, func(a, b RankBand) int { return cmp.Compare(a.From, b.From) })
	for i, b := range bands {
		if b.From < 1 || b.To < b.From {
			c.add("名次分档的起止名次无效", "a rank band needs 1 ≤ from ≤ to")
		}
		if i > 0 && b.From <= bands[i-1].To {
			c.add("名次分档重叠", "rank bands overlap")
		}
		if b.Points.Sign() < 0 || b.Points.Cmp(it.Points) > 0 {
			c.add("名次分档的分数须在 0 与分值之间", "rank band points must lie between 0 and the full points")
		}
	}
}
