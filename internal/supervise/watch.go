package supervise

import (
	"context"
	"strconv"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
)

// Events of a task's timeline that no person writes: Watch writes them
// when it finds a task turned red or escalated.
const (
	TurnedRed EventKind = "turned_red" // past its deadline, not done
	Escalated EventKind = "escalated"  // red for the escalation days: the leader is told
)

// WatchSummary is what one Watch did.
type WatchSummary struct {
	TurnedRed, Escalated int
}

// Watch looks at the open tasks on today, as the server does every few
// minutes: a task that has turned red since it was last given or reopened
// gets its timeline's line, dated the day after its deadline, and the lead
// unit's people are told; one red for the escalation days gets its line
// and its responsible leader is told. Each is told once: the timeline's
// line is the record of it. The year's bound figures are produced again,
// since a colour changes as days pass. who is the system.
func (s *Store) Watch(ctx context.Context, who audit.Actor) (WatchSummary, error) {
	var sum WatchSummary
	rows, _, err := s.List(ctx, Filter{Status: Open})
	if err != nil {
		return sum, err
	}
	rules, err := LoadRules(ctx, s.db)
	if err != nil {
		return sum, err
	}
	for _, r := range rows {
		if r.Light.Colour != Red {
			continue
		}
		err := s.db.Write(ctx, func(tx *db.Tx) error {
			told, err := toldSince(ctx, tx, r.ID)
			if err != nil {
				return err
			}
			if !told[TurnedRed] {
				if err := s.tell(ctx, tx, who, r.Task, TurnedRed, addDays(r.Deadline, 1)); err != nil {
					return err
				}
				sum.TurnedRed++
			}
			if r.Light.Escalated && !told[Escalated] {
				if err := s.tell(ctx, tx, who, r.Task, Escalated, addDays(r.Deadline, rules.EscalateDays)); err != nil {
					return err
				}
				sum.Escalated++
			}
			return nil
		})
		if err != nil {
			return sum, err
		}
	}
	year, _ := strconv.Atoi(s.Today()[:4])
	return sum, s.Refresh(ctx, who, year)
}

// toldSince is which of TurnedRed and Escalated a task's timeline holds
// since it was last reopened.
func toldSince(ctx context.Context, tx *db.Tx, taskID int64) (map[EventKind]bool, error) {
	rows, err := tx.Query(ctx, `SELECT kind FROM task_events WHERE task_id = $1 AND kind IN ($2, $3)
		AND id > COALESCE((SELECT MAX(id) FROM task_events WHERE task_id = $1 AND kind = $4), 0)`,
		taskID, string(TurnedRed), string(Escalated), string(Reopened))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[EventKind]bool{}
	for rows.Next() {
		var k EventKind
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}

// tell writes a task's line and its notification: to the lead unit's
// reporters and head when it turns red, to its leader when escalated.
func (s *Store) tell(ctx context.Context, tx *db.Tx, who audit.Actor, t Task, kind EventKind, on string) error {
	on = min(on, s.Today())
	if err := addEvent(ctx, tx, who, Event{TaskID: t.ID, Kind: kind, On: on}); err != nil {
		return err
	}
	var users []int64
	title := "supervise.notify.red"
	if kind == Escalated {
		if t.LeaderUserID == 0 {
			return nil
		}
		users, title = []int64{t.LeaderUserID}, "supervise.notify.escalated"
	} else {
		var err error
		if users, err = notify.UnitUsers(ctx, tx, t.LeadUnitID, "reporter", "unit_head"); err != nil {
			return err
		}
	}
	return notify.Enqueue(ctx, tx, notify.Message{Kind: notify.TaskRed, Title: i18n.M(title, t.Code),
		Body: i18n.M("supervise.notify.red_body", t.Content, t.Deadline), Link: "/tasks/" + strconv.FormatInt(t.ID, 10),
		Users: users, UnitID: t.LeadUnitID})
}
