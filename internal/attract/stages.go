package attract

import (
	"context"
	"slices"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// MoveTo moves a lead to a stage on a day. A move forwards may skip
// stages; a move back must say why, and a lead converted into a key
// project cannot go back below 签约.
func (s *Store) MoveTo(ctx context.Context, who audit.Actor, leadID int64, to Stage, on, reason string) error {
	return s.Write(ctx, who, func(t *Tx) error { return t.MoveTo(leadID, to, on, reason) })
}

func (s *Store) moveTo(ctx context.Context, tx *db.Tx, who audit.Actor, leadID int64, to Stage, on, reason string) error {
	l, err := leadByID(ctx, tx, leadID)
	if err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	today := s.Today()
	switch {
	case !to.Valid():
		return i18n.Invalid("stage", "attract.err.stage", string(to))
	case to == l.Stage:
		return i18n.Invalid("stage", "attract.err.same_stage")
	case !validDate(on):
		return i18n.Invalid("on", "attract.err.date", on)
	case on > today:
		return i18n.Invalid("on", "attract.err.future", on, today)
	case on < l.StageOn:
		return i18n.Invalid("on", "attract.err.before_stage", on, l.StageOn)
	case to.Index() < l.Stage.Index() && reason == "":
		return i18n.Invalid("reason", "attract.err.back_reason")
	case l.ProjectID != 0 && !to.Reached(Signed):
		return i18n.Invalid("stage", "attract.err.converted_back")
	}
	before := l
	l.Stage, l.StageOn = to, on
	if l.RespondedOn == "" {
		l.RespondedOn = on
	}
	if l.AssessedOn == "" {
		l.AssessedOn = on
	}
	switch {
	case to.Reached(Signed) && l.SignedOn == "":
		l.SignedOn = on
	case !to.Reached(Signed):
		l.SignedOn = ""
	}
	l.UpdatedAt = s.now()
	if _, err := tx.Exec(ctx, `UPDATE leads SET stage = $1, stage_on = $2, responded_on = $3, assessed_on = $4,
		signed_on = $5, updated_at = $6 WHERE id = $7`, l.Stage, l.StageOn, l.RespondedOn, l.AssessedOn, l.SignedOn,
		l.UpdatedAt, l.ID); err != nil {
		return err
	}
	if err := s.recordMove(ctx, tx, who, Move{LeadID: l.ID, From: before.Stage, To: to, On: on, Reason: reason}); err != nil {
		return err
	}
	if before.SignedOn != l.SignedOn {
		s.touch(before.SignedOn)
		s.touch(l.SignedOn)
	}
	return audit.Record(ctx, tx, who, "lead.move", "lead", l.ID, before, l)
}

func (s *Store) recordMove(ctx context.Context, tx *db.Tx, who audit.Actor, m Move) error {
	_, err := tx.Insert(ctx, `INSERT INTO lead_moves (lead_id, from_stage, to_stage, moved_on, actor, reason, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, m.LeadID, m.From, m.To, m.On, who.Name, m.Reason, s.now())
	return err
}

// Log records a visit, meeting, call or assessment on a lead. The first
// one answers the first-response deadline; the first assessment (研判)
// answers the assessment deadline.
func (s *Store) Log(ctx context.Context, who audit.Actor, a Activity) (Activity, error) {
	err := s.Write(ctx, who, func(t *Tx) error {
		var err error
		a, err = t.Log(a)
		return err
	})
	return a, err
}

func (s *Store) log(ctx context.Context, tx *db.Tx, who audit.Actor, a Activity) (Activity, error) {
	l, err := leadByID(ctx, tx, a.LeadID)
	if err != nil {
		return Activity{}, err
	}
	a.Note = strings.TrimSpace(a.Note)
	today := s.Today()
	switch {
	case !slices.Contains(ActivityKinds, a.Kind):
		return Activity{}, i18n.Invalid("kind", "attract.err.activity_kind", string(a.Kind))
	case a.Note == "":
		return Activity{}, i18n.Invalid("note", "attract.err.activity_note")
	case !validDate(a.On):
		return Activity{}, i18n.Invalid("on", "attract.err.date", a.On)
	case a.On > today:
		return Activity{}, i18n.Invalid("on", "attract.err.future", a.On, today)
	case a.On < l.ReceivedOn:
		return Activity{}, i18n.Invalid("on", "attract.err.before_received", a.On, l.ReceivedOn)
	}
	a.Actor, a.CreatedAt = who.Name, s.now()
	a.ID, err = tx.Insert(ctx, `INSERT INTO lead_activities (lead_id, done_on, kind, note, actor, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, a.LeadID, a.On, a.Kind, a.Note, a.Actor, a.CreatedAt)
	if err != nil {
		return Activity{}, err
	}
	responded, assessed := l.RespondedOn, l.AssessedOn
	if responded == "" || a.On < responded {
		responded = a.On
	}
	if a.Kind == Assessment && (assessed == "" || a.On < assessed) {
		assessed = a.On
	}
	if responded != l.RespondedOn || assessed != l.AssessedOn {
		if _, err := tx.Exec(ctx, "UPDATE leads SET responded_on = $1, assessed_on = $2 WHERE id = $3",
			responded, assessed, l.ID); err != nil {
			return Activity{}, err
		}
	}
	return a, audit.Record(ctx, tx, who, "lead.activity", "lead", l.ID, nil, a)
}

// Moves are a lead's moves, oldest first.
func (s *Store) Moves(ctx context.Context, leadID int64) ([]Move, error) {
	rows, err := s.db.Query(ctx, `SELECT id, lead_id, from_stage, to_stage, moved_on, actor, reason, created_at
		FROM lead_moves WHERE lead_id = $1 ORDER BY moved_on, id`, leadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Move
	for rows.Next() {
		var m Move
		if err := rows.Scan(&m.ID, &m.LeadID, &m.From, &m.To, &m.On, &m.Actor, &m.Reason, &m.CreatedAt); err != nil {
			return nil, err
		}
		list = append(list, m)
	}
	return list, rows.Err()
}

// Activities are a lead's logged activities, oldest first.
func (s *Store) Activities(ctx context.Context, leadID int64) ([]Activity, error) {
	rows, err := s.db.Query(ctx, `SELECT id, lead_id, done_on, kind, note, actor, created_at
		FROM lead_activities WHERE lead_id = $1 ORDER BY done_on, id`, leadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Activity
	for rows.Next() {
		var a Activity
		if err := rows.Scan(&a.ID, &a.LeadID, &a.On, &a.Kind, &a.Note, &a.Actor, &a.CreatedAt); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// Event is one entry of a lead's timeline: a move or an activity.
type Event struct {
	On       string
	Move     *Move
	Activity *Activity
}

// Timeline is a lead's moves and activities in the order they happened.
func (s *Store) Timeline(ctx context.Context, leadID int64) ([]Event, error) {
	moves, err := s.Moves(ctx, leadID)
	if err != nil {
		return nil, err
	}
	acts, err := s.Activities(ctx, leadID)
	if err != nil {
		return nil, err
	}
	var list []Event
	for i := range moves {
		list = append(list, Event{On: moves[i].On, Move: &moves[i]})
	}
	for i := range acts {
		list = append(list, Event{On: acts[i].On, Activity: &acts[i]})
	}
	slices.SortStableFunc(list, func(a, b Event) int {
		if c := strings.Compare(a.On, b.On); c != 0 {
			return c
		}
		return a.created().Compare(b.created())
	})
	return list, nil
}
