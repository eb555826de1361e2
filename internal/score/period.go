package score

import (
	"cmp"
	"slices"
	"strings"
)

// Checkpoint is one checkpoint of process assessment (过程考核) with its
// weight, e.g. Q1 15, H1 25, Q1–3 25 and the year 35.
type Checkpoint struct {
	Name    string // 一季度
	NameEN  string // Q1
	Weight  Num
	Results []Result
}

// Combined is a unit's year total over the checkpoints.
type Combined struct {
	UnitID int64
	Code   string
	Name   string
	Total  Num
	// Rank orders the higher total first, then the unit code, then the ID.
	Rank int
	Why  Explanation
}

// CombineCheckpoints weighs each unit's checkpoint totals into a year
// total, Σ weight × total / Σ weight, so that weights may be written as
// shares (0.15) or as percentages (15). A unit absent from a checkpoint
// counts 0 there, and its explanation says so. Units come in the order in
// which the checkpoints first list them. A weight not above 0 is a
// *SchemeError naming the checkpoint.
func CombineCheckpoints(cps []Checkpoint) ([]Combined, error) {
	c := &checker{}
	if len(cps) == 0 {
		c.add("没有考核节点", "no checkpoints")
	}
	var sum Num
	for _, cp := range cps {
		c.item = cp.Name
		if cp.Weight.Sign() <= 0 {
			c.add("节点权重必须大于 0", "the checkpoint weight must be above 0")
		}
		sum = sum.Add(cp.Weight)
	}
	if len(c.problems) > 0 {
		return nil, &SchemeError{Problems: c.problems}
	}
	var out []Combined
	listed := map[int64]bool{}
	byUnit := make([]map[int64]int, len(cps)) // result index by unit, per checkpoint
	for i, cp := range cps {
		byUnit[i] = make(map[int64]int, len(cp.Results))
		for j, r := range cp.Results {
			byUnit[i][r.UnitID] = j
			if !listed[r.UnitID] {
				listed[r.UnitID] = true
				out = append(out, Combined{UnitID: r.UnitID, Code: r.Code, Name: r.Name})
			}
		}
	}
	w := writer{on: true}
	for k := range out {
		w.open()
		w.lit("过程考核：", "Checkpoints: ")
		var num Num
		for i, cp := range cps {
			if i > 0 {
				w.both(" + ")
			}
			w.lit(cp.Name, nameOr(cp.NameEN, cp.Name))
			var t Num
			if j, ok := byUnit[i][out[k].UnitID]; ok {
				t = cp.Results[j].Total
				w.both(" ")
				w.pts(t)
			} else {
				w.lit(" 未参加（按 0.00 分）", " absent (0.00)")
			}
			w.both(" × ")
			w.pct(cp.Weight.Quo(sum))
			num = num.Add(cp.Weight.Mul(t))
		}
		out[k].Total = num.Quo(sum)
		w.both(" = ")
		w.pts(out[k].Total)
		w.lit(" 分", " points")
		w.close()
	}
	zh, en := w.texts()
	for k := range out {
		out[k].Why = w.get(k, zh, en)
	}
	rankCombined(out)
	return out, nil
}

func rankCombined(out []Combined) {
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := &out[a], &out[b]
		return cmp.Or(y.Total.Cmp(x.Total), strings.Compare(x.Code, y.Code), cmp.Compare(x.UnitID, y.UnitID))
	})
	for i, k := range order {
		out[k].Rank = i + 1
	}
}
