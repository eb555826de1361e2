package report

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
	"gaoxin/internal/plan"
)

// tellReturned tells the reporters of each unit whose figures of ids were
// returned, inside the return's transaction, with the reason.
func tellReturned(ctx context.Context, tx *db.Tx, p Period, ids []int64, reason string) error {
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	rows, err := tx.Query(ctx, "SELECT DISTINCT unit_id FROM assignments WHERE id IN ("+strings.Join(list, ",")+")")
	if err != nil {
		return err
	}
	var units []int64
	for rows.Next() {
		var u int64
		if err := rows.Scan(&u); err != nil {
			rows.Close()
			return err
		}
		units = append(units, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, u := range units {
		users, err := unitUsers(ctx, tx, u)
		if err != nil {
			return err
		}
		if err := notify.Enqueue(ctx, tx, notify.Message{Kind: notify.GridReturned, Title: i18n.M("report.notify.returned", p.Year, p.Month),
			Body: i18n.M("report.notify.returned_body", reason), Link: gridLink(p, u), Users: users, UnitID: u}); err != nil {
			return err
		}
	}
	return nil
}

// unitUsers are the people who fill in and confirm a unit's figures.
func unitUsers(ctx context.Context, q db.Querier, unit int64) ([]int64, error) {
	var users []int64
	rows, err := q.Query(ctx, "SELECT id FROM users WHERE active AND unit_id = $1 AND role IN ('reporter', 'unit_head') ORDER BY id", unit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		users = append(users, id)
	}
	return users, rows.Err()
}

func gridLink(p Period, unit int64) string {
	return fmt.Sprintf("/report/%d/%d/%d", p.Year, p.Month, unit)
}

// NearDays is how many days before a period's deadline the units that
// have not submitted are reminded.
const NearDays = 3

// RemindSummary is what one Remind told.
type RemindSummary struct {
	Opened, Near int // units told
}

// Remind tells, on today, each unit with figures to report in a period
// that has opened that it is open, and each unit with figures still not
// submitted when the deadline is NearDays away or closer that it is near.
// Each is told once per period and unit (notify.Once), so the server runs
// it every few minutes.
func (s *Store) Remind(ctx context.Context) (RemindSummary, error) {
	var sum RemindSummary
	now := s.now().In(chinaTime)
	today := now.Format("2006-01-02")
	rows, err := s.db.Query(ctx, "SELECT id, year, month, opens_on, due_on, grace_days, locked FROM periods WHERE opens_on <= $1 AND due_on >= $1 AND NOT locked",
		today)
	if err != nil {
		return sum, err
	}
	var open []Period
	for rows.Next() {
		var p Period
		if err := rows.Scan(&p.ID, &p.Year, &p.Month, &p.OpensOn, &p.DueOn, &p.GraceDays, &p.Locked); err != nil {
			rows.Close()
			return sum, err
		}
		open = append(open, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sum, err
	}
	for _, p := range open {
		due, _ := time.ParseInLocation("2006-01-02", p.DueOn, chinaTime)
		near := due.Sub(now) <= NearDays*24*time.Hour
		units, err := s.reportingUnits(ctx, p)
		if err != nil {
			return sum, err
		}
		for _, u := range units {
			err := s.db.Write(ctx, func(tx *db.Tx) error {
				told, err := s.remindUnit(ctx, tx, p, u, near)
				sum.Opened += told[0]
				sum.Near += told[1]
				return err
			})
			if err != nil {
				return sum, err
			}
		}
	}
	return sum, nil
}

// reportingUnit is a unit with figures in a period: whether all of them
// are submitted or further.
type reportingUnit struct {
	id   int64
	done bool
}

// reportingUnits are the units with figures due in p (as their
// indicators' frequency says: quarterly ones in March, June, …), and
// whether each has submitted them all. Bound indicators are produced, not
// reported, and count for nobody.
func (s *Store) reportingUnits(ctx context.Context, p Period) ([]reportingUnit, error) {
	rows, err := s.db.Query(ctx, `SELECT a.unit_id, i.frequency, COALESCE(f.status, '')
		FROM assignments a JOIN indicators i ON i.id = a.indicator_id JOIN plans pl ON pl.id = i.plan_id
		LEFT JOIN figures f ON f.assignment_id = a.id AND f.period_id = $1
		WHERE pl.year = $2 AND i.binding = '' ORDER BY a.unit_id`, p.ID, p.Year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []reportingUnit
	for rows.Next() {
		var unit int64
		var freq plan.Frequency
		var status Status
		if err := rows.Scan(&unit, &freq, &status); err != nil {
			return nil, err
		}
		if !freq.Due(p.Month) {
			continue
		}
		if len(out) == 0 || out[len(out)-1].id != unit {
			out = append(out, reportingUnit{id: unit, done: true})
		}
		if status != Submitted && status != Confirmed && status != Approved {
			out[len(out)-1].done = false
		}
	}
	return out, rows.Err()
}

// remindUnit tells one unit of one period what it has not been told yet.
func (s *Store) remindUnit(ctx context.Context, tx *db.Tx, p Period, u reportingUnit, near bool) ([2]int, error) {
	var told [2]int
	users, err := unitUsers(ctx, tx, u.id)
	if err != nil {
		return told, err
	}
	period := fmt.Sprintf("%d-%02d", p.Year, p.Month)
	if first, err := notify.Once(ctx, tx, "period.opened:"+period+":"+strconv.FormatInt(u.id, 10)); err != nil {
		return told, err
	} else if first {
		if err := notify.Enqueue(ctx, tx, notify.Message{Kind: notify.PeriodOpened, Title: i18n.M("report.notify.opened", p.Year, p.Month),
			Body: i18n.M("report.notify.opened_body", p.DueOn), Link: gridLink(p, u.id), Users: users, UnitID: u.id}); err != nil {
			return told, err
		}
		told[0]++
	}
	if !near || u.done {
		return told, nil
	}
	if first, err := notify.Once(ctx, tx, "deadline.near:"+period+":"+strconv.FormatInt(u.id, 10)); err != nil {
		return told, err
	} else if first {
		if err := notify.Enqueue(ctx, tx, notify.Message{Kind: notify.DeadlineNear, Title: i18n.M("report.notify.near", p.Year, p.Month, p.DueOn),
			Body: i18n.M("report.notify.near_body"), Link: gridLink(p, u.id), Users: users, UnitID: u.id}); err != nil {
			return told, err
		}
		told[1]++
	}
	return told, nil
}
