package score

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// benchScheme has a hundred items over every rule, as a province's scheme
// for a large class might, with grades, a quota and a tie-break.
func benchScheme() Scheme {
	up := []Segment{{d("0"), d("0.2")}, {d("30"), d("0.1")}}
	rules := []Rule{
		Proportional{Cap: d("1.2")}, Proportional{}, Proportional{Cap: d("1.5")},
		Threshold{Partial: d("0.5"), PartialFrom: d("0.8")},
		Linear{Up: up, Down: []Segment{{d("0"), d("0.3")}}, BonusCap: d("3"), DeductionCap: d("5")},
		Efficacy{Disallowed: d("60"), Satisfactory: d("130")},
		Stretch{AtCommitted: d("0.8")},
		Growth{Flat: d("0.8"), Step: d("1"), PerStep: d("0.02")},
		Rank{Step: d("0.01"), Rise: d("0.1"), Fall: d("0.1"), MoveCap: d("0.5")},
		Count{Each: d("0.5")},
		Rating{Types: []RaterType{{Key: "lead", Name: "领导", Weight: d("0.5")}, {Key: "peer", Name: "互评", Weight: d("0.3")}, {Key: "pub", Name: "群众", Weight: d("0.2")}}, Trim: true},
	}
	s := Scheme{
		Bonus:     BonusRule{City: d("1"), Province: d("2"), National: d("3"), Cap: d("5")},
		Deduction: DeductionRule{Repeat: d("2"), Cap: d("10")},
		Veto:      VetoRule{SoftPoints: d("30")},
		Grades:    []Grade{{"优秀", "Excellent", d("90")}, {"良好", "Good", d("80")}, {"一般", "Fair", d("60")}, {"较差", "Poor", d("0")}},
		TopQuota:  d("0.3"),
		TieBreak:  []string{"I000", "I001"},
	}
	for i := range 100 {
		s.Items = append(s.Items, Item{
			Code: "I" + strconv.Itoa(1000 + i)[1:], Name: "指标" + strconv.Itoa(i), NameEN: "Indicator " + strconv.Itoa(i),
			Points: d([]string{"1", "1.5", "0.5", "2"}[i%4]), Missing: MissingPolicy(i % 2), Rule: rules[i%len(rules)],
		})
	}
	return s
}

// benchUnits makes n units with figures of one or two decimals around
// their targets; one figure in twenty is missing.
func benchUnits(s Scheme, n int, seed uint64) []Unit {
	rng := rand.New(rand.NewPCG(seed, 2019))
	dec := func(v float64) *Num { x, _ := Float(float64(int(v*10)) / 10); return &x }
	units := make([]Unit, n)
	for i := range units {
		u := Unit{ID: int64(i + 1), Code: "U" + strconv.Itoa(10000+i), Values: map[string]Input{}, LastRank: map[string]int{}}
		for _, it := range s.Items {
			if rng.IntN(20) == 0 {
				continue
			}
			t := float64(100 + rng.IntN(5000))
			in := Input{Actual: dec(t * (0.5 + rng.Float64())), Target: dec(t), Stretch: dec(t * 1.1),
				LastYear: dec(t * (0.8 + rng.Float64()*0.3)), Count: rng.IntN(5)}
			if _, ok := it.Rule.(Rating); ok {
				in.Ratings = map[string][]Num{"lead": {Int(90), Int(85), Int(80)}, "peer": {Int(int64(70 + rng.IntN(30)))}, "pub": {d("88.5"), Int(92)}}
			}
			u.Values[it.Code] = in
			u.LastRank[it.Code] = 1 + rng.IntN(n)
		}
		if rng.IntN(10) == 0 {
			u.Bonuses = []Bonus{{Level(1 + rng.IntN(3)), "荣誉"}}
		}
		if rng.IntN(10) == 0 {
			u.Deductions = []Deduction{{Type: "安全", Name: "事故", Points: d("2"), Item: "I003"}, {Type: "安全", Name: "事故", Points: d("2")}}
		}
		if rng.IntN(100) == 0 {
			u.Vetoes = []Veto{{Kind: VetoKind(rng.IntN(2)), Reason: "否决"}}
		}
		units[i] = u
	}
	return units
}

var sinkResults []Result

// BenchmarkScore scores 2,000 units × 100 items at 4 checkpoints per op.
func BenchmarkScore(b *testing.B) {
	s := benchScheme()
	var checkpoints [4][]Unit
	for i := range checkpoints {
		checkpoints[i] = benchUnits(s, 2000, uint64(i))
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, units := range checkpoints {
			res, err := Score(s, units)
			if err != nil {
				b.Fatal(err)
			}
			sinkResults = res
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/op")
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
}

// TestBenchData keeps the benchmark's data honest: the scheme is valid and
// the invariant holds on it.
func TestBenchData(t *testing.T) {
	s := benchScheme()
	res, err := Score(s, benchUnits(s, 300, 7))
	if err != nil {
		t.Fatal(err)
	}
	checkInvariant(t, res)
	checkClass(t, s, res)
}
