package report

import (
	"context"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Batch is the figures of one period that an import brings in, each
// assignment once.
type Batch struct {
	Period  Period
	Entries []Entry
}

// ImportCounts says what an import did to figures.
type ImportCounts struct {
	Created, Updated, Unchanged int
}

// Import writes figures the assessment office brings in from a file, such
// as the statistics bureau's monthly tables. The office vouches for them, so
// they land as approved in one step, each change a version with the action
// "import" and an audit entry; the unit's own earlier states stay as
// versions. Deadlines do not apply — an import often brings in months long
// past — but a locked period refuses. All batches land in one transaction,
// so a file spanning months lands whole or not at all.
func (s *Store) Import(ctx context.Context, who audit.Actor, batches []Batch) (ImportCounts, error) {
	var counts ImportCounts
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		counts = ImportCounts{}
		for _, b := range batches {
			if err := s.importBatch(ctx, tx, who, b, &counts); err != nil {
				return err
			}
		}
		return nil
	})
	return counts, err
}

func (s *Store) importBatch(ctx context.Context, tx *db.Tx, who audit.Actor, b Batch, counts *ImportCounts) error {
	// Read the lock inside the transaction: the caller's Period may be stale.
	var locked bool
	if err := tx.QueryRow(ctx, "SELECT locked FROM periods WHERE id = $1", b.Period.ID).Scan(&locked); err != nil {
		return err
	}
	if locked {
		return i18n.Invalid("", "figure.err.window_closed")
	}
	ids := make([]int64, len(b.Entries))
	for i, e := range b.Entries {
		ids[i] = e.AssignmentID
	}
	current, err := figuresOf(ctx, tx, b.Period.ID, ids)
	if err != nil {
		return err
	}
	for _, e := range b.Entries {
		if e.Value == nil {
			return i18n.Invalid("value", "figure.err.missing")
		}
		f, exists := current[e.AssignmentID]
		if exists && ImportChangesNothing(f, e) {
			counts.Unchanged++
			continue
		}
		now := s.now()
		next := Figure{AssignmentID: e.AssignmentID, PeriodID: b.Period.ID, Value: e.Value,
			Explanation: strings.TrimSpace(e.Explanation), Status: Approved, SubmittedAt: &now}
		var before *Figure
		if exists {
			next.ID, before = f.ID, &f
			counts.Updated++
		} else {
			counts.Created++
		}
		if _, err := s.write(ctx, tx, who, before, next, "import"); err != nil {
			return err
		}
	}
	return nil
}

// ImportChangesNothing reports whether importing e over the figure f would
// leave it as it is, so that importing the same file twice adds no versions.
func ImportChangesNothing(f Figure, e Entry) bool {
	return f.Status == Approved && sameValue(f.Value, e.Value) && f.Explanation == strings.TrimSpace(e.Explanation)
}
