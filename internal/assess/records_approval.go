package assess

import (
	"context"
	"strings"
	"unicode/utf8"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Approve lets a pending record count in the results. The approver must be
// someone other than whoever entered or last changed it (four eyes).
func (s *RecordStore) Approve(ctx context.Context, who audit.Actor, id int64) (Record, error) {
	return s.decide(ctx, who, id, RecordApproved, "")
}

// Reject refuses a pending record, with a reason the unit can read.
func (s *RecordStore) Reject(ctx context.Context, who audit.Actor, id int64, reason string) (Record, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return Record{}, i18n.Invalid("reason", "record.err.reason")
	}
	return s.decide(ctx, who, id, RecordRejected, reason)
}

func (s *RecordStore) decide(ctx context.Context, who audit.Actor, id int64, to RecordStatus, reason string) (Record, error) {
	var rec Record
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := pendingRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if who.UserID == 0 || who.UserID == before.CreatedBy || who.UserID == before.UpdatedBy {
			return i18n.Invalid("", "record.err.four_eyes")
		}
		_, err = tx.Exec(ctx, `UPDATE assessment_records SET status = $1, reason = $2, decided_at = $3, decided_by = $4 WHERE id = $5`,
			string(to), reason, s.now(), who.UserID, id)
		if err != nil {
			return err
		}
		if rec, err = getRecord(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "record."+actionOf[to], "assessment_record", id, auditRecord(before), auditRecord(rec))
	})
	return rec, err
}

var actionOf = map[RecordStatus]string{RecordApproved: "approve", RecordRejected: "reject", RecordRevoked: "revoke"}

// Revoke withdraws an approved record, with a reason: it stops counting
// from the next computation, and the trail keeps what it was. Correcting a
// record means revoking it and entering a new one.
func (s *RecordStore) Revoke(ctx context.Context, who audit.Actor, id int64, reason string) (Record, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 500 {
		return Record{}, i18n.Invalid("reason", "record.err.reason")
	}
	var rec Record
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var locked int64
		if err := tx.QueryRow(ctx, "SELECT id FROM assessment_records WHERE id = $1"+tx.Dialect().ForUpdate(), id).Scan(&locked); err != nil {
			return err
		}
		before, err := getRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Status != RecordApproved {
			return i18n.Invalid("", "record.err.not_approved")
		}
		_, err = tx.Exec(ctx, `UPDATE assessment_records SET status = $1, reason = $2, revoked_at = $3, revoked_by = $4 WHERE id = $5`,
			string(RecordRevoked), reason, s.now(), userRef(who), id)
		if err != nil {
			return err
		}
		if rec, err = getRecord(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "record.revoke", "assessment_record", id, auditRecord(before), auditRecord(rec))
	})
	return rec, err
}
