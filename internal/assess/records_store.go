package assess

import (
	"context"
	"errors"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// RecordStore keeps bonus, deduction and veto records with their evidence
// and approval.
type RecordStore struct {
	db  *db.DB
	now func() time.Time
}

// NewRecordStore gives a RecordStore on d.
func NewRecordStore(d *db.DB) *RecordStore { return &RecordStore{db: d, now: db.Now} }

// SetClock replaces the clock, so that the demo's records carry 2019's dates.
func (s *RecordStore) SetClock(now func() time.Time) {
	s.now = func() time.Time { return now().UTC().Truncate(time.Microsecond) }
}

const recordColumns = `r.id, r.year, r.unit_id, n.code, n.name, n.path, r.kind, r.level, r.veto, r.name, r.type, r.points, r.item,
	r.event_on, r.description, r.status, r.reason, r.created_at, COALESCE(r.created_by, 0), COALESCE(c.display_name, ''),
	COALESCE(r.updated_by, 0), r.decided_at, COALESCE(r.decided_by, 0), COALESCE(d.display_name, ''),
	r.revoked_at, COALESCE(v.display_name, '')`

const recordFrom = ` FROM assessment_records r JOIN units n ON n.id = r.unit_id
	LEFT JOIN users c ON c.id = r.created_by LEFT JOIN users d ON d.id = r.decided_by
	LEFT JOIN users v ON v.id = r.revoked_by`

func scanRecord(row interface{ Scan(...any) error }) (Record, error) {
	var r Record
	var kind, status string
	var decided, revoked *time.Time
	err := row.Scan(&r.ID, &r.Year, &r.UnitID, &r.UnitCode, &r.UnitName, &r.UnitPath, &kind, &r.Level, &r.Veto, &r.Name,
		&r.Type, &r.Points, &r.Item, &r.EventOn, &r.Description, &status, &r.Reason, &r.CreatedAt, &r.CreatedBy,
		&r.CreatedName, &r.UpdatedBy, &decided, &r.DecidedBy, &r.DecidedName, &revoked, &r.RevokedName)
	r.Kind, r.Status = RecordKind(kind), RecordStatus(status)
	if decided != nil {
		r.DecidedAt = *decided
	}
	if revoked != nil {
		r.RevokedAt = *revoked
	}
	return r, err
}

// Get returns one record, or db.ErrNotFound.
func (s *RecordStore) Get(ctx context.Context, id int64) (Record, error) {
	return getRecord(ctx, s.db, id)
}

func getRecord(ctx context.Context, q db.Querier, id int64) (Record, error) {
	return scanRecord(q.QueryRow(ctx, "SELECT "+recordColumns+recordFrom+" WHERE r.id = $1", id))
}

// Create enters a record for year; it waits for approval.
func (s *RecordStore) Create(ctx context.Context, who audit.Actor, year int, in RecordInput) (Record, error) {
	var rec Record
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		rec, err = s.CreateIn(ctx, tx, who, year, in)
		return err
	})
	return rec, err
}

// CreateIn is Create inside a transaction of the caller's: a module that
// proposes a record (an overdue supervised task's deduction) writes it
// with its own change, both or neither.
func (s *RecordStore) CreateIn(ctx context.Context, tx *db.Tx, who audit.Actor, year int, in RecordInput) (Record, error) {
	if verr := in.normalise(year); verr != nil {
		return Record{}, verr
	}
	if err := activeUnit(ctx, tx, in.UnitID); err != nil {
		return Record{}, err
	}
	at, by := s.now(), userRef(who)
	id, err := tx.Insert(ctx, `INSERT INTO assessment_records (year, unit_id, kind, level, veto, name, type, points, item,
		event_on, description, status, created_at, created_by, updated_at, updated_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, $14)`,
		year, in.UnitID, string(in.Kind), in.Level, in.Veto, in.Name, in.Type, in.Points, in.Item,
		in.EventOn, in.Description, string(RecordPending), at, by)
	if err != nil {
		return Record{}, err
	}
	rec, err := getRecord(ctx, tx, id)
	if err != nil {
		return rec, err
	}
	return rec, audit.Record(ctx, tx, who, "record.create", "assessment_record", id, nil, auditRecord(rec))
}

// Update changes a record still waiting for approval; a decided record is
// refused.
func (s *RecordStore) Update(ctx context.Context, who audit.Actor, id int64, in RecordInput) (Record, error) {
	var rec Record
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := pendingRecord(ctx, tx, id)
		if err != nil {
			return err
		}
		if verr := in.normalise(before.Year); verr != nil {
			return verr
		}
		if err := activeUnit(ctx, tx, in.UnitID); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE assessment_records SET unit_id = $1, kind = $2, level = $3, veto = $4, name = $5, type = $6,
			points = $7, item = $8, event_on = $9, description = $10, updated_at = $11, updated_by = $12 WHERE id = $13`,
			in.UnitID, string(in.Kind), in.Level, in.Veto, in.Name, in.Type, in.Points, in.Item, in.EventOn, in.Description,
			s.now(), userRef(who), id)
		if err != nil {
			return err
		}
		if rec, err = getRecord(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "record.update", "assessment_record", id, auditRecord(before), auditRecord(rec))
	})
	return rec, err
}

// pendingRecord reads a record for a change, refusing one already decided.
func pendingRecord(ctx context.Context, tx *db.Tx, id int64) (Record, error) {
	var locked int64
	if err := tx.QueryRow(ctx, "SELECT id FROM assessment_records WHERE id = $1"+tx.Dialect().ForUpdate(), id).Scan(&locked); err != nil {
		return Record{}, err
	}
	rec, err := getRecord(ctx, tx, id)
	if err == nil && rec.Decided() {
		return rec, i18n.Invalid("", "record.err.decided")
	}
	return rec, err
}

// activeUnit refuses a unit that does not exist, is no longer active or
// belongs to no assessment class (the zone itself).
func activeUnit(ctx context.Context, tx *db.Tx, id int64) error {
	var active bool
	var class string
	err := tx.QueryRow(ctx, "SELECT active, class FROM units WHERE id = $1", id).Scan(&active, &class)
	if errors.Is(err, db.ErrNotFound) || (err == nil && (!active || class == "")) {
		return i18n.Invalid("unit", "record.err.unit")
	}
	return err
}

// userRef is the actor's user id for a column, NULL for the system.
func userRef(who audit.Actor) any {
	if who.UserID == 0 {
		return nil
	}
	return who.UserID
}

// auditRecord is what the audit trail keeps of a record: the whole record
// as the replay compares it (recordState), and the unit's code for people
// reading the trail.
func auditRecord(r Record) any {
	return struct {
		recordState
		UnitCode string `json:"unit"`
	}{stateOfRecord(r), r.UnitCode}
}
