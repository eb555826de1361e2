package score

import (
	"strconv"
	"testing"
)

// feed turns the fuzzer's bytes into choices; once they run out it reads
// zeros, so that every input makes some scheme and some class.
type feed struct {
	b []byte
	i int
}

func (f *feed) n(k int) int {
	if f.i >= len(f.b) {
		return 0
	}
	f.i++
	return int(f.b[f.i-1]) % k
}

var (
	anyNums = []string{"0", "1", "-1", "0.5", "3", "10", "60", "100", "3200", "2950", "-3", "0.05",
		"0.333", "7.5", "99999999999999999999.99", "-12345678901234567890.5", "0.0000000000001", "1.25"}
	posNums   = []string{"0", "0.2", "1", "1.2", "2", "5", "30", "100", "123456789012345678901"}
	shareNums = []string{"0", "0.05", "0.3", "0.5", "0.8", "1"}
)

func (f *feed) pick(list []string) Num { return MustDec(list[f.n(len(list))]) }
func (f *feed) num() Num               { return f.pick(anyNums) }
func (f *feed) pos() Num               { return f.pick(posNums) }
func (f *feed) share() Num             { return f.pick(shareNums) }

func (f *feed) opt() *Num {
	if f.n(5) == 0 {
		return nil
	}
	return Ref(f.num())
}

func (f *feed) segs() []Segment {
	var out []Segment
	from := Num{}
	for range f.n(3) {
		out = append(out, Segment{From: from, Slope: f.pos()})
		from = from.Add(Int(int64(1 + f.n(40))))
	}
	return out
}

func (f *feed) rule() Rule {
	switch f.n(9) {
	case 0:
		return Proportional{Cap: f.pos()}
	case 1:
		return Threshold{Partial: f.share(), PartialFrom: f.share()}
	case 2:
		return Linear{Up: f.segs(), Down: f.segs(), BonusCap: f.pos(), DeductionCap: f.pos()}
	case 3:
		return Efficacy{Disallowed: f.num(), Satisfactory: f.num(), Floor: f.share()}
	case 4:
		return Stretch{AtCommitted: f.share()}
	case 5:
		return Growth{Flat: f.share(), Step: f.pos(), PerStep: f.share(), Cap: f.pos(), Floor: f.share()}
	case 6:
		k := Rank{Rise: f.pos(), Fall: f.pos(), MoveCap: f.pos()}
		switch f.n(3) {
		case 0:
			k.Step = f.share()
		case 1:
			k.ToBest = true
		default:
			k.Bands = []RankBand{{1, 1 + f.n(3), f.share()}, {4, 4 + f.n(5), Num{}}}
		}
		return k
	case 7:
		return Count{Each: f.pos(), Cap: f.pos()}
	}
	r := Rating{Trim: f.n(2) == 0}
	for i := range 1 + f.n(3) {
		r.Types = append(r.Types, RaterType{Key: "abc"[i : i+1], Name: "评", Weight: f.pos()})
	}
	return r
}

func (f *feed) scheme() Scheme {
	s := Scheme{
		Bonus:     BonusRule{City: f.pos(), Province: f.pos(), National: f.pos(), Cap: f.pos()},
		Deduction: DeductionRule{Repeat: f.pick([]string{"0", "1", "2", "3"}), Cap: f.pos()},
		Veto:      VetoRule{SoftPoints: f.pos()},
		TopQuota:  f.share(),
	}
	for i := range 1 + f.n(6) {
		s.Items = append(s.Items, Item{Code: "I" + strconv.Itoa(i), Name: "指标", Points: f.pos(),
			Direction: Direction(f.n(2)), Missing: MissingPolicy(f.n(2)), Rule: f.rule()})
	}
	if n := f.n(4); n > 0 {
		bar := Int(100)
		for i := range n + 1 {
			s.Grades = append(s.Grades, Grade{Name: "G" + strconv.Itoa(i), Min: bar})
			bar = bar.Sub(f.pos()).Sub(one)
		}
	}
	for range f.n(3) {
		s.TieBreak = append(s.TieBreak, s.Items[f.n(len(s.Items))].Code)
	}
	return s
}

func (f *feed) units(s Scheme) []Unit {
	units := make([]Unit, 1+f.n(8))
	for i := range units {
		u := Unit{ID: int64(f.n(4)), Code: "U" + strconv.Itoa(f.n(6)), Values: map[string]Input{}, LastRank: map[string]int{}}
		for _, it := range s.Items {
			if f.n(6) == 0 {
				continue
			}
			u.Values[it.Code] = Input{Actual: f.opt(), Target: f.opt(), Stretch: f.opt(), LastYear: f.opt(),
				Count: f.n(20) - 5, Missing: f.n(8) == 0,
				Ratings: map[string][]Num{"a": {f.num(), f.num(), f.num()}, "b": {f.num()}}}
			u.LastRank[it.Code] = f.n(6)
		}
		for range f.n(3) {
			u.Bonuses = append(u.Bonuses, Bonus{Level: Level(f.n(5)), Name: "奖"})
		}
		for range f.n(4) {
			code := []string{"", "nope", s.Items[0].Code}[f.n(3)]
			u.Deductions = append(u.Deductions, Deduction{Type: []string{"", "x", "y"}[f.n(3)], Name: "扣", Points: f.num(), Item: code})
		}
		for range f.n(2) {
			u.Vetoes = append(u.Vetoes, Veto{Kind: VetoKind(f.n(3)), Reason: "否"})
		}
		units[i] = u
	}
	return units
}

// FuzzScore checks that the engine never panics on a valid scheme, that a
// unit's total is always its items plus bonus minus deductions and soft
// vetoes, that every item explains itself, that ranks are a permutation
// and that grades obey vetoes and the quota.
func FuzzScore(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{5, 0, 3, 7, 1, 2, 9, 4, 4, 8, 1, 0, 6, 2, 3, 3, 5, 7, 9, 11, 13, 2, 0, 1, 200, 17})
	f.Add([]byte("the quick brown fox jumps over the lazy dog 0123456789"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fd := &feed{b: data}
		s := fd.scheme()
		units := fd.units(s)
		res, err := Score(s, units)
		if err != nil {
			return // an invalid scheme is refused, which is all it may do
		}
		checkInvariant(t, res)
		checkClass(t, s, res)
		moves, err := WhatIf(s, s, units)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range moves {
			if m.Movement != 0 || len(m.Items) != 0 || m.OldTotal.Cmp(m.NewTotal) != 0 {
				t.Fatalf("the same scheme moved %s: %+v", m.Code, m)
			}
		}
		if _, err := CombineCheckpoints([]Checkpoint{{Name: "a", Weight: fd.pos().Add(one), Results: res}, {Name: "b", Weight: one, Results: res[:len(res)/2]}}); err != nil {
			t.Fatal(err)
		}
	})
}

func checkClass(t *testing.T, s Scheme, res []Result) {
	if err := ExplainAll(res); err != nil {
		t.Fatal(err)
	}
	seen := make([]bool, len(res)+1)
	top := 0
	for _, r := range res {
		if r.Rank < 1 || r.Rank > len(res) || seen[r.Rank] {
			t.Fatalf("rank %d repeated or out of range", r.Rank)
		}
		seen[r.Rank] = true
		for _, it := range r.Items {
			if it.Points.Sign() < 0 || it.Why.ZH == "" || it.Why.EN == "" {
				t.Fatalf("item %s: %v points, %q", it.Code, it.Points, it.Why.ZH)
			}
		}
		if r.GradeLevel == 0 {
			top++
			if r.Vetoed {
				t.Fatalf("vetoed unit %s in the top grade", r.Code)
			}
		}
	}
	if s.TopQuota.Sign() > 0 && top > floorInt(s.TopQuota.Mul(Int(int64(len(res))))) {
		t.Fatalf("%d top grades over the quota", top)
	}
}
