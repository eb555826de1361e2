package score

import (
	"strings"
	"testing"
)

func TestMissingRedistribution(t *testing.T) {
	s := Scheme{Items: []Item{
		{Code: "A", Name: "甲", NameEN: "A", Points: Int(40), Rule: Proportional{}},
		{Code: "B", Name: "乙", NameEN: "B", Points: Int(30), Rule: Proportional{}},
		{Code: "C", Name: "丙", NameEN: "C", Points: Int(30), Rule: Proportional{}, Missing: MissingExclude},
	}}
	u := Unit{ID: 1, Code: "U1", Values: map[string]Input{"A": fig("50", "100"), "B": fig("80", "100")}}
	r := scoreOneUnit(t, s, u)
	// A: 40 × 50% = 20; B: 30 × 80% = 24; C (30) excluded: ΣW 100, the rest 70.
	// A: 20 × 100 / 70 = 28.571428571428|57… → 28.571428571429
	// B: 24 × 100 / 70 = 34.285714285714|28… → 34.285714285714
	want := []string{"28.571428571429", "34.285714285714", "0"}
	for i, w := range want {
		if r.Items[i].Points.Cmp(d(w)) != 0 {
			t.Errorf("%s: %v, want %s", r.Items[i].Code, r.Items[i].Points, w)
		}
	}
	if r.Items[2].State != Excluded || r.Total.Cmp(d("62.857142857143")) != 0 {
		t.Errorf("state %d total %v", r.Items[2].State, r.Total)
	}
	if got, want := r.Items[0].Why.ZH, "甲 完成 50 / 目标 100 = 50.0%，按比例得 20.00 分；缺报项权重再分配 × 100.00 / 70.00 = 28.57 分"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if got, want := r.Items[2].Why.ZH, "丙 未报送数据，不计分，其 30.00 分权重按比例分给其余各项"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if !hasNote(r, "未计分的指标：丙，共 30.00 分，其余各项按 100.00 / 70.00 放大") {
		t.Errorf("notes %v", r.Notes)
	}
	// Each explanation is its own slice, nothing of the next one in it.
	if strings.Contains(r.Items[1].Why.EN, "C ") || !strings.HasPrefix(r.Items[1].Why.EN, "B 80 / target 100") {
		t.Errorf("en: %s", r.Items[1].Why.EN)
	}
}

func TestEverythingExcluded(t *testing.T) {
	s := Scheme{Items: []Item{{Code: "A", Name: "甲", Points: Int(40), Rule: Proportional{}, Missing: MissingExclude}}}
	r := scoreOneUnit(t, s, Unit{ID: 1, Code: "U1"})
	if !r.Total.IsZero() || !hasNote(r, "未计分的指标：甲，共 40.00 分，所有指标均缺报，无从再分配") {
		t.Errorf("total %v notes %v", r.Total, r.Notes)
	}
}

func TestEmptyClass(t *testing.T) {
	res, err := Score(counted(), nil)
	if err != nil || len(res) != 0 {
		t.Fatal(res, err)
	}
}

// An item among another unit's tasks (个性指标) is left out like a missing
// figure but explained as not applying; under MissingZero it scores 0.
func TestNotAssigned(t *testing.T) {
	s := Scheme{Items: []Item{
		{Code: "A", Name: "甲", NameEN: "A", Points: Int(60), Rule: Proportional{}, Missing: MissingExclude},
		{Code: "B", Name: "乙", NameEN: "B", Points: Int(40), Rule: Proportional{}, Missing: MissingExclude},
	}}
	u := Unit{ID: 1, Code: "U1", Values: map[string]Input{"A": fig("90", "100"), "B": {NotAssigned: true, Actual: Ref(d("50"))}}}
	r := scoreOneUnit(t, s, u)
	// A: 60 × 90% = 54, × 100 / 60 = 90.
	if r.Items[1].State != Excluded || r.Total.Cmp(d("90")) != 0 {
		t.Fatalf("state %d total %v", r.Items[1].State, r.Total)
	}
	if got, want := r.Items[1].Why.ZH, "乙 本单位无此项考核任务，不计分，其 40.00 分权重按比例分给其余各项"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	s.Items[1].Missing = MissingZero
	if r := scoreOneUnit(t, s, u); r.Items[1].State != Zeroed || r.Total.Cmp(d("54")) != 0 {
		t.Errorf("under MissingZero: state %d total %v", r.Items[1].State, r.Total)
	}
}
