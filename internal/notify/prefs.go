package notify

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Preferences returns what the user chose, or the defaults when they
// never saved any: no address, every kind ticked.
func (s *Store) Preferences(ctx context.Context, userID int64) (Preferences, error) {
	return preferences(ctx, s.db, userID)
}

func preferences(ctx context.Context, q db.Querier, userID int64) (Preferences, error) {
	p := Preferences{UserID: userID}
	var kinds string
	var updated time.Time
	err := q.QueryRow(ctx, "SELECT email, email_kinds, updated_at FROM notify_prefs WHERE user_id = $1", userID).
		Scan(&p.Email, &kinds, &updated)
	switch {
	case errors.Is(err, db.ErrNotFound):
		p.EmailKinds = append([]Kind(nil), Kinds...)
		return p, nil
	case err != nil:
		return Preferences{}, err
	}
	p.EmailKinds, p.UpdatedAt = splitKinds(kinds), updated
	return p, nil
}

// SetPreferences stores what the user chose. The address is checked;
// kinds are kept in the order of Kinds.
func (s *Store) SetPreferences(ctx context.Context, who audit.Actor, p Preferences) (Preferences, error) {
	p.Email = strings.TrimSpace(p.Email)
	if p.Email != "" && !validAddress(p.Email) {
		return Preferences{}, i18n.Invalid("email", "notify.err.email", p.Email)
	}
	for _, k := range p.EmailKinds {
		if !k.Valid() {
			return Preferences{}, i18n.Invalid("email_kinds", "notify.err.kind", string(k))
		}
	}
	p.EmailKinds = splitKinds(joinKinds(p.EmailKinds))
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var exists int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM users WHERE id = $1", p.UserID).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return db.ErrNotFound
		}
		before, err := preferences(ctx, tx, p.UserID)
		if err != nil {
			return err
		}
		p.UpdatedAt = s.now()
		if _, err := tx.Exec(ctx, "DELETE FROM notify_prefs WHERE user_id = $1", p.UserID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO notify_prefs (user_id, email, email_kinds, updated_at) VALUES ($1, $2, $3, $4)",
			p.UserID, p.Email, joinKinds(p.EmailKinds), p.UpdatedAt); err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "notify.prefs.set", "user", p.UserID, before.public(), p.public())
	})
	return p, err
}

func (p Preferences) public() map[string]any {
	return map[string]any{"email": p.Email, "email_kinds": joinKinds(p.EmailKinds)}
}

// validAddress accepts a bare address, local@domain, as a user types it
// into a form: no display name, no spaces, nothing an SMTP server would
// read as a second command.
func validAddress(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " \t\r\n<>\"") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && domain != "" && !strings.HasPrefix(domain, ".") &&
		!strings.HasSuffix(domain, ".") && !strings.Contains(domain, "..")
}
