package notify_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
)

// The preferences form: defaults, a checked address with a message in
// both languages, kinds kept in order, an audit entry.
func TestPreferences(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		tb := w.user["xc.tb"]
		p, err := w.s.Preferences(ctx, tb)
		if err != nil || p.Email != "" || !slices.Equal(p.EmailKinds, notify.Kinds) || !p.UpdatedAt.IsZero() {
			t.Fatalf("defaults = %+v, %v", p, err)
		}
		for _, bad := range []string{"zhang.san", "zhang san@xincheng.gov.cn", "张三 <zhang.san@xincheng.gov.cn>",
			"<zhang.san@xincheng.gov.cn>", "zhang.san@xincheng.gov.cn\r\nRCPT TO:<x@y.cn>", "zhang.san@.cn", "@xincheng.gov.cn"} {
			_, err := w.s.SetPreferences(ctx, admin, notify.Preferences{UserID: tb, Email: bad})
			var verr *i18n.Error
			if !errors.As(err, &verr) || verr.Field != "email" || verr.Key != "notify.err.email" {
				t.Errorf("address %q: %v", bad, err)
				continue
			}
			if zh, en := verr.In(i18n.ZH), verr.In(i18n.EN); !strings.Contains(zh, "不是有效的电子邮件地址") ||
				!strings.Contains(en, "is not a valid e-mail address") {
				t.Errorf("address %q: messages %q / %q", bad, zh, en)
			}
		}
		_, err = w.s.SetPreferences(ctx, admin, notify.Preferences{UserID: tb, Email: "a@b.cn", EmailKinds: []notify.Kind{"period.closed"}})
		if f, k := field(err); f != "email_kinds" || k != "notify.err.kind" {
			t.Errorf("an unknown kind: %v", err)
		}
		if _, err := w.s.SetPreferences(ctx, admin, notify.Preferences{UserID: 9999, Email: "a@b.cn"}); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("an unknown user: %v", err)
		}
		saved, err := w.s.SetPreferences(ctx, admin, notify.Preferences{UserID: tb, Email: " zhang.san@xincheng.gov.cn ",
			EmailKinds: []notify.Kind{notify.GridReturned, notify.PeriodOpened, notify.GridReturned}})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := w.s.Preferences(ctx, tb)
		if got.Email != "zhang.san@xincheng.gov.cn" || !slices.Equal(got.EmailKinds, []notify.Kind{notify.PeriodOpened, notify.GridReturned}) ||
			!got.UpdatedAt.Equal(saved.UpdatedAt) || !got.Wants(notify.GridReturned) || got.Wants(notify.TaskRed) {
			t.Fatalf("saved %+v", got)
		}
		entries, _ := audit.List(ctx, d, audit.Filter{Action: "notify.prefs.set"})
		if len(entries) != 1 || entries[0].After != `{"email":"zhang.san@xincheng.gov.cn","email_kinds":"period.opened,grid.returned"}` {
			t.Fatalf("audit = %+v", entries)
		}
	})
}

// E-mail goes to those who chose the kind and gave an address, and only
// once a mail server is configured; links in it are absolute.
func TestEmailFollowsPreferences(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		tb, fzr, sq := w.user["xc.tb"], w.user["xc.fzr"], w.user["sq.tb"]
		for _, p := range []notify.Preferences{
			{UserID: tb, Email: "zhang.san@xincheng.gov.cn", EmailKinds: []notify.Kind{notify.PeriodOpened}},
			{UserID: sq, Email: "li.na@xincheng.gov.cn", EmailKinds: []notify.Kind{notify.TaskRed}},
		} {
			if _, err := w.s.SetPreferences(ctx, admin, p); err != nil {
				t.Fatal(err)
			}
		}
		w.enqueue(t, message(notify.PeriodOpened, tb, fzr, sq))
		if n := count(t, d, "SELECT COUNT(*) FROM notify_outbox"); n != 0 {
			t.Fatalf("%d e-mails queued with no mail server", n)
		}
		if _, err := w.s.SetConfig(ctx, admin, notify.Config{BaseURL: "https://gaoxin.weifang.gov.cn/", SMTPHost: "127.0.0.1",
			SMTPFrom: "noreply@weifang.gov.cn", SMTPTLS: notify.TLSNone}); err != nil {
			t.Fatal(err)
		}
		w.enqueue(t, message(notify.PeriodOpened, tb, fzr, sq))
		rows, err := w.s.Outbox(ctx, notify.OutboxFilter{})
		if err != nil || len(rows) != 1 {
			t.Fatalf("outbox = %+v, %v", rows, err)
		}
		r := rows[0]
		if r.Channel != notify.Email || r.Target != "zhang.san@xincheng.gov.cn" || r.State != notify.Pending || r.Attempts != 0 ||
			r.Kind != notify.PeriodOpened || r.Title != "2019年11月填报已开始" || len(r.DeliveryID) != 32 {
			t.Fatalf("queued e-mail = %+v", r)
		}
		var payload map[string]any
		var raw string
		if err := d.QueryRow(ctx, "SELECT payload FROM notify_outbox WHERE id = $1", r.ID).Scan(&raw); err != nil {
			t.Fatal(err)
		}
		json.Unmarshal([]byte(raw), &payload)
		if payload["url"] != "https://gaoxin.weifang.gov.cn/report/2019-11" || payload["lang"] != "zh" {
			t.Fatalf("payload = %s", raw)
		}
	})
}
