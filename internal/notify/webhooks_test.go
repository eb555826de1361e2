package notify_test

import (
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

const dingTalkURL = "https://oapi.dingtalk.com/robot/send?access_token=6f1d2c0a9b8e7f6a5b4c3d2e1f0a9b8c"

func TestWebhookRecords(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		good := notify.Webhook{Name: "管委会工作群", Kind: notify.DingTalk, URL: dingTalkURL, Secret: "SEC-钉钉-secret",
			Events: []notify.Kind{notify.TaskRed, notify.PeriodOpened}, Active: true}
		cases := []struct {
			change     func(h *notify.Webhook)
			field, key string
		}{
			{func(h *notify.Webhook) { h.Name = " " }, "name", "notify.err.webhook_name"},
			{func(h *notify.Webhook) { h.Kind = "slack" }, "kind", "notify.err.webhook_kind"},
			{func(h *notify.Webhook) { h.URL = "ftp://oapi.dingtalk.com/robot/send" }, "url", "notify.err.webhook_url"},
			{func(h *notify.Webhook) { h.URL = "javascript:alert(1)" }, "url", "notify.err.webhook_url"},
			{func(h *notify.Webhook) { h.URL = "oapi.dingtalk.com/robot/send" }, "url", "notify.err.webhook_url"},
			{func(h *notify.Webhook) { h.Kind = notify.WeCom }, "secret", "notify.err.wecom_secret"},
			{func(h *notify.Webhook) { h.Events = nil }, "events", "notify.err.webhook_events"},
			{func(h *notify.Webhook) { h.Events = []notify.Kind{"period.closed"} }, "events", "notify.err.kind"},
			{func(h *notify.Webhook) { h.UnitID = 9999 }, "unit", "notify.err.unit"},
		}
		for i, c := range cases {
			h := good
			c.change(&h)
			_, err := w.s.CreateWebhook(ctx, admin, h)
			if f, k := field(err); f != c.field || k != c.key {
				t.Errorf("case %d: %v, want %s/%s", i, err, c.field, c.key)
			}
		}
		_, err := w.s.CreateWebhook(ctx, admin, notify.Webhook{Name: "x", Kind: notify.Feishu, URL: "ftp://x", Events: notify.Kinds})
		var verr *i18n.Error
		if !errors.As(err, &verr) || !strings.Contains(verr.In(i18n.ZH), "Webhook 地址“ftp://x”无效") ||
			!strings.Contains(verr.In(i18n.EN), "webhook address “ftp://x” is not valid") {
			t.Errorf("the refusal of a URL does not say which field: %v", err)
		}
		h, err := w.s.CreateWebhook(ctx, admin, good)
		if err != nil || h.Secret != "" || !h.HasSecret || !slices.Equal(h.Events, []notify.Kind{notify.PeriodOpened, notify.TaskRed}) {
			t.Fatalf("created %+v, %v", h, err)
		}
		if _, err := w.s.CreateWebhook(ctx, admin, good); !sameField(err, "name", "notify.err.webhook_name_taken") {
			t.Errorf("a name taken twice: %v", err)
		}
		// The form comes back without the secret: it is kept.
		h.Name, h.UnitID = "新城街道工作群", w.unit["XC"]
		if h, err = w.s.UpdateWebhook(ctx, admin, h); err != nil || !h.HasSecret {
			t.Fatalf("updated %+v, %v", h, err)
		}
		var secret string
		d.QueryRow(ctx, "SELECT secret FROM notify_webhooks WHERE id = $1", h.ID).Scan(&secret)
		if secret != "SEC-钉钉-secret" {
			t.Fatalf("the secret after an update without it = %q", secret)
		}
		list, _ := w.s.Webhooks(ctx)
		if len(list) != 1 || list[0].Secret != "" || list[0].Name != "新城街道工作群" || list[0].UnitID != w.unit["XC"] {
			t.Fatalf("list = %+v", list)
		}
		h.ClearSecret = true
		if h, err = w.s.UpdateWebhook(ctx, admin, h); err != nil || h.HasSecret {
			t.Fatalf("cleared %+v, %v", h, err)
		}
		// The audit trail says a secret was set, but keeps neither the
		// secret nor the robot's token.
		entries, _ := audit.List(ctx, d, audit.Filter{Entity: "webhook"})
		if len(entries) != 3 {
			t.Fatalf("%d audit entries", len(entries))
		}
		for _, e := range entries {
			for _, leak := range []string{"SEC-", "6f1d2c0a", "access_token"} {
				if strings.Contains(e.Before+e.After, leak) {
					t.Errorf("audit entry %s keeps %q: %s %s", e.Action, leak, e.Before, e.After)
				}
			}
		}
		if !strings.Contains(entries[2].After, `"secret_set":true`) || !strings.Contains(entries[2].After, `"url":"https://oapi.dingtalk.com/…"`) {
			t.Errorf("audit of the creation: %s", entries[2].After)
		}
		// Deleting keeps the history of its deliveries; what was still to
		// be sent is failed.
		w.enqueue(t, message(notify.TaskRed, w.user["xc.tb"]))
		if err := w.s.DeleteWebhook(ctx, admin, h.ID); err != nil {
			t.Fatal(err)
		}
		rows, _ := w.s.Outbox(ctx, notify.OutboxFilter{WebhookID: h.ID})
		if len(rows) != 1 || rows[0].State != notify.Failed || rows[0].LastError != "the webhook was deleted" || rows[0].Target != "新城街道工作群" {
			t.Fatalf("its outbox after deletion = %+v", rows)
		}
		if _, err := w.s.Webhook(ctx, h.ID); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("deleted webhook: %v", err)
		}
	})
}

func sameField(err error, f, k string) bool {
	gf, gk := field(err)
	return gf == f && gk == k
}

// Each webhook receives the kinds it subscribed to; a scoped one, the
// events about its subtree and those about the whole zone; a switched-off
// one, nothing.
func TestWebhookRouting(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		hook := func(name string, unit int64, active bool, kinds ...notify.Kind) {
			if _, err := w.s.CreateWebhook(ctx, admin, notify.Webhook{Name: name, Kind: notify.Generic, URL: "http://127.0.0.1:9/" + name,
				Events: kinds, UnitID: unit, Active: active}); err != nil {
				t.Fatal(err)
			}
		}
		hook("zone", 0, true, notify.TaskRed, notify.ResultsPublished)
		hook("street", w.unit["XC"], true, notify.TaskRed, notify.ResultsPublished)
		hook("park", w.unit["GDY"], true, notify.TaskRed, notify.ResultsPublished)
		hook("off", 0, false, notify.Kinds...)
		hook("periods", 0, true, notify.PeriodOpened)
		cases := []struct {
			kind notify.Kind
			unit string
			want []string
		}{
			{notify.TaskRed, "SQ", []string{"zone", "street"}},
			{notify.TaskRed, "XC", []string{"zone", "street"}},
			{notify.TaskRed, "GDY", []string{"zone", "park"}},
			{notify.TaskRed, "GX", []string{"zone"}},
			{notify.ResultsPublished, "", []string{"zone", "street", "park"}},
			{notify.PeriodOpened, "", []string{"periods"}},
			{notify.GridReturned, "XC", nil},
		}
		for _, c := range cases {
			if err := d.Write(ctx, func(tx *db.Tx) error {
				_, err := tx.Exec(ctx, "DELETE FROM notify_outbox")
				return err
			}); err != nil {
				t.Fatal(err)
			}
			m := message(c.kind)
			m.UnitID = w.unit[c.unit]
			w.enqueue(t, m)
			rows, _ := w.s.Outbox(ctx, notify.OutboxFilter{})
			var got []string
			for _, r := range rows {
				got = append(got, r.Target)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(c.want))
			if !slices.Equal(got, want) {
				t.Errorf("%s about %q reached %v, want %v", c.kind, c.unit, got, want)
			}
		}
	})
}
