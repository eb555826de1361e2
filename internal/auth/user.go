package auth

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

// User is someone who signs in. Unit is the root of their scope.
type User struct {
	ID                 int64
	Login              string
	DisplayName        string
	Role               Role
	Unit               org.Unit
	Lang               i18n.Lang
	Active             bool
	MustChangePassword bool
	CreatedAt          time.Time
}

// Actor is the user as the audit trail names them, at address.
func (u *User) Actor(address string) audit.Actor {
	return audit.Actor{UserID: u.ID, Name: u.Login, Address: address}
}

// NewUser holds what is needed to add a user.
type NewUser struct {
	Login       string
	DisplayName string
	Role        Role
	UnitID      int64
	Password    string
	Lang        i18n.Lang
	// MustChange makes the user choose a new password at first sign-in.
	MustChange bool
}

func (n *NewUser) validate() *i18n.Error {
	n.Login = strings.TrimSpace(n.Login)
	n.DisplayName = strings.TrimSpace(n.DisplayName)
	if n.DisplayName == "" {
		n.DisplayName = n.Login
	}
	switch {
	case n.Login == "":
		return i18n.Invalid("login", "user.err.login_required")
	case utf8.RuneCountInString(n.Login) > 64 || strings.ContainsAny(n.Login, " \t\r\n/\\\"'<>"):
		return i18n.Invalid("login", "user.err.login_format")
	case !n.Role.Valid():
		return i18n.Invalid("role", "user.err.role")
	case n.UnitID == 0:
		return i18n.Invalid("unit", "user.err.unit_required")
	}
	if err := checkPasswordRules(n.Password); err != nil {
		return passwordError("password", err)
	}
	return nil
}

func passwordError(field string, err error) *i18n.Error {
	if errors.Is(err, ErrPasswordTooLong) {
		return i18n.Invalid(field, "user.err.password_long")
	}
	return i18n.Invalid(field, "user.err.password_short", MinPasswordLen)
}

// Users reads and writes users, sessions and tokens.
type Users struct {
	db  *db.DB
	now func() time.Time
	// SessionIdle ends a session nobody has used for this long.
	SessionIdle time.Duration
	// SessionMax ends every session this long after sign-in.
	SessionMax time.Duration
}

// NewUsers gives the user store on d with the default session lifetimes.
func NewUsers(d *db.DB) *Users {
	return &Users{db: d, now: db.Now, SessionIdle: 2 * time.Hour, SessionMax: 12 * time.Hour}
}

// SetClock replaces the clock, for tests of expiry and throttling.
func (s *Users) SetClock(now func() time.Time) { s.now = now }

const userColumns = `u.id, u.login, u.display_name, u.role, u.lang, u.active, u.must_change_password, u.created_at,
	n.id, n.code, n.name, n.kind, n.class, COALESCE(n.parent_id, 0), n.path, n.sort_order, n.active, n.created_at, n.updated_at`

const userFrom = ` FROM users u JOIN units n ON n.id = u.unit_id`

type scanner interface{ Scan(...any) error }

func scanUser(r scanner) (*User, error) {
	u := &User{}
	var role, lang, kind string
	err := r.Scan(&u.ID, &u.Login, &u.DisplayName, &role, &lang, &u.Active, &u.MustChangePassword, &u.CreatedAt,
		&u.Unit.ID, &u.Unit.Code, &u.Unit.Name, &kind, &u.Unit.Class, &u.Unit.ParentID, &u.Unit.Path, &u.Unit.Order,
		&u.Unit.Active, &u.Unit.CreatedAt, &u.Unit.UpdatedAt)
	if err != nil {
		return nil, err
	}
	u.Role, u.Lang, u.Unit.Kind = Role(role), i18n.Parse(lang), org.Kind(kind)
	return u, nil
}

// Get returns the user with id, or db.ErrNotFound.
func (s *Users) Get(ctx context.Context, id int64) (*User, error) {
	return scanUser(s.db.QueryRow(ctx, "SELECT "+userColumns+userFrom+" WHERE u.id = $1", id))
}

// ByLogin returns the user with a login name, or db.ErrNotFound.
func (s *Users) ByLogin(ctx context.Context, login string) (*User, error) {
	return scanUser(s.db.QueryRow(ctx, "SELECT "+userColumns+userFrom+" WHERE u.login = $1", strings.TrimSpace(login)))
}

// List returns the users whose unit lies within scope, by unit then login.
func (s *Users) List(ctx context.Context, scope org.Unit) ([]*User, error) {
	rows, err := s.db.Query(ctx, "SELECT "+userColumns+userFrom+" WHERE n.path LIKE $1 ORDER BY n.path, u.login", scope.Path+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, u)
	}
	return list, rows.Err()
}

// Count reports how many users exist.
func (s *Users) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&n)
	return n, err
}

// Create adds a user.
func (s *Users) Create(ctx context.Context, who audit.Actor, n NewUser) (*User, error) {
	if verr := n.validate(); verr != nil {
		return nil, verr
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	if n.Lang == "" {
		n.Lang = i18n.Default
	}
	var id int64
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		now := s.now()
		var err error
		id, err = tx.Insert(ctx, `INSERT INTO users (login, display_name, role, unit_id, password_hash, lang, active, must_change_password, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $8, $8)`, n.Login, n.DisplayName, string(n.Role), n.UnitID, hash, string(n.Lang), n.MustChange, now)
		switch {
		case errors.Is(err, db.ErrConflict):
			return i18n.Invalid("login", "user.err.login_taken", n.Login)
		case errors.Is(err, db.ErrConstraint):
			return i18n.Invalid("unit", "user.err.unit_required")
		case err != nil:
			return err
		}
		after, err := userState(ctx, tx, id)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "user.create", "user", id, nil, after)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, id)
}
