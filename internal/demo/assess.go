package demo

import (
	"context"

	"gaoxin/internal/db"
)

// loadAssessment writes the 2019 assessment: the four classes' schemes,
// the records and ratings, the peer groups, and Q1–Q3's published results.
func loadAssessment(ctx context.Context, d *db.DB, ids map[string]int64, who actors) error {
	if err := loadAssessRecords(ctx, d, ids, who); err != nil {
		return err
	}
	return loadPeers(ctx, d, ids, who)
}
