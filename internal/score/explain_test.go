package score

import (
	"errors"
	"testing"
)

func TestExplainLeavesItemsToExplain(t *testing.T) {
	s := Scheme{Items: []Item{{Code: "P01", Name: "专利申请量", NameEN: "Patent applications", Points: Int(10), Rule: Proportional{}}}}
	units := []Unit{{ID: 1, Code: "U1", Values: map[string]Input{"P01": fig("2950", "3200")}}}
	res, err := Score(s, units)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Items[0].Why.ZH != "" {
		t.Fatalf("Score wrote %q", res[0].Items[0].Why.ZH)
	}
	if err := ExplainAll(res); err != nil {
		t.Fatal(err)
	}
	if got := res[0].Items[0].Why.ZH; got != "专利申请量 完成 2,950 / 目标 3,200 = 92.2%，按比例得 9.22 分" {
		t.Fatalf("got %s", got)
	}
	// A unit changed after scoring is refused rather than explained with
	// figures other than those scored.
	units[0].Values["P01"] = fig("3000", "3200")
	if err := res[0].Explain(); !errors.Is(err, ErrChanged) {
		t.Fatalf("got %v", err)
	}
	var zero Result
	if err := zero.Explain(); err == nil {
		t.Fatal("a result not from Score explained")
	}
}
