package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// outgoing is the payload of an outbox row: the message as its reader
// will read it, in their language. The wire format (an e-mail, a chat
// tool's JSON) is made from it when it is sent, so that a signature is
// fresh on every attempt and a webhook's current settings apply.
type outgoing struct {
	Kind      Kind      `json:"kind"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Link      string    `json:"link,omitempty"`
	URL       string    `json:"url,omitempty"` // Link made absolute with the base URL
	Lang      i18n.Lang `json:"lang"`
	CreatedAt time.Time `json:"created_at"`
}

// Enqueue tells the recipients of m of an event, inside the caller's
// transaction: a notification for each, an outbox row for each who wants
// this kind by e-mail (when e-mail is configured), and an outbox row for
// each active webhook subscribed to the kind whose scope covers m.UnitID.
// Nothing leaves until tx commits and a Deliverer picks the rows up; if
// tx rolls back, nothing was ever announced.
func Enqueue(ctx context.Context, tx *db.Tx, m Message) error {
	if err := m.check(); err != nil {
		return err
	}
	cfg, err := loadConfig(ctx, tx)
	if err != nil {
		return err
	}
	now := db.Now()
	people, err := recipients(ctx, tx, m.Users)
	if err != nil {
		return err
	}
	for _, r := range people {
		out := outgoing{Kind: m.Kind, Title: m.Title.In(r.lang), Body: m.Body.In(r.lang), Link: m.Link,
			URL: absolute(cfg.BaseURL, m.Link), Lang: r.lang, CreatedAt: now}
		if _, err := tx.Exec(ctx, `INSERT INTO notifications (user_id, kind, title, body, link, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, r.id, m.Kind, out.Title, out.Body, m.Link, now); err != nil {
			return err
		}
		if cfg.MailOn() && r.prefs.Wants(m.Kind) {
			if err := addOutbox(ctx, tx, Email, r.prefs.Email, 0, out); err != nil {
				return err
			}
		}
	}
	hooks, err := subscribed(ctx, tx, m.Kind, m.UnitID)
	if err != nil {
		return err
	}
	for _, h := range hooks {
		// Chat groups read the zone's language.
		out := outgoing{Kind: m.Kind, Title: m.Title.In(i18n.Default), Body: m.Body.In(i18n.Default), Link: m.Link,
			URL: absolute(cfg.BaseURL, m.Link), Lang: i18n.Default, CreatedAt: now}
		if err := addOutbox(ctx, tx, WebhookCall, h.Name, h.ID, out); err != nil {
			return err
		}
	}
	return nil
}

// check refuses what only a programming mistake produces; these errors
// are not for users, so they are not translated.
func (m Message) check() error {
	switch {
	case !m.Kind.Valid():
		return fmt.Errorf("notify: unknown kind of event %q", m.Kind)
	case m.Title.Key == "" && m.Title.ZH == "" && m.Title.EN == "":
		return errors.New("notify: a message needs a title")
	case m.Link != "" && (!strings.HasPrefix(m.Link, "/") || strings.HasPrefix(m.Link, "//") || strings.ContainsAny(m.Link, "\\\r\n")):
		// A path only: the bell follows it, and must not lead off the site.
		return fmt.Errorf("notify: link %q is not a path in gaoxin", m.Link)
	}
	return nil
}

// absolute joins the base URL and a path; "" when either is missing.
func absolute(base, link string) string {
	if base == "" || link == "" {
		return ""
	}
	return strings.TrimSuffix(base, "/") + link
}

// addOutbox writes one row to send, due now, with a delivery id of its own.
func addOutbox(ctx context.Context, tx *db.Tx, ch Channel, target string, webhookID int64, out outgoing) error {
	payload, err := json.Marshal(out)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO notify_outbox (delivery_id, channel, target, webhook_id, kind, payload,
		next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
		newDeliveryID(), ch, target, nullable(webhookID), out.Kind, string(payload), out.CreatedAt)
	return err
}

// newDeliveryID is 128 random bits in hex: unique without coordination
// between instances.
func newDeliveryID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
