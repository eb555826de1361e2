package score

import "testing"

func d(s string) Num   { return MustDec(s) }
func dp(s string) *Num { return Ref(MustDec(s)) }

// fig builds an Input from an actual and a target; "" leaves one unset.
func fig(actual, target string) Input {
	in := Input{}
	if actual != "" {
		in.Actual = dp(actual)
	}
	if target != "" {
		in.Target = dp(target)
	}
	return in
}

// scoreItem scores one item for one unit, with W = 10 unless set.
func scoreItem(t *testing.T, it Item, in Input) ItemResult {
	t.Helper()
	if it.Code == "" {
		it.Code = "X"
	}
	if it.Name == "" {
		it.Name, it.NameEN = "指标", "Item"
	}
	if it.Points.IsZero() {
		it.Points = Int(10)
	}
	res, err := Score(Scheme{Items: []Item{it}}, []Unit{{ID: 1, Code: "U1", Values: map[string]Input{it.Code: in}}})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariant(t, res)
	if err := res[0].Explain(); err != nil {
		t.Fatal(err)
	}
	return res[0].Items[0]
}

// checkInvariant asserts Total = Σ items + Bonus − Deduction − VetoPoints,
// exactly, for every result.
func checkInvariant(t testing.TB, res []Result) {
	t.Helper()
	for _, r := range res {
		sum := r.Bonus.Sub(r.Deduction).Sub(r.VetoPoints)
		for _, it := range r.Items {
			sum = sum.Add(it.Points)
		}
		if sum.Cmp(r.Total) != 0 {
			t.Fatalf("unit %s: items+bonus−deductions−veto = %v, total %v", r.Code, sum, r.Total)
		}
	}
}

type itemCase struct {
	name  string
	item  Item
	in    Input
	want  string // the exact points
	state ItemState
	zh    string // the whole Chinese explanation, when given
	en    string // the whole English explanation, when given
}

func runItemCases(t *testing.T, cases []itemCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := scoreItem(t, c.item, c.in)
			if got.Points.Cmp(d(c.want)) != 0 || got.State != c.state {
				t.Errorf("points %v state %d, want %s state %d\n%s", got.Points, got.State, c.want, c.state, got.Why.ZH)
			}
			if c.zh != "" && got.Why.ZH != c.zh {
				t.Errorf("zh:\n got %s\nwant %s", got.Why.ZH, c.zh)
			}
			if c.en != "" && got.Why.EN != c.en {
				t.Errorf("en:\n got %s\nwant %s", got.Why.EN, c.en)
			}
		})
	}
}
