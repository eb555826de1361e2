package supervise

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/settings"
)

// Store reads and writes supervised tasks and enterprise requests.
type Store struct {
	db  *db.DB
	now func() time.Time
}

// NewStore gives a Store on d with the real clock.
func NewStore(d *db.DB) *Store { return &Store{db: d, now: db.Now} }

// SetClock replaces the clock (the demo pins 2019; tests pin a day).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

var chinaTime = time.FixedZone("CST", 8*3600)

// Today is the store's China date.
func (s *Store) Today() string { return s.now().In(chinaTime).Format(dateLayout) }

// Settings keys of supervision.
const (
	SettingWarnDays     = "supervise.warn_days"     // blue this many days before the deadline (7)
	SettingEscalateDays = "supervise.escalate_days" // red this many days reaches the leader (3)
	SettingRequestDays  = "supervise.request_days"  // days a unit has to answer a request (5)
)

// LoadRules reads the colours' settings, the defaults where none is set.
func LoadRules(ctx context.Context, q db.Querier) (Rules, error) {
	r := DefaultRules
	for key, field := range map[string]*int{SettingWarnDays: &r.WarnDays, SettingEscalateDays: &r.EscalateDays} {
		v, err := settings.Get(ctx, q, key)
		if err != nil {
			return r, err
		}
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
			*field = n
		}
	}
	return r, nil
}

const taskColumns = `id, code, source_kind, source_title, source_number, source_on, content, lead_unit_id, leader_user_id,
	leader_name, deadline, frequency, status, closing_on, closed_on, reopened, created_at, updated_at`

func scanTask(r interface{ Scan(...any) error }) (Task, error) {
	var t Task
	var leader *int64
	err := r.Scan(&t.ID, &t.Code, &t.SourceKind, &t.SourceTitle, &t.SourceNumber, &t.SourceOn, &t.Content, &t.LeadUnitID,
		&leader, &t.LeaderName, &t.Deadline, &t.Frequency, &t.Status, &t.ClosingOn, &t.ClosedOn, &t.Reopened, &t.CreatedAt, &t.UpdatedAt)
	if leader != nil {
		t.LeaderUserID = *leader
	}
	return t, err
}

func nullable(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Task is one task with its cooperators and milestones, or db.ErrNotFound.
func (s *Store) Task(ctx context.Context, id int64) (Task, error) { return taskByID(ctx, s.db, id) }

// ByCode is the task with a code, or db.ErrNotFound.
func (s *Store) ByCode(ctx context.Context, code string) (Task, error) {
	var id int64
	if err := s.db.QueryRow(ctx, "SELECT id FROM tasks WHERE code = $1", strings.TrimSpace(code)).Scan(&id); err != nil {
		return Task{}, err
	}
	return taskByID(ctx, s.db, id)
}

func taskByID(ctx context.Context, q db.Querier, id int64) (Task, error) {
	t, err := scanTask(q.QueryRow(ctx, "SELECT "+taskColumns+" FROM tasks WHERE id = $1", id))
	if err != nil {
		return t, err
	}
	list := []Task{t}
	if err := fillTasks(ctx, q, list, "($1)", id); err != nil {
		return t, err
	}
	return list[0], nil
}

// fillTasks reads the cooperators and milestones of the tasks, which the
// subquery ids (with its args) selects: one id, or a list's whole
// selection, which the database reads in one pass rather than as a list
// of thousands of ids to parse.
func fillTasks(ctx context.Context, q db.Querier, list []Task, ids string, args ...any) error {
	if len(list) == 0 {
		return nil
	}
	index := make(map[int64]int, len(list))
	for i, t := range list {
		index[t.ID] = i
	}
	rows, err := q.Query(ctx, "SELECT task_id, unit_id FROM task_cooperators WHERE task_id IN "+ids+" ORDER BY task_id, unit_id", args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var task, unit int64
		if err := rows.Scan(&task, &unit); err != nil {
			rows.Close()
			return err
		}
		if i, ok := index[task]; ok {
			list[i].Cooperators = append(list[i].Cooperators, unit)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.Query(ctx, "SELECT task_id, id, seq, title, due_on, done_on FROM task_milestones WHERE task_id IN "+ids+" ORDER BY task_id, seq", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var task int64
		var m Milestone
		if err := rows.Scan(&task, &m.ID, &m.Seq, &m.Title, &m.DueOn, &m.DoneOn); err != nil {
			return err
		}
		if i, ok := index[task]; ok {
			list[i].Milestones = append(list[i].Milestones, m)
		}
	}
	return rows.Err()
}

// Create registers a task. A task without a code gets the next of its
// source's year, DB-2019-001 and on.
func (s *Store) Create(ctx context.Context, who audit.Actor, t Task) (Task, error) {
	if verr := t.normalise(); verr != nil {
		return t, verr
	}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		t, err = s.create(ctx, tx, who, t)
		return err
	})
	return t, err
}

func (s *Store) create(ctx context.Context, tx *db.Tx, who audit.Actor, t Task) (Task, error) {
	if err := checkUnits(ctx, tx, t); err != nil {
		return t, err
	}
	if t.Code == "" {
		code, err := nextCode(ctx, tx, t.SourceOn[:4])
		if err != nil {
			return t, err
		}
		t.Code = code
	} else if taken, err := exists(ctx, tx, "SELECT 1 FROM tasks WHERE code = $1", t.Code); err != nil {
		return t, err
	} else if taken {
		return t, i18n.Invalid("code", "supervise.err.code_taken", t.Code)
	}
	now := s.now()
	id, err := tx.Insert(ctx, `INSERT INTO tasks (code, source_kind, source_title, source_number, source_on, content, lead_unit_id,
		leader_user_id, leader_name, deadline, frequency, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
		t.Code, string(t.SourceKind), t.SourceTitle, t.SourceNumber, t.SourceOn, t.Content, t.LeadUnitID,
		nullable(t.LeaderUserID), t.LeaderName, t.Deadline, string(t.Frequency), string(Open), now)
	if err != nil {
		return t, err
	}
	if err := writeParts(ctx, tx, id, t); err != nil {
		return t, err
	}
	if err := addEvent(ctx, tx, who, Event{TaskID: id, Kind: Created, On: t.SourceOn}); err != nil {
		return t, err
	}
	t, err = taskByID(ctx, tx, id)
	if err != nil {
		return t, err
	}
	if err := audit.Record(ctx, tx, who, "task.create", "task", id, nil, auditTask(t)); err != nil {
		return t, err
	}
	return t, s.produce(ctx, tx, who, t.SourceOn, t.Deadline)
}

// Update changes a task's record, cooperators and milestones; the
// milestones already done keep their day.
func (s *Store) Update(ctx context.Context, who audit.Actor, t Task) (Task, error) {
	if verr := t.normalise(); verr != nil {
		return t, verr
	}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := taskByID(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		if err := checkUnits(ctx, tx, t); err != nil {
			return err
		}
		if t.Code == "" {
			t.Code = before.Code
		} else if t.Code != before.Code {
			if taken, err := exists(ctx, tx, "SELECT 1 FROM tasks WHERE code = $1", t.Code); err != nil {
				return err
			} else if taken {
				return i18n.Invalid("code", "supervise.err.code_taken", t.Code)
			}
		}
		done := map[string]string{}
		for _, m := range before.Milestones {
			done[m.Title] = m.DoneOn
		}
		for i := range t.Milestones {
			if t.Milestones[i].DoneOn == "" {
				t.Milestones[i].DoneOn = done[t.Milestones[i].Title]
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE tasks SET code = $1, source_kind = $2, source_title = $3, source_number = $4, source_on = $5,
			content = $6, lead_unit_id = $7, leader_user_id = $8, leader_name = $9, deadline = $10, frequency = $11, updated_at = $12
			WHERE id = $13`, t.Code, string(t.SourceKind), t.SourceTitle, t.SourceNumber, t.SourceOn, t.Content, t.LeadUnitID,
			nullable(t.LeaderUserID), t.LeaderName, t.Deadline, string(t.Frequency), s.now(), t.ID); err != nil {
			return err
		}
		for _, q := range []string{"DELETE FROM task_cooperators WHERE task_id = $1", "DELETE FROM task_milestones WHERE task_id = $1"} {
			if _, err := tx.Exec(ctx, q, t.ID); err != nil {
				return err
			}
		}
		if err := writeParts(ctx, tx, t.ID, t); err != nil {
			return err
		}
		if t, err = taskByID(ctx, tx, t.ID); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, who, "task.update", "task", t.ID, auditTask(before), auditTask(t)); err != nil {
			return err
		}
		return s.produce(ctx, tx, who, before.SourceOn, before.Deadline, t.SourceOn, t.Deadline)
	})
	return t, err
}

// writeParts writes a task's cooperators and milestones.
func writeParts(ctx context.Context, tx *db.Tx, id int64, t Task) error {
	for _, u := range t.Cooperators {
		if _, err := tx.Exec(ctx, "INSERT INTO task_cooperators (task_id, unit_id) VALUES ($1, $2)", id, u); err != nil {
			return err
		}
	}
	for _, m := range t.Milestones {
		if _, err := tx.Exec(ctx, "INSERT INTO task_milestones (task_id, seq, title, due_on, done_on) VALUES ($1, $2, $3, $4, $5)",
			id, m.Seq, m.Title, m.DueOn, m.DoneOn); err != nil {
			return err
		}
	}
	return nil
}

// checkUnits refuses inactive or unknown units and a leader without an
// active account.
func checkUnits(ctx context.Context, q db.Querier, t Task) error {
	for i, u := range append([]int64{t.LeadUnitID}, t.Cooperators...) {
		field := "cooperators"
		if i == 0 {
			field = "lead_unit"
		}
		if ok, err := exists(ctx, q, "SELECT 1 FROM units WHERE id = $1 AND active", u); err != nil {
			return err
		} else if !ok {
			return i18n.Invalid(field, "supervise.err.unit", u)
		}
	}
	if t.LeaderUserID != 0 {
		if ok, err := exists(ctx, q, "SELECT 1 FROM users WHERE id = $1 AND active", t.LeaderUserID); err != nil {
			return err
		} else if !ok {
			return i18n.Invalid("leader", "supervise.err.leader_user")
		}
	}
	return nil
}

func exists(ctx context.Context, q db.Querier, query string, args ...any) (bool, error) {
	var one int
	err := q.QueryRow(ctx, query, args...).Scan(&one)
	if errors.Is(err, db.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// nextCode is the next free code of a year: DB-2019-001, DB-2019-002, …
func nextCode(ctx context.Context, q db.Querier, year string) (string, error) {
	var n int
	if err := q.QueryRow(ctx, "SELECT COUNT(*) FROM tasks WHERE code LIKE $1", "DB-"+year+"-%").Scan(&n); err != nil {
		return "", err
	}
	for {
		n++
		code := fmt.Sprintf("DB-%s-%03d", year, n)
		if taken, err := exists(ctx, q, "SELECT 1 FROM tasks WHERE code = $1", code); err != nil || !taken {
			return code, err
		}
	}
}

// auditTask is what the trail keeps of a task: every field a person sets,
// so that the trail tells the task's state after each change.
func auditTask(t Task) map[string]any {
	ms := make([]map[string]string, len(t.Milestones))
	for i, m := range t.Milestones {
		ms[i] = map[string]string{"title": m.Title, "due_on": m.DueOn, "done_on": m.DoneOn}
	}
	return map[string]any{"code": t.Code, "source_kind": t.SourceKind, "source_title": t.SourceTitle, "source_number": t.SourceNumber,
		"source_on": t.SourceOn, "content": t.Content, "lead_unit_id": t.LeadUnitID, "cooperators": t.Cooperators,
		"leader_user_id": t.LeaderUserID, "leader_name": t.LeaderName, "deadline": t.Deadline, "frequency": t.Frequency,
		"milestones": ms, "status": t.Status, "closing_on": t.ClosingOn, "closed_on": t.ClosedOn, "reopened": t.Reopened}
}
