package assess

import (
	"cmp"
	"slices"

	"gaoxin/internal/score"
)

// Change is how one unit's result differs between two versions.
type Change struct {
	UnitID             int64
	Code, Name         string
	OldRank, NewRank   int // 0 where the unit is absent
	OldTotal, NewTotal score.Num
	OldGrade, NewGrade string
	Items              []ItemChange // items whose points changed
	Added, Removed     bool
}

// ItemChange is one item's points in both versions.
type ItemChange struct {
	Code     string
	Name     string
	Old, New score.Num
}

// Diff lists the units whose rank, total, grade or item points differ
// between an older and a newer result of the same class, in the newer
// result's order, then the units only the older one had.
func Diff(old, now *Result) []Change {
	before := map[int64]*UnitResult{}
	for i := range old.Units {
		before[old.Units[i].UnitID] = &old.Units[i]
	}
	names := map[string]string{}
	for _, it := range append(slices.Clone(old.Items), now.Items...) {
		names[it.Code] = it.Name
	}
	var out []Change
	for i := range now.Units {
		n := &now.Units[i]
		o, ok := before[n.UnitID]
		delete(before, n.UnitID)
		c := Change{UnitID: n.UnitID, Code: n.Code, Name: n.Name, NewRank: n.Rank, NewTotal: n.Total, NewGrade: n.Grade}
		if !ok {
			c.Added = true
			out = append(out, c)
			continue
		}
		c.OldRank, c.OldTotal, c.OldGrade = o.Rank, o.Total, o.Grade
		c.Items = itemChanges(o.Items, n.Items, names)
		if c.OldRank != c.NewRank || c.OldTotal.Cmp(c.NewTotal) != 0 || c.OldGrade != c.NewGrade || len(c.Items) > 0 {
			out = append(out, c)
		}
	}
	var gone []Change
	for _, o := range before {
		gone = append(gone, Change{UnitID: o.UnitID, Code: o.Code, Name: o.Name, OldRank: o.Rank, OldTotal: o.Total,
			OldGrade: o.Grade, Removed: true})
	}
	slices.SortFunc(gone, func(a, b Change) int { return cmp.Compare(a.OldRank, b.OldRank) })
	return append(out, gone...)
}

func itemChanges(old, now []ItemScore, names map[string]string) []ItemChange {
	points := map[string]score.Num{}
	for _, it := range old {
		points[it.Code] = it.Points
	}
	var out []ItemChange
	seen := map[string]bool{}
	for _, it := range now {
		seen[it.Code] = true
		if p := points[it.Code]; p.Cmp(it.Points) != 0 {
			out = append(out, ItemChange{Code: it.Code, Name: names[it.Code], Old: p, New: it.Points})
		}
	}
	for _, it := range old {
		if !seen[it.Code] && !it.Points.IsZero() {
			out = append(out, ItemChange{Code: it.Code, Name: names[it.Code], Old: it.Points})
		}
	}
	return out
}
