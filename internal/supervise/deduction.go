package supervise

import (
	"context"
	"strconv"
	"strings"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// DeductionType is the type the assessment's records give a supervised
// task's deduction: events of one type are repeats in the scheme's rules.
const DeductionType = "督办事项逾期或重新办理"

// ProposeDeduction proposes to the assessment a deduction of points from
// the lead unit of a task that is overdue (red) or was reopened. The
// proposal is a record of the assessment's records module waiting for
// approval there, never a change of points by itself; the task's timeline
// links to it. It is written in the same transaction as the timeline's
// line: both or neither.
func (s *Store) ProposeDeduction(ctx context.Context, who audit.Actor, taskID int64, points, note string) (assess.Record, error) {
	note = strings.TrimSpace(note)
	var rec assess.Record
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		t, err := taskByID(ctx, tx, taskID)
		if err != nil {
			return err
		}
		rules, err := LoadRules(ctx, tx)
		if err != nil {
			return err
		}
		last, err := lastReports(ctx, tx, []int64{t.ID})
		if err != nil {
			return err
		}
		today := s.Today()
		light := Evaluate(t, last[t.ID], today, rules)
		if light.Colour != Red && t.Reopened == 0 {
			return i18n.Invalid("", "supervise.err.no_deduction", t.Code)
		}
		var pending int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM task_events e JOIN assessment_records r ON r.id = e.record_id
			WHERE e.task_id = $1 AND r.status = 'pending'`, t.ID).Scan(&pending); err != nil {
			return err
		}
		if pending > 0 {
			return i18n.Invalid("", "supervise.err.deduction_pending", t.Code)
		}
		why := "supervise.deduction.overdue"
		if light.Colour != Red {
			why = "supervise.deduction.reopened"
		}
		description := i18n.T(i18n.ZH, why, t.Deadline, light.RedDays, t.Reopened) + "：" + t.Content
		if note != "" {
			description += "（" + note + "）"
		}
		year, _ := strconv.Atoi(today[:4])
		records := assess.NewRecordStore(s.db)
		records.SetClock(s.now)
		rec, err = records.CreateIn(ctx, tx, who, year, assess.RecordInput{UnitID: t.LeadUnitID, Kind: assess.RecordDeduction,
			Name: "督办事项 " + t.Code, Type: DeductionType, Points: strings.TrimSpace(points), EventOn: today, Description: truncate(description, 2000)})
		if err != nil {
			return err
		}
		if err := addEvent(ctx, tx, who, Event{TaskID: t.ID, Kind: Deduction, On: today, Note: note, RecordID: rec.ID}); err != nil {
			return err
		}
		return s.touched(ctx, tx, who, "task.deduction", t, map[string]any{"record_id": rec.ID, "points": rec.Points})
	})
	return rec, err
}

// truncate cuts s to at most n characters.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
