package demo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/plan"
)

const generatedNote = "生成数据：用于容量测试，目标与数据均为模拟，非真实。"

func (w *written) writeIndicators(ctx context.Context, tx *db.Tx, m *model) error {
	w.indicators = make([]int64, len(m.indicators))
	index := make(map[string]int, len(m.indicators))
	ins := db.NewInserter(ctx, tx, `INSERT INTO indicators (plan_id, node_id, code, name, uom, direction, band_low, band_high,
		frequency, semantics, aggregation, precision, source_unit_id, formula, weight, sort_order, description) VALUES `,
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 1, ?, ?)").
		Returning("id, code", byCode(w.indicators, index))
	for i, in := range m.indicators {
		index[in.code] = i
		k := in.kind
		var low, high any
		if in.dir == plan.Band {
			low, high = k.low, k.high
		}
		if err := ins.Add(w.plan, w.nodes[in.node], in.code, k.name, k.uom, string(in.dir), low, high, string(in.freq),
			string(k.sem), string(in.agg), k.precision, w.units[in.source], i, generatedNote); err != nil {
			return err
		}
	}
	return ins.Flush()
}

func (w *written) writeAssignments(ctx context.Context, tx *db.Tx, m *model) error {
	w.assignments = make([]int64, len(m.assignments))
	index := make(map[[2]int64]int, len(m.assignments))
	for i, a := range m.assignments {
		index[[2]int64{w.indicators[a.indicator], w.units[a.unit]}] = i
	}
	ins := db.NewInserter(ctx, tx, "INSERT INTO assignments (indicator_id, unit_id) VALUES ", "(?, ?)").
		Returning("id, indicator_id, unit_id", func(r *sql.Rows) error {
			var id, indicator, unit int64
			if err := r.Scan(&id, &indicator, &unit); err != nil {
				return err
			}
			w.assignments[index[[2]int64{indicator, unit}]] = id
			return nil
		})
	for _, a := range m.assignments {
		if err := ins.Add(w.indicators[a.indicator], w.units[a.unit]); err != nil {
			return err
		}
	}
	return ins.Flush()
}

// writeTargets writes the zone's target of every indicator, then each
// unit's, all valid from January.
func (w *written) writeTargets(ctx context.Context, tx *db.Tx, m *model) error {
	ins := db.NewInserter(ctx, tx, `INSERT INTO targets (indicator_id, unit_id, valid_from, committed, stretch, baseline,
		profile, profile_values, target_year, note, set_by, set_at) VALUES `,
		"(?, ?, 1, ?, ?, ?, ?, ?, ?, ?, NULL, ?)")
	for i, in := range m.indicators {
		var committed, stretch, baseline any
		values := ""
		if c, b, ok := m.zoneTarget(in); ok {
			committed, baseline, values = c, b, in.profileValues(c)
			if in.stretch {
				stretch = round(1.1*c, in.kind.precision)
			}
		}
		if err := ins.Add(w.indicators[i], nil, committed, stretch, baseline, profileOf(values), values,
			in.targetYear(), targetNote(in), w.created); err != nil {
			return err
		}
	}
	for _, a := range m.assignments {
		in := m.indicators[a.indicator]
		values := in.profileValues(a.target)
		if err := ins.Add(w.indicators[a.indicator], w.units[a.unit], a.target, nil, a.baseline, profileOf(values), values,
			in.targetYear(), targetNote(in), w.created); err != nil {
			return err
		}
	}
	return ins.Flush()
}

func profileOf(values string) string {
	if values != "" {
		return string(plan.Explicit)
	}
	return string(plan.TimeProportional)
}

func targetNote(in genIndicator) string {
	if in.multiYear {
		return fmt.Sprintf("到%d年", in.targetYear())
	}
	return ""
}

// writePeriods opens the twelve months as report.OpenYear does: month m
// opens on the 25th, is due on the 10th of the next and allows 3 days more.
func (w *written) writePeriods(ctx context.Context, tx *db.Tx, _ *model) error {
	ins := db.NewInserter(ctx, tx, "INSERT INTO periods (year, month, opens_on, due_on, grace_days, locked) VALUES ",
		"(?, ?, ?, ?, 3, FALSE)").Returning("id, month", func(r *sql.Rows) error {
		var id int64
		var month int
		err := r.Scan(&id, &month)
		w.periods[month] = id
		return err
	})
	for m := 1; m <= 12; m++ {
		opens := time.Date(ScaleYear, time.Month(m), 25, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		due := time.Date(ScaleYear, time.Month(m+1), 10, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		if err := ins.Add(ScaleYear, m, opens, due); err != nil {
			return err
		}
	}
	return ins.Flush()
}

// record writes the load's single audit entry. The rows above bypass the
// stores, so none of them has an entry of its own: an entry per row would
// be millions of serially hash-chained writes — minutes of work — and would
// claim that someone entered figures nobody entered. One entry says truly
// what happened: a generator wrote this data set, of this size, from this
// seed, which reproduces it exactly.
func (w *written) record(ctx context.Context, tx *db.Tx, m *model) error {
	figures := m.figureCount()
	generated := map[string]any{
		"scale": m.s, "units": len(m.units), "plan_nodes": len(m.nodes), "indicators": len(m.indicators),
		"assignments": len(m.assignments), "targets": len(m.indicators) + len(m.assignments), "periods": 12,
		"figures": figures, "figure_versions": figures,
	}
	after := map[string]any{"year": ScaleYear, "bulk_load": "generated data set, written without an audit entry per row",
		"generated": generated}
	return audit.Record(ctx, tx, audit.System, "plan.create", "plan", w.plan, nil, after)
}

// figureCount is how many figures the load writes: one per assignment and
// month reported in which its indicator is due.
func (m *model) figureCount() int {
	n := 0
	for _, a := range m.assignments {
		freq := m.indicators[a.indicator].freq
		for month := 1; month <= m.s.Months; month++ {
			if freq.Due(month) {
				n++
			}
		}
	}
	return n
}
