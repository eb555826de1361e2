package enterprise

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Store reads and writes the registry.
type Store struct {
	db  *db.DB
	now func() time.Time
}

// NewStore gives a Store on d with the real clock.
func NewStore(d *db.DB) *Store { return &Store{db: d, now: db.Now} }

// SetClock replaces the clock (the demo pins 2019; tests pin a day).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

var chinaTime = time.FixedZone("CST", 8*3600)

const dateLayout = "2006-01-02"

// Today is the store's China date.
func (s *Store) Today() string { return s.now().In(chinaTime).Format(dateLayout) }

const enterpriseColumns = "id, credit_code, name, unit_id, industry, address, created_at, updated_at"

func scanEnterprise(r interface{ Scan(...any) error }) (Enterprise, error) {
	var e Enterprise
	err := r.Scan(&e.ID, &e.CreditCode, &e.Name, &e.UnitID, &e.Industry, &e.Address, &e.CreatedAt, &e.UpdatedAt)
	return e, err
}

// check tidies a record and says what is wrong with it.
func (e *Enterprise) check() *i18n.Error {
	code, verr := ParseCreditCode(e.CreditCode)
	if verr != nil {
		return verr
	}
	e.CreditCode = code
	e.Name, e.Industry, e.Address = strings.TrimSpace(e.Name), strings.TrimSpace(e.Industry), strings.TrimSpace(e.Address)
	switch {
	case e.Name == "" || utf8.RuneCountInString(e.Name) > 200:
		return i18n.Invalid("name", "enterprise.err.name")
	case e.UnitID == 0:
		return i18n.Invalid("unit", "enterprise.err.unit")
	}
	return nil
}

// Create adds a firm; its credit code must be valid and new.
func (s *Store) Create(ctx context.Context, who audit.Actor, e Enterprise) (Enterprise, error) {
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		if e, err = s.create(ctx, tx, who, e); err != nil {
			return err
		}
		return s.refresh(ctx, tx, who)
	})
	return e, err
}

func (s *Store) create(ctx context.Context, tx *db.Tx, who audit.Actor, e Enterprise) (Enterprise, error) {
	if verr := e.check(); verr != nil {
		return Enterprise{}, verr
	}
	e.CreatedAt = s.now()
	e.UpdatedAt = e.CreatedAt
	var err error
	e.ID, err = tx.Insert(ctx, `INSERT INTO enterprises (credit_code, name, unit_id, industry, address, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, e.CreditCode, e.Name, e.UnitID, e.Industry, e.Address, e.CreatedAt, e.UpdatedAt)
	switch {
	case errors.Is(err, db.ErrConflict):
		return Enterprise{}, i18n.Invalid("credit_code", "enterprise.err.code_taken", e.CreditCode)
	case errors.Is(err, db.ErrConstraint):
		return Enterprise{}, i18n.Invalid("unit", "enterprise.err.unit")
	case err != nil:
		return Enterprise{}, err
	}
	return e, audit.Record(ctx, tx, who, "enterprise.create", "enterprise", e.ID, nil, e)
}

// Update changes a firm's record. Its credit code may be corrected, to a
// valid code no other firm holds.
func (s *Store) Update(ctx context.Context, who audit.Actor, e Enterprise) (Enterprise, error) {
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		if e, err = s.update(ctx, tx, who, e); err != nil {
			return err
		}
		return s.refresh(ctx, tx, who) // the firm may have moved to another unit
	})
	return e, err
}

func (s *Store) update(ctx context.Context, tx *db.Tx, who audit.Actor, e Enterprise) (Enterprise, error) {
	before, err := scanEnterprise(tx.QueryRow(ctx, "SELECT "+enterpriseColumns+" FROM enterprises WHERE id = $1", e.ID))
	if err != nil {
		return Enterprise{}, err
	}
	if verr := e.check(); verr != nil {
		return Enterprise{}, verr
	}
	e.CreatedAt, e.UpdatedAt = before.CreatedAt, s.now()
	_, err = tx.Exec(ctx, `UPDATE enterprises SET credit_code = $1, name = $2, unit_id = $3, industry = $4, address = $5,
		updated_at = $6 WHERE id = $7`, e.CreditCode, e.Name, e.UnitID, e.Industry, e.Address, e.UpdatedAt, e.ID)
	switch {
	case errors.Is(err, db.ErrConflict):
		return Enterprise{}, i18n.Invalid("credit_code", "enterprise.err.code_taken", e.CreditCode)
	case errors.Is(err, db.ErrConstraint):
		return Enterprise{}, i18n.Invalid("unit", "enterprise.err.unit")
	case err != nil:
		return Enterprise{}, err
	}
	return e, audit.Record(ctx, tx, who, "enterprise.update", "enterprise", e.ID, before, e)
}

// Get is the firm with id, or db.ErrNotFound.
func (s *Store) Get(ctx context.Context, id int64) (Enterprise, error) {
	return scanEnterprise(s.db.QueryRow(ctx, "SELECT "+enterpriseColumns+" FROM enterprises WHERE id = $1", id))
}

// ByCode is the firm with a credit code (as typed), or db.ErrNotFound.
func (s *Store) ByCode(ctx context.Context, code string) (Enterprise, error) {
	return scanEnterprise(s.db.QueryRow(ctx, "SELECT "+enterpriseColumns+" FROM enterprises WHERE credit_code = $1", normalize(code)))
}

// SetYear stores a firm's figures for a year, replacing earlier ones.
func (s *Store) SetYear(ctx context.Context, who audit.Actor, y Year) error {
	return s.db.Write(ctx, func(tx *db.Tx) error { return s.setYear(ctx, tx, who, y) })
}

func (s *Store) setYear(ctx context.Context, tx *db.Tx, who audit.Actor, y Year) error {
	switch {
	case y.Year < 2000 || y.Year > 2100:
		return i18n.Invalid("year", "enterprise.err.year")
	case y.Revenue != nil && *y.Revenue < 0, y.RDSpend != nil && *y.RDSpend < 0,
		y.Employees != nil && *y.Employees < 0, y.Patents != nil && *y.Patents < 0:
		return i18n.Invalid("revenue", "enterprise.err.negative")
	}
	var before *Year
	if old, err := yearOf(ctx, tx, y.EnterpriseID, y.Year); err == nil {
		before = &old
	} else if !errors.Is(err, db.ErrNotFound) {
		return err
	}
	var err error
	if before == nil {
		_, err = tx.Insert(ctx, `INSERT INTO enterprise_years (enterprise_id, year, revenue, employees, rd_spend, patents)
			VALUES ($1, $2, $3, $4, $5, $6)`, y.EnterpriseID, y.Year, y.Revenue, y.Employees, y.RDSpend, y.Patents)
	} else {
		_, err = tx.Exec(ctx, `UPDATE enterprise_years SET revenue = $1, employees = $2, rd_spend = $3, patents = $4
			WHERE enterprise_id = $5 AND year = $6`, y.Revenue, y.Employees, y.RDSpend, y.Patents, y.EnterpriseID, y.Year)
	}
	if errors.Is(err, db.ErrConstraint) {
		return i18n.Invalid("", "enterprise.err.unknown")
	} else if err != nil {
		return err
	}
	return audit.Record(ctx, tx, who, "enterprise.year", "enterprise", y.EnterpriseID, before, y)
}

func yearOf(ctx context.Context, q db.Querier, id int64, year int) (Year, error) {
	y := Year{EnterpriseID: id, Year: year}
	err := q.QueryRow(ctx, "SELECT revenue, employees, rd_spend, patents FROM enterprise_years WHERE enterprise_id = $1 AND year = $2",
		id, year).Scan(&y.Revenue, &y.Employees, &y.RDSpend, &y.Patents)
	return y, err
}

// YearOf is a firm's figures for a year, or db.ErrNotFound.
func (s *Store) YearOf(ctx context.Context, id int64, year int) (Year, error) {
	return yearOf(ctx, s.db, id, year)
}
