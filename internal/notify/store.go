package notify

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/http"
	"time"

	"gaoxin/internal/db"
)

// Store reads and writes notifications, preferences, webhooks and the
// notification settings, and lists the outbox.
type Store struct {
	db    *db.DB
	now   func() time.Time
	http  *http.Client   // for test messages
	roots *x509.CertPool // nil: the system's; tests trust their own
}

// NewStore gives a Store on d with the real clock.
func NewStore(d *db.DB) *Store { return &Store{db: d, now: db.Now, http: newHTTPClient()} }

// SetClock replaces the clock (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Page asks for part of a user's notifications, newest first.
type Page struct {
	// Before asks for notifications older than this id: the last id of
	// the page before. 0 starts at the newest.
	Before     int64
	Limit      int // at most 200; 0 for 20
	UnreadOnly bool
}

const notificationColumns = "id, user_id, kind, title, body, link, created_at, read_at"

func scanNotification(r interface{ Scan(...any) error }) (Notification, error) {
	var n Notification
	var read *time.Time
	err := r.Scan(&n.ID, &n.UserID, &n.Kind, &n.Title, &n.Body, &n.Link, &n.CreatedAt, &read)
	if read != nil {
		n.ReadAt = *read
	}
	return n, err
}

// List returns a page of the user's notifications, newest first.
func (s *Store) List(ctx context.Context, userID int64, p Page) ([]Notification, error) {
	limit := p.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, 200)
	q := "SELECT " + notificationColumns + " FROM notifications WHERE user_id = $1"
	args := []any{userID}
	if p.Before > 0 {
		args = append(args, p.Before)
		q += fmt.Sprintf(" AND id < $%d", len(args))
	}
	if p.UnreadOnly {
		q += " AND read_at IS NULL"
	}
	q += fmt.Sprintf(" ORDER BY id DESC LIMIT %d", limit)
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Notification
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, n)
	}
	return list, rows.Err()
}

// Unread counts the user's unread notifications, for the bell.
func (s *Store) Unread(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", userID).Scan(&n)
	return n, err
}

// Open returns the user's notification id and marks it read: what the
// bell does when a user follows one. Another user's notification is
// db.ErrNotFound, as if it did not exist.
func (s *Store) Open(ctx context.Context, userID, id int64) (Notification, error) {
	var n Notification
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		n, err = scanNotification(tx.QueryRow(ctx, "SELECT "+notificationColumns+
			" FROM notifications WHERE id = $1 AND user_id = $2", id, userID))
		if err != nil || n.Read() {
			return err
		}
		n.ReadAt = s.now()
		_, err = tx.Exec(ctx, "UPDATE notifications SET read_at = $1 WHERE id = $2", n.ReadAt, id)
		return err
	})
	return n, err
}

// MarkRead marks one of the user's notifications read; another user's is
// db.ErrNotFound. Reading is not audited: it changes nothing but the bell.
func (s *Store) MarkRead(ctx context.Context, userID, id int64) error {
	_, err := s.Open(ctx, userID, id)
	return err
}

// MarkAllRead marks every unread notification of the user read and says
// how many there were.
func (s *Store) MarkAllRead(ctx context.Context, userID int64) (int64, error) {
	var n int64
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		n, err = tx.Exec(ctx, "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL", s.now(), userID)
		return err
	})
	return n, err
}
