package score

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// MaxItemChanges is how many changed items a Move lists at most.
const MaxItemChanges = 3

// Move is how one unit fares when a draft scheme replaces the current one.
type Move struct {
	UnitID             int64
	Code               string
	Name               string
	OldTotal, NewTotal Num
	OldGrade, NewGrade string
	OldRank, NewRank   int
	// Movement is OldRank − NewRank: positive when the unit moves up.
	Movement int
	// Items are the items whose points changed most, the largest change
	// first, at most MaxItemChanges of them.
	Items []ItemChange
}

// ItemChange is one item's points under both schemes; an item that one of
// them lacks counts 0 there.
type ItemChange struct {
	Code     string
	Old, New Num
	Change   Num // New − Old
}

// WhatIf scores the same units under the current scheme a and the draft b
// and returns every unit's move, the greatest rise first and the greatest
// fall last; equal movements follow the new rank. An invalid scheme is an
// error wrapping its *SchemeError.
func WhatIf(a, b Scheme, units []Unit) ([]Move, error) {
	old, err := Score(a, units)
	if err != nil {
		return nil, fmt.Errorf("current scheme: %w", err)
	}
	now, err := Score(b, units)
	if err != nil {
		return nil, fmt.Errorf("draft scheme: %w", err)
	}
	ia, ib := codeIndex(a.Items), codeIndex(b.Items)
	moves := make([]Move, len(units))
	for i := range units {
		o, n := &old[i], &now[i]
		moves[i] = Move{
			UnitID: o.UnitID, Code: o.Code, Name: o.Name,
			OldTotal: o.Total, NewTotal: n.Total,
			OldGrade: o.Grade, NewGrade: n.Grade,
			OldRank: o.Rank, NewRank: n.Rank,
			Movement: o.Rank - n.Rank,
			Items:    itemChanges(o.Items, n.Items, ia, ib),
		}
	}
	slices.SortStableFunc(moves, func(x, y Move) int {
		return cmp.Or(cmp.Compare(y.Movement, x.Movement), cmp.Compare(x.NewRank, y.NewRank))
	})
	return moves, nil
}

// itemChanges pairs the items of both schemes by code and keeps those that
// changed most. Every unit's items follow its scheme's order, so one index
// per scheme serves them all.
func itemChanges(old, now []ItemResult, inOld, inNow map[string]int) []ItemChange {
	var out []ItemChange
	add := func(code string, o, n Num) {
		if d := n.Sub(o); !d.IsZero() {
			out = append(out, ItemChange{Code: code, Old: o, New: n, Change: d})
		}
	}
	for _, o := range old {
		var n Num
		if k, found := inNow[o.Code]; found {
			n = now[k].Points
		}
		add(o.Code, o.Points, n)
	}
	for _, n := range now {
		if _, found := inOld[n.Code]; !found {
			add(n.Code, Num{}, n.Points)
		}
	}
	slices.SortStableFunc(out, func(x, y ItemChange) int {
		return cmp.Or(y.Change.Abs().Cmp(x.Change.Abs()), strings.Compare(x.Code, y.Code))
	})
	return out[:min(len(out), MaxItemChanges)]
}

func codeIndex(items []Item) map[string]int {
	m := make(map[string]int, len(items))
	for i, it := range items {
		m[it.Code] = i
	}
	return m
}
