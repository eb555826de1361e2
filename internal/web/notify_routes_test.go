package web_test

import (
	"context"
	"net/url"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
)

// The notification routes for every role, on a notification of 经济发展局's
// reporter (nobody of the table, so everyone gets 404 for it) and a
// switched-off webhook. Every form posted is refused as bad input where
// the role may post it, or names a record that does not exist, so the rows
// change nothing; marking all read changes nothing either, since the
// table's accounts have no notifications.
func init() {
	moreRouteRows = append(moreRouteRows, func(t *testing.T, s *site) []routeRow {
		ctx := context.Background()
		owner := mustID(t, s.userID("jingji.tb"))
		err := s.db.Write(ctx, func(tx *db.Tx) error {
			return notify.Enqueue(ctx, tx, notify.Message{Kind: notify.GridReturned, Title: i18n.Text("路由表的通知", "The route table's notification"),
				Link: "/report", Users: []int64{owner}})
		})
		if err != nil {
			t.Fatal(err)
		}
		var other string
		if err := s.db.QueryRow(ctx, "SELECT id FROM notifications WHERE user_id = $1 AND title = '路由表的通知'", owner).Scan(&other); err != nil {
			t.Fatal(err)
		}
		hook, err := notify.NewStore(s.db).CreateWebhook(ctx, audit.System, notify.Webhook{Name: "路由表机器人", Kind: notify.Generic,
			URL: "https://hooks.example.gov.cn/gaoxin", Events: []notify.Kind{notify.TaskRed}})
		if err != nil {
			t.Fatal(err)
		}
		edit := "/admin/notifications/webhooks/" + itoa(hook.ID)
		form := func(v url.Values) func(string) url.Values {
			return func(string) url.Values {
				out := url.Values{}
				for k, vs := range v {
					out[k] = append([]string(nil), vs...)
				}
				return out
			}
		}
		badHook := url.Values{"name": {"路由表机器人"}, "kind": {"generic"}, "url": {"ftp://hooks.example.gov.cn/gaoxin"}, "events": {"task.red"}}
		everyone := func(code int) expect { return expect{toSignin, code, code, code, code, code, code} }
		admin := func(code int) expect { return expect{toSignin, code, deny, deny, deny, deny, deny} }
		return []routeRow{
			{"GET /notifications", "/notifications?unread=1", nil, everyone(ok)},
			{"POST /notifications/{id}/open", "/notifications/" + other + "/open", form(nil), everyone(gone)},
			{"POST /notifications/read-all", "/notifications/read-all", form(nil), everyone(see)},
			{"GET /account/notifications", "/account/notifications", nil, everyone(ok)},
			{"POST /account/notifications", "/account/notifications", form(url.Values{"email": {"not an address"}, "kinds": {"task.red"}}), everyone(bad)},
			{"GET /admin/notifications", "/admin/notifications", nil, admin(ok)},
			{"POST /admin/notifications/mail", "/admin/notifications/mail", form(url.Values{"base_url": {"ftp://gaoxin"}, "smtp_password": {"x"}}), admin(bad)},
			{"POST /admin/notifications/mail/test", "/admin/notifications/mail/test", form(url.Values{"email": {"nobody"}}), admin(bad)},
			{"GET /admin/notifications/webhooks/new", "/admin/notifications/webhooks/new", nil, admin(ok)},
			{"POST /admin/notifications/webhooks/new", "/admin/notifications/webhooks/new", form(badHook), admin(bad)},
			{"GET /admin/notifications/webhooks/{id}", edit, nil, admin(ok)},
			{"POST /admin/notifications/webhooks/{id}", edit, form(badHook), admin(bad)},
			{"POST /admin/notifications/webhooks/{id}/test", "/admin/notifications/webhooks/999999/test", form(nil), admin(gone)},
			{"POST /admin/notifications/webhooks/{id}/delete", "/admin/notifications/webhooks/999999/delete", form(nil), admin(gone)},
			{"GET /admin/notifications/outbox", "/admin/notifications/outbox?state=failed", nil, admin(ok)},
			{"POST /admin/notifications/outbox/{id}/retry", "/admin/notifications/outbox/999999/retry", form(nil), admin(gone)},
		}
	})
}
