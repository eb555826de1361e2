package score

import (
	"errors"
	"testing"
)

func TestCombineCheckpoints(t *testing.T) {
	r := func(id int64, code, total string) Result { return Result{UnitID: id, Code: code, Total: d(total)} }
	cps := []Checkpoint{
		{Name: "一季度", NameEN: "Q1", Weight: d("15"), Results: []Result{r(1, "A", "80"), r(2, "B", "90")}},
		{Name: "上半年", NameEN: "H1", Weight: d("25"), Results: []Result{r(1, "A", "85"), r(2, "B", "90"), r(3, "C", "99")}},
		{Name: "前三季度", NameEN: "Q1-3", Weight: d("25"), Results: []Result{r(1, "A", "90"), r(2, "B", "90"), r(3, "C", "99")}},
		{Name: "全年", NameEN: "Year", Weight: d("35"), Results: []Result{r(1, "A", "92"), r(2, "B", "80.5"), r(3, "C", "99")}},
	}
	got, err := CombineCheckpoints(cps)
	if err != nil {
		t.Fatal(err)
	}
	// A: (15 × 80 + 25 × 85 + 25 × 90 + 35 × 92)/100 = (1200 + 2125 + 2250 + 3220)/100 = 87.95
	// B: (1350 + 2250 + 2250 + 2817.5)/100 = 86.675
	// C, absent in Q1: (0 + 2475 + 2475 + 3465)/100 = 84.15
	want := []struct {
		code, total string
		rank        int
	}{{"A", "87.95", 1}, {"B", "86.675", 2}, {"C", "84.15", 3}}
	for i, w := range want {
		if got[i].Code != w.code || got[i].Total.Cmp(d(w.total)) != 0 || got[i].Rank != w.rank {
			t.Errorf("%d: %s %v rank %d, want %+v", i, got[i].Code, got[i].Total, got[i].Rank, w)
		}
	}
	if w := "过程考核：一季度 80.00 × 15.0% + 上半年 85.00 × 25.0% + 前三季度 90.00 × 25.0% + 全年 92.00 × 35.0% = 87.95 分"; got[0].Why.ZH != w {
		t.Errorf("got %s\nwant %s", got[0].Why.ZH, w)
	}
	if w := "Checkpoints: Q1 absent (0.00) × 15.0% + H1 99.00 × 25.0% + Q1-3 99.00 × 25.0% + Year 99.00 × 35.0% = 84.15 points"; got[2].Why.EN != w {
		t.Errorf("got %s\nwant %s", got[2].Why.EN, w)
	}
	// Shares work as well as percentages: 0.15/0.25/0.25/0.35.
	for i, w := range []string{"0.15", "0.25", "0.25", "0.35"} {
		cps[i].Weight = d(w)
	}
	again, _ := CombineCheckpoints(cps)
	if again[0].Total.Cmp(d("87.95")) != 0 {
		t.Errorf("shares: %v", again[0].Total)
	}
}

func TestCombineCheckpointsRefusesBadWeights(t *testing.T) {
	_, err := CombineCheckpoints([]Checkpoint{{Name: "一季度", Weight: d("0")}, {Name: "全年", Weight: d("-1")}})
	var se *SchemeError
	if !errors.As(err, &se) || len(se.Problems) != 2 || se.Problems[1].Item != "全年" {
		t.Fatalf("%v", err)
	}
	if _, err := CombineCheckpoints(nil); err == nil {
		t.Fatal("no checkpoints accepted")
	}
}
