package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// Session is a signed-in browser. Only the hash of its cookie value is stored.
type Session struct {
	User      *User
	CSRFToken string
	ExpiresAt time.Time
}

// randomToken returns n random bytes as URL-safe text.
func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// startSession stores a new session for u and returns the cookie value.
func (s *Users) startSession(ctx context.Context, tx *db.Tx, u *User, address string) (string, error) {
	token := randomToken(32)
	now := s.now()
	_, err := tx.Exec(ctx, `INSERT INTO sessions (id, user_id, csrf_token, address, created_at, last_seen_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $5, $6)`, sessionID(token), u.ID, randomToken(24), address, now, now.Add(s.SessionMax))
	return token, err
}

// Session finds the live session for a cookie value. A session past its
// absolute end or idle for longer than SessionIdle is gone (db.ErrNotFound);
// a live one is marked as seen, at most once a minute to spare writes.
func (s *Users) Session(ctx context.Context, token string) (*Session, error) {
	if token == "" {
		return nil, db.ErrNotFound
	}
	id := sessionID(token)
	var userID int64
	var sess Session
	var lastSeen time.Time
	err := s.db.QueryRow(ctx, "SELECT user_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE id = $1", id).
		Scan(&userID, &sess.CSRFToken, &lastSeen, &sess.ExpiresAt)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if !now.Before(sess.ExpiresAt) || now.Sub(lastSeen) >= s.SessionIdle {
		s.db.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE id = $1", id)
			return err
		})
		return nil, db.ErrNotFound
	}
	if sess.User, err = s.Get(ctx, userID); err != nil {
		return nil, err
	}
	if !sess.User.Active {
		return nil, db.ErrNotFound
	}
	if now.Sub(lastSeen) > time.Minute {
		err = s.db.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE sessions SET last_seen_at = $1 WHERE id = $2", now, id)
			return err
		})
	}
	return &sess, err
}

// SignOut ends the session with this cookie value.
func (s *Users) SignOut(ctx context.Context, who audit.Actor, token string) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		n, err := tx.Exec(ctx, "DELETE FROM sessions WHERE id = $1", sessionID(token))
		if err != nil || n == 0 {
			return err
		}
		return audit.Record(ctx, tx, who, "session.signout", "user", who.UserID, nil, nil)
	})
}

// PurgeExpired removes sessions that can no longer be used and sign-in
// failures too old to count, and says how many sessions went.
func (s *Users) PurgeExpired(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		now := s.now()
		var err error
		n, err = tx.Exec(ctx, "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2", now, now.Add(-s.SessionIdle))
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, "DELETE FROM login_failures WHERE at < $1", now.Add(-throttleWindow))
		return err
	})
	return n, err
}
