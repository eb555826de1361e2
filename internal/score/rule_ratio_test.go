package score

import "testing"

func TestProportional(t *testing.T) {
	patents := Item{Code: "P01", Name: "专利申请量", NameEN: "Patent applications", Rule: Proportional{}}
	capped := Item{Rule: Proportional{Cap: d("1.2")}}
	lower := Item{Direction: LowerBetter, Rule: Proportional{Cap: d("1.2")}}
	a, _ := Float(2950.0)
	tg, _ := Float(3200.0)
	runItemCases(t, []itemCase{
		// 10 × 2950/3200 = 10 × 0.921875 = 9.21875
		{name: "patents", item: patents, in: fig("2950", "3200"), want: "9.21875",
			zh: "专利申请量 完成 2,950 / 目标 3,200 = 92.2%，按比例得 9.22 分",
			en: "Patent applications 2,950 / target 3,200 = 92.2%, proportional: 9.22 points"},
		{name: "patents from float64", item: patents, in: Input{Actual: &a, Target: &tg}, want: "9.21875"},
		// 10 × 4000/3200 = 12.5, no cap
		{name: "beyond, no cap", item: Item{Rule: Proportional{}}, in: fig("4000", "3200"), want: "12.5"},
		// 12.5 capped at 1.2 × 10 = 12
		{name: "beyond, capped", item: capped, in: fig("4000", "3200"), want: "12",
			zh: "指标 完成 4,000 / 目标 3,200 = 125.0%，按比例得 12.00 分（封顶 1.2 倍）"},
		// r = −100/3200 < 0: floor 0
		{name: "negative actual", item: capped, in: fig("-100", "3200"), want: "0"},
		// lower is better: 10 × 5/8 = 6.25
		{name: "lower, behind", item: lower, in: fig("8", "5"), want: "6.25",
			zh: "指标 目标 5 / 完成 8 = 62.5%（越低越好），按比例得 6.25 分"},
		// 10 × 5/4 = 12.5, capped at 12
		{name: "lower, ahead", item: lower, in: fig("4", "5"), want: "12"},
		// nothing lower than 0: the cap, 12
		{name: "lower, zero", item: lower, in: fig("0", "5"), want: "12"},
		{name: "zero target", item: capped, in: fig("2950", "0"), want: "0", state: Zeroed,
			zh: "指标 无有效目标（未设或不大于 0），按缺失数据规则计 0.00 分"},
		{name: "no target", item: capped, in: fig("2950", ""), want: "0", state: Zeroed},
		{name: "no actual", item: capped, in: fig("", "3200"), want: "0", state: Zeroed,
			en: "Item no figure reported, 0.00 points under the missing-data rule"},
		{name: "flagged missing", item: capped, in: Input{Actual: dp("1"), Target: dp("1"), Missing: true}, want: "0", state: Zeroed},
	})
}

func TestThreshold(t *testing.T) {
	plain := Item{Rule: Threshold{}}
	partial := Item{Rule: Threshold{Partial: d("0.5"), PartialFrom: d("0.8")}}
	runItemCases(t, []itemCase{
		{name: "met exactly", item: plain, in: fig("3200", "3200"), want: "10",
			zh: "指标 完成 3,200 / 目标 3,200 = 100.0%，达标得 10.00 分"},
		{name: "missed", item: plain, in: fig("3199", "3200"), want: "0"},
		// 2600/3200 = 81.25% ≥ 80%: 0.5 × 10 = 5
		{name: "partial", item: partial, in: fig("2600", "3200"), want: "5",
			zh: "指标 完成 2,600 / 目标 3,200 = 81.3%，未达标但不低于 80.0%，得 50.0% 即 5.00 分"},
		// 2500/3200 = 78.125% < 80%: 0
		{name: "below the partial floor", item: partial, in: fig("2500", "3200"), want: "0"},
		{name: "lower, met", item: Item{Direction: LowerBetter, Rule: Threshold{}}, in: fig("5", "5"), want: "10"},
		{name: "lower, missed", item: Item{Direction: LowerBetter, Rule: Threshold{}}, in: fig("6", "5"), want: "0"},
		{name: "zero target", item: plain, in: fig("1", "0"), want: "0", state: Zeroed},
	})
}

func TestLinear(t *testing.T) {
	up := []Segment{{d("0"), d("0.2")}, {d("30"), d("0.1")}}
	down := []Segment{{d("0"), d("0.2")}}
	plain := Item{Rule: Linear{Up: up, Down: down}}
	runItemCases(t, []itemCase{
		// r = 3500/3200 = 1.09375: 9.375 points above × 0.2 = 1.875; 10 + 1.875
		{name: "above", item: plain, in: fig("3500", "3200"), want: "11.875",
			zh: "指标 完成 3,500 / 目标 3,200 = 109.4%，超额 9.4 个百分点（9.4 × 0.2），加 1.88 分，得 11.88 分",
			en: "Item 3,500 / target 3,200 = 109.4%, 9.4 points above (9.4 × 0.2): +1.88, score 11.88 points"},
		// 40 points above: 30 × 0.2 + 10 × 0.1 = 7; 10 + 7
		{name: "two slopes", item: plain, in: fig("140", "100"), want: "17",
			zh: "指标 完成 140 / 目标 100 = 140.0%，超额 40.0 个百分点（30.0 × 0.2 + 10.0 × 0.1），加 7.00 分，得 17.00 分"},
		// exactly at the second segment's start: 30 × 0.2 = 6
		{name: "at the break", item: plain, in: fig("130", "100"), want: "16"},
		// 7 capped at 5
		{name: "bonus cap", item: Item{Rule: Linear{Up: up, BonusCap: d("5")}}, in: fig("140", "100"), want: "15",
			zh: "指标 完成 140 / 目标 100 = 140.0%，超额 40.0 个百分点（30.0 × 0.2 + 10.0 × 0.1），加 7.00 分，以 5.00 分为限，得 15.00 分"},
		// 10 points short × 0.2 = 2; 10 − 2
		{name: "below", item: plain, in: fig("90", "100"), want: "8",
			zh: "指标 完成 90 / 目标 100 = 90.0%，差 10.0 个百分点（10.0 × 0.2），扣 2.00 分，得 8.00 分"},
		// 10 × 2 = 20 points off W = 10: not below 0
		{name: "floor", item: Item{Rule: Linear{Down: []Segment{{d("0"), d("2")}}}}, in: fig("90", "100"), want: "0"},
		// 20 capped at 6: 10 − 6
		{name: "deduction cap", item: Item{Rule: Linear{Down: []Segment{{d("0"), d("2")}}, DeductionCap: d("6")}}, in: fig("90", "100"), want: "4"},
		// no down slopes: nothing deducted
		{name: "no down slopes", item: Item{Rule: Linear{Up: up}}, in: fig("50", "100"), want: "10"},
		// lower: r = 100/80 = 1.25: 25 points above × 0.2 = 5, capped at 3
		{name: "lower, ahead", item: Item{Direction: LowerBetter, Rule: Linear{Up: up, BonusCap: d("3")}}, in: fig("80", "100"), want: "13"},
		{name: "lower, zero: the bonus cap", item: Item{Direction: LowerBetter, Rule: Linear{Up: up, BonusCap: d("3")}}, in: fig("0", "100"), want: "13"},
		{name: "zero target", item: plain, in: fig("5", "0"), want: "0", state: Zeroed},
	})
}
