package score

import (
	"errors"
	"strings"
	"testing"
)

func TestValidationListsEveryProblem(t *testing.T) {
	var nilRank *Rank
	type embedded struct{ Proportional }
	s := Scheme{
		Items: []Item{
			{Code: "A", Points: Int(0), Rule: Proportional{}},                                          // W ≤ 0
			{Code: "A", Points: Int(5), Rule: Count{Each: Int(1)}},                                     // repeated code
			{Code: "B", Points: Int(5)},                                                                // no rule
			{Code: "C", Points: Int(5), Rule: nilRank},                                                 // nil rule pointer
			{Code: "D", Points: Int(5), Rule: Efficacy{Disallowed: d("100"), Satisfactory: d("60")}},   // Amax ≤ Amin
			{Code: "E", Points: Int(5), Rule: Linear{Up: []Segment{{d("10"), d("0.2")}}}},              // first segment not at 0
			{Code: "F", Points: Int(5), Rule: Rank{Step: d("0.05"), ToBest: true}},                     // two ways
			{Code: "G", Points: Int(5), Rule: Rank{Bands: []RankBand{{1, 3, d("5")}, {3, 6, d("3")}}}}, // bands overlap
			{Code: "H", Points: Int(5), Direction: LowerBetter, Rule: Proportional{}},                  // lower needs a cap
			{Code: "I", Points: Int(5), Rule: Rating{}},                                                // no rater types
			{Code: "J", Points: Int(5), Rule: Growth{Flat: d("0.8")}},                                  // step 0
			{Code: "", Points: Int(5), Rule: Count{Each: Int(1)}},                                      // empty code
			{Code: "K", Points: Int(5), Direction: 7, Rule: Count{Each: Int(1)}},                       // unknown direction
			{Code: "L", Points: Int(5), Rule: embedded{}},                                              // not one of the rules
		},
		Grades:   []Grade{{"优秀", "", d("90")}, {"良好", "", d("90")}}, // overlapping bands
		TopQuota: d("1.5"),
		TieBreak: []string{"Z"},
	}
	_, err := Score(s, nil)
	var se *SchemeError
	if !errors.As(err, &se) {
		t.Fatalf("%v", err)
	}
	want := []string{
		"A: full points must be above 0",
		"A: the item code is repeated",
		"B: no rule, or an unknown rule",
		"C: no rule, or an unknown rule",
		"D: the satisfactory value must be above the disallowed one",
		"E: the first segment must start at 0 points",
		"F: a rank rule needs exactly one of step, bands or to-best",
		"G: rank bands overlap",
		"H: a lower-is-better proportional item needs a cap",
		"I: a rating needs at least one rater type",
		"J: the growth step must be above 0",
		"#12: the item code is empty",
		"K: unknown direction",
		"L: no rule, or an unknown rule",
		": grade bands overlap or are not ordered from the top down: 良好",
		": top quota must lie between 0 and 1",
		": tie-break item does not exist: Z",
	}
	var got []string
	for _, p := range se.Problems {
		got = append(got, p.Item+": "+p.EN)
		if p.ZH == "" {
			t.Errorf("no Chinese for %s", p.EN)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasPrefix(err.Error(), "score: invalid scheme: item A: full points must be above 0; item A:") {
		t.Errorf("%v", err)
	}
}

func TestValidSchemePasses(t *testing.T) {
	if _, err := Score(graded(), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Score(Scheme{}, nil); err == nil || !strings.Contains(err.Error(), "the scheme has no items") {
		t.Fatalf("an empty scheme: %v", err)
	}
}
