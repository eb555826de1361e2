package assess

import (
	"context"
	"errors"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// RatingStore keeps rating rounds, the raters invited and their forms.
type RatingStore struct {
	db  *db.DB
	now func() time.Time
}

// NewRatingStore gives a RatingStore on d.
func NewRatingStore(d *db.DB) *RatingStore { return &RatingStore{db: d, now: db.Now} }

// SetClock replaces the clock, so that the demo's forms carry 2019's dates.
func (s *RatingStore) SetClock(now func() time.Time) {
	s.now = func() time.Time { return now().UTC().Truncate(time.Microsecond) }
}

// Open starts a round for a checkpoint of year on a rating item of the
// class's latest scheme, refusing an item that is not a rating.
func (s *RatingStore) Open(ctx context.Context, who audit.Actor, year int, period, class, item string) (RatingRound, error) {
	period, class, item = strings.TrimSpace(period), strings.TrimSpace(class), strings.TrimSpace(item)
	if !validPeriod(period) {
		return RatingRound{}, i18n.Invalid("period", "rating.err.period")
	}
	if item == "" {
		return RatingRound{}, i18n.Invalid("item", "rating.err.item_required")
	}
	var r RatingRound
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		scheme, err := latest(ctx, tx, year, class)
		if errors.Is(err, db.ErrNotFound) {
			return i18n.Invalid("class", "rating.err.no_scheme", year, class)
		} else if err != nil {
			return err
		}
		if err := checkpointOf(scheme, period); err != nil {
			return err
		}
		r = RatingRound{Year: year, Period: period, Class: class, Item: item, SchemeID: scheme.ID, Status: RoundOpen, OpenedAt: s.now()}
		if err := fillRound(ctx, tx, &r); err != nil {
			return err
		}
		var taken int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM rating_rounds WHERE year = $1 AND period = $2 AND class = $3 AND item = $4`,
			year, period, class, item).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return i18n.Invalid("period", "rating.err.round_exists", period, class, item)
		}
		r.ID, err = tx.Insert(ctx, `INSERT INTO rating_rounds (year, period, class, item, scheme_id, status, opened_at, opened_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, year, period, class, item, scheme.ID, string(RoundOpen), r.OpenedAt, userRef(who))
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "rating.open", "rating_round", r.ID, nil, stateOfRound(r))
	})
	return r, err
}

// checkpointOf refuses a period the scheme does not assess, when the
// scheme names its checkpoints.
func checkpointOf(scheme Stored, period string) error {
	f, _, err := Parse(scheme.Name, scheme.Body)
	if err != nil {
		return err
	}
	if len(f.Checkpoints) == 0 {
		return nil
	}
	for _, c := range f.Checkpoints {
		if c.Period == period {
			return nil
		}
	}
	return i18n.Invalid("period", "rating.err.period_scheme", period, scheme.Class)
}

const roundColumns = `r.id, r.year, r.period, r.class, r.item, r.scheme_id, r.status, r.opened_at, r.closed_at,
	(SELECT COUNT(*) FROM rating_forms f WHERE f.round_id = r.id),
	(SELECT COUNT(*) FROM rating_forms f WHERE f.round_id = r.id AND f.status = 'submitted')`

func scanRound(row interface{ Scan(...any) error }) (RatingRound, error) {
	var r RatingRound
	var status string
	var closed *time.Time
	err := row.Scan(&r.ID, &r.Year, &r.Period, &r.Class, &r.Item, &r.SchemeID, &status, &r.OpenedAt, &closed, &r.Invited, &r.Submitted)
	r.Status = RoundStatus(status)
	if closed != nil {
		r.ClosedAt = *closed
	}
	return r, err
}

// Round returns one round with its item's rater types, or db.ErrNotFound.
func (s *RatingStore) Round(ctx context.Context, id int64) (RatingRound, error) {
	return getRound(ctx, s.db, id)
}

func getRound(ctx context.Context, q db.Querier, id int64) (RatingRound, error) {
	r, err := scanRound(q.QueryRow(ctx, "SELECT "+roundColumns+" FROM rating_rounds r WHERE r.id = $1", id))
	if err != nil {
		return r, err
	}
	return r, fillRound(ctx, q, &r)
}

// Rounds lists a year's rounds by checkpoint, class and item.
func (s *RatingStore) Rounds(ctx context.Context, year int) ([]RatingRound, error) {
	rows, err := s.db.Query(ctx, "SELECT "+roundColumns+` FROM rating_rounds r WHERE r.year = $1
		ORDER BY CASE r.period WHEN 'Q1' THEN 1 WHEN 'H1' THEN 2 WHEN 'Q3' THEN 3 ELSE 4 END, r.class, r.item`, year)
	if err != nil {
		return nil, err
	}
	var list []RatingRound
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range list {
		if err := fillRound(ctx, s.db, &list[i]); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// Close ends a round: forms not submitted by then do not count.
func (s *RatingStore) Close(ctx context.Context, who audit.Actor, id int64) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		r, err := lockRound(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.Status != RoundOpen {
			return i18n.Invalid("", "rating.err.closed")
		}
		if _, err := tx.Exec(ctx, `UPDATE rating_rounds SET status = $1, closed_at = $2, closed_by = $3 WHERE id = $4`,
			string(RoundClosed), s.now(), userRef(who), id); err != nil {
			return err
		}
		before := r.Status
		r.Status = RoundClosed
		// The counts are what the round closed with, for people reading the
		// trail; the replay compares the round itself.
		return audit.Record(ctx, tx, who, "rating.close", "rating_round", id, map[string]any{"status": before}, struct {
			roundState
			Submitted int `json:"submitted"`
			Invited   int `json:"invited"`
		}{stateOfRound(r), r.Submitted, r.Invited})
	})
}

func lockRound(ctx context.Context, tx *db.Tx, id int64) (RatingRound, error) {
	var locked int64
	if err := tx.QueryRow(ctx, "SELECT id FROM rating_rounds WHERE id = $1"+tx.Dialect().ForUpdate(), id).Scan(&locked); err != nil {
		return RatingRound{}, err
	}
	return getRound(ctx, tx, id)
}
