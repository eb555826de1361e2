package assess

import (
	"context"
	"strconv"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

// RatedUnit is a unit on a rating form.
type RatedUnit struct {
	ID   int64
	Code string
	Name string
}

// ScoreField is the form field of a unit's score.
func ScoreField(unitID int64) string { return "score_" + strconv.FormatInt(unitID, 10) }

// ScoreErrors lists every refused score of a form, each on its unit's
// field, so that the rater sees all of them at once.
type ScoreErrors []*i18n.Error

func (e ScoreErrors) Error() string {
	var parts []string
	for _, x := range e {
		parts = append(parts, x.Error())
	}
	return strings.Join(parts, "; ")
}

// Units lists what a form rates: the class's active units in display
// order, without the rater's own unit — nobody rates the unit they work in.
func (s *RatingStore) Units(ctx context.Context, r RatingRound, f RatingForm) ([]RatedUnit, error) {
	return formUnits(ctx, s.db, r.Class, f.RaterUnitID)
}

func formUnits(ctx context.Context, q db.Querier, class string, own int64) ([]RatedUnit, error) {
	rows, err := q.Query(ctx, `SELECT id, code, name FROM units WHERE class = $1 AND active AND id <> $2 ORDER BY sort_order, code`, class, own)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []RatedUnit
	for rows.Next() {
		var u RatedUnit
		if err := rows.Scan(&u.ID, &u.Code, &u.Name); err != nil {
			return nil, err
		}
		list = append(list, u)
	}
	return list, rows.Err()
}

// Save keeps a rater's scores, by unit id, as a draft or, with submit, as
// final. Every score must be a number from 0 to 100 with at most two
// decimals; submitting needs one for every unit. Scores for units not on
// the form (the rater's own unit above all) are ignored.
func (s *RatingStore) Save(ctx context.Context, who audit.Actor, roundID int64, scores map[int64]string, submit bool) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		r, err := lockRound(ctx, tx, roundID)
		if err != nil {
			return err
		}
		f, err := getForm(ctx, tx, roundID, who.UserID)
		if err != nil {
			return err
		}
		switch {
		case f.Final():
			return i18n.Invalid("", "rating.err.submitted")
		case r.Status != RoundOpen:
			return i18n.Invalid("", "rating.err.closed")
		}
		units, err := formUnits(ctx, tx, r.Class, f.RaterUnitID)
		if err != nil {
			return err
		}
		kept, err := readScores(units, scores, submit)
		if err != nil {
			return err
		}
		return s.keep(ctx, tx, who, f, kept, submit)
	})
}

// readScores checks the typed scores of the form's units, keeping them as
// exact decimal text by unit id.
func readScores(units []RatedUnit, scores map[int64]string, submit bool) (map[int64]string, error) {
	kept := map[int64]string{}
	var bad ScoreErrors
	for _, u := range units {
		text := normaliseScore(scores[u.ID])
		if text == "" {
			if submit {
				bad = append(bad, i18n.Invalid(ScoreField(u.ID), "rating.err.score_missing", u.Name))
			}
			continue
		}
		n, err := score.Dec(text)
		if err != nil || n.Sign() < 0 || n.Cmp(score.Int(100)) > 0 || score.Round(n, 2).Cmp(n) != 0 {
			bad = append(bad, i18n.Invalid(ScoreField(u.ID), "rating.err.score", u.Name, strings.TrimSpace(scores[u.ID])))
			continue
		}
		kept[u.ID] = n.String()
	}
	if len(bad) > 0 {
		return nil, bad
	}
	return kept, nil
}

func (s *RatingStore) keep(ctx context.Context, tx *db.Tx, who audit.Actor, f RatingForm, kept map[int64]string, submit bool) error {
	if _, err := tx.Exec(ctx, "DELETE FROM rating_scores WHERE form_id = $1", f.ID); err != nil {
		return err
	}
	for unit, text := range kept {
		if _, err := tx.Exec(ctx, "INSERT INTO rating_scores (form_id, unit_id, score) VALUES ($1, $2, $3)", f.ID, unit, text); err != nil {
			return err
		}
	}
	at, status, action := s.now(), FormDraft, "rating.save"
	var submitted any
	if submit {
		status, action, submitted = FormSubmitted, "rating.submit", at
	}
	if _, err := tx.Exec(ctx, "UPDATE rating_forms SET status = $1, saved_at = $2, submitted_at = $3 WHERE id = $4",
		string(status), at, submitted, f.ID); err != nil {
		return err
	}
	before := map[string]any{"status": f.Status, "scores": auditScores(f.Scores)}
	f.Status = status
	return audit.Record(ctx, tx, who, action, "rating_form", f.ID, before, stateOfForm(f, kept))
}

// auditScores keys scores by unit id as text, which JSON objects need.
func auditScores(m map[int64]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strconv.FormatInt(k, 10)] = v
	}
	return out
}
