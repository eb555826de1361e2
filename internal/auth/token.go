package auth

import (
	"context"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// TokenPrefix starts every API token, so that a leaked one is easy to spot.
const TokenPrefix = "gx_"

// Token is an API token as listed; the secret itself is shown only once.
type Token struct {
	ID         int64
	UserID     int64
	Login      string
	Name       string
	Prefix     string // the first characters, to tell tokens apart
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// CreateToken issues a token for userID and returns its secret.
func (s *Users) CreateToken(ctx context.Context, who audit.Actor, userID int64, name string) (string, Token, error) {
	secret := TokenPrefix + randomToken(32)
	t := Token{UserID: userID, Name: strings.TrimSpace(name), Prefix: secret[:10], CreatedAt: s.now()}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		t.ID, err = tx.Insert(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5)`,
			userID, t.Name, sessionID(secret), t.Prefix, t.CreatedAt)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "token.create", "api_token", t.ID, nil, map[string]any{"user_id": userID, "name": t.Name, "prefix": t.Prefix})
	})
	return secret, t, err
}

// TokenUser returns the active user a live token belongs to, or db.ErrNotFound.
func (s *Users) TokenUser(ctx context.Context, secret string) (*User, error) {
	if !strings.HasPrefix(secret, TokenPrefix) {
		return nil, db.ErrNotFound
	}
	var id, userID int64
	var lastUsed *time.Time
	err := s.db.QueryRow(ctx, "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
		sessionID(secret)).Scan(&id, &userID, &lastUsed)
	if err != nil {
		return nil, err
	}
	u, err := s.Get(ctx, userID)
	if err != nil || !u.Active {
		return nil, db.ErrNotFound
	}
	if now := s.now(); lastUsed == nil || now.Sub(*lastUsed) > time.Minute {
		err = s.db.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", now, id)
			return err
		})
	}
	return u, err
}

// Tokens lists tokens: a user's own when userID is set, else every token.
func (s *Users) Tokens(ctx context.Context, userID int64) ([]Token, error) {
	rows, err := s.db.Query(ctx, `SELECT t.id, t.user_id, u.login, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE $1 = 0 OR t.user_id = $1 ORDER BY t.id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Token
	for rows.Next() {
		var t Token
		if err := rows.Scan(&t.ID, &t.UserID, &t.Login, &t.Name, &t.Prefix, &t.CreatedAt, &t.LastUsedAt, &t.RevokedAt); err != nil {
			return nil, err
		}
		list = append(list, t)
	}
	return list, rows.Err()
}

// RevokeToken ends a token. With ownerID set, only that user's token may be
// revoked; db.ErrNotFound otherwise.
func (s *Users) RevokeToken(ctx context.Context, who audit.Actor, tokenID, ownerID int64) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		n, err := tx.Exec(ctx, "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL AND ($3 = 0 OR user_id = $3)",
			s.now(), tokenID, ownerID)
		if err != nil {
			return err
		}
		if n == 0 {
			return db.ErrNotFound
		}
		return audit.Record(ctx, tx, who, "token.revoke", "api_token", tokenID, nil, nil)
	})
}
