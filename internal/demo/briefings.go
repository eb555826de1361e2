package demo

import (
	"context"
	"fmt"
	"time"

	"gaoxin/internal/briefing"
	"gaoxin/internal/db"
)

// publishedBriefings are the monthly briefings the office has published
// by the demo's today, each on the day it was written: October's in the
// first week of November, November's on the demo's today.
var publishedBriefings = []struct {
	month int
	on    time.Time
}{
	{10, at(Year, 11, 8, 16)},
	{11, todayAt(16)},
}

// loadBriefings publishes October's and November's briefings as the
// assessment office did, computed from the demo's rows on their days.
// Only the day differs from a briefing computed later: the rows are those
// of the demo's today, so October's colours and lights are those the rows
// give on 8 November.
func loadBriefings(ctx context.Context, d *db.DB, who actors) error {
	for _, p := range publishedBriefings {
		st := briefing.NewStore(d)
		st.SetClock(fixed(p.on))
		b, err := st.Build(ctx, Year, p.month)
		if err != nil {
			return fmt.Errorf("demo briefing %d: %w", p.month, err)
		}
		if _, _, err := st.Publish(ctx, who.office, b); err != nil {
			return fmt.Errorf("demo briefing %d: %w", p.month, err)
		}
	}
	return nil
}
