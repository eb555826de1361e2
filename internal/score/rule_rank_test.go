package score

import (
	"strconv"
	"testing"
)

// rankClass scores one Rank item over units whose actuals are given in
// order ("" for no figure) and returns each unit's item result.
func rankClass(t *testing.T, it Item, actuals []string, last []int) []ItemResult {
	t.Helper()
	it.Code, it.Name, it.NameEN = "R", "名次", "Rank"
	if it.Points.IsZero() {
		it.Points = Int(10)
	}
	units := make([]Unit, len(actuals))
	for i, a := range actuals {
		units[i] = Unit{ID: int64(i + 1), Code: "U" + strconv.Itoa(i+1), Values: map[string]Input{}}
		if a != "" {
			units[i].Values["R"] = fig(a, "")
		}
		if last != nil {
			units[i].LastRank = map[string]int{"R": last[i]}
		}
	}
	res, err := Score(Scheme{Items: []Item{it}}, units)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariant(t, res)
	if err := ExplainAll(res); err != nil {
		t.Fatal(err)
	}
	out := make([]ItemResult, len(res))
	for i := range res {
		out[i] = res[i].Items[0]
	}
	return out
}

func wantPoints(t *testing.T, got []ItemResult, want ...string) {
	t.Helper()
	for i, w := range want {
		if got[i].Points.Cmp(d(w)) != 0 {
			t.Errorf("unit %d: %v points, want %s (%s)", i+1, got[i].Points, w, got[i].Why.ZH)
		}
	}
}

func TestRankStepWithTies(t *testing.T) {
	// 120 and 120 share place 1 (10); 100 is 3rd: 10 × (1 − 2 × 5%) = 9;
	// 90 is 4th: 8.5; the unit without a figure is unranked and scores 0.
	got := rankClass(t, Item{Rule: Rank{Step: d("0.05")}}, []string{"100", "120", "120", "90", ""}, nil)
	wantPoints(t, got, "9", "10", "10", "8.5", "0")
	if got[4].State != Zeroed {
		t.Errorf("unranked unit: state %d", got[4].State)
	}
	if want := "名次 完成 100，第 3 名（共 4 个单位），每降一名减 5.0%，得 9.00 分"; got[0].Why.ZH != want {
		t.Errorf("got %s\nwant %s", got[0].Why.ZH, want)
	}
	// Twenty-one places at 5% each: from the 21st on, 0, never negative.
	var many []string
	for i := range 22 {
		many = append(many, strconv.Itoa(100-i))
	}
	got = rankClass(t, Item{Rule: Rank{Step: d("0.05")}}, many, nil)
	wantPoints(t, got[20:], "0", "0")
}

func TestRankBands(t *testing.T) {
	bands := []RankBand{{1, 3, d("7")}, {4, 6, d("5")}, {7, 10, d("3")}}
	var vals []string
	for i := range 11 {
		vals = append(vals, strconv.Itoa(200-i)) // unit i+1 is place i+1
	}
	got := rankClass(t, Item{Rule: Rank{Bands: bands}}, vals, nil)
	wantPoints(t, got, "7", "7", "7", "5", "5", "5", "3", "3", "3", "3", "0")
	if want := "名次 完成 195，第 6 名（共 11 个单位），第 4–6 名得 5.00 分，得 5.00 分"; got[5].Why.ZH != want {
		t.Errorf("got %s\nwant %s", got[5].Why.ZH, want)
	}
}

func TestRankToBest(t *testing.T) {
	// best 120: 100/120 = 0.833333333333 (12 places) × 10; 60/120 = 5;
	// a negative figure has no meaningful ratio: 0.
	got := rankClass(t, Item{Rule: Rank{ToBest: true}}, []string{"100", "120", "60", "-5"}, nil)
	wantPoints(t, got, "8.33333333333", "10", "5", "0")
	// lower is better, best 4: 4/5 = 80%, 4/8 = 50%.
	got = rankClass(t, Item{Direction: LowerBetter, Rule: Rank{ToBest: true}}, []string{"5", "4", "8"}, nil)
	wantPoints(t, got, "8", "10", "5")
	// lower is better by step: 4 first, 5 second, 8 third.
	got = rankClass(t, Item{Direction: LowerBetter, Rule: Rank{Step: d("0.1")}}, []string{"5", "4", "8"}, nil)
	wantPoints(t, got, "9", "10", "8")
}

func TestRankMovement(t *testing.T) {
	rule := Rank{Step: d("0.05"), Rise: d("0.5"), Fall: d("0.5"), MoveCap: d("1")}
	// Unit 1: 4th → 1st, +3 × 0.5 = 1.5, capped at 1: 10 + 1 = 11.
	// Unit 2: 2nd → 3rd, −0.5: 9 − 0.5 = 8.5. Unit 3: 2nd → 2nd: 9.5.
	// Unit 4: no last rank: 8.5.
	got := rankClass(t, Item{Rule: rule}, []string{"130", "110", "120", "100"}, []int{4, 2, 2, 0})
	wantPoints(t, got, "11", "8.5", "9.5", "8.5")
	if want := "名次 完成 130，第 1 名（共 4 个单位），每降一名减 5.0%，得 10.00 分；较上期上升 3 名，+1.00 分，合计 11.00 分"; got[0].Why.ZH != want {
		t.Errorf("got %s\nwant %s", got[0].Why.ZH, want)
	}
	if want := "Rank 110, place 3 of 4, 5.0% less per place, score 9.00 points; down 1 place since last period: -0.50, in all 8.50 points"; got[1].Why.EN != want {
		t.Errorf("got %s\nwant %s", got[1].Why.EN, want)
	}
}

func TestRankBeyondInt64(t *testing.T) {
	// A figure beyond int64 sorts as a decimal: it is first, 5.5 second,
	// the two 5s share third: 10, 9, 8, 8 at 10% a place.
	got := rankClass(t, Item{Rule: Rank{Step: d("0.1")}}, []string{"5", "123456789012345678901234", "5.5", "5.0"}, nil)
	wantPoints(t, got, "8", "10", "9", "8")
}
