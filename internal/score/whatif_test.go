package score

import (
	"errors"
	"testing"
)

func TestWhatIf(t *testing.T) {
	item := func(code string, each string) Item {
		return Item{Code: code, Name: code, Points: Int(100), Rule: Count{Each: d(each)}}
	}
	current := Scheme{Items: []Item{item("A", "1"), item("B", "1")}}
	draft := Scheme{Items: []Item{item("A", "1"), item("B", "2"), item("N", "1")}}
	unit := func(id int64, code string, a, b int) Unit {
		return Unit{ID: id, Code: code, Values: map[string]Input{"A": {Count: a}, "B": {Count: b}, "N": {Count: 1}}}
	}
	units := []Unit{unit(1, "U1", 40, 10), unit(2, "U2", 10, 40), unit(3, "U3", 30, 30)}
	moves, err := WhatIf(current, draft, units)
	if err != nil {
		t.Fatal(err)
	}
	// Current: U1 50, U2 50, U3 60 → U3 1, U1 2 (code before U2), U2 3.
	// Draft (B doubled, N new at 1): U1 40+20+1 = 61, U2 10+80+1 = 91,
	// U3 30+60+1 = 91 → U2 1 (code before U3), U3 2, U1 3.
	want := []struct {
		code     string
		old, new int
		move     int
		total    string
	}{{"U2", 3, 1, 2, "91"}, {"U3", 1, 2, -1, "91"}, {"U1", 2, 3, -1, "61"}}
	for i, w := range want {
		m := moves[i]
		if m.Code != w.code || m.OldRank != w.old || m.NewRank != w.new || m.Movement != w.move || m.NewTotal.Cmp(d(w.total)) != 0 {
			t.Errorf("%d: %+v, want %+v", i, m, w)
		}
	}
	// U2's items: B 40 → 80 (+40) first, then N 0 → 1 (+1); A unchanged.
	ch := moves[0].Items
	if len(ch) != 2 || ch[0].Code != "B" || ch[0].Change.Cmp(d("40")) != 0 || ch[1].Code != "N" || !ch[1].Old.IsZero() {
		t.Errorf("items %+v", ch)
	}
}

func TestWhatIfInvalidDraft(t *testing.T) {
	_, err := WhatIf(counted(), Scheme{Items: []Item{{Code: "A"}}}, nil)
	var se *SchemeError
	if !errors.As(err, &se) {
		t.Fatalf("%v", err)
	}
}
