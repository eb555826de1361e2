package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// Throttling: this many failures within throttleWindow lock an account, or
// an address, until the oldest of them leaves the window.
const (
	throttleWindow     = 15 * time.Minute
	maxAccountFailures = 5
	maxAddressFailures = 20
)

// ErrBadCredentials covers both an unknown login and a wrong password, so
// that a sign-in form does not tell which logins exist.
var ErrBadCredentials = errors.New("wrong login or password")

// ThrottledError says sign-in is refused for a while.
type ThrottledError struct{ Wait time.Duration }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed sign-ins, try again in %s", e.Wait.Round(time.Second))
}

// Minutes is the wait rounded up to whole minutes, as the page shows it.
func (e *ThrottledError) Minutes() int { return int((e.Wait + time.Minute - 1) / time.Minute) }

// SignIn checks a login and password from address and starts a session,
// returning the cookie value. Failures are counted per account and per
// address; past the limits every attempt is refused before the password is
// even checked.
func (s *Users) SignIn(ctx context.Context, login, password, address string) (*User, string, error) {
	login = strings.TrimSpace(login)
	if wait, err := s.throttled(ctx, login, address); err != nil {
		return nil, "", err
	} else if wait > 0 {
		return nil, "", &ThrottledError{Wait: wait}
	}
	var hash string
	var userID int64
	var active bool
	err := s.db.QueryRow(ctx, "SELECT id, password_hash, active FROM users WHERE login = $1", login).Scan(&userID, &hash, &active)
	if errors.Is(err, db.ErrNotFound) {
		CheckPassword(dummyHash, password)
	} else if err != nil {
		return nil, "", err
	}
	if err != nil || !active || !CheckPassword(hash, password) {
		return nil, "", s.recordFailure(ctx, login, address)
	}
	u, err := s.Get(ctx, userID)
	if err != nil {
		return nil, "", err
	}
	var token string
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "DELETE FROM login_failures WHERE account = $1", login); err != nil {
			return err
		}
		if token, err = s.startSession(ctx, tx, u, address); err != nil {
			return err
		}
		return audit.Record(ctx, tx, u.Actor(address), "session.signin", "user", u.ID, nil, nil)
	})
	return u, token, err
}

func (s *Users) recordFailure(ctx context.Context, login, address string) error {
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO login_failures (account, address, at) VALUES ($1, $2, $3)", login, address, s.now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Actor{Name: login, Address: address}, "session.signin_failed", "user", login, nil, nil)
	})
	if err != nil {
		return err
	}
	return ErrBadCredentials
}

// throttled reports how long sign-in stays refused for this account or address.
func (s *Users) throttled(ctx context.Context, login, address string) (time.Duration, error) {
	now := s.now()
	since := now.Add(-throttleWindow)
	var wait time.Duration
	for _, c := range []struct {
		column, value string
		limit         int
	}{{"account", login, maxAccountFailures}, {"address", address, maxAddressFailures}} {
		var n int
		var oldest time.Time
		rows, err := s.db.Query(ctx, "SELECT at FROM login_failures WHERE "+c.column+" = $1 AND at > $2 ORDER BY at DESC", c.value, since)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			n++
			if err := rows.Scan(&oldest); err != nil {
				rows.Close()
				return 0, err
			}
			if n == c.limit {
				break
			}
		}
		rows.Close()
		if n >= c.limit {
			// The limit-th most recent failure must leave the window first.
			if w := oldest.Add(throttleWindow).Sub(now); w > wait {
				wait = w
			}
		}
	}
	return wait, nil
}
