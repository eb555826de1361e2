package assess

import (
	"context"
	"errors"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// RatingForm is one rater's form in a round.
type RatingForm struct {
	ID          int64
	RoundID     int64
	RaterID     int64
	RaterLogin  string
	RaterName   string
	RaterUnitID int64
	RaterUnit   string
	RaterType   string
	Status      FormStatus
	InvitedAt   time.Time
	SavedAt     time.Time
	SubmittedAt time.Time
	Scores      map[int64]string // unit id → score as typed, only when read for its rater
}

// Final reports whether the form can no longer change.
func (f RatingForm) Final() bool { return f.Status == FormSubmitted }

// Invite adds a rater of one of the item's rater types to an open round.
// Whether the user may rate at all is the caller's policy to check.
func (s *RatingStore) Invite(ctx context.Context, who audit.Actor, roundID, raterID int64, raterType string) (RatingForm, error) {
	var f RatingForm
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		r, err := lockRound(ctx, tx, roundID)
		if err != nil {
			return err
		}
		if r.Status != RoundOpen {
			return i18n.Invalid("", "rating.err.closed")
		}
		if !r.hasType(raterType) {
			return i18n.Invalid("type", "rating.err.type", raterType)
		}
		var active bool
		var name string
		err = tx.QueryRow(ctx, "SELECT active, display_name FROM users WHERE id = $1", raterID).Scan(&active, &name)
		if errors.Is(err, db.ErrNotFound) || (err == nil && !active) {
			return i18n.Invalid("rater", "rating.err.rater")
		} else if err != nil {
			return err
		}
		var taken int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM rating_forms WHERE round_id = $1 AND rater_id = $2", roundID, raterID).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return i18n.Invalid("rater", "rating.err.invited", name)
		}
		f = RatingForm{RoundID: roundID, RaterID: raterID, RaterName: name, RaterType: raterType, Status: FormInvited, InvitedAt: s.now()}
		f.ID, err = tx.Insert(ctx, `INSERT INTO rating_forms (round_id, rater_id, rater_type, status, invited_at, invited_by)
			VALUES ($1, $2, $3, $4, $5, $6)`, roundID, raterID, raterType, string(FormInvited), f.InvitedAt, userRef(who))
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "rating.invite", "rating_form", f.ID, nil, stateOfForm(f, nil))
	})
	return f, err
}

const formColumns = `f.id, f.round_id, f.rater_id, u.login, u.display_name, u.unit_id, n.name, f.rater_type, f.status,
	f.invited_at, f.saved_at, f.submitted_at`

const formFrom = ` FROM rating_forms f JOIN users u ON u.id = f.rater_id JOIN units n ON n.id = u.unit_id`

func scanForm(row interface{ Scan(...any) error }) (RatingForm, error) {
	var f RatingForm
	var status string
	var saved, submitted *time.Time
	err := row.Scan(&f.ID, &f.RoundID, &f.RaterID, &f.RaterLogin, &f.RaterName, &f.RaterUnitID, &f.RaterUnit, &f.RaterType,
		&status, &f.InvitedAt, &saved, &submitted)
	f.Status = FormStatus(status)
	if saved != nil {
		f.SavedAt = *saved
	}
	if submitted != nil {
		f.SubmittedAt = *submitted
	}
	return f, err
}

// Forms lists a round's forms by rater type and rater.
func (s *RatingStore) Forms(ctx context.Context, roundID int64) ([]RatingForm, error) {
	return queryForms(ctx, s.db, "SELECT "+formColumns+formFrom+" WHERE f.round_id = $1 ORDER BY f.rater_type, u.login", roundID)
}

// MyForms lists the forms a rater is invited to in year, with their rounds.
func (s *RatingStore) MyForms(ctx context.Context, raterID int64, year int) ([]RatingForm, error) {
	return queryForms(ctx, s.db, "SELECT "+formColumns+formFrom+` JOIN rating_rounds r ON r.id = f.round_id
		WHERE f.rater_id = $1 AND r.year = $2 ORDER BY r.id`, raterID, year)
}

func queryForms(ctx context.Context, q db.Querier, sql string, args ...any) ([]RatingForm, error) {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []RatingForm
	for rows.Next() {
		f, err := scanForm(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, f)
	}
	return list, rows.Err()
}

// Form returns a rater's form in a round with its scores, or db.ErrNotFound
// when the user is not invited.
func (s *RatingStore) Form(ctx context.Context, roundID, raterID int64) (RatingForm, error) {
	return getForm(ctx, s.db, roundID, raterID)
}

func getForm(ctx context.Context, q db.Querier, roundID, raterID int64) (RatingForm, error) {
	f, err := scanForm(q.QueryRow(ctx, "SELECT "+formColumns+formFrom+" WHERE f.round_id = $1 AND f.rater_id = $2", roundID, raterID))
	if err != nil {
		return f, err
	}
	rows, err := q.Query(ctx, "SELECT unit_id, score FROM rating_scores WHERE form_id = $1", f.ID)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	f.Scores = map[int64]string{}
	for rows.Next() {
		var unit int64
		var text string
		if err := rows.Scan(&unit, &text); err != nil {
			return f, err
		}
		f.Scores[unit] = text
	}
	return f, rows.Err()
}
