package score

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

func graded() Scheme {
	s := counted()
	s.Grades = []Grade{{"优秀", "Excellent", d("90")}, {"良好", "Good", d("80")}, {"一般", "Fair", d("60")}, {"较差", "Poor", d("0")}}
	return s
}

func TestGradesAndQuota(t *testing.T) {
	s := graded()
	s.TopQuota = d("0.3")
	totals := []int{95, 94, 93, 92, 91, 85, 80, 70, 60, 50}
	var units []Unit
	for i, n := range totals {
		units = append(units, countUnit(int64(i+1), "U"+strconv.Itoa(i+1), n))
	}
	res, err := Score(s, units)
	if err != nil {
		t.Fatal(err)
	}
	checkInvariant(t, res)
	// floor(10 × 30%) = 3 top grades; the 4th and 5th, with 优秀 totals, drop to 良好.
	want := []string{"优秀", "优秀", "优秀", "良好", "良好", "良好", "良好", "一般", "一般", "较差"}
	for i, r := range res {
		if r.Grade != want[i] || r.Rank != i+1 {
			t.Errorf("unit %d: rank %d grade %s, want %d %s", i+1, r.Rank, r.Grade, i+1, want[i])
		}
	}
	if !hasNote(res[3], "优秀名额 3 个（10 个单位 × 30.0%，向下取整），本单位排第 4 名，超出名额，由优秀降为良好") {
		t.Errorf("quota note: %v", res[3].Notes)
	}
	if !hasNote(res[9], "总分 50.00 分，低于 60.00 分，评为较差") {
		t.Errorf("bottom note: %v", res[9].Notes)
	}
	if en := res[3].Notes[len(res[3].Notes)-1].EN; en != "Excellent places: 3 (10 units × 30.0%, rounded down); ranked 4, beyond the quota: Good instead of Excellent" {
		t.Errorf("en: %s", en)
	}
}

func TestQuotaSkipsVetoedUnits(t *testing.T) {
	s := graded()
	s.TopQuota = d("0.5")
	units := []Unit{countUnit(1, "A", 99), countUnit(2, "B", 95), countUnit(3, "C", 92), countUnit(4, "D", 50)}
	units[0].Vetoes = []Veto{{Kind: Hard, Reason: "x"}}
	res, _ := Score(s, units)
	// floor(4 × 50%) = 2 places; A is vetoed and takes none: B and C are 优秀.
	for i, want := range []string{"良好", "优秀", "优秀", "较差"} {
		if res[i].Grade != want {
			t.Errorf("%s: %s, want %s", res[i].Code, res[i].Grade, want)
		}
	}
}

func TestTieBreakIsDeterministic(t *testing.T) {
	s := Scheme{
		Items: []Item{
			{Code: "A", Name: "甲", Points: Int(100), Rule: Count{Each: Int(1)}},
			{Code: "B", Name: "乙", Points: Int(100), Rule: Count{Each: Int(1)}},
		},
		TieBreak: []string{"B", "A"},
	}
	unit := func(id int64, code string, a, b int) Unit {
		return Unit{ID: id, Code: code, Values: map[string]Input{"A": {Count: a}, "B": {Count: b}}}
	}
	// All total 90. B decides first: Y and Z (50) before X (40); Y and Z tie
	// on A too, so the code decides: Y before Z. W totals 91 and leads.
	base := []Unit{unit(1, "X", 50, 40), unit(2, "Z", 40, 50), unit(3, "Y", 40, 50), unit(4, "W", 45, 46)}
	want := map[string]int{"W": 1, "Y": 2, "Z": 3, "X": 4}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		units := append([]Unit(nil), base...)
		rng.Shuffle(len(units), func(i, j int) { units[i], units[j] = units[j], units[i] })
		res, err := Score(s, units)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Rank != want[r.Code] {
				t.Fatalf("%s ranked %d, want %d", r.Code, r.Rank, want[r.Code])
			}
		}
	}
}

func TestNoGrades(t *testing.T) {
	res, _ := Score(counted(), []Unit{countUnit(1, "A", 5)})
	if res[0].GradeLevel != -1 || res[0].Grade != "" || res[0].Rank != 1 {
		t.Fatalf("%+v", res[0])
	}
}
