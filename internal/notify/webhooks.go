package notify

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

const webhookColumns = "id, name, kind, url, secret, events, COALESCE(unit_id, 0), active, created_at, updated_at"

// scanWebhook reads a row with its secret; callers outside the package get
// it blanked by Webhooks and Webhook.
func scanWebhook(r interface{ Scan(...any) error }) (Webhook, error) {
	var h Webhook
	var events string
	err := r.Scan(&h.ID, &h.Name, &h.Kind, &h.URL, &h.Secret, &events, &h.UnitID, &h.Active, &h.CreatedAt, &h.UpdatedAt)
	h.Events, h.HasSecret = splitKinds(events), h.Secret != ""
	return h, err
}

func webhookByID(ctx context.Context, q db.Querier, id int64) (Webhook, error) {
	return scanWebhook(q.QueryRow(ctx, "SELECT "+webhookColumns+" FROM notify_webhooks WHERE id = $1", id))
}

// Webhooks lists the configured webhooks by name, secrets left out.
func (s *Store) Webhooks(ctx context.Context) ([]Webhook, error) {
	rows, err := s.db.Query(ctx, "SELECT "+webhookColumns+" FROM notify_webhooks ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Webhook
	for rows.Next() {
		h, err := scanWebhook(rows)
		if err != nil {
			return nil, err
		}
		h.Secret = ""
		list = append(list, h)
	}
	return list, rows.Err()
}

// Webhook returns one webhook, its secret left out, or db.ErrNotFound.
func (s *Store) Webhook(ctx context.Context, id int64) (Webhook, error) {
	h, err := webhookByID(ctx, s.db, id)
	h.Secret = ""
	return h, err
}

// CreateWebhook adds a webhook.
func (s *Store) CreateWebhook(ctx context.Context, who audit.Actor, h Webhook) (Webhook, error) {
	if verr := h.validate(); verr != nil {
		return Webhook{}, verr
	}
	h.CreatedAt = s.now()
	h.UpdatedAt = h.CreatedAt
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		if err := checkUnit(ctx, tx, h.UnitID); err != nil {
			return err
		}
		var err error
		h.ID, err = tx.Insert(ctx, `INSERT INTO notify_webhooks (name, kind, url, secret, events, unit_id, active, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
			h.Name, h.Kind, h.URL, h.Secret, joinKinds(h.Events), nullable(h.UnitID), h.Active, h.CreatedAt)
		if errors.Is(err, db.ErrConflict) {
			return i18n.Invalid("name", "notify.err.webhook_name_taken", h.Name)
		} else if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "webhook.create", "webhook", h.ID, nil, h.public())
	})
	h.Secret, h.HasSecret = "", h.Secret != ""
	return h, err
}

// UpdateWebhook changes a webhook. An empty Secret keeps the secret set,
// ClearSecret removes it; a change of chat tool drops it too, since a
// secret belongs to one robot. Rows already in the outbox go out with the
// webhook's new address and secret.
func (s *Store) UpdateWebhook(ctx context.Context, who audit.Actor, h Webhook) (Webhook, error) {
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := webhookByID(ctx, tx, h.ID)
		if err != nil {
			return err
		}
		switch {
		case h.ClearSecret:
			h.Secret = ""
		case h.Secret == "" && h.Kind == before.Kind:
			h.Secret = before.Secret
		}
		if verr := h.validate(); verr != nil {
			return verr
		}
		if err := checkUnit(ctx, tx, h.UnitID); err != nil {
			return err
		}
		h.CreatedAt, h.UpdatedAt = before.CreatedAt, s.now()
		_, err = tx.Exec(ctx, `UPDATE notify_webhooks SET name = $1, kind = $2, url = $3, secret = $4, events = $5,
			unit_id = $6, active = $7, updated_at = $8 WHERE id = $9`,
			h.Name, h.Kind, h.URL, h.Secret, joinKinds(h.Events), nullable(h.UnitID), h.Active, h.UpdatedAt, h.ID)
		if errors.Is(err, db.ErrConflict) {
			return i18n.Invalid("name", "notify.err.webhook_name_taken", h.Name)
		} else if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "webhook.update", "webhook", h.ID, before.public(), h.public())
	})
	h.Secret, h.HasSecret, h.ClearSecret = "", h.Secret != "", false
	return h, err
}

// DeleteWebhook removes a webhook. What it still had to send is marked
// failed, so the outbox keeps the history of its deliveries.
func (s *Store) DeleteWebhook(ctx context.Context, who audit.Actor, id int64) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := webhookByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE notify_outbox SET state = 'failed', last_error = $1, claimed_until = NULL,
			claim_token = '' WHERE webhook_id = $2 AND state = 'pending'`, errWebhookGone, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM notify_webhooks WHERE id = $1", id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "webhook.delete", "webhook", id, before.public(), nil)
	})
}

const errWebhookGone = "the webhook was deleted"

// public is what the audit trail may keep of a webhook: not its secret,
// and not the token in its address, which is as good as a password.
func (h Webhook) public() map[string]any {
	return map[string]any{"name": h.Name, "kind": h.Kind, "url": redactURL(h.URL), "secret_set": h.Secret != "",
		"events": joinKinds(h.Events), "unit_id": h.UnitID, "active": h.Active}
}

// redactURL keeps the scheme and host of a webhook address: the rest
// (DingTalk's access_token, WeCom's key, Feishu's hook id) is a credential.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return "…"
	}
	return u.Scheme + "://" + u.Host + "/…"
}

func (h *Webhook) validate() *i18n.Error {
	h.Name, h.URL, h.Secret = strings.TrimSpace(h.Name), strings.TrimSpace(h.URL), strings.TrimSpace(h.Secret)
	for _, k := range h.Events {
		if !k.Valid() {
			return i18n.Invalid("events", "notify.err.kind", string(k))
		}
	}
	h.Events = splitKinds(joinKinds(h.Events))
	switch {
	case h.Name == "" || utf8.RuneCountInString(h.Name) > 100:
		return i18n.Invalid("name", "notify.err.webhook_name")
	case !slices.Contains(HookKinds, h.Kind):
		return i18n.Invalid("kind", "notify.err.webhook_kind", string(h.Kind))
	case !httpURL(h.URL) || len(h.URL) > 2000:
		return i18n.Invalid("url", "notify.err.webhook_url", h.URL)
	case h.Kind == WeCom && h.Secret != "":
		// WeCom's group robot has no signing; a secret would give a false
		// sense of protection.
		return i18n.Invalid("secret", "notify.err.wecom_secret")
	case len(h.Secret) > 200:
		return i18n.Invalid("secret", "notify.err.secret")
	case len(h.Events) == 0:
		return i18n.Invalid("events", "notify.err.webhook_events")
	}
	return nil
}

func checkUnit(ctx context.Context, q db.Querier, unitID int64) error {
	if unitID == 0 {
		return nil
	}
	var n int
	if err := q.QueryRow(ctx, "SELECT COUNT(*) FROM units WHERE id = $1", unitID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return i18n.Invalid("unit", "notify.err.unit")
	}
	return nil
}

func nullable(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
