package briefing

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

// ErrNoPlan means the year has no plan, so there is nothing to brief on.
var ErrNoPlan = errors.New("briefing: no plan for that year")

var chinaTime = time.FixedZone("CST", 8*3600)

const dateLayout = "2006-01-02"

// Build computes the briefing of year and month from what gaoxin holds at
// now: the board at the month, the assessment published by then, the
// portfolio's lights, the tasks' colours and the requests' counts on now's
// China date. A month that has not begun yet is refused.
func Build(ctx context.Context, d *db.DB, year, month int, now time.Time) (*Briefing, error) {
	today := now.In(chinaTime).Format(dateLayout)
	if verr := checkMonth(year, month, today); verr != nil {
		return nil, verr
	}
	clock := func() time.Time { return now }
	b := &Briefing{Year: year, Month: month}
	var board *dashboard.Board
	// The sections read different tables and do not depend on each other:
	// side by side on the pool of readers they take about as long as the
	// longest of them, the board, rather than all of them one after the
	// other.
	var g errgroup.Group
	g.Go(func() (err error) {
		board, err = dashboard.Load(ctx, d, year, month)
		return err
	})
	g.Go(func() (err error) { b.Rankings, err = rankings(ctx, d, year, month); return err })
	g.Go(func() (err error) { b.Projects, err = projects(ctx, d, year, month, clock); return err })
	g.Go(func() (err error) { b.Tasks, err = tasks(ctx, d, year, month, clock); return err })
	g.Go(func() (err error) { b.Requests, err = requests(ctx, d, year, month, clock); return err })
	if err := g.Wait(); errors.Is(err, dashboard.ErrNoPlan) {
		return nil, ErrNoPlan
	} else if err != nil {
		return nil, err
	}
	b.Zone = rootName(board.Units)
	b.Plan = planStatus(board)
	var err error
	if b.Lagging, err = lagging(ctx, d, board); err != nil {
		return nil, err
	}
	names := unitNames(board.Units)
	for i := range b.Tasks.Red {
		b.Tasks.Red[i].Unit = names[b.Tasks.Red[i].unitID]
	}
	return b, nil
}

// checkMonth refuses a month outside 1–12 and one that has not begun on
// today.
func checkMonth(year, month int, today string) *i18n.Error {
	if month < 1 || month > 12 || year < 2000 || year > 2100 {
		return i18n.Invalid("month", "briefing.err.month")
	}
	if first := fmt.Sprintf("%04d-%02d-01", year, month); first > today {
		return i18n.Invalid("month", "briefing.err.future", year, month, today)
	}
	return nil
}

// monthEnd is the last day of a month, 2019-11-30.
func monthEnd(year, month int) string {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Format(dateLayout)
}

// rootName is the name of the unit tree's root (the lowest id among roots,
// the one created first).
func rootName(units map[int64]org.Unit) string {
	var root org.Unit
	for _, u := range units {
		if u.ParentID == 0 && (root.ID == 0 || u.ID < root.ID) {
			root = u
		}
	}
	return root.Name
}

func unitNames(units map[int64]org.Unit) map[int64]string {
	out := make(map[int64]string, len(units))
	for id, u := range units {
		out[id] = u.Name
	}
	return out
}
