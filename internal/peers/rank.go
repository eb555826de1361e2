package peers

import "math/big"

// Entry is one member's value of an indicator, as Rank takes it; a nil
// Value means the member has none and is left out of the count.
type Entry struct {
	Member int64
	Value  *big.Rat
}

// Standing is where one member stands on one indicator of a group.
type Standing struct {
	Rank     int      // 1 is best; 0 when the member has no value
	Count    int      // members with a value
	Tied     bool     // others share the place
	Above    []int64  // the members just above, sharing their place; none when first
	AboveGap *big.Rat // how far behind them, always positive; nil when first
	Best     []int64  // the members in first place; none when the member is first
	BestGap  *big.Rat // how far behind first place; nil when first
}

// HasValue reports whether the member is ranked at all.
func (s Standing) HasValue() bool { return s.Rank > 0 }

// First reports whether nobody does better.
func (s Standing) First() bool { return s.Rank == 1 }

// Rank places member among the entries that have a value, in direction
// dir. Members with equal values share the better place and the next
// place skips as many as shared it ("standard competition" ranking:
// 1, 2, 2, 4), so a rank always says how many do strictly better. Gaps are
// exact and measured in the better direction, so they are never negative.
func Rank(dir Direction, entries []Entry, member int64) Standing {
	var own *big.Rat
	var s Standing
	for _, e := range entries {
		if e.Value == nil {
			continue
		}
		s.Count++
		if e.Member == member {
			own = e.Value
		}
	}
	if own == nil {
		return s
	}
	s.Rank = 1
	var best, above *big.Rat
	for _, e := range entries {
		if e.Value != nil && e.Member != member && e.Value.Cmp(own) == 0 {
			s.Tied = true
		}
		if e.Value == nil || !better(dir, e.Value, own) {
			continue
		}
		s.Rank++
		if best == nil || better(dir, e.Value, best) {
			best = e.Value
		}
		if above == nil || better(dir, above, e.Value) {
			above = e.Value
		}
	}
	if best == nil {
		return s
	}
	for _, e := range entries {
		if e.Value == nil {
			continue
		}
		if e.Value.Cmp(best) == 0 {
			s.Best = append(s.Best, e.Member)
		}
		if e.Value.Cmp(above) == 0 {
			s.Above = append(s.Above, e.Member)
		}
	}
	s.BestGap = gap(best, own)
	s.AboveGap = gap(above, own)
	return s
}

// Ranks gives every member with a value its place, the same way Rank does.
func Ranks(dir Direction, entries []Entry) map[int64]int {
	out := make(map[int64]int, len(entries))
	for _, e := range entries {
		if e.Value == nil {
			continue
		}
		place := 1
		for _, o := range entries {
			if o.Value != nil && better(dir, o.Value, e.Value) {
				place++
			}
		}
		out[e.Member] = place
	}
	return out
}

// better reports whether a beats b in direction dir.
func better(dir Direction, a, b *big.Rat) bool {
	if dir == Lower {
		return a.Cmp(b) < 0
	}
	return a.Cmp(b) > 0
}

// gap is |ahead − own|: how much own must improve to draw level.
func gap(ahead, own *big.Rat) *big.Rat {
	return new(big.Rat).Abs(new(big.Rat).Sub(ahead, own))
}
