package auth

import (
	"context"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// ChangePassword sets a user's own new password after checking the old one.
// Every other session of the user ends.
func (s *Users) ChangePassword(ctx context.Context, who audit.Actor, u *User, old, next, keepSession string) error {
	var hash string
	if err := s.db.QueryRow(ctx, "SELECT password_hash FROM users WHERE id = $1", u.ID).Scan(&hash); err != nil {
		return err
	}
	if !CheckPassword(hash, old) {
		return i18n.Invalid("old", "user.err.old_password")
	}
	if err := checkPasswordRules(next); err != nil {
		return passwordError("new", err)
	}
	if old == next {
		return i18n.Invalid("new", "user.err.password_same")
	}
	return s.setPassword(ctx, who, u.ID, next, false, "user.password_change", keepSession)
}

// ResetPassword is an administrator setting a temporary password, which the
// user must change at next sign-in. All the user's sessions end.
func (s *Users) ResetPassword(ctx context.Context, who audit.Actor, userID int64, temporary string) error {
	if err := checkPasswordRules(temporary); err != nil {
		return passwordError("password", err)
	}
	return s.setPassword(ctx, who, userID, temporary, true, "user.password_reset", "")
}

func (s *Users) setPassword(ctx context.Context, who audit.Actor, userID int64, pw string, mustChange bool, action, keepSession string) error {
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		n, err := tx.Exec(ctx, "UPDATE users SET password_hash = $1, must_change_password = $2, updated_at = $3 WHERE id = $4",
			hash, mustChange, s.now(), userID)
		if err != nil {
			return err
		}
		if n == 0 {
			return db.ErrNotFound
		}
		if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = $1 AND id <> $2", userID, sessionID(keepSession)); err != nil {
			return err
		}
		// The hash itself never enters the trail.
		return audit.Record(ctx, tx, who, action, "user", userID, nil, map[string]any{"must_change_password": mustChange})
	})
}

// SetLang stores the user's language.
func (s *Users) SetLang(ctx context.Context, who audit.Actor, userID int64, lang i18n.Lang) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		var old string
		if err := tx.QueryRow(ctx, "SELECT lang FROM users WHERE id = $1", userID).Scan(&old); err != nil {
			return err
		}
		if old == string(lang) {
			return nil
		}
		if _, err := tx.Exec(ctx, "UPDATE users SET lang = $1, updated_at = $2 WHERE id = $3", string(lang), s.now(), userID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "user.lang", "user", userID, map[string]string{"lang": old}, map[string]string{"lang": string(lang)})
	})
}

// SetActive disables or re-enables an account. Disabling ends its sessions
// and its tokens stop working (lookups check the user is active).
func (s *Users) SetActive(ctx context.Context, who audit.Actor, userID int64, active bool) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		n, err := tx.Exec(ctx, "UPDATE users SET active = $1, updated_at = $2 WHERE id = $3", active, s.now(), userID)
		if err != nil {
			return err
		}
		if n == 0 {
			return db.ErrNotFound
		}
		if !active {
			if _, err := tx.Exec(ctx, "DELETE FROM sessions WHERE user_id = $1", userID); err != nil {
				return err
			}
		}
		after, err := userState(ctx, tx, userID)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "user.set_active", "user", userID, nil, after)
	})
}
