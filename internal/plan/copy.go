package plan

import (
	"context"

	"gaoxin/internal/audit"
)

// CopyPlan starts next year's revision from a plan: the same tree,
// indicators, sharing and the targets in force at year end, for the
// assessment office to revise. The old plan, its targets and its figures
// are not touched.
func (s *Store) CopyPlan(ctx context.Context, who audit.Actor, fromYear, toYear int) (Plan, error) {
	src, err := s.PlanByYear(ctx, fromYear)
	if err != nil {
		return Plan{}, err
	}
	nodes, err := s.Nodes(ctx, src.ID)
	if err != nil {
		return Plan{}, err
	}
	indicators, err := s.Indicators(ctx, src.ID)
	if err != nil {
		return Plan{}, err
	}
	assignments, err := s.Assignments(ctx, src.ID)
	if err != nil {
		return Plan{}, err
	}
	targets, err := s.Targets(ctx, src.ID)
	if err != nil {
		return Plan{}, err
	}
	var dst Plan
	err = s.Write(ctx, who, func(t *Tx) error {
		var err error
		dst, err = copyInto(t, src, toYear, nodes, indicators, assignments, targets)
		return err
	})
	return dst, err
}

func copyInto(t *Tx, src Plan, toYear int, nodes []Node, indicators []Indicator, assignments []Assignment, targets []Target) (Plan, error) {
	dst, err := t.CreatePlan(toYear, "")
	if err != nil {
		return Plan{}, err
	}
	if _, err := t.tx.Exec(t.ctx, "UPDATE plans SET copied_from = $1 WHERE id = $2", src.ID, dst.ID); err != nil {
		return Plan{}, err
	}
	dst.CopiedFrom = src.ID
	nodeIDs := map[int64]int64{}
	for _, n := range nodes { // tree order: parents come first
		c, err := t.AddNode(dst.ID, nodeIDs[n.ParentID], NodeFields{Code: n.Code, Name: n.Name, Description: n.Description,
			LeadUnitID: n.LeadUnitID, Cooperators: n.Cooperators, Order: n.Order, Weight: n.Weight})
		if err != nil {
			return Plan{}, err
		}
		nodeIDs[n.ID] = c.ID
	}
	indicatorIDs := map[int64]int64{}
	for _, in := range indicators {
		old := in.ID
		in.PlanID, in.NodeID = dst.ID, nodeIDs[in.NodeID]
		c, err := t.AddIndicator(in)
		if err != nil {
			return Plan{}, err
		}
		indicatorIDs[old] = c.ID
	}
	for _, a := range assignments {
		if _, err := t.Assign(indicatorIDs[a.IndicatorID], a.UnitID); err != nil {
			return Plan{}, err
		}
	}
	book := NewTargetBook(targets)
	done := map[[2]int64]bool{}
	for _, tg := range targets {
		k := [2]int64{tg.IndicatorID, tg.UnitID}
		if done[k] {
			continue
		}
		done[k] = true
		last, _ := book.At(tg.IndicatorID, tg.UnitID, 12)
		last.ID, last.IndicatorID, last.ValidFrom = 0, indicatorIDs[tg.IndicatorID], 1
		if last.TargetYear < toYear {
			last.TargetYear = toYear
		}
		if _, err := t.SetTarget(last); err != nil {
			return Plan{}, err
		}
	}
	return dst, t.record("plan.copy", "plan", dst.ID, map[string]int{"from_year": src.Year}, map[string]int{"to_year": toYear})
}
