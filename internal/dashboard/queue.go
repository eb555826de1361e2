package dashboard

import (
	"context"

	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/report"
	"gaoxin/internal/settings"
)

// GridStatus is where one unit's grid for one month stands.
type GridStatus struct {
	Unit   org.Unit
	Period report.Period
	Window report.Window
	Due    int
	Counts map[report.Status]int
	Empty  int // due figures with nothing entered
}

// Open is how many figures the unit still has to submit.
func (g GridStatus) Open() int {
	return g.Empty + g.Counts[report.Draft] + g.Counts[report.Returned]
}

// Late says the deadline has passed with figures still to submit.
func (g GridStatus) Late() bool {
	return g.Open() > 0 && (g.Window == report.Grace || g.Window == report.Closed)
}

// Queue lists the grids of a year for the units keep accepts, newest month
// first, for months whose reporting has opened.
func Queue(ctx context.Context, d *db.DB, year int, keep func(org.Unit) bool) ([]GridStatus, error) {
	b, err := Load(ctx, d, year, 12)
	if err != nil {
		return nil, err
	}
	rs := report.NewStore(d)
	now, err := settings.Clock(ctx, d)
	if err != nil {
		return nil, err
	}
	rs.SetClock(now)
	periods, err := rs.Periods(ctx, year)
	if err != nil {
		return nil, err
	}
	statuses, err := statusesInScope(ctx, rs, year, b, keep)
	if err != nil {
		return nil, err
	}
	var out []GridStatus
	for i := len(periods) - 1; i >= 0; i-- {
		p := periods[i]
		w := p.WindowAt(rs.Now())
		if w == report.NotOpen {
			continue
		}
		byUnit := map[int64]*GridStatus{}
		var order []int64
		for _, in := range b.Indicators {
			if !in.Frequency.Due(p.Month) {
				continue
			}
			for _, u := range in.ByUnit {
				if !keep(u.Unit) {
					continue
				}
				g := byUnit[u.Unit.ID]
				if g == nil {
					g = &GridStatus{Unit: u.Unit, Period: p, Window: w, Counts: map[report.Status]int{}}
					byUnit[u.Unit.ID] = g
					order = append(order, u.Unit.ID)
				}
				g.Due++
				if st, ok := statuses[[2]int64{u.AssignmentID, int64(p.Month)}]; ok {
					g.Counts[st]++
				} else {
					g.Empty++
				}
			}
		}
		for _, id := range order {
			out = append(out, *byUnit[id])
		}
	}
	return out, nil
}

// statusesInScope reads the statuses of the figures of the units keep
// accepts: for a unit, its own assignments' (one read by assignment each);
// for the office, whose scope is most of the year, the whole year's.
func statusesInScope(ctx context.Context, rs *report.Store, year int, b *Board, keep func(org.Unit) bool) (map[[2]int64]report.Status, error) {
	var ids []int64
	total := 0
	for _, in := range b.Indicators {
		for _, u := range in.ByUnit {
			total++
			if keep(u.Unit) {
				ids = append(ids, u.AssignmentID)
			}
		}
	}
	if len(ids) > total/10 {
		return rs.Statuses(ctx, year)
	}
	return rs.StatusesOf(ctx, year, ids)
}

// N is how many of the grid's figures are in the status with this code.
func (g GridStatus) N(status string) int { return g.Counts[report.Status(status)] }
