package score

import (
	"strings"
	"testing"
)

// counted is a one-item scheme whose item scores the count given, up to 100.
func counted() Scheme {
	return Scheme{Items: []Item{{Code: "C", Name: "工作量", NameEN: "Workload", Points: Int(100), Rule: Count{Each: Int(1)}}}}
}

func countUnit(id int64, code string, n int) Unit {
	return Unit{ID: id, Code: code, Values: map[string]Input{"C": {Count: n}}}
}

func scoreOneUnit(t *testing.T, s Scheme, u Unit) Result {
	t.Helper()
	res, err := Score(s, []Unit{u})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariant(t, res)
	if err := res[0].Explain(); err != nil {
		t.Fatal(err)
	}
	return res[0]
}

func hasNote(r Result, zh string) bool {
	for _, n := range r.Notes {
		if n.ZH == zh {
			return true
		}
	}
	return false
}

func TestBonusCap(t *testing.T) {
	s := counted()
	s.Bonus = BonusRule{City: d("1"), Province: d("2"), National: d("3"), Cap: d("4")}
	u := countUnit(1, "U1", 80)
	u.Bonuses = []Bonus{{City, "文明单位"}, {National, "科技进步奖"}, {Province, "质量奖"}}
	// 1 + 3 + 2 = 6, capped at 4; total 80 + 4
	r := scoreOneUnit(t, s, u)
	if r.Bonus.Cmp(d("4")) != 0 || r.Total.Cmp(d("84")) != 0 {
		t.Fatalf("bonus %v total %v", r.Bonus, r.Total)
	}
	want := "加分：市级“文明单位” +1.00；国家级“科技进步奖” +3.00；省级“质量奖” +2.00；合计 6.00 分，以 4.00 分为限"
	if !hasNote(r, want) {
		t.Errorf("notes %v", r.Notes)
	}
}

func TestDeductions(t *testing.T) {
	s := Scheme{Items: []Item{
		{Code: "C", Name: "工作量", Points: Int(100), Rule: Count{Each: Int(1)}},
		{Code: "S", Name: "安全生产", Points: Int(10), Rule: Count{Each: d("1.5")}},
	}}
	s.Deduction = DeductionRule{Repeat: d("2"), Cap: d("10")}
	u := Unit{ID: 1, Code: "U1", Values: map[string]Input{"C": {Count: 80}, "S": {Count: 1}}}
	u.Deductions = []Deduction{
		{Type: "safety", Name: "安全事故", Points: d("2")},         // 2
		{Type: "safety", Name: "安全事故", Points: d("2")},         // repeat: 2 × 2 = 4
		{Type: "env", Name: "环保督查", Points: d("3"), Item: "S"}, // S has 1.5 left: 1.5
		{Type: "env", Name: "环保督查", Points: d("1"), Item: "S"}, // repeat 2, but S has 0 left: 0
		{Name: "信访", Points: d("5")},                           // cap 10 − 7.5: 2.5
		{Name: "迟报", Points: d("1")},                           // cap reached: 0
	}
	r := scoreOneUnit(t, s, u)
	// 2 + 4 + 1.5 + 0 + 2.5 + 0 = 10; total 80 + 1.5 − 10 = 71.5
	if r.Deduction.Cmp(d("10")) != 0 || r.Total.Cmp(d("71.5")) != 0 {
		t.Fatalf("deduction %v total %v\n%v", r.Deduction, r.Total, r.Notes)
	}
	want := "扣分：“安全事故” -2.00；“安全事故”（第 2 次，× 2） -4.00；" +
		"“环保督查”（扣完为止：安全生产 仅余 1.50 分） -1.50；" +
		"“环保督查”（第 2 次，× 2）（扣完为止：安全生产 仅余 0.00 分） -0.00；" +
		"“信访”（已达扣分上限） -2.50；“迟报”（已达扣分上限） -0.00；合计 10.00 分"
	if !hasNote(r, want) {
		t.Errorf("got %v\nwant %s", r.Notes, want)
	}
	if !hasNote(r, "总分：各项 81.50 - 扣分 10.00 = 71.50 分") {
		t.Errorf("no total note: %v", r.Notes)
	}
}

func TestSoftVeto(t *testing.T) {
	s := counted()
	s.Veto = VetoRule{SoftPoints: d("30")}
	u := countUnit(1, "U1", 95)
	u.Vetoes = []Veto{{Kind: Soft, Reason: "重大安全事故"}}
	r := scoreOneUnit(t, s, u)
	// 95 − 30 = 65
	if r.VetoPoints.Cmp(d("30")) != 0 || r.Total.Cmp(d("65")) != 0 || r.Vetoed {
		t.Fatalf("veto %v total %v vetoed %v", r.VetoPoints, r.Total, r.Vetoed)
	}
	if !hasNote(r, "一票否决（扣分）：重大安全事故，扣 30.00 分") || !hasNote(r, "总分：各项 95.00 - 否决扣分 30.00 = 65.00 分") {
		t.Errorf("notes %v", r.Notes)
	}
	// A soft veto on a small total goes below 0 rather than break the sum.
	u = countUnit(2, "U2", 20)
	u.Vetoes = []Veto{{Kind: Soft, Reason: "x"}}
	if r = scoreOneUnit(t, s, u); r.Total.Cmp(d("-10")) != 0 {
		t.Fatalf("total %v", r.Total)
	}
}

func TestHardVetoKeepsOutOfTopGrade(t *testing.T) {
	s := graded()
	units := []Unit{countUnit(1, "U1", 98), countUnit(2, "U2", 91), countUnit(3, "U3", 70)}
	units[0].Vetoes = []Veto{{Kind: Hard, Reason: "发生重大安全生产事故"}}
	res, err := Score(s, units)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariant(t, res)
	r := res[0]
	if r.Rank != 1 || r.Grade != "良好" || !r.Vetoed || r.Total.Cmp(d("98")) != 0 {
		t.Fatalf("rank %d grade %s vetoed %v total %v", r.Rank, r.Grade, r.Vetoed, r.Total)
	}
	if res[1].Grade != "优秀" {
		t.Errorf("second unit: %s", res[1].Grade)
	}
	for _, want := range []string{"一票否决：发生重大安全生产事故，不得评为优秀", "总分 98.00 分，不低于 90.00 分，评为优秀", "因一票否决，由优秀降为良好"} {
		if !hasNote(r, want) {
			t.Errorf("missing note %q in %v", want, r.Notes)
		}
	}
	if en := r.Notes[len(r.Notes)-1].EN; !strings.Contains(en, "Good instead of Excellent") {
		t.Errorf("en: %s", en)
	}
}
