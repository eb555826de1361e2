package report

import (
	"context"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// SaveDraft stores what a unit typed into its grid. Cells that are still
// editable change (each change a new version); a cell already submitted is
// refused, and so is everything when the period is closed. All or nothing.
func (s *Store) SaveDraft(ctx context.Context, who audit.Actor, p Period, entries []Entry) error {
	if w := p.WindowAt(s.now()); w == Closed || w == NotOpen {
		return i18n.Invalid("", "figure.err.window_"+string(w))
	}
	return s.db.Write(ctx, func(tx *db.Tx) error { return s.saveDraft(ctx, tx, who, p, entries) })
}

// saveDraft is SaveDraft inside a transaction.
func (s *Store) saveDraft(ctx context.Context, tx *db.Tx, who audit.Actor, p Period, entries []Entry) error {
	current, err := figuresOf(ctx, tx, p.ID, entryIDs(entries, nil))
	if err != nil {
		return err
	}
	b := s.batch(ctx, tx, who)
	if err := stageDraft(b, p, entries, current); err != nil {
		return err
	}
	return b.flush()
}

// stageDraft queues the changes a save makes, and leaves in current each
// figure as the save leaves it.
func stageDraft(b *figureBatch, p Period, entries []Entry, current map[int64]Figure) error {
	problems := Problems{}
	for _, e := range entries {
		f, exists := current[e.AssignmentID]
		if e.Seen != nil && *e.Seen != f.Version && (!sameValue(f.Value, e.Value) || f.Explanation != strings.TrimSpace(e.Explanation)) {
			// Changed by someone else since this person looked (f is the
			// zero figure, version 0, when there is none).
			problems[e.AssignmentID] = i18n.M("figure.err.conflict", f.Version)
			continue
		}
		if exists && !f.Status.Editable() {
			if !sameValue(f.Value, e.Value) || f.Explanation != strings.TrimSpace(e.Explanation) {
				problems[e.AssignmentID] = i18n.M("figure.err.not_editable")
			}
			continue
		}
		next := Figure{AssignmentID: e.AssignmentID, PeriodID: p.ID, Value: e.Value,
			Explanation: strings.TrimSpace(e.Explanation), Status: Draft}
		switch {
		case exists && sameValue(f.Value, e.Value) && f.Explanation == next.Explanation:
			// nothing changed: no new version
		case exists:
			next.ID, next.Status, next.Reason = f.ID, f.Status, f.Reason
			current[e.AssignmentID] = b.put("edit", &f, next)
		case e.Value != nil || next.Explanation != "":
			current[e.AssignmentID] = b.put("edit", nil, next)
		}
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

// entryIDs lists the assignments of entries and then those of more, each once.
func entryIDs(entries []Entry, more []int64) []int64 {
	seen := make(map[int64]bool, len(entries)+len(more))
	ids := make([]int64, 0, len(entries)+len(more))
	add := func(id int64) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, e := range entries {
		add(e.AssignmentID)
	}
	for _, id := range more {
		add(id)
	}
	return ids
}

func sameValue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// Behind tells Submit whether a value is behind its 序时 target, in which
// case the unit must explain it before submitting.
type Behind func(assignmentID int64, value float64) bool

// Submit sends the grid's editable figures to the unit head. Every figure
// due must have a value, and one behind its 序时 target an explanation.
// After the deadline but within the grace window it is accepted as late.
func (s *Store) Submit(ctx context.Context, who audit.Actor, p Period, due []int64, behind Behind) error {
	return s.SaveAndSubmit(ctx, who, p, nil, due, behind)
}

// SaveAndSubmit stores what was typed and submits the grid in one
// transaction: both land, or neither. The save's versions and audit entry
// are kept as if saved first; each figure row is written once.
func (s *Store) SaveAndSubmit(ctx context.Context, who audit.Actor, p Period, entries []Entry, due []int64, behind Behind) error {
	w := p.WindowAt(s.now())
	if w == Closed || w == NotOpen {
		return i18n.Invalid("", "figure.err.window_"+string(w))
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		current, err := figuresOf(ctx, tx, p.ID, entryIDs(entries, due))
		if err != nil {
			return err
		}
		b := s.batch(ctx, tx, who)
		if err := stageDraft(b, p, entries, current); err != nil {
			return err
		}
		if err := stageSubmit(b, w, due, behind, current); err != nil {
			return err
		}
		return b.flush()
	})
}

// stageSubmit queues the submission of the figures due, as current holds
// them.
func stageSubmit(b *figureBatch, w Window, due []int64, behind Behind, current map[int64]Figure) error {
	problems := Problems{}
	for _, id := range due {
		f, ok := current[id]
		switch {
		case ok && !f.Status.Editable():
			continue
		case !ok || f.Value == nil:
			problems[id] = i18n.M("figure.err.missing")
		case behind != nil && behind(id, *f.Value) && f.Explanation == "":
			problems[id] = i18n.M("figure.err.explain")
		}
	}
	if len(problems) > 0 {
		return problems
	}
	now := b.now
	submitted := 0
	for _, id := range due {
		f := current[id]
		if !f.Status.Editable() {
			continue
		}
		next := f
		next.Status, next.Reason, next.Late, next.SubmittedAt = StepSubmit.To, "", w == Grace, &now
		current[id] = b.put(StepSubmit.Action, &f, next)
		submitted++
	}
	if submitted == 0 {
		return i18n.Invalid("", "figure.err.nothing_to_submit")
	}
	return nil
}

// move changes the status of the given figures from one of from to next;
// figures in another status are left alone, and none moving is an error.
func (s *Store) move(ctx context.Context, who audit.Actor, p Period, ids []int64, from []Status, next Status, action, reason string) error {
	if p.Locked {
		return i18n.Invalid("", "figure.err.window_closed")
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		current, err := figuresOf(ctx, tx, p.ID, ids)
		if err != nil {
			return err
		}
		moved := 0
		b := s.batch(ctx, tx, who)
		for _, id := range ids {
			f, ok := current[id]
			if !ok || !statusIn(f.Status, from) {
				continue
			}
			after := f
			after.Status, after.Reason = next, reason
			current[id] = b.put(action, &f, after)
			moved++
		}
		if moved == 0 {
			return i18n.Invalid("", "figure.err.nothing_to_"+action)
		}
		if err := b.flush(); err != nil {
			return err
		}
		if next == Returned {
			return tellReturned(ctx, tx, p, ids, reason)
		}
		return nil
	})
}

func statusIn(s Status, list []Status) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Confirm is the unit head confirming submitted figures.
func (s *Store) Confirm(ctx context.Context, who audit.Actor, p Period, ids []int64) error {
	return s.move(ctx, who, p, ids, StepConfirm.From, StepConfirm.To, StepConfirm.Action, "")
}

// Approve is the assessment office approving confirmed figures.
func (s *Store) Approve(ctx context.Context, who audit.Actor, p Period, ids []int64) error {
	return s.move(ctx, who, p, ids, StepApprove.From, StepApprove.To, StepApprove.Action, "")
}

// Return sends figures back to the unit with a reason: by the unit head
// (submitted ones) or by the assessment office (submitted or confirmed).
func (s *Store) Return(ctx context.Context, who audit.Actor, p Period, ids []int64, from []Status, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return i18n.Invalid("reason", "figure.err.reason")
	}
	return s.move(ctx, who, p, ids, from, StepReturn.To, StepReturn.Action, reason)
}

// Correct changes an approved figure, keeping the old value as a version
// with who, when and why. Only the assessment office corrects.
func (s *Store) Correct(ctx context.Context, who audit.Actor, p Period, assignmentID int64, value *float64, explanation, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return i18n.Invalid("reason", "figure.err.reason")
	}
	if value == nil {
		return i18n.Invalid("value", "figure.err.missing")
	}
	if p.Locked {
		return i18n.Invalid("", "figure.err.window_closed")
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		current, err := figuresOf(ctx, tx, p.ID, []int64{assignmentID})
		if err != nil {
			return err
		}
		f, ok := current[assignmentID]
		if !ok || f.Status != Approved {
			return i18n.Invalid("", "figure.err.not_approved")
		}
		after := f
		after.Value, after.Explanation, after.Reason = value, strings.TrimSpace(explanation), reason
		_, err = s.write(ctx, tx, who, &f, after, "correct")
		return err
	})
}
