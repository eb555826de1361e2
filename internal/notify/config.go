package notify

import (
	"context"
	"net"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/settings"
)

// Keys of the settings table that hold Config. They stay here rather than
// in internal/settings: nothing else reads them.
const (
	KeyBaseURL      = "notify.base_url"
	KeySMTPHost     = "notify.smtp.host"
	KeySMTPPort     = "notify.smtp.port"
	KeySMTPFrom     = "notify.smtp.from"
	KeySMTPUsername = "notify.smtp.username"
	KeySMTPPassword = "notify.smtp.password"
	KeySMTPTLS      = "notify.smtp.tls"
)

var configKeys = []string{KeyBaseURL, KeySMTPHost, KeySMTPPort, KeySMTPFrom, KeySMTPUsername, KeySMTPPassword, KeySMTPTLS}

// loadConfig reads the settings, password included: for gaoxin's own use.
func loadConfig(ctx context.Context, q db.Querier) (Config, error) {
	v := map[string]string{}
	for _, k := range configKeys {
		s, err := settings.Get(ctx, q, k)
		if err != nil {
			return Config{}, err
		}
		v[k] = s
	}
	c := Config{BaseURL: v[KeyBaseURL], SMTPHost: v[KeySMTPHost], SMTPFrom: v[KeySMTPFrom],
		SMTPUsername: v[KeySMTPUsername], SMTPPassword: v[KeySMTPPassword], SMTPTLS: TLSMode(v[KeySMTPTLS])}
	c.SMTPPort, _ = strconv.Atoi(v[KeySMTPPort])
	c.HasPassword = c.SMTPPassword != ""
	if c.SMTPTLS == "" {
		c.SMTPTLS = TLSStartTLS
	}
	return c, nil
}

// port is the port to dial: the one set, or the usual one of the mode.
func (c Config) port() int {
	switch {
	case c.SMTPPort != 0:
		return c.SMTPPort
	case c.SMTPTLS == TLSImplicit:
		return 465
	case c.SMTPTLS == TLSNone:
		return 25
	}
	return 587
}

// Config returns the notification settings for the admin page; the
// password is never returned, only whether one is set.
func (s *Store) Config(ctx context.Context) (Config, error) {
	c, err := loadConfig(ctx, s.db)
	c.SMTPPassword = ""
	return c, err
}

// SetConfig validates and stores the notification settings in one
// transaction with one audit entry, which records that a password is set
// but never the password. (settings.Set would record every value.)
func (s *Store) SetConfig(ctx context.Context, who audit.Actor, c Config) (Config, error) {
	if verr := c.validate(); verr != nil {
		return Config{}, verr
	}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := loadConfig(ctx, tx)
		if err != nil {
			return err
		}
		switch {
		case c.ClearPassword:
			c.SMTPPassword = ""
		case c.SMTPPassword == "":
			c.SMTPPassword = before.SMTPPassword
		}
		c.ClearPassword, c.HasPassword = false, c.SMTPPassword != ""
		port := ""
		if c.SMTPPort != 0 {
			port = strconv.Itoa(c.SMTPPort)
		}
		values := map[string]string{KeyBaseURL: c.BaseURL, KeySMTPHost: c.SMTPHost, KeySMTPPort: port,
			KeySMTPFrom: c.SMTPFrom, KeySMTPUsername: c.SMTPUsername, KeySMTPPassword: c.SMTPPassword, KeySMTPTLS: string(c.SMTPTLS)}
		for _, k := range configKeys {
			if _, err := tx.Exec(ctx, "DELETE FROM settings WHERE key = $1", k); err != nil {
				return err
			}
			if values[k] == "" {
				continue
			}
			if _, err := tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2)", k, values[k]); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, who, "notify.config.set", "setting", "notify", before.public(), c.public())
	})
	c.SMTPPassword = ""
	return c, err
}

// public is what the audit trail may keep of the settings.
func (c Config) public() map[string]any {
	return map[string]any{"base_url": c.BaseURL, "smtp_host": c.SMTPHost, "smtp_port": c.SMTPPort,
		"smtp_from": c.SMTPFrom, "smtp_username": c.SMTPUsername, "smtp_tls": c.SMTPTLS,
		"smtp_password_set": c.SMTPPassword != ""}
}

func (c *Config) validate() *i18n.Error {
	c.BaseURL, c.SMTPHost = strings.TrimSpace(c.BaseURL), strings.TrimSpace(c.SMTPHost)
	c.SMTPFrom, c.SMTPUsername = strings.TrimSpace(c.SMTPFrom), strings.TrimSpace(c.SMTPUsername)
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	if c.SMTPTLS == "" {
		c.SMTPTLS = TLSStartTLS
	}
	if c.BaseURL != "" && !httpURL(c.BaseURL) {
		return i18n.Invalid("base_url", "notify.err.base_url", c.BaseURL)
	}
	if c.SMTPHost == "" {
		// E-mail off: keep nothing half set.
		*c = Config{BaseURL: c.BaseURL, SMTPTLS: TLSStartTLS, ClearPassword: true}
		return nil
	}
	switch {
	case net.ParseIP(c.SMTPHost) == nil && (strings.ContainsAny(c.SMTPHost, " /:@") || len(c.SMTPHost) > 253):
		return i18n.Invalid("smtp_host", "notify.err.smtp_host", c.SMTPHost)
	case c.SMTPPort < 0 || c.SMTPPort > 65535:
		return i18n.Invalid("smtp_port", "notify.err.smtp_port", c.SMTPPort)
	case !slices.Contains(TLSModes, c.SMTPTLS):
		return i18n.Invalid("smtp_tls", "notify.err.smtp_tls", string(c.SMTPTLS))
	case !validFrom(c.SMTPFrom):
		return i18n.Invalid("smtp_from", "notify.err.smtp_from", c.SMTPFrom)
	case c.SMTPUsername != "" && c.SMTPTLS == TLSNone && !loopback(c.SMTPHost):
		// The standard library will not send a password in the clear but
		// to this machine; say so now rather than on every e-mail.
		return i18n.Invalid("smtp_tls", "notify.err.smtp_plain_auth")
	}
	return nil
}

// httpURL reports whether s is an absolute http or https URL with a host.
func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil &&
		!strings.ContainsAny(s, " \t\r\n")
}

// validFrom accepts "noreply@zone.gov.cn" or "高新区管委会 <noreply@zone.gov.cn>".
func validFrom(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && validAddress(a.Address)
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
