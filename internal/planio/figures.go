package planio

import (
	"context"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
	"gaoxin/internal/xlsx"
)

// The columns of a figure file.
var figureFields = []field{
	{"code", []string{"指标编码", "编码", "code"}},
	{"unit", []string{"单位编码", "unit"}},
	{"month", []string{"月份", "month"}},
	{"value", []string{"数值", "本期数值", "value"}},
	{"explanation", []string{"说明", "explanation"}},
	{"monthly_target", []string{"月度目标", "monthly_target"}},
	{"ytd_target", []string{"累计目标", "ytd_target"}},
}

// Periods an import opens get the deadlines gaoxin starts a year with:
// due on the 10th of the month after, three days' grace.
const (
	importDueDay    = 10
	importGraceDays = 3
)

// ImportFigures brings a year's figures in from t as an office import: each
// lands approved, with a version and an audit entry (report.Store.Import).
// Rows give an indicator code, a unit, a month and a value; optional
// monthly or year-to-date targets become the assignment's explicit target
// profile (see docs/PLAN_IMPORT.md). The year's missing reporting periods
// are opened. Every problem of the file comes back at once as an
// *i18n.ImportError (the first i18n.MaxStoredProblems of them, and the
// count of all); dry checks and counts and saves nothing. The rows are
// read from t as they come, through t.All(), so that a refused file costs
// little more memory than its problems.
//
// Targets and figures live in two stores and land in two transactions,
// targets first. Every check that could refuse the file runs before either,
// so a refused file writes nothing; and as an import that changes nothing
// writes nothing, running a file again after a failed write completes it.
func ImportFigures(ctx context.Context, d *db.DB, who audit.Actor, year int, t *xlsx.Table, mapping Mapping, dry bool) (Result, error) {
	s, problems, err := readSheet(t, figureFields, mapping)
	if err != nil {
		return Result{}, err
	}
	problems = append(problems, s.require(figureFields, "code", "unit", "month", "value")...)
	if len(problems) > 0 {
		return Result{}, refuse(t.File, problems)
	}
	if mapping.Repeats == "last" {
		err := s.keepLast(func(r record) string { return r.cells["code"] + "\x00" + r.cells["unit"] + "\x00" + r.cells["month"] })
		if err != nil {
			return Result{}, err
		}
	}
	st, err := loadFigureState(ctx, d, year)
	if err != nil {
		return Result{}, err
	}
	fp := &figureParser{s: s, st: st, seen: map[[2]int64]int{}, targets: map[int64]*monthTargets{}}
	if err := fp.parse(); err != nil {
		return Result{}, err
	}
	changes := fp.profiles()
	if fp.problems.Total > 0 {
		return Result{}, refuseList(t.File, &fp.problems)
	}
	batches := fp.batches
	res := Result{Rows: s.rows, Skipped: s.skipped, Targets: len(changes)}
	if dry {
		res.Periods = 12 - len(st.periods)
		res.Figures, err = countFigures(ctx, d, st, batches)
		return res, err
	}
	err = write(ctx, d, who, st, changes, batches, &res)
	return res, err
}

// write sets the targets, opens the periods and imports the figures.
func write(ctx context.Context, d *db.DB, who audit.Actor, st *figureState, changes []plan.Target, batches map[int][]report.Entry, res *Result) error {
	if len(changes) > 0 {
		err := plan.NewStore(d).Write(ctx, who, func(tx *plan.Tx) error {
			for _, tg := range changes {
				if _, err := tx.SetTarget(tg); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	rs := report.NewStore(d)
	if len(st.periods) < 12 {
		periods, err := rs.OpenYear(ctx, who, st.year, importDueDay, importGraceDays)
		if err != nil {
			return err
		}
		res.Periods = len(periods) - len(st.periods)
		for _, p := range periods {
			st.periods[p.Month] = p
		}
	}
	var list []report.Batch
	for m := 1; m <= 12; m++ {
		if entries := batches[m]; len(entries) > 0 {
			list = append(list, report.Batch{Period: st.periods[m], Entries: entries})
		}
	}
	counts, err := rs.Import(ctx, who, list)
	res.Figures = Counts(counts)
	return err
}

// countFigures says what importing batches would do, for a dry run.
func countFigures(ctx context.Context, d *db.DB, st *figureState, batches map[int][]report.Entry) (Counts, error) {
	var c Counts
	rs := report.NewStore(d)
	for m, entries := range batches {
		current := map[int64]report.Figure{}
		if p, ok := st.periods[m]; ok {
			ids := make([]int64, len(entries))
			for i, e := range entries {
				ids[i] = e.AssignmentID
			}
			var err error
			if current, err = rs.Figures(ctx, p.ID, ids); err != nil {
				return Counts{}, err
			}
		}
		for _, e := range entries {
			f, ok := current[e.AssignmentID]
			switch {
			case !ok:
				c.Created++
			case report.ImportChangesNothing(f, e):
				c.Unchanged++
			default:
				c.Updated++
			}
		}
	}
	return c, nil
}

// figureState is what the database holds of a year before a figure import.
type figureState struct {
	*planState
	periods map[int]report.Period // by month; missing months have none yet
	byID    map[int64]plan.Indicator
}

func loadFigureState(ctx context.Context, d *db.DB, year int) (*figureState, error) {
	ps, err := loadPlanState(ctx, d, year)
	if err != nil {
		return nil, err
	}
	if ps.plan.ID == 0 {
		return nil, i18n.Invalid("year", "planio.no_plan", year)
	}
	st := &figureState{planState: ps, periods: map[int]report.Period{}, byID: map[int64]plan.Indicator{}}
	for _, in := range ps.indicators {
		st.byID[in.ID] = in
	}
	periods, err := report.NewStore(d).Periods(ctx, year)
	if err != nil {
		return nil, err
	}
	for _, p := range periods {
		st.periods[p.Month] = p
	}
	return st, nil
}
