package supervise

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Progress is a progress report of the lead unit: what was done, and the
// milestones (by id) it finished, on a day.
type Progress struct {
	On         string
	Note       string
	Milestones []int64
}

// checkText trims a text a person must give and checks its length.
func checkText(field, key string, s *string, limit int) *i18n.Error {
	*s = strings.TrimSpace(*s)
	if *s == "" || utf8.RuneCountInString(*s) > limit {
		return i18n.Invalid(field, key, limit)
	}
	return nil
}

// checkDay refuses a day that is not a date, is before the task's source
// or after today.
func (s *Store) checkDay(t Task, day string) *i18n.Error {
	switch {
	case !validDay(day):
		return i18n.Invalid("on", "supervise.err.date", day)
	case day > s.Today():
		return i18n.Invalid("on", "supervise.err.future", day)
	case day < t.SourceOn:
		return i18n.Invalid("on", "supervise.err.before_source", day, t.SourceOn)
	}
	return nil
}

// change runs one change of a task in a transaction: the task must be in
// status from; act writes the change, returns the timeline's line and what
// the trail records of it, after which the event, the trail entry and the
// bound figures follow in the same transaction.
func (s *Store) change(ctx context.Context, who audit.Actor, taskID int64, from Status, notKey, action string,
	act func(tx *db.Tx, t Task) (Event, map[string]any, error)) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		t, err := taskByID(ctx, tx, taskID)
		if err != nil {
			return err
		}
		if t.Status != from {
			return i18n.Invalid("", notKey, t.Code)
		}
		e, what, err := act(tx, t)
		if err != nil {
			return err
		}
		e.TaskID = t.ID
		if err := addEvent(ctx, tx, who, e); err != nil {
			return err
		}
		return s.touched(ctx, tx, who, action, t, what)
	})
}

// Report records the lead unit's progress on an open task and marks the
// milestones it names done on that day.
func (s *Store) Report(ctx context.Context, who audit.Actor, taskID int64, p Progress) error {
	if verr := checkText("note", "supervise.err.note", &p.Note, 2000); verr != nil {
		return verr
	}
	return s.change(ctx, who, taskID, Open, "supervise.err.not_open", "task.report", func(tx *db.Tx, t Task) (Event, map[string]any, error) {
		if verr := s.checkDay(t, p.On); verr != nil {
			return Event{}, nil, verr
		}
		var done []string
		for _, id := range p.Milestones {
			i := slices.IndexFunc(t.Milestones, func(m Milestone) bool { return m.ID == id && m.DoneOn == "" })
			if i < 0 {
				return Event{}, nil, i18n.Invalid("milestones", "supervise.err.milestone_unknown")
			}
			done = append(done, t.Milestones[i].Title)
			if _, err := tx.Exec(ctx, "UPDATE task_milestones SET done_on = $1 WHERE id = $2", p.On, id); err != nil {
				return Event{}, nil, err
			}
		}
		return Event{Kind: Reported, On: p.On, Note: p.Note}, map[string]any{"on": p.On, "note": p.Note, "milestones_done": done}, nil
	})
}

// RequestClose is the lead unit asking the office to close (销号) an open
// task done on a day; the evidence (what shows it done: a document, an
// acceptance, a photo's description) is required.
func (s *Store) RequestClose(ctx context.Context, who audit.Actor, taskID int64, on, note, evidence string) error {
	if verr := checkText("evidence", "supervise.err.evidence", &evidence, 2000); verr != nil {
		return verr
	}
	note = strings.TrimSpace(note)
	return s.change(ctx, who, taskID, Open, "supervise.err.not_open", "task.close_request", func(tx *db.Tx, t Task) (Event, map[string]any, error) {
		if verr := s.checkDay(t, on); verr != nil {
			return Event{}, nil, verr
		}
		_, err := tx.Exec(ctx, "UPDATE tasks SET status = $1, closing_on = $2, updated_at = $3 WHERE id = $4", string(Closing), on, s.now(), t.ID)
		return Event{Kind: CloseRequested, On: on, Note: note, Evidence: evidence}, map[string]any{"on": on, "evidence": evidence}, err
	})
}

// DecideClose is the office's answer to a closing asked for: approved, the
// task is closed (销号) today; refused, with a reason, it is open again.
// Four eyes: whoever asked for the closing cannot decide it.
func (s *Store) DecideClose(ctx context.Context, who audit.Actor, taskID int64, approve bool, reason string) error {
	reason = strings.TrimSpace(reason)
	if !approve {
		if verr := checkText("reason", "supervise.err.reason", &reason, 500); verr != nil {
			return verr
		}
	}
	action := "task.close"
	if !approve {
		action = "task.close_refuse"
	}
	return s.change(ctx, who, taskID, Closing, "supervise.err.not_closing", action, func(tx *db.Tx, t Task) (Event, map[string]any, error) {
		var asker *int64
		if err := tx.QueryRow(ctx, `SELECT user_id FROM task_events WHERE task_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1`,
			t.ID, string(CloseRequested)).Scan(&asker); err != nil {
			return Event{}, nil, err
		}
		if asker != nil && *asker == who.UserID {
			return Event{}, nil, i18n.Invalid("", "supervise.err.four_eyes")
		}
		today := s.Today()
		if approve {
			_, err := tx.Exec(ctx, "UPDATE tasks SET status = $1, closed_on = $2, updated_at = $3 WHERE id = $4", string(Closed), today, s.now(), t.ID)
			return Event{Kind: CloseApproved, On: today}, map[string]any{}, err
		}
		_, err := tx.Exec(ctx, "UPDATE tasks SET status = $1, closing_on = '', updated_at = $2 WHERE id = $3", string(Open), s.now(), t.ID)
		return Event{Kind: CloseRefused, On: today, Note: reason}, map[string]any{"reason": reason}, err
	})
}

// Reopen opens a closed task again; the reason is required.
func (s *Store) Reopen(ctx context.Context, who audit.Actor, taskID int64, reason string) error {
	if verr := checkText("reason", "supervise.err.reason", &reason, 500); verr != nil {
		return verr
	}
	return s.change(ctx, who, taskID, Closed, "supervise.err.not_closed", "task.reopen", func(tx *db.Tx, t Task) (Event, map[string]any, error) {
		_, err := tx.Exec(ctx, "UPDATE tasks SET status = $1, closing_on = '', closed_on = '', reopened = reopened + 1, updated_at = $2 WHERE id = $3",
			string(Open), s.now(), t.ID)
		return Event{Kind: Reopened, On: s.Today(), Note: reason}, map[string]any{"reason": reason}, err
	})
}

// touched records a change of a task's state in the trail: the task as it
// was and is, and what the change said.
func (s *Store) touched(ctx context.Context, tx *db.Tx, who audit.Actor, action string, before Task, what map[string]any) error {
	after, err := taskByID(ctx, tx, before.ID)
	if err != nil {
		return err
	}
	state := auditTask(after)
	state["change"] = what
	if err := audit.Record(ctx, tx, who, action, "task", before.ID, auditTask(before), state); err != nil {
		return err
	}
	return s.produce(ctx, tx, who, after.SourceOn, after.Deadline)
}

// addEvent writes a line of a task's timeline.
func addEvent(ctx context.Context, tx *db.Tx, who audit.Actor, e Event) error {
	_, err := tx.Exec(ctx, `INSERT INTO task_events (task_id, kind, happened_on, note, evidence, user_id, actor, record_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, e.TaskID, string(e.Kind), e.On, e.Note, e.Evidence, nullable(who.UserID),
		who.Name, nullable(e.RecordID), db.Now())
	return err
}

// Timeline is a task's events in order.
func (s *Store) Timeline(ctx context.Context, taskID int64) ([]Event, error) {
	rows, err := s.db.Query(ctx, `SELECT id, task_id, kind, happened_on, note, evidence, user_id, actor, record_id, created_at
		FROM task_events WHERE task_id = $1 ORDER BY happened_on, id`, taskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Event
	for rows.Next() {
		var e Event
		var user, record *int64
		if err := rows.Scan(&e.ID, &e.TaskID, &e.Kind, &e.On, &e.Note, &e.Evidence, &user, &e.Actor, &record, &e.CreatedAt); err != nil {
			return nil, err
		}
		if user != nil {
			e.UserID = *user
		}
		if record != nil {
			e.RecordID = *record
		}
		list = append(list, e)
	}
	return list, rows.Err()
}
