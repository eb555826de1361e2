package notify

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"gaoxin/internal/i18n"
)

// testMessage is what the admin sends to check a webhook or the mail
// server: nothing that would be mistaken for a real event.
func testMessage(lang i18n.Lang, base string, now time.Time) outgoing {
	return outgoing{Kind: ResultsPublished, Title: i18n.T(lang, "notify.test.title"), Body: i18n.T(lang, "notify.test.body"),
		Link: "/", URL: absolute(base, "/"), Lang: lang, CreatedAt: now}
}

// TestWebhook sends a test message to a webhook at once, outside the
// outbox, and returns what went wrong: the receiver's or chat tool's own
// words, for the admin to read. It is sent even to a webhook switched off,
// so that it can be checked before it is switched on.
func (s *Store) TestWebhook(ctx context.Context, id int64) error {
	h, err := webhookByID(ctx, s.db, id)
	if err != nil {
		return err
	}
	cfg, err := loadConfig(ctx, s.db)
	if err != nil {
		return err
	}
	return postHook(ctx, s.http, h, "test-"+newDeliveryID(), testMessage(i18n.Default, cfg.BaseURL, s.now()), s.now())
}

// TestMail sends a test e-mail to an address at once, outside the outbox,
// with the settings as saved, and returns the server's refusal if any.
func (s *Store) TestMail(ctx context.Context, lang i18n.Lang, to string) error {
	to = strings.TrimSpace(to)
	if !validAddress(to) {
		return i18n.Invalid("email", "notify.err.email", to)
	}
	cfg, err := loadConfig(ctx, s.db)
	if err != nil {
		return err
	}
	if !cfg.MailOn() {
		return i18n.Invalid("smtp_host", "notify.err.mail_off")
	}
	from, err := mail.ParseAddress(cfg.SMTPFrom)
	if err != nil {
		return i18n.Invalid("smtp_from", "notify.err.smtp_from", cfg.SMTPFrom)
	}
	id := "test-" + newDeliveryID()
	return sendMail(ctx, cfg, s.roots, to, composeMail(from, to, id, testMessage(lang, cfg.BaseURL, s.now()), s.now()))
}
