package settings

import (
	"context"
	"fmt"
	"time"

	"gaoxin/internal/db"
)

var chinaTime = time.FixedZone("CST", 8*3600)

// Clock returns gaoxin's notion of now: the real time, or, when Today is
// set, that date at the real time of day in China.
func Clock(ctx context.Context, q db.Querier) (func() time.Time, error) {
	day, err := Get(ctx, q, Today)
	if err != nil || day == "" {
		return db.Now, err
	}
	d, err := time.ParseInLocation("2006-01-02", day, chinaTime)
	if err != nil {
		return nil, fmt.Errorf("setting %s = %q is not a date (YYYY-MM-DD)", Today, day)
	}
	return func() time.Time {
		now := time.Now().In(chinaTime)
		at := time.Date(d.Year(), d.Month(), d.Day(), now.Hour(), now.Minute(), now.Second(), now.Nanosecond(), chinaTime)
		return at.UTC().Truncate(time.Microsecond)
	}, nil
}
