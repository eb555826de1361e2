package report

import (
	"context"
	"fmt"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Period is one month of reporting.
type Period struct {
	ID        int64
	Year      int
	Month     int
	OpensOn   string // 2006-01-02, China time
	DueOn     string
	GraceDays int
	Locked    bool
}

// China keeps one offset all year; deadlines are China dates.
var chinaTime = time.FixedZone("CST", 8*3600)

// Window is where a moment falls relative to a period's deadlines.
type Window string

const (
	NotOpen Window = "not_open" // before the opening date
	Open    Window = "open"     // on time
	Grace   Window = "grace"    // after the deadline, within the grace window: accepted but late
	Closed  Window = "closed"   // after the grace window, or locked
)

// WindowAt says where now falls for this period.
func (p Period) WindowAt(now time.Time) Window {
	if p.Locked {
		return Closed
	}
	day := now.In(chinaTime).Format("2006-01-02")
	due, _ := time.ParseInLocation("2006-01-02", p.DueOn, chinaTime)
	graceEnd := due.AddDate(0, 0, p.GraceDays).Format("2006-01-02")
	switch {
	case day < p.OpensOn:
		return NotOpen
	case day <= p.DueOn:
		return Open
	case day <= graceEnd:
		return Grace
	}
	return Closed
}

// Label is the period as Chinese offices write it, 2019年11月.
func (p Period) Label(lang i18n.Lang) string {
	if lang == i18n.EN {
		return time.Date(p.Year, time.Month(p.Month), 1, 0, 0, 0, 0, time.UTC).Format("January 2006")
	}
	return fmt.Sprintf("%d年%d月", p.Year, p.Month)
}

// Store reads and writes periods and figures.
type Store struct {
	db  *db.DB
	now func() time.Time
}

// NewStore gives a Store on d.
func NewStore(d *db.DB) *Store { return &Store{db: d, now: db.Now} }

// SetClock replaces the clock, for tests of deadlines.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// OpenYear creates the twelve periods of a year that do not exist yet:
// month m opens on the 25th of m, is due on dueDay of the month after, and
// allows graceDays more.
func (s *Store) OpenYear(ctx context.Context, who audit.Actor, year, dueDay, graceDays int) ([]Period, error) {
	if dueDay < 1 || dueDay > 28 || graceDays < 0 || graceDays > 31 {
		return nil, i18n.Invalid("due_day", "period.err.days")
	}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		for m := 1; m <= 12; m++ {
			var n int
			if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM periods WHERE year = $1 AND month = $2", year, m).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			opens := time.Date(year, time.Month(m), 25, 0, 0, 0, 0, chinaTime).Format("2006-01-02")
			due := time.Date(year, time.Month(m+1), dueDay, 0, 0, 0, 0, chinaTime).Format("2006-01-02")
			id, err := tx.Insert(ctx, "INSERT INTO periods (year, month, opens_on, due_on, grace_days, locked) VALUES ($1, $2, $3, $4, $5, FALSE)",
				year, m, opens, due, graceDays)
			if err != nil {
				return err
			}
			if err := audit.Record(ctx, tx, who, "period.create", "period", id, nil, map[string]any{"year": year, "month": m, "due_on": due}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Periods(ctx, year)
}

// SetLocked locks a period against every change, or opens it again.
func (s *Store) SetLocked(ctx context.Context, who audit.Actor, periodID int64, locked bool) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		n, err := tx.Exec(ctx, "UPDATE periods SET locked = $1 WHERE id = $2", locked, periodID)
		if err != nil {
			return err
		}
		if n == 0 {
			return db.ErrNotFound
		}
		return audit.Record(ctx, tx, who, "period.lock", "period", periodID, nil, map[string]bool{"locked": locked})
	})
}

const periodColumns = "id, year, month, opens_on, due_on, grace_days, locked"

func scanPeriod(r interface{ Scan(...any) error }) (Period, error) {
	var p Period
	err := r.Scan(&p.ID, &p.Year, &p.Month, &p.OpensOn, &p.DueOn, &p.GraceDays, &p.Locked)
	return p, err
}

// Periods lists a year's periods by month.
func (s *Store) Periods(ctx context.Context, year int) ([]Period, error) {
	rows, err := s.db.Query(ctx, "SELECT "+periodColumns+" FROM periods WHERE year = $1 ORDER BY month", year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Period
	for rows.Next() {
		p, err := scanPeriod(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, rows.Err()
}

// Period returns one period, or db.ErrNotFound.
func (s *Store) Period(ctx context.Context, id int64) (Period, error) {
	return scanPeriod(s.db.QueryRow(ctx, "SELECT "+periodColumns+" FROM periods WHERE id = $1", id))
}

// PeriodOf returns the period of a year and month, or db.ErrNotFound.
func (s *Store) PeriodOf(ctx context.Context, year, month int) (Period, error) {
	return scanPeriod(s.db.QueryRow(ctx, "SELECT "+periodColumns+" FROM periods WHERE year = $1 AND month = $2", year, month))
}
