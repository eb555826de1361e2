package notify_test

import (
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
	"gaoxin/internal/settings"
)

func TestConfigRefusals(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := notify.NewStore(d)
		good := notify.Config{SMTPHost: "smtp.weifang.gov.cn", SMTPFrom: "高新区管委会 <noreply@weifang.gov.cn>", SMTPTLS: notify.TLSStartTLS}
		cases := []struct {
			change     func(c *notify.Config)
			field, key string
		}{
			{func(c *notify.Config) { c.BaseURL = "ftp://gaoxin.weifang.gov.cn" }, "base_url", "notify.err.base_url"},
			{func(c *notify.Config) { c.BaseURL = "gaoxin.weifang.gov.cn" }, "base_url", "notify.err.base_url"},
			{func(c *notify.Config) { c.SMTPHost = "smtp.weifang.gov.cn:25" }, "smtp_host", "notify.err.smtp_host"},
			{func(c *notify.Config) { c.SMTPPort = 70000 }, "smtp_port", "notify.err.smtp_port"},
			{func(c *notify.Config) { c.SMTPTLS = "ssl3" }, "smtp_tls", "notify.err.smtp_tls"},
			{func(c *notify.Config) { c.SMTPFrom = "noreply" }, "smtp_from", "notify.err.smtp_from"},
			{func(c *notify.Config) { c.SMTPTLS, c.SMTPUsername = notify.TLSNone, "gaoxin" }, "smtp_tls", "notify.err.smtp_plain_auth"},
		}
		for i, c := range cases {
			cfg := good
			c.change(&cfg)
			_, err := s.SetConfig(ctx, admin, cfg)
			if f, k := field(err); f != c.field || k != c.key {
				t.Errorf("case %d: %v, want %s/%s", i, err, c.field, c.key)
			}
		}
		_, err := s.SetConfig(ctx, admin, notify.Config{BaseURL: "gaoxin"})
		if zh := err.(*i18n.Error).In(i18n.ZH); !strings.Contains(zh, "系统访问地址") || !strings.Contains(zh, "http://") {
			t.Errorf("the Chinese message does not name the field: %s", zh)
		}
		// A relay on this machine may take a password in the clear.
		local := good
		local.SMTPHost, local.SMTPTLS, local.SMTPUsername = "127.0.0.1", notify.TLSNone, "gaoxin"
		if _, err := s.SetConfig(ctx, admin, local); err != nil {
			t.Errorf("a local relay with a user name: %v", err)
		}
	})
}

// The SMTP password is kept, never shown, never audited.
func TestConfigPassword(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := notify.NewStore(d)
		const password = "Gx-口令-2019"
		cfg := notify.Config{BaseURL: "https://gaoxin.weifang.gov.cn", SMTPHost: "smtp.weifang.gov.cn", SMTPPort: 465,
			SMTPFrom: "noreply@weifang.gov.cn", SMTPUsername: "gaoxin", SMTPPassword: password, SMTPTLS: notify.TLSImplicit}
		saved, err := s.SetConfig(ctx, admin, cfg)
		if err != nil || saved.SMTPPassword != "" || !saved.HasPassword {
			t.Fatalf("saved %+v, %v", saved, err)
		}
		got, err := s.Config(ctx)
		if err != nil || got.SMTPPassword != "" || !got.HasPassword || got.SMTPHost != "smtp.weifang.gov.cn" || got.SMTPPort != 465 ||
			got.SMTPTLS != notify.TLSImplicit || got.SMTPUsername != "gaoxin" || !got.MailOn() {
			t.Fatalf("read back %+v, %v", got, err)
		}
		// Saved again from the form, which never shows the password: kept.
		got.SMTPFrom = "高新区管委会 <noreply@weifang.gov.cn>"
		if _, err := s.SetConfig(ctx, admin, got); err != nil {
			t.Fatal(err)
		}
		if v, _ := settings.Get(ctx, d, notify.KeySMTPPassword); v != password {
			t.Fatalf("the password after a save without it = %q", v)
		}
		got.ClearPassword = true
		if saved, _ := s.SetConfig(ctx, admin, got); saved.HasPassword {
			t.Fatal("the password was not removed")
		}
		if n := count(t, d, "SELECT COUNT(*) FROM audit_log WHERE action = 'notify.config.set'"); n != 3 {
			t.Fatalf("%d audit entries, want 3", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM audit_log WHERE before_json LIKE $1 OR after_json LIKE $1", "%"+password+"%"); n != 0 {
			t.Fatalf("the password is in %d audit entries", n)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE $1", `%"smtp_password_set":true%`); n != 2 {
			t.Fatalf("the audit says a password is set in %d entries, want 2", n)
		}
		// Switching e-mail off forgets the server, the password with it.
		off, err := s.SetConfig(ctx, admin, notify.Config{BaseURL: "https://gaoxin.weifang.gov.cn", SMTPUsername: "left over"})
		if err != nil || off.MailOn() || off.SMTPUsername != "" {
			t.Fatalf("switched off: %+v, %v", off, err)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM settings WHERE key LIKE 'notify.smtp.%'"); n != 1 {
			t.Fatalf("%d SMTP settings left after switching off, want the TLS mode only", n)
		}
	})
}
