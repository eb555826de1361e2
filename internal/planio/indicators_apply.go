package planio

import (
	"fmt"
	"reflect"

	"gaoxin/internal/plan"
)

// applier writes an indicator file's specs inside one plan transaction.
type applier struct {
	tx     *plan.Tx
	st     *planState
	s      *sheet
	res    Result
	planID int64
	tree   *nodeTree
	order  int // the sort order the next new indicator gets, so the plan keeps the file's order
}

func (a *applier) run(specs []*spec) error {
	a.planID = a.st.plan.ID
	if a.planID == 0 {
		p, err := a.tx.CreatePlan(a.st.year, "")
		if err != nil {
			return err
		}
		a.planID, a.res.PlanCreated = p.ID, true
	}
	a.tree = newNodeTree(a.st.nodes)
	for _, in := range a.st.indicators {
		a.order = max(a.order, in.Order)
	}
	for _, sp := range specs {
		id, err := a.indicator(sp)
		if err != nil {
			return err
		}
		for _, ur := range sp.rows {
			if err := a.unitRow(id, ur); err != nil {
				return rowFailure(a.s, ur.line, targetColumn, err)
			}
		}
	}
	return nil
}

// targetColumn is the file column of a field plan.Tx.Assign or SetTarget names.
var targetColumn = map[string]string{"unit": "unit", "target_year": "target_year", "indicator": "code"}

func (a *applier) indicator(sp *spec) (int64, error) {
	in := sp.fields
	in.PlanID = a.planID
	if sp.path != nil {
		nodeID, created, err := a.tree.resolve(a.tx, a.planID, sp.path)
		a.res.Nodes += created
		if err != nil {
			return 0, rowFailure(a.s, sp.line, map[string]string{"code": "node", "name": "node"}, err)
		}
		in.NodeID = nodeID
	}
	var err error
	switch {
	case sp.existing == nil:
		a.order++
		in.Order = a.order
		in, err = a.tx.AddIndicator(in)
		a.res.Indicators.Created++
	case reflect.DeepEqual(*sp.existing, in):
		a.res.Indicators.Unchanged++
	default:
		in, err = a.tx.UpdateIndicator(in)
		a.res.Indicators.Updated++
	}
	if err != nil {
		return 0, rowFailure(a.s, sp.line, indicatorColumn, err)
	}
	return in.ID, nil
}

// unitRow shares the indicator out to the row's unit if it lacks it, and
// sets the row's target where it differs from the one in force.
func (a *applier) unitRow(indicatorID int64, ur unitRow) error {
	k := [2]int64{indicatorID, ur.unit.ID}
	if _, ok := a.st.assigned[k]; ur.unit.ID != 0 && !ok {
		// A file names an indicator and unit once, so st needs no update;
		// leaving it as read keeps a retried transaction right.
		if _, err := a.tx.Assign(indicatorID, ur.unit.ID); err != nil {
			return err
		}
		a.res.Assignments++
	}
	if !ur.target.given() {
		return nil
	}
	cur, has := a.st.book.At(indicatorID, ur.unit.ID, 12)
	next := withFields(cur, has, indicatorID, ur.unit.ID, ur.target)
	if has && sameTarget(cur, next) {
		return nil
	}
	if _, err := a.tx.SetTarget(next); err != nil {
		return err
	}
	a.res.Targets++
	return nil
}

// withFields is the target in force (the latest: the one governing
// December) with the row's fields in its place. It takes the in-force
// target's first month, so that it replaces that target as the newer word
// and not only the months before it.
func withFields(cur plan.Target, has bool, indicatorID, unitID int64, f targetFields) plan.Target {
	next := plan.Target{IndicatorID: indicatorID, UnitID: unitID, ValidFrom: 1}
	if has {
		next = cur
		next.ID = 0
	}
	if f.committed != nil {
		next.Committed = f.committed
	}
	if f.stretch != nil {
		next.Stretch = f.stretch
	}
	if f.baseline != nil {
		next.Baseline = f.baseline
	}
	if f.targetYear != 0 {
		next.TargetYear = f.targetYear
	}
	return next
}

// sameTarget compares what a target says, not when or by whom it was set.
func sameTarget(a, b plan.Target) bool {
	same := func(x, y *float64) bool { return (x == nil && y == nil) || (x != nil && y != nil && *x == *y) }
	return a.ValidFrom == b.ValidFrom && same(a.Committed, b.Committed) && same(a.Stretch, b.Stretch) &&
		same(a.Baseline, b.Baseline) && a.TargetYear == b.TargetYear && a.Profile == b.Profile &&
		reflect.DeepEqual(a.ProfileValues, b.ProfileValues)
}

// nodeTree finds plan nodes by their path of names and adds the ones
// missing, with codes of their own (N1, N2, …) since a file names nodes
// only by name.
type nodeTree struct {
	byName   map[int64]map[string]int64 // parent id → name → node id
	children map[int64]int
	codes    map[string]bool
	next     int
}

func newNodeTree(nodes []plan.Node) *nodeTree {
	t := &nodeTree{byName: map[int64]map[string]int64{}, children: map[int64]int{}, codes: map[string]bool{}}
	for _, n := range nodes { // tree order: the first of two namesakes wins
		t.add(n.ParentID, n.Name, n.ID)
		t.codes[n.Code] = true
	}
	return t
}

func (t *nodeTree) add(parentID int64, name string, id int64) {
	if t.byName[parentID] == nil {
		t.byName[parentID] = map[string]int64{}
	}
	if _, ok := t.byName[parentID][name]; !ok {
		t.byName[parentID][name] = id
	}
	t.children[parentID]++
}

// resolve returns the node at path, creating what is missing, and how
// many nodes it created.
func (t *nodeTree) resolve(tx *plan.Tx, planID int64, path []string) (int64, int, error) {
	parent, created := int64(0), 0
	for _, name := range path {
		if id, ok := t.byName[parent][name]; ok {
			parent = id
			continue
		}
		code := t.freeCode()
		n, err := tx.AddNode(planID, parent, plan.NodeFields{Code: code, Name: name, Order: t.children[parent] + 1})
		if err != nil {
			return 0, created, err
		}
		t.codes[code] = true
		t.add(parent, name, n.ID)
		parent = n.ID
		created++
	}
	return parent, created, nil
}

func (t *nodeTree) freeCode() string {
	for {
		t.next++
		if code := fmt.Sprintf("N%d", t.next); !t.codes[code] {
			return code
		}
	}
}
