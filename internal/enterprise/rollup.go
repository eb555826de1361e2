package enterprise

import (
	"context"
	"strconv"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

// Measure is what a binding counts over the registry.
type Measure string

const (
	// MeasureHolding counts the firms that hold a tier at the end of each
	// month (瞪羚企业数, 过亿元企业数): a stock.
	MeasureHolding Measure = "holding"
	// MeasureGranted counts the grants of a tier dated in each month
	// (新认定高新技术企业数): the month's for a flow indicator, the year's
	// so far otherwise.
	MeasureGranted Measure = "granted"
)

// Prefix marks the bindings this package produces.
const Prefix = "enterprise:"

// Binding is a parsed "enterprise:…" binding, e.g. "enterprise:granted
// hightech".
type Binding struct {
	Measure Measure
	Kind    Kind
}

// ParseBinding reads a binding's text.
func ParseBinding(text string) (Binding, error) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(text), Prefix)
	fields := strings.Fields(rest)
	if !ok || len(fields) != 2 {
		return Binding{}, i18n.Invalid("binding", "enterprise.err.binding", text)
	}
	b := Binding{Measure: Measure(fields[0]), Kind: Kind(fields[1])}
	if b.Measure != MeasureHolding && b.Measure != MeasureGranted || !b.Kind.Valid() {
		return Binding{}, i18n.Invalid("binding", "enterprise.err.binding", text)
	}
	return b, nil
}

// String writes the binding in its canonical text.
func (b Binding) String() string { return Prefix + string(b.Measure) + " " + string(b.Kind) }

// Bind binds an indicator to the registry (or with "" unbinds it) and
// produces its figures at once.
func (s *Store) Bind(ctx context.Context, who audit.Actor, indicatorID int64, text string) error {
	return plan.Bind(ctx, s.db, who, indicatorID, text, func(t string) (string, error) {
		b, err := ParseBinding(t)
		return b.String(), err
	},
		func(tx *db.Tx, year int) error { return s.refreshYear(ctx, tx, who, year) })
}

// Values are one bound indicator's figures: assignment → month (0–11).
type Values map[int64]*[12]*float64

// Rollup computes the figures of the year's bound indicators, by
// indicator, without writing them.
func (s *Store) Rollup(ctx context.Context, year int) (map[int64]Values, error) {
	d, err := s.load(ctx, s.db, year)
	if err != nil || d == nil {
		return map[int64]Values{}, err
	}
	return d.compute(), nil
}

// refresh produces the figures of every year whose plan has an indicator
// bound to the registry: a change of a firm or a tier can move any of them.
func (s *Store) refresh(ctx context.Context, tx *db.Tx, who audit.Actor) error {
	rows, err := tx.Query(ctx, `SELECT DISTINCT p.year FROM plans p JOIN indicators i ON i.plan_id = p.id
		WHERE i.binding LIKE 'enterprise:%' ORDER BY p.year`)
	if err != nil {
		return err
	}
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			rows.Close()
			return err
		}
		years = append(years, y)
	}
	rows.Close()
	for _, y := range years {
		if err := s.refreshYear(ctx, tx, who, y); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) refreshYear(ctx context.Context, tx *db.Tx, who audit.Actor, year int) error {
	d, err := s.load(ctx, tx, year)
	if err != nil || d == nil {
		return err
	}
	values := d.compute()
	var list []report.Produced
	for _, in := range d.indicators {
		for _, a := range d.Assignments[in.ID] {
			for m := 0; m < 12; m++ {
				if d.Opened[m] {
					list = append(list, report.Produced{AssignmentID: a, PeriodID: d.Periods[m], Value: values[in.ID][a][m]})
				}
			}
		}
	}
	rs := report.NewStore(s.db)
	rs.SetClock(s.now)
	return rs.Produce(ctx, tx, who, list)
}

// boundIndicator is an indicator of the year bound to the registry.
type boundIndicator struct {
	plan.Indicator
	b Binding
}

// rollupData is what a year's figures are computed from.
type rollupData struct {
	*report.Bound // the indicators bound to the registry, their assignments, units and periods
	year          int
	today         string
	indicators    []boundIndicator // those whose binding this version reads
	firms         map[int64]int64  // firm → unit
	tiers         []Tier
	values        map[int64]Values
}

func (s *Store) load(ctx context.Context, q db.Querier, year int) (*rollupData, error) {
	b, err := report.LoadBound(ctx, q, year, Prefix, s.Today())
	if err != nil || b == nil {
		return nil, err
	}
	d := &rollupData{Bound: b, year: year, today: s.Today(), firms: map[int64]int64{}, values: map[int64]Values{}}
	for _, in := range b.Indicators {
		parsed, err := ParseBinding(in.Binding)
		if err != nil {
			continue // a binding another version wrote and this one cannot read produces nothing
		}
		d.indicators = append(d.indicators, boundIndicator{Indicator: in, b: parsed})
	}
	if len(d.indicators) == 0 {
		return nil, nil
	}
	return d, d.loadFirms(ctx, q)
}

func (d *rollupData) loadFirms(ctx context.Context, q db.Querier) error {
	rows, err := q.Query(ctx, "SELECT id, unit_id FROM enterprises")
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, unit int64
		if err := rows.Scan(&id, &unit); err != nil {
			rows.Close()
			return err
		}
		d.firms[id] = unit
	}
	rows.Close()
	trows, err := q.Query(ctx, "SELECT "+tierColumns+" FROM enterprise_tiers WHERE granted_on <= $1", strconv.Itoa(d.year)+"-12-31")
	if err != nil {
		return err
	}
	defer trows.Close()
	for trows.Next() {
		t, err := scanTier(trows)
		if err != nil {
			return err
		}
		d.tiers = append(d.tiers, t)
	}
	return trows.Err()
}

// assignmentOf is the assignment a firm of unit counts for: its unit's or
// the nearest assigned ancestor's; failing those, the assignment of the
// indicator's source unit, which answers for the zone's total (科技创新局
// for 新认定高新技术企业).
func (d *rollupData) assignmentOf(in boundIndicator, unit int64) (int64, bool) {
	if a, ok := d.Bound.AssignmentOf(in.ID, unit); ok {
		return a, true
	}
	a, ok := d.Assignments[in.ID][in.SourceUnitID]
	return a, ok
}

// compute counts, for every bound indicator, assignment and opened month.
func (d *rollupData) compute() map[int64]Values {
	for _, in := range d.indicators {
		vals := Values{}
		for _, a := range d.Assignments[in.ID] {
			months := new([12]*float64)
			for m := 0; m < 12; m++ {
				if d.Opened[m] {
					zero := 0.0
					months[m] = &zero
				}
			}
			vals[a] = months
		}
		for _, t := range d.tiers {
			if t.Kind != in.b.Kind {
				continue
			}
			a, ok := d.assignmentOf(in, d.firms[t.EnterpriseID])
			if !ok {
				continue
			}
			for m := 0; m < 12; m++ {
				if d.Opened[m] && d.counts(in, t, m) {
					*vals[a][m]++
				}
			}
		}
		d.values[in.ID] = vals
	}
	return d.values
}

// counts reports whether a grant counts in month m (0–11): held at the end
// of the month (or today, in a month not over yet), or granted in the
// month — or by its end, for an indicator that is not a flow.
func (d *rollupData) counts(in boundIndicator, t Tier, m int) bool {
	first := time.Date(d.year, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Format(dateLayout)
	if last > d.today {
		last = d.today
	}
	switch in.b.Measure {
	case MeasureHolding:
		return t.HoldsOn(last)
	case MeasureGranted:
		if t.GrantedOn > last {
			return false
		}
		if in.Semantics == plan.Flow {
			return t.GrantedOn >= first.Format(dateLayout)
		}
		return t.GrantedOn >= strconv.Itoa(d.year)+"-01-01"
	}
	return false
}
