package plan

import (
	"context"
	"errors"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// AddIndicator adds an indicator to a node of the plan.
func (t *Tx) AddIndicator(in Indicator) (Indicator, error) {
	if verr := in.Validate(); verr != nil {
		return Indicator{}, verr
	}
	var nodePlan int64
	if err := t.tx.QueryRow(t.ctx, "SELECT plan_id FROM plan_nodes WHERE id = $1", in.NodeID).Scan(&nodePlan); err != nil || nodePlan != in.PlanID {
		return Indicator{}, i18n.Invalid("node", "indicator.err.node")
	}
	var err error
	in.ID, err = t.tx.Insert(t.ctx, `INSERT INTO indicators (plan_id, node_id, code, name, uom, direction, band_low, band_high,
		frequency, semantics, aggregation, precision, source_unit_id, formula, weight, sort_order, description, binding)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
		in.PlanID, in.NodeID, in.Code, in.Name, in.UOM, string(in.Direction), in.BandLow, in.BandHigh,
		string(in.Frequency), string(in.Semantics), string(in.Aggregation), in.Precision, nullID(in.SourceUnitID),
		in.Formula, in.Weight, in.Order, in.Description, in.Binding)
	if errors.Is(err, db.ErrConflict) {
		return Indicator{}, i18n.Invalid("code", "plan.err.code_taken", in.Code)
	} else if errors.Is(err, db.ErrConstraint) {
		return Indicator{}, i18n.Invalid("source_unit", "plan.err.unit")
	} else if err != nil {
		return Indicator{}, err
	}
	return in, t.record("indicator.create", "indicator", in.ID, nil, in)
}

// SetBinding binds an indicator to a module's data, or with "" unbinds it.
// The module checks the text first; the plan only keeps it.
func (t *Tx) SetBinding(indicatorID int64, binding string) (Indicator, error) {
	return SetBinding(t.ctx, t.tx, t.who, indicatorID, binding)
}

// SetBinding is Tx.SetBinding inside a module's own transaction, so that
// the module can produce the bound figures in the same one.
func SetBinding(ctx context.Context, tx *db.Tx, who audit.Actor, indicatorID int64, binding string) (Indicator, error) {
	before, err := indicator(ctx, tx, indicatorID)
	if err != nil {
		return Indicator{}, err
	}
	if _, err := tx.Exec(ctx, "UPDATE indicators SET binding = $1 WHERE id = $2", binding, indicatorID); err != nil {
		return Indicator{}, err
	}
	after := before
	after.Binding = binding
	return after, audit.Record(ctx, tx, who, "indicator.bind", "indicator", indicatorID,
		map[string]string{"binding": before.Binding}, map[string]string{"binding": binding})
}

// UpdateIndicator changes an indicator's attributes (not its plan).
func (t *Tx) UpdateIndicator(in Indicator) (Indicator, error) {
	if verr := in.Validate(); verr != nil {
		return Indicator{}, verr
	}
	before, err := indicator(t.ctx, t.tx, in.ID)
	if err != nil {
		return Indicator{}, err
	}
	in.PlanID, in.Binding = before.PlanID, before.Binding
	_, err = t.tx.Exec(t.ctx, `UPDATE indicators SET node_id = $1, code = $2, name = $3, uom = $4, direction = $5, band_low = $6,
		band_high = $7, frequency = $8, semantics = $9, aggregation = $10, precision = $11, source_unit_id = $12, formula = $13,
		weight = $14, sort_order = $15, description = $16 WHERE id = $17`,
		in.NodeID, in.Code, in.Name, in.UOM, string(in.Direction), in.BandLow, in.BandHigh, string(in.Frequency),
		string(in.Semantics), string(in.Aggregation), in.Precision, nullID(in.SourceUnitID), in.Formula, in.Weight,
		in.Order, in.Description, in.ID)
	if errors.Is(err, db.ErrConflict) {
		return Indicator{}, i18n.Invalid("code", "plan.err.code_taken", in.Code)
	} else if err != nil {
		return Indicator{}, err
	}
	return in, t.record("indicator.update", "indicator", in.ID, before, in)
}

const indicatorColumns = `id, plan_id, node_id, code, name, uom, direction, band_low, band_high, frequency, semantics,
	aggregation, precision, COALESCE(source_unit_id, 0), formula, weight, sort_order, description, binding`

func scanIndicator(r interface{ Scan(...any) error }) (Indicator, error) {
	var in Indicator
	var dir, freq, sem, agg string
	err := r.Scan(&in.ID, &in.PlanID, &in.NodeID, &in.Code, &in.Name, &in.UOM, &dir, &in.BandLow, &in.BandHigh,
		&freq, &sem, &agg, &in.Precision, &in.SourceUnitID, &in.Formula, &in.Weight, &in.Order, &in.Description, &in.Binding)
	in.Direction, in.Frequency, in.Semantics, in.Aggregation = Direction(dir), Frequency(freq), Semantics(sem), Aggregation(agg)
	return in, err
}

func indicator(ctx context.Context, q db.Querier, id int64) (Indicator, error) {
	return scanIndicator(q.QueryRow(ctx, "SELECT "+indicatorColumns+" FROM indicators WHERE id = $1", id))
}

// Indicator returns one indicator, or db.ErrNotFound.
func (s *Store) Indicator(ctx context.Context, id int64) (Indicator, error) {
	return indicator(ctx, s.db, id)
}

// IndicatorByCode returns a plan's indicator by code, or db.ErrNotFound.
func (s *Store) IndicatorByCode(ctx context.Context, planID int64, code string) (Indicator, error) {
	return scanIndicator(s.db.QueryRow(ctx, "SELECT "+indicatorColumns+" FROM indicators WHERE plan_id = $1 AND code = $2", planID, code))
}

// Indicators returns a plan's indicators by node order then their own order.
func (s *Store) Indicators(ctx context.Context, planID int64) ([]Indicator, error) {
	rows, err := s.db.Query(ctx, "SELECT "+indicatorColumns+" FROM indicators WHERE plan_id = $1 ORDER BY node_id, sort_order, code", planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Indicator
	for rows.Next() {
		in, err := scanIndicator(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, in)
	}
	return list, rows.Err()
}

// IndicatorIn reads one indicator inside a module's transaction, or
// returns db.ErrNotFound.
func IndicatorIn(ctx context.Context, q db.Querier, id int64) (Indicator, error) {
	return indicator(ctx, q, id)
}

// Bind binds an indicator to a module's rows, or with "" unbinds it: canon
// gives the binding's canonical text or refuses it, and produce writes the
// year's figures from the rows in the same transaction, so that a bound
// indicator never stands without its figures. Every module that produces
// figures (project, enterprise, attract, supervise) binds through here.
func Bind(ctx context.Context, d *db.DB, who audit.Actor, indicatorID int64, text string,
	canon func(string) (string, error), produce func(tx *db.Tx, year int) error) error {
	text = strings.TrimSpace(text)
	if text != "" {
		var err error
		if text, err = canon(text); err != nil {
			return err
		}
	}
	return d.Write(ctx, func(tx *db.Tx) error {
		in, err := SetBinding(ctx, tx, who, indicatorID, text)
		if err != nil {
			return err
		}
		var year int
		if err := tx.QueryRow(ctx, "SELECT year FROM plans WHERE id = $1", in.PlanID).Scan(&year); err != nil {
			return err
		}
		return produce(tx, year)
	})
}
