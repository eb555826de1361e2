package attract

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Store reads and writes the leads.
type Store struct {
	db      *db.DB
	now     func() time.Time
	pending map[int]bool // years to refresh at the end of a Write; nil outside one
}

// NewStore gives a Store on d with the real clock.
func NewStore(d *db.DB) *Store { return &Store{db: d, now: db.Now} }

// SetClock replaces the clock (the demo pins 2019; tests pin a day).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

var chinaTime = time.FixedZone("CST", 8*3600)

// Today is the store's China date.
func (s *Store) Today() string { return s.now().In(chinaTime).Format(dateLayout) }

const leadColumns = `id, code, name, kind, channel, agency, flags, industry, expected_investment, arrived_investment,
	owner_unit_id, owner_user_id, owner_name, contact, note, stage, stage_on, received_on, responded_on, assessed_on,
	signed_on, project_id, created_at, updated_at`

func scanLead(r interface{ Scan(...any) error }) (Lead, error) {
	var l Lead
	var flags string
	var user, project *int64
	err := r.Scan(&l.ID, &l.Code, &l.Name, &l.Kind, &l.Channel, &l.Agency, &flags, &l.Industry, &l.ExpectedInvestment,
		&l.ArrivedInvestment, &l.OwnerUnitID, &user, &l.OwnerName, &l.Contact, &l.Note, &l.Stage, &l.StageOn, &l.ReceivedOn,
		&l.RespondedOn, &l.AssessedOn, &l.SignedOn, &project, &l.CreatedAt, &l.UpdatedAt)
	for _, f := range strings.Split(flags, ",") {
		if f != "" {
			l.Flags = append(l.Flags, Flag(f))
		}
	}
	if user != nil {
		l.OwnerUserID = *user
	}
	if project != nil {
		l.ProjectID = *project
	}
	return l, err
}

func joinFlags(fs []Flag) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = string(f)
	}
	return strings.Join(parts, ",")
}

func nullable(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Create registers a lead. A lead registered at a later stage than 线索
// (an office entering its running list) gets one move to that stage,
// dated StageOn, so that its history starts where the office says.
func (s *Store) Create(ctx context.Context, who audit.Actor, l Lead) (Lead, error) {
	err := s.Write(ctx, who, func(t *Tx) error {
		var err error
		l, err = t.Create(l)
		return err
	})
	return l, err
}

func (s *Store) create(ctx context.Context, tx *db.Tx, who audit.Actor, l Lead) (Lead, error) {
	if verr := l.validate(); verr != nil {
		return Lead{}, verr
	}
	if l.Stage == "" {
		l.Stage = Clue
	}
	if !l.Stage.Valid() {
		return Lead{}, i18n.Invalid("stage", "attract.err.stage", string(l.Stage))
	}
	if l.StageOn == "" {
		l.StageOn = l.ReceivedOn
	}
	today := s.Today()
	switch {
	case !validDate(l.StageOn) || l.StageOn < l.ReceivedOn:
		return Lead{}, i18n.Invalid("stage_on", "attract.err.stage_on", l.StageOn, l.ReceivedOn)
	case l.ReceivedOn > today || l.StageOn > today:
		return Lead{}, i18n.Invalid("received_on", "attract.err.future", max(l.ReceivedOn, l.StageOn), today)
	}
	if err := checkOwner(ctx, tx, &l); err != nil {
		return Lead{}, err
	}
	l.RespondedOn, l.AssessedOn, l.SignedOn, l.ProjectID = "", "", "", 0
	if l.Stage != Clue {
		// Whoever moved it on has answered and judged it by then.
		l.RespondedOn, l.AssessedOn = l.StageOn, l.StageOn
	}
	if l.Stage.Reached(Signed) {
		l.SignedOn = l.StageOn
	}
	l.CreatedAt = s.now()
	l.UpdatedAt = l.CreatedAt
	var err error
	l.ID, err = tx.Insert(ctx, `INSERT INTO leads (code, name, kind, channel, agency, flags, industry, expected_investment,
		arrived_investment, owner_unit_id, owner_user_id, owner_name, contact, note, stage, stage_on, received_on,
		responded_on, assessed_on, signed_on, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
		l.Code, l.Name, l.Kind, l.Channel, l.Agency, joinFlags(l.Flags), l.Industry, l.ExpectedInvestment,
		l.ArrivedInvestment, l.OwnerUnitID, nullable(l.OwnerUserID), l.OwnerName, l.Contact, l.Note, l.Stage, l.StageOn,
		l.ReceivedOn, l.RespondedOn, l.AssessedOn, l.SignedOn, l.CreatedAt, l.UpdatedAt)
	switch {
	case errors.Is(err, db.ErrConflict):
		return Lead{}, i18n.Invalid("code", "attract.err.code_taken", l.Code)
	case errors.Is(err, db.ErrConstraint):
		return Lead{}, i18n.Invalid("owner_unit", "attract.err.unit")
	case err != nil:
		return Lead{}, err
	}
	if l.Stage != Clue {
		if err := s.recordMove(ctx, tx, who, Move{LeadID: l.ID, From: Clue, To: l.Stage, On: l.StageOn,
			Reason: i18n.T(i18n.ZH, "attract.move.registered")}); err != nil {
			return Lead{}, err
		}
	}
	s.touch(l.SignedOn)
	return l, audit.Record(ctx, tx, who, "lead.create", "lead", l.ID, nil, l)
}

// checkOwner checks that the owner unit exists and that the owning user,
// when named, belongs to that unit or one beneath it; it fills in the
// person's name from the account.
func checkOwner(ctx context.Context, q db.Querier, l *Lead) error {
	var path string
	if err := q.QueryRow(ctx, "SELECT path FROM units WHERE id = $1", l.OwnerUnitID).Scan(&path); errors.Is(err, db.ErrNotFound) {
		return i18n.Invalid("owner_unit", "attract.err.unit")
	} else if err != nil {
		return err
	}
	if l.OwnerUserID == 0 {
		return nil
	}
	var name, userPath string
	err := q.QueryRow(ctx, "SELECT u.display_name, n.path FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = $1",
		l.OwnerUserID).Scan(&name, &userPath)
	if errors.Is(err, db.ErrNotFound) || err == nil && !strings.HasPrefix(userPath, path) {
		return i18n.Invalid("owner", "attract.err.owner")
	} else if err != nil {
		return err
	}
	if l.OwnerName == "" {
		l.OwnerName = name
	}
	return nil
}

// Update changes a lead's record: everything but its stage, dates and
// project, which move through MoveTo and Convert.
func (s *Store) Update(ctx context.Context, who audit.Actor, l Lead) (Lead, error) {
	err := s.Write(ctx, who, func(t *Tx) error {
		var err error
		l, err = t.Update(l)
		return err
	})
	return l, err
}

func (s *Store) update(ctx context.Context, tx *db.Tx, who audit.Actor, l Lead) (Lead, error) {
	before, err := leadByID(ctx, tx, l.ID)
	if err != nil {
		return Lead{}, err
	}
	l.ReceivedOn = before.ReceivedOn
	if verr := l.validate(); verr != nil {
		return Lead{}, verr
	}
	if err := checkOwner(ctx, tx, &l); err != nil {
		return Lead{}, err
	}
	l.Stage, l.StageOn, l.RespondedOn, l.AssessedOn = before.Stage, before.StageOn, before.RespondedOn, before.AssessedOn
	l.SignedOn, l.ProjectID, l.CreatedAt, l.UpdatedAt = before.SignedOn, before.ProjectID, before.CreatedAt, s.now()
	_, err = tx.Exec(ctx, `UPDATE leads SET code = $1, name = $2, kind = $3, channel = $4, agency = $5, flags = $6,
		industry = $7, expected_investment = $8, arrived_investment = $9, owner_unit_id = $10, owner_user_id = $11,
		owner_name = $12, contact = $13, note = $14, updated_at = $15 WHERE id = $16`,
		l.Code, l.Name, l.Kind, l.Channel, l.Agency, joinFlags(l.Flags), l.Industry, l.ExpectedInvestment,
		l.ArrivedInvestment, l.OwnerUnitID, nullable(l.OwnerUserID), l.OwnerName, l.Contact, l.Note, l.UpdatedAt, l.ID)
	switch {
	case errors.Is(err, db.ErrConflict):
		return Lead{}, i18n.Invalid("code", "attract.err.code_taken", l.Code)
	case errors.Is(err, db.ErrConstraint):
		return Lead{}, i18n.Invalid("owner_unit", "attract.err.unit")
	case err != nil:
		return Lead{}, err
	}
	if before.OwnerUnitID != l.OwnerUnitID || !slices.Equal(before.Flags, l.Flags) || before.Kind != l.Kind || before.Channel != l.Channel {
		s.touch(l.SignedOn) // a bound figure may count it elsewhere now
	}
	return l, audit.Record(ctx, tx, who, "lead.update", "lead", l.ID, before, l)
}

func leadByID(ctx context.Context, q db.Querier, id int64) (Lead, error) {
	return scanLead(q.QueryRow(ctx, "SELECT "+leadColumns+" FROM leads WHERE id = $1", id))
}

// Lead is the lead with id, or db.ErrNotFound.
func (s *Store) Lead(ctx context.Context, id int64) (Lead, error) { return leadByID(ctx, s.db, id) }

// ByCode is the lead with a code, or db.ErrNotFound.
func (s *Store) ByCode(ctx context.Context, code string) (Lead, error) {
	return scanLead(s.db.QueryRow(ctx, "SELECT "+leadColumns+" FROM leads WHERE code = $1", strings.TrimSpace(code)))
}

// ByProject is the lead a key project came from, or db.ErrNotFound.
func (s *Store) ByProject(ctx context.Context, projectID int64) (Lead, error) {
	return scanLead(s.db.QueryRow(ctx, "SELECT "+leadColumns+" FROM leads WHERE project_id = $1", projectID))
}
