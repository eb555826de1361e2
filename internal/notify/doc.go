// Package notify tells people what happened: a period opened, a deadline
// is near, figures were returned, a task turned red, a request was
// assigned, results were published. Other packages call Enqueue inside
// their own transaction with the event and its recipients; it writes a
// notification for each recipient's bell, in their language, and outbox
// rows for the e-mails they chose (Preferences) and for the chat-tool
// webhooks subscribed to the event (DingTalk, WeCom, Feishu custom robots,
// or generic JSON), so that an event and its messages commit or roll back
// together.
//
// A Deliverer, one per gaoxin instance, sends the outbox: it claims due
// rows for a lease, sends them over SMTP (net/smtp, STARTTLS or TLS) or
// HTTP, marks them delivered, and on failure records the error and tries
// again with exponential backoff until it gives up. Every attempt of a row
// carries the same delivery id, so a receiver can drop the repeat that a
// crash between sending and marking may cause. The settings (base URL,
// SMTP server) live in the settings table under notify's own keys; the
// SMTP password and webhook secrets are never returned nor audited.
//
// It imports internal/db, internal/audit, internal/i18n and
// internal/settings.
package notify
