package demo

import (
	"context"
	"errors"
	"fmt"

	"gaoxin/internal/db"
)

// Scale is the size of a generated data set: how many units, indicators
// and assignments, how many months of the year are reported, and the seed
// that makes the same scale give the same data every time.
type Scale struct {
	Units       int // units in the tree, its root included
	Indicators  int
	Assignments int // indicators shared out to units, each with a target
	Months      int // months reported, January on (0–12)
	Seed        uint64
}

var (
	// ProvinceScale is the size the product promises to carry: a
	// province's development zones with their departments and streets.
	ProvinceScale = Scale{2000, 2000, 100000, 12, 1}
	// ZoneScale is one large zone, quick enough to try by hand.
	ZoneScale = Scale{100, 500, 3000, 12, 1}
)

// ScaleYear is the year of a generated plan: a past year, so that every
// deadline has passed and the dashboard opens on the last reported month.
const ScaleYear = 2024

// ScaleRoot is the code of a generated tree's root unit.
const ScaleRoot = "SHENG"

// ErrNotEmpty means the database already holds units; generated data is
// only ever written into a fresh database, never mixed with real records.
var ErrNotEmpty = errors.New("the database already has units: generate fills only a fresh database")

func (s Scale) validate() error {
	switch {
	case s.Units < 2:
		return errors.New("scale: at least 2 units, a root and one to share indicators to")
	case s.Indicators < 1:
		return errors.New("scale: at least 1 indicator")
	case s.Assignments < 0 || s.Assignments > s.Indicators*(s.Units-1):
		return fmt.Errorf("scale: %d assignments cannot be shared among %d indicators and %d units", s.Assignments, s.Indicators, s.Units-1)
	case s.Months < 0 || s.Months > 12:
		return errors.New("scale: months must be 0–12")
	}
	return nil
}

// GenerateScale fills a fresh database with a reproducible data set of
// size s: a unit tree (root → zones → departments, streets and parks), a
// plan for ScaleYear with its node tree, indicators of every kind, the
// assignments with their targets, the year's periods, and approved figures
// for the first s.Months months, each with its version row.
//
// The plan and everything around it go in one transaction, the figures in
// one transaction per month: each stays big enough to be quick, and SQLite's
// write-ahead log is checkpointed between them instead of growing to the
// size of the whole data set.
func GenerateScale(ctx context.Context, d *db.DB, s Scale) error {
	if err := s.validate(); err != nil {
		return err
	}
	m := newModel(s)
	var ids *written
	err := d.Write(ctx, func(tx *db.Tx) error {
		var err error
		ids, err = writePlanned(ctx, tx, m)
		return err
	})
	if err != nil {
		return err
	}
	for month := 1; month <= s.Months; month++ {
		err := d.Write(ctx, func(tx *db.Tx) error { return writeMonth(ctx, tx, m, ids, month) })
		if err != nil {
			return fmt.Errorf("figures of month %d: %w", month, err)
		}
	}
	return nil
}
