package planio

import (
	"context"
	"errors"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/xlsx"
)

// The columns of an indicator file.
var indicatorFields = []field{
	{"node", []string{"节点", "目标节点", "目标路径", "node"}},
	{"code", []string{"指标编码", "编码", "code"}},
	{"name", []string{"指标名称", "名称", "name"}},
	{"uom", []string{"计量单位", "uom"}},
	{"direction", []string{"方向", "指标方向", "direction"}},
	{"band_low", []string{"区间下限", "band_low"}},
	{"band_high", []string{"区间上限", "band_high"}},
	{"frequency", []string{"频次", "填报频次", "frequency"}},
	{"semantics", []string{"口径", "数据口径", "semantics"}},
	{"aggregation", []string{"汇总", "汇总方式", "aggregation"}},
	{"precision", []string{"小数位", "小数位数", "precision"}},
	{"description", []string{"指标说明", "description"}},
	{"unit", []string{"单位编码", "责任单位编码", "unit"}},
	{"committed", []string{"确保目标", "committed"}},
	{"stretch", []string{"力争目标", "stretch"}},
	{"target_year", []string{"目标年度", "target_year"}},
	{"baseline", []string{"上年基数", "baseline"}},
}

// fieldOf finds a field by name.
func fieldOf(fields []field, name string) field {
	for _, f := range fields {
		if f.name == name {
			return f
		}
	}
	return field{name: name, headers: []string{name}}
}

// ImportIndicators builds or updates the plan of year from t: one row per
// indicator and unit, or per indicator with an empty unit for the zone's
// own row. The plan is created if missing; plan nodes are created as the
// node paths need them; an indicator whose code the plan has is updated;
// units get the indicator if they lack it; targets are set where they
// differ from the one in force. All or nothing: every problem of the file
// comes back at once as an *i18n.ImportError (the first
// i18n.MaxStoredProblems of them, and the count of all, a floor when
// Partial). dry checks and counts and saves nothing. The rows are read
// from t as they come, through t.All().
func ImportIndicators(ctx context.Context, d *db.DB, who audit.Actor, year int, t *xlsx.Table, mapping Mapping, dry bool) (Result, error) {
	s, problems, err := readSheet(t, indicatorFields, mapping)
	if err != nil {
		return Result{}, err
	}
	problems = append(problems, s.require(indicatorFields, "code")...)
	if len(problems) > 0 {
		return Result{}, refuse(t.File, problems)
	}
	if mapping.Repeats == "last" {
		if err := s.keepLast(func(r record) string { return r.cells["code"] + "\x00" + r.cells["unit"] }); err != nil {
			return Result{}, err
		}
	}
	st, err := loadPlanState(ctx, d, year)
	if err != nil {
		return Result{}, err
	}
	specs, list, err := parseIndicators(s, st)
	if err != nil {
		return Result{}, err
	}
	if list.Total > 0 {
		return Result{}, refuseList(t.File, list)
	}
	res := Result{Rows: s.rows, Skipped: s.skipped}
	err = plan.NewStore(d).Write(ctx, who, func(tx *plan.Tx) error {
		a := &applier{tx: tx, st: st, s: s, res: Result{Rows: res.Rows, Skipped: res.Skipped}}
		if err := a.run(specs); err != nil {
			return err
		}
		res = a.res
		if dry {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return Result{}, err
	}
	return res, nil
}

// planState is what the database holds of a year before an import.
type planState struct {
	year       int
	plan       plan.Plan // ID 0 when the year has no plan yet
	nodes      []plan.Node
	indicators map[string]plan.Indicator // by code
	assigned   map[[2]int64]plan.Assignment
	book       plan.TargetBook
	units      map[string]org.Unit // by code
}

func loadPlanState(ctx context.Context, d *db.DB, year int) (*planState, error) {
	st := &planState{year: year, indicators: map[string]plan.Indicator{}, assigned: map[[2]int64]plan.Assignment{},
		book: plan.TargetBook{}, units: map[string]org.Unit{}}
	units, err := org.NewStore(d).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		st.units[u.Code] = u
	}
	ps := plan.NewStore(d)
	st.plan, err = ps.PlanByYear(ctx, year)
	if errors.Is(err, db.ErrNotFound) {
		st.plan = plan.Plan{}
		return st, nil
	} else if err != nil {
		return nil, err
	}
	return st, st.loadPlan(ctx, ps)
}

func (st *planState) loadPlan(ctx context.Context, ps *plan.Store) error {
	var err error
	if st.nodes, err = ps.Nodes(ctx, st.plan.ID); err != nil {
		return err
	}
	indicators, err := ps.Indicators(ctx, st.plan.ID)
	if err != nil {
		return err
	}
	for _, in := range indicators {
		st.indicators[in.Code] = in
	}
	assignments, err := ps.Assignments(ctx, st.plan.ID)
	if err != nil {
		return err
	}
	for _, a := range assignments {
		st.assigned[[2]int64{a.IndicatorID, a.UnitID}] = a
	}
	targets, err := ps.Targets(ctx, st.plan.ID)
	if err != nil {
		return err
	}
	st.book = plan.NewTargetBook(targets)
	return nil
}
