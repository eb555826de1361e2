package demo

import (
	"context"
	"fmt"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/plan"
)

// Year is the demo's year.
const Year = 2019

// loadPlan writes the 2019 plan in one transaction and returns, per
// indicator code, the indicator and its assignments by unit code.
func loadPlan(ctx context.Context, d *db.DB, unitIDs map[string]int64) (map[string]planned, error) {
	out := map[string]planned{}
	err := plan.NewStore(d).Write(ctx, audit.System, func(tx *plan.Tx) error {
		p, err := tx.CreatePlan(Year, "潍坊高新区2019年度目标（“一五三一”战略）")
		if err != nil {
			return err
		}
		nodeIDs := map[string]int64{}
		for i, n := range nodes2019 {
			var coop []int64
			for _, c := range n.coop {
				coop = append(coop, unitIDs[c])
			}
			node, err := tx.AddNode(p.ID, nodeIDs[n.parent], plan.NodeFields{Code: n.code, Name: n.name,
				Description: n.description, LeadUnitID: unitIDs[n.lead], Cooperators: coop, Order: i})
			if err != nil {
				return fmt.Errorf("node %s: %w", n.code, err)
			}
			nodeIDs[n.code] = node.ID
		}
		for i, spec := range indicators2019 {
			pl, err := addIndicator(tx, p.ID, nodeIDs[spec.node], unitIDs, i, spec)
			if err != nil {
				return fmt.Errorf("indicator %s: %w", spec.code, err)
			}
			out[spec.code] = pl
		}
		return nil
	})
	return out, err
}

// planned is an indicator as loaded, with its assignments by unit code.
type planned struct {
	spec        indicatorSpec
	indicator   plan.Indicator
	assignments map[string]int64
}

func addIndicator(tx *plan.Tx, planID, nodeID int64, unitIDs map[string]int64, order int, spec indicatorSpec) (planned, error) {
	desc := "演示数据：目标为示意，非原文所载。"
	if spec.stated {
		desc = "目标见《潍坊高新区：加快迈入一流国家高新区行列》（2019）。"
	}
	if spec.note != "" {
		desc = spec.note + "。" + desc
	}
	in, err := tx.AddIndicator(plan.Indicator{PlanID: planID, NodeID: nodeID, Code: spec.code, Name: spec.name, UOM: spec.uom,
		Direction: spec.dir, Frequency: spec.freq, Semantics: spec.sem, Aggregation: spec.agg, Precision: spec.precision,
		SourceUnitID: unitIDs[spec.source], Weight: 1, Order: order, Description: desc})
	if err != nil {
		return planned{}, err
	}
	pl := planned{spec: spec, indicator: in, assignments: map[string]int64{}}
	zone := plan.Target{IndicatorID: in.ID, Committed: num(spec.committed), Stretch: num(spec.stretch),
		Baseline: num(spec.lastYear), TargetYear: spec.targetYear}
	if _, err := tx.SetTarget(zone); err != nil {
		return planned{}, err
	}
	for _, sh := range spec.shares {
		a, err := tx.Assign(in.ID, unitIDs[sh.unit])
		if err != nil {
			return planned{}, err
		}
		pl.assignments[sh.unit] = a.ID
		base := num(spec.lastYear * sh.target / nonZero(spec.committed))
		if _, err := tx.SetTarget(plan.Target{IndicatorID: in.ID, UnitID: unitIDs[sh.unit], Committed: num(sh.target),
			Baseline: base, TargetYear: spec.targetYear}); err != nil {
			return planned{}, err
		}
	}
	return pl, nil
}

func num(v float64) *float64 {
	if v == 0 {
		return nil
	}
	return &v
}
