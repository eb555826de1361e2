package attract

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

// Prefix marks the bindings this package produces.
const Prefix = "attract:"

// Binding is a parsed "attract:signed …" binding: the leads signed in a
// month (签约引进项目), optionally only those of some kinds, channels or
// flags, e.g. "attract:signed kind=company flag=fortune500,china500".
type Binding struct {
	Kinds    []Kind
	Channels []Channel
	Flags    []Flag
}

// ParseBinding reads a binding's text.
func ParseBinding(text string) (Binding, error) {
	var b Binding
	rest, ok := strings.CutPrefix(strings.TrimSpace(text), Prefix)
	fields := strings.Fields(rest)
	bad := i18n.Invalid("binding", "attract.err.binding", text)
	if !ok || len(fields) == 0 || fields[0] != "signed" {
		return b, bad
	}
	for _, f := range fields[1:] {
		key, value, ok := strings.Cut(f, "=")
		if !ok || value == "" {
			return b, bad
		}
		for _, v := range strings.Split(value, ",") {
			switch {
			case key == "kind" && slices.Contains(Kinds, Kind(v)):
				b.Kinds = append(b.Kinds, Kind(v))
			case key == "channel" && slices.Contains(Channels, Channel(v)):
				b.Channels = append(b.Channels, Channel(v))
			case key == "flag" && slices.Contains(Flags, Flag(v)):
				b.Flags = append(b.Flags, Flag(v))
			default:
				return b, bad
			}
		}
	}
	return b, nil
}

// String writes the binding in its canonical text.
func (b Binding) String() string {
	parts := []string{Prefix + "signed"}
	join := func(key string, vals []string) {
		if len(vals) > 0 {
			parts = append(parts, key+"="+strings.Join(vals, ","))
		}
	}
	join("kind", strs(b.Kinds))
	join("channel", strs(b.Channels))
	join("flag", strs(b.Flags))
	return strings.Join(parts, " ")
}

func strs[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// Selects reports whether the binding counts a lead.
func (b Binding) Selects(l Lead) bool {
	if len(b.Kinds) > 0 && !slices.Contains(b.Kinds, l.Kind) || len(b.Channels) > 0 && !slices.Contains(b.Channels, l.Channel) {
		return false
	}
	if len(b.Flags) == 0 {
		return true
	}
	for _, f := range b.Flags {
		if l.Has(f) {
			return true
		}
	}
	return false
}

// Bind binds an indicator to the leads (or with "" unbinds it) and
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
	d, err := s.loadRollup(ctx, s.db, year)
	if err != nil || d == nil {
		return map[int64]Values{}, err
	}
	return d.compute(), nil
}

func (s *Store) refreshYear(ctx context.Context, tx *db.Tx, who audit.Actor, year int) error {
	d, err := s.loadRollup(ctx, tx, year)
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

type boundIndicator struct {
	plan.Indicator
	b Binding
}

// rollupData is what a year's figures are computed from: the bound
// indicators and the leads signed in the year.
type rollupData struct {
	*report.Bound
	year       int
	today      string
	indicators []boundIndicator
	leads      []Lead
}

func (s *Store) loadRollup(ctx context.Context, q db.Querier, year int) (*rollupData, error) {
	b, err := report.LoadBound(ctx, q, year, Prefix, s.Today())
	if err != nil || b == nil {
		return nil, err
	}
	d := &rollupData{Bound: b, year: year, today: s.Today()}
	for _, in := range b.Indicators {
		if parsed, err := ParseBinding(in.Binding); err == nil {
			d.indicators = append(d.indicators, boundIndicator{Indicator: in, b: parsed})
		} // a binding another version wrote and this one cannot read produces nothing
	}
	if len(d.indicators) == 0 {
		return nil, nil
	}
	y := strconv.Itoa(year)
	rows, err := q.Query(ctx, "SELECT "+leadColumns+" FROM leads WHERE signed_on >= $1 AND signed_on <= $2", y+"-01-01", y+"-12-31")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		l, err := scanLead(rows)
		if err != nil {
			return nil, err
		}
		d.leads = append(d.leads, l)
	}
	return d, rows.Err()
}

// compute counts, for every bound indicator, assignment and opened month,
// the leads signed in the month (for a flow) or by its end (otherwise).
// A lead counts for its owner unit's assignment or the nearest assigned
// ancestor's; failing those, for the indicator's source unit, which
// answers for the zone's total.
func (d *rollupData) compute() map[int64]Values {
	out := map[int64]Values{}
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
		for _, l := range d.leads {
			if !in.b.Selects(l) {
				continue
			}
			a, ok := d.AssignmentOf(in.ID, l.OwnerUnitID)
			if !ok {
				if a, ok = d.Assignments[in.ID][in.SourceUnitID]; !ok {
					continue
				}
			}
			for m := 0; m < 12; m++ {
				if d.Opened[m] && d.counts(in, l.SignedOn, m) {
					*vals[a][m]++
				}
			}
		}
		out[in.ID] = vals
	}
	return out
}

func (d *rollupData) counts(in boundIndicator, signed string, m int) bool {
	first := time.Date(d.year, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
	last := min(first.AddDate(0, 1, -1).Format(dateLayout), d.today)
	if signed > last {
		return false
	}
	if in.Semantics == plan.Flow {
		return signed >= first.Format(dateLayout)
	}
	return true
}
