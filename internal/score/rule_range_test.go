package score

import "testing"

func TestEfficacy(t *testing.T) {
	plain := Item{Rule: Efficacy{Disallowed: d("60"), Satisfactory: d("100")}}
	runItemCases(t, []itemCase{
		// 60 + 40 × 25/40 = 85%: 8.5
		{name: "between", item: plain, in: fig("85", ""), want: "8.5",
			zh: "指标 完成 85，不允许值 60、满意值 100：60 + 40 × (85 - 60) / (100 - 60) = 85.0%，得 8.50 分",
			en: "Item 85, disallowed 60, satisfactory 100: 60 + 40 × (85 - 60) / (100 - 60) = 85.0%, score 8.50 points"},
		{name: "at the disallowed value", item: plain, in: fig("60", ""), want: "6"},
		// 60 + 40 × 1.5 = 120%: clamped to W
		{name: "beyond satisfactory", item: plain, in: fig("120", ""), want: "10",
			zh: "指标 完成 120，不允许值 60、满意值 100：60 + 40 × (120 - 60) / (100 - 60) = 120.0%，得 10.00 分（上限）"},
		// 60 + 40 × (−90/40) = −30%: clamped to 0
		{name: "far below", item: plain, in: fig("-30", ""), want: "0"},
		// 60 + 40 × (−60/40) = 0%, floor 50%: 5
		{name: "declared floor", item: Item{Rule: Efficacy{Disallowed: d("60"), Satisfactory: d("100"), Floor: d("0.5")}}, in: fig("0", ""), want: "5"},
		// lower is better, 满意值 2 below 不允许值 10: 60 + 40 × (4 − 10)/(2 − 10) = 90%
		{name: "lower", item: Item{Direction: LowerBetter, Rule: Efficacy{Disallowed: d("10"), Satisfactory: d("2")}}, in: fig("4", ""), want: "9"},
		{name: "no figure", item: plain, in: fig("", ""), want: "0", state: Zeroed},
	})
}

func TestStretch(t *testing.T) {
	plain := Item{Rule: Stretch{AtCommitted: d("0.8")}}
	in := func(a string) Input { v := fig(a, "3200"); v.Stretch = dp("3500"); return v }
	lower := Item{Direction: LowerBetter, Rule: Stretch{AtCommitted: d("0.8")}}
	lin := func(a string) Input { v := fig(a, "100"); v.Stretch = dp("80"); return v }
	runItemCases(t, []itemCase{
		{name: "stretch reached", item: plain, in: in("3500"), want: "10"},
		{name: "beyond stretch", item: plain, in: in("3600"), want: "10"},
		{name: "at committed", item: plain, in: in("3200"), want: "8"},
		// (3300 − 3200)/(3500 − 3200) = 1/3 → 0.333333333333 (12 places);
		// 0.8 + 0.2 × 0.333333333333 = 0.8666666666666; × 10
		{name: "between", item: plain, in: in("3300"), want: "8.666666666666",
			zh: "指标 完成 3,300，确保 3,200、力争 3,500：介于确保与力争之间，86.7%，得 8.67 分"},
		// 1600/3200 = 50% × 80% = 40%
		{name: "short of committed", item: plain, in: in("1600"), want: "4",
			zh: "指标 完成 1,600，确保 3,200、力争 3,500：未达确保目标，50.0% × 80.0%，得 4.00 分"},
		{name: "negative actual", item: plain, in: in("-5"), want: "0"},
		{name: "stretch below committed", item: plain, in: func() Input { v := in("3300"); v.Stretch = dp("3000"); return v }(), want: "0", state: Zeroed},
		{name: "no stretch", item: plain, in: fig("3300", "3200"), want: "0", state: Zeroed},
		// lower: (90 − 100)/(80 − 100) = 0.5: 0.8 + 0.1 = 90%
		{name: "lower, between", item: lower, in: lin("90"), want: "9"},
		// lower, short: 100/125 = 80% × 80% = 64%
		{name: "lower, short", item: lower, in: lin("125"), want: "6.4"},
		{name: "lower, reached", item: lower, in: lin("70"), want: "10"},
	})
}

func TestGrowth(t *testing.T) {
	g := Growth{Flat: d("0.8"), Step: d("1"), PerStep: d("0.02")}
	plain := Item{Rule: g}
	in := func(a, last string) Input { v := fig(a, ""); v.LastYear = dp(last); return v }
	runItemCases(t, []itemCase{
		// flat: 80%
		{name: "flat", item: plain, in: in("100", "100"), want: "8"},
		// −3% × 2% per point = −6%: 74%
		{name: "minus 3%", item: plain, in: in("97", "100"), want: "7.4",
			zh: "指标 完成 97，上年 100，增长 -3.0%，得分比例 74.0%，得 7.40 分",
			en: "Item 97, last year 100, growth -3.0%, share 74.0%, score 7.40 points"},
		// +5% × 2% = +10%: 90%
		{name: "plus 5%", item: plain, in: in("105", "100"), want: "9"},
		// +20% → 120%, capped at 100%
		{name: "capped at W", item: plain, in: in("120", "100"), want: "10"},
		// −50% → −20%, floored at 0
		{name: "floored", item: plain, in: in("50", "100"), want: "0"},
		// declared cap 110%: +20% → 120% → 110%
		{name: "declared cap", item: Item{Rule: Growth{Flat: d("0.8"), Step: d("1"), PerStep: d("0.02"), Cap: d("1.1")}}, in: in("120", "100"), want: "11"},
		// steps of 5 points worth 5% each: +10% → 2 steps → 90%
		{name: "steps of 5", item: Item{Rule: Growth{Flat: d("0.8"), Step: d("5"), PerStep: d("0.05")}}, in: in("110", "100"), want: "9"},
		// lower is better: −3% is +6%: 86%
		{name: "lower, decline", item: Item{Direction: LowerBetter, Rule: g}, in: in("97", "100"), want: "8.6"},
		// a loss of 100 narrowed to 90: (−90 + 100)/|−100| = +10% → 100%
		{name: "negative baseline", item: plain, in: in("-90", "-100"), want: "10"},
		{name: "zero baseline", item: plain, in: in("5", "0"), want: "0", state: Zeroed,
			zh: "指标 无上年基数（未报或为 0），按缺失数据规则计 0.00 分"},
	})
}

func TestCount(t *testing.T) {
	n := func(k int) Input { return Input{Count: k} }
	runItemCases(t, []itemCase{
		{name: "two", item: Item{Rule: Count{Each: d("2"), Cap: d("5")}}, in: n(2), want: "4"},
		// 3 × 2 = 6, capped at 5
		{name: "capped", item: Item{Rule: Count{Each: d("2"), Cap: d("5")}}, in: n(3), want: "5",
			zh: "指标 计 3 件 × 2.00 分 = 6.00 分，以 5.00 分为限",
			en: "Item 3 events × 2.00 = 6.00, limited to 5.00 points"},
		// no cap: W = 10
		{name: "capped at W", item: Item{Rule: Count{Each: d("2")}}, in: n(7), want: "10"},
		{name: "negative count", item: Item{Rule: Count{Each: d("2")}}, in: n(-1), want: "0"},
		{name: "not reported", item: Item{Rule: Count{Each: d("2")}}, in: Input{Missing: true}, want: "0", state: Zeroed},
	})
}

func TestRating(t *testing.T) {
	types := []RaterType{
		{Key: "lead", Name: "领导", NameEN: "leaders", Weight: d("0.4")},
		{Key: "peer", Name: "互评", NameEN: "peers", Weight: d("0.3")},
		{Key: "pub", Name: "群众", NameEN: "public", Weight: d("0.3")},
	}
	rate := func(lead, peer, pub []string) Input {
		m := map[string][]Num{}
		for k, ss := range map[string][]string{"lead": lead, "peer": peer, "pub": pub} {
			for _, s := range ss {
				m[k] = append(m[k], d(s))
			}
		}
		return Input{Ratings: m}
	}
	lead := []string{"95", "80", "100", "60"}
	runItemCases(t, []itemCase{
		// trimmed: leaders (95 + 80)/2 = 87.5; peers 85; public (70 + 80)/2 = 75;
		// 0.4 × 87.5 + 0.3 × 85 + 0.3 × 75 = 35 + 25.5 + 22.5 = 83 → 8.3
		{name: "trimmed", item: Item{Rule: Rating{Types: types, Trim: true}}, in: rate(lead, []string{"85"}, []string{"70", "80"}), want: "8.3",
			zh: "指标 评议：领导 87.50（去掉最高、最低分） × 权重 0.4，互评 85.00 × 权重 0.3，群众 75.00 × 权重 0.3；加权平均 83.00，得 8.30 分"},
		// untrimmed: leaders 335/4 = 83.75: 33.5 + 25.5 + 22.5 = 81.5 → 8.15
		{name: "plain mean", item: Item{Rule: Rating{Types: types}}, in: rate(lead, []string{"85"}, []string{"70", "80"}), want: "8.15"},
		// no public survey: (35 + 25.5)/0.7 = 86.428571428571… (12 places) × 10/100
		{name: "a type missing", item: Item{Rule: Rating{Types: types, Trim: true}}, in: rate(lead, []string{"85"}, nil), want: "8.6428571428571"},
		// 120 counts as 100, −5 as 0: leaders 50, W × 0.4 × 50 / 0.4 / 100 = 5
		{name: "out of range", item: Item{Rule: Rating{Types: types}}, in: rate([]string{"120", "-5"}, nil, nil), want: "5"},
		{name: "no ratings", item: Item{Rule: Rating{Types: types}}, in: rate(nil, nil, nil), want: "0", state: Zeroed},
	})
}
