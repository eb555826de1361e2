package peers

import (
	"math/big"
	"slices"
	"testing"
)

// entries builds a field from amounts; "" is a member without a value.
// Members are numbered from 1 in the order given.
func entries(amounts ...string) []Entry {
	out := make([]Entry, len(amounts))
	for i, a := range amounts {
		out[i] = Entry{Member: int64(i + 1)}
		if a != "" {
			out[i].Value = Rat(a)
		}
	}
	return out
}

func ratString(r *big.Rat) string {
	if r == nil {
		return "nil"
	}
	return r.FloatString(2)
}

func TestRankHandComputed(t *testing.T) {
	cases := []struct {
		name              string
		dir               Direction
		field             []Entry
		member            int64
		rank, count       int
		above, best       []int64
		aboveGap, bestGap string
	}{
		// 9.1 > 8.4 > 7.6 = 7.6 > 6.0: member 3 shares third place.
		{"higher, tied third", Higher, entries("8.4", "9.1", "7.6", "7.6", "6.0"), 3, 3, 5, []int64{1}, []int64{2}, "0.80", "1.50"},
		// After a tie for second the next place is fourth, not third.
		{"after a tie the next place skips", Higher, entries("10", "8", "8", "5"), 4, 4, 4, []int64{2, 3}, []int64{1}, "3.00", "5.00"},
		// Two tied for first are both first, with no gap.
		{"tied first", Higher, entries("12", "12", "3"), 2, 1, 3, nil, nil, "nil", "nil"},
		// Lower is better: 0.5 days beats 1.0 and 2.0; member 3 (1.0) is second of three.
		{"lower is better", Lower, entries("2.0", "0.5", "1.0"), 3, 2, 3, []int64{2}, []int64{2}, "0.50", "0.50"},
		{"lower is better, last", Lower, entries("2.0", "0.5", "1.0"), 1, 3, 3, []int64{3}, []int64{2}, "1.00", "1.50"},
		// Member 2 has no value: unranked, and the count is of those with one.
		{"member missing a value", Higher, entries("5", "", "7", "6"), 2, 0, 3, nil, nil, "nil", "nil"},
		// Others missing a value are left out of the count and the ranking.
		{"others missing", Higher, entries("", "4", "", "9"), 2, 2, 2, []int64{4}, []int64{4}, "5.00", "5.00"},
		{"one member", Higher, entries("42"), 1, 1, 1, nil, nil, "nil", "nil"},
		{"one member without a value", Lower, entries(""), 1, 0, 0, nil, nil, "nil", "nil"},
		// Negative growth rates compare as numbers: -1.5 beats -3.
		{"negative values", Higher, entries("-3", "-1.5", "0"), 1, 3, 3, []int64{2}, []int64{3}, "1.50", "3.00"},
		// Exact decimals: 0.1 + 0.2 is 0.3 here, so 0.3 ties with 0.3.
		{"exact decimals tie", Higher, entries("0.3", "0.30", "0.29999999999"), 3, 3, 3, []int64{1, 2}, []int64{1, 2}, "0.00", "0.00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Rank(c.dir, c.field, c.member)
			if tied := c.name == "higher, tied third" || c.name == "tied first"; s.Tied != tied {
				t.Errorf("tied = %v, want %v", s.Tied, tied)
			}
			if s.Rank != c.rank || s.Count != c.count {
				t.Errorf("rank %d / %d, want %d / %d", s.Rank, s.Count, c.rank, c.count)
			}
			if !slices.Equal(s.Above, c.above) || !slices.Equal(s.Best, c.best) {
				t.Errorf("above %v best %v, want %v %v", s.Above, s.Best, c.above, c.best)
			}
			if ratString(s.AboveGap) != c.aboveGap || ratString(s.BestGap) != c.bestGap {
				t.Errorf("gaps %s %s, want %s %s", ratString(s.AboveGap), ratString(s.BestGap), c.aboveGap, c.bestGap)
			}
		})
	}
}

func TestRankGapIsExact(t *testing.T) {
	// 0.3 − 0.1 in binary floating point is 0.19999999999999998.
	s := Rank(Higher, entries("0.3", "0.1"), 2)
	if s.AboveGap.Cmp(big.NewRat(1, 5)) != 0 {
		t.Fatalf("gap = %s, want exactly 1/5", s.AboveGap.RatString())
	}
}

func TestRanksGivesEveryMemberItsPlace(t *testing.T) {
	got := Ranks(Higher, entries("8", "10", "", "8", "3"))
	want := map[int64]int{1: 2, 2: 1, 4: 2, 5: 4}
	if len(got) != len(want) {
		t.Fatalf("ranks = %v, want %v", got, want)
	}
	for m, r := range want {
		if got[m] != r {
			t.Errorf("member %d: place %d, want %d", m, got[m], r)
		}
	}
	low := Ranks(Lower, entries("8", "10", "", "8", "3"))
	if low[5] != 1 || low[1] != 2 || low[4] != 2 || low[2] != 4 {
		t.Errorf("lower-is-better ranks = %v", low)
	}
}

func TestParseAmountKeepsTheDecimal(t *testing.T) {
	cases := []struct{ text, uom, want string }{
		{"1,204", "亿元", "1204"},
		{"3.5亿", "亿元", "3.5"},
		{"2000万元", "亿元", "0.2"},
		{"7.2%", "%", "7.2"},
		{"-2.3", "%", "-2.3"},
		{"１２０４", "件", "1204"},
	}
	for _, c := range cases {
		got, err := ParseAmount(c.text, c.uom)
		if err != nil || got != c.want {
			t.Errorf("ParseAmount(%q, %q) = %q, %v; want %q", c.text, c.uom, got, err, c.want)
		}
	}
	for _, bad := range []string{"约30", "30-40", "—", "3.5%"} {
		if _, err := ParseAmount(bad, "亿元"); err == nil {
			t.Errorf("ParseAmount(%q) accepted a guess", bad)
		}
	}
	if got := FormatAmount("1204.5"); got != "1,204.5" {
		t.Errorf("FormatAmount = %q", got)
	}
	if got := FormatRat(big.NewRat(1, 5), 2); got != "0.20" {
		t.Errorf("FormatRat = %q", got)
	}
}
