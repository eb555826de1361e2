package notify_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/notify"
)

func hmacSHA256(key, msg string) []byte {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// Each chat tool gets its own format, signed its own way, with the
// delivery id in a header.
func TestWebhookFormats(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		rc := newReceiver(t, func(n int, c call) (int, string) {
			if strings.HasPrefix(c.url.Path, "/feishu/") {
				return http.StatusOK, `{"code":0,"data":{},"msg":"success"}`
			}
			return http.StatusOK, `{"errcode":0,"errmsg":"ok"}`
		})
		if _, err := w.s.SetConfig(ctx, admin, notify.Config{BaseURL: "https://gaoxin.weifang.gov.cn"}); err != nil {
			t.Fatal(err)
		}
		hooks := []notify.Webhook{
			{Name: "dingtalk", Kind: notify.DingTalk, URL: rc.url("/dingtalk/robot/send?access_token=dt-token"), Secret: "SECdingtalk"},
			{Name: "wecom", Kind: notify.WeCom, URL: rc.url("/wecom/cgi-bin/webhook/send?key=wc-key")},
			{Name: "feishu", Kind: notify.Feishu, URL: rc.url("/feishu/open-apis/bot/v2/hook/fs-hook"), Secret: "fs-secret"},
			{Name: "generic", Kind: notify.Generic, URL: rc.url("/generic"), Secret: "gx-secret"},
		}
		for _, h := range hooks {
			h.Events, h.Active = []notify.Kind{notify.TaskRed}, true
			if _, err := w.s.CreateWebhook(ctx, admin, h); err != nil {
				t.Fatal(err)
			}
		}
		m := message(notify.TaskRed)
		m.UnitID = w.unit["XC"]
		w.enqueue(t, m)
		n, err := w.deliverer().DeliverDue(ctx)
		if err != nil || n != 4 {
			t.Fatalf("delivered %d, %v", n, err)
		}
		ids := map[string]string{}
		rows, _ := w.s.Outbox(ctx, notify.OutboxFilter{})
		for _, r := range rows {
			if r.State != notify.Delivered || r.Attempts != 1 || !r.DeliveredAt.Equal(w.clock.now()) {
				t.Errorf("row %+v", r)
			}
			ids[r.Target] = r.DeliveryID
		}
		now := w.clock.now()
		for _, c := range rc.received() {
			name := strings.Split(c.url.Path, "/")[1]
			if c.id != ids[name] || c.header.Get("Content-Type") != "application/json; charset=utf-8" ||
				c.header.Get(notify.EventHeader) != "task.red" {
				t.Errorf("%s: headers %v, want delivery id %s", name, c.header, ids[name])
			}
			var body map[string]any
			if err := json.Unmarshal(c.body, &body); err != nil {
				t.Fatalf("%s: %s", name, c.body)
			}
			switch name {
			case "dingtalk":
				checkDingTalk(t, c, body, now)
			case "wecom":
				md := body["markdown"].(map[string]any)["content"].(string)
				if body["msgtype"] != "markdown" || !strings.HasPrefix(md, "**2019年11月填报已开始**\n\n请于12月5日前完成填报。") ||
					!strings.Contains(md, "[查看详情](https://gaoxin.weifang.gov.cn/report/2019-11)") || c.url.Query().Has("sign") {
					t.Errorf("wecom: %s", c.body)
				}
			case "feishu":
				ts := strconv.FormatInt(now.Unix(), 10)
				want := base64.StdEncoding.EncodeToString(hmacSHA256(ts+"\nfs-secret", ""))
				text := body["content"].(map[string]any)["text"].(string)
				if body["msg_type"] != "text" || body["timestamp"] != ts || body["sign"] != want ||
					text != "2019年11月填报已开始\n请于12月5日前完成填报。\nhttps://gaoxin.weifang.gov.cn/report/2019-11\ngaoxin 通知 · 任务亮红灯" {
					t.Errorf("feishu: %s, want sign %s", c.body, want)
				}
			case "generic":
				ts := c.header.Get(notify.TimestampHeader)
				want := "sha256=" + hex.EncodeToString(hmacSHA256("gx-secret", ts+"."+string(c.body)))
				if ts != strconv.FormatInt(now.Unix(), 10) || c.header.Get(notify.SignatureHeader) != want ||
					body["delivery_id"] != c.id || body["kind"] != "task.red" || body["url"] != "https://gaoxin.weifang.gov.cn/report/2019-11" ||
					body["link"] != "/report/2019-11" || body["title"] != "2019年11月填报已开始" {
					t.Errorf("generic: %s %v", c.body, c.header)
				}
			}
		}
		if len(rc.received()) != 4 {
			t.Fatalf("%d calls", len(rc.received()))
		}
	})
}

// DingTalk: timestamp in milliseconds and the URL-encoded base64 of
// HMAC-SHA256("timestamp\nsecret") keyed by the secret, in the query.
func checkDingTalk(t *testing.T, c call, body map[string]any, now time.Time) {
	t.Helper()
	q := c.url.Query()
	ts := strconv.FormatInt(now.UnixMilli(), 10)
	sign := base64.StdEncoding.EncodeToString(hmacSHA256("SECdingtalk", ts+"\nSECdingtalk"))
	if q.Get("access_token") != "dt-token" || q.Get("timestamp") != ts || q.Get("sign") != sign ||
		!strings.Contains(c.url.RawQuery, "sign="+url.QueryEscape(sign)) {
		t.Errorf("dingtalk query %s, want timestamp %s sign %s", c.url.RawQuery, ts, sign)
	}
	md := body["markdown"].(map[string]any)
	if body["msgtype"] != "markdown" || md["title"] != "2019年11月填报已开始" ||
		md["text"] != "### 2019年11月填报已开始\n\n请于12月5日前完成填报。\n\n[查看详情](https://gaoxin.weifang.gov.cn/report/2019-11)\n\ngaoxin 通知 · 任务亮红灯" {
		t.Errorf("dingtalk body %s", c.body)
	}
}

// A chat tool that answers 200 with an error code has refused the
// message; HTTP errors are retried unless the receiver refuses the request
// as such. The robot's token never reaches the recorded error.
func TestWebhookRefusals(t *testing.T) {
	cases := []struct {
		kind   notify.HookKind
		status int
		reply  string
		state  notify.State
		err    string
	}{
		{notify.DingTalk, 200, `{"errcode":310000,"errmsg":"sign not match"}`, notify.Pending, "errcode 310000: sign not match"},
		{notify.WeCom, 200, `{"errcode":93000,"errmsg":"invalid webhook url"}`, notify.Pending, "errcode 93000"},
		{notify.Feishu, 200, `{"code":19021,"data":{},"msg":"sign match fail or timestamp is not within one hour"}`, notify.Pending, "code 19021"},
		{notify.Feishu, 200, `{"StatusCode":0,"StatusMessage":"success"}`, notify.Delivered, ""},
		{notify.DingTalk, 200, `<html>proxy login</html>`, notify.Pending, "unexpected reply: <html>proxy login</html>"},
		{notify.Generic, 500, `oops`, notify.Pending, "HTTP 500 oops"},
		{notify.Generic, 429, ``, notify.Pending, "HTTP 429"},
		{notify.Generic, 404, `no such hook`, notify.Failed, "HTTP 404 no such hook"},
		{notify.Generic, 204, ``, notify.Delivered, ""},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		for i, c := range cases {
			rc := newReceiver(t, func(int, call) (int, string) { return c.status, c.reply })
			h, err := w.s.CreateWebhook(ctx, admin, notify.Webhook{Name: strconv.Itoa(i), Kind: c.kind, URL: rc.url("/hook?access_token=tok"),
				Events: []notify.Kind{notify.TaskRed}, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			w.enqueue(t, message(notify.TaskRed))
			w.deliverer().DeliverDue(ctx)
			rows, _ := w.s.Outbox(ctx, notify.OutboxFilter{WebhookID: h.ID})
			r := rows[0]
			if r.State != c.state || r.Attempts != 1 || !strings.HasPrefix(r.LastError, c.err) {
				t.Errorf("case %d: %s after %d attempts, %q; want %s, %q", i, r.State, r.Attempts, r.LastError, c.state, c.err)
			}
			if c.state == notify.Pending && !r.NextAttemptAt.Equal(w.clock.now().Add(30*time.Second)) {
				t.Errorf("case %d: next attempt at %v, want 30 s after %v", i, r.NextAttemptAt, w.clock.now())
			}
			w.s.DeleteWebhook(ctx, admin, h.ID)
		}
		// Nobody listens on port 1: the error names the host, not the token.
		h, _ := w.s.CreateWebhook(ctx, admin, notify.Webhook{Name: "closed", Kind: notify.DingTalk,
			URL: "http://127.0.0.1:1/robot/send?access_token=tok-6f1d2c", Events: []notify.Kind{notify.TaskRed}, Active: true})
		w.enqueue(t, message(notify.TaskRed))
		w.deliverer().DeliverDue(ctx)
		rows, _ := w.s.Outbox(ctx, notify.OutboxFilter{WebhookID: h.ID})
		if r := rows[0]; r.State != notify.Pending || !strings.HasPrefix(r.LastError, "post to http://127.0.0.1:1/…: ") ||
			strings.Contains(r.LastError, "tok-6f1d2c") {
			t.Errorf("refused connection: %+v", r)
		}
	})
}

// The admin's test message goes at once and reports the tool's refusal.
func TestTestWebhook(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		refuse := false
		rc := newReceiver(t, func(int, call) (int, string) {
			if refuse {
				return 200, `{"errcode":300001,"errmsg":"token is not exist"}`
			}
			return 200, `{"errcode":0,"errmsg":"ok"}`
		})
		h, err := w.s.CreateWebhook(ctx, admin, notify.Webhook{Name: "管委会群", Kind: notify.WeCom, URL: rc.url("/send?key=k"),
			Events: []notify.Kind{notify.TaskRed}})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.s.TestWebhook(ctx, h.ID); err != nil {
			t.Fatal(err)
		}
		calls := rc.received()
		if len(calls) != 1 || !strings.Contains(string(calls[0].body), "gaoxin 测试消息") || !strings.HasPrefix(calls[0].id, "test-") {
			t.Fatalf("test call %+v %s", calls, calls[0].body)
		}
		refuse = true
		if err := w.s.TestWebhook(ctx, h.ID); err == nil || err.Error() != "errcode 300001: token is not exist" {
			t.Fatalf("refused test: %v", err)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM notify_outbox"); n != 0 {
			t.Fatalf("a test message left %d outbox rows", n)
		}
	})
}
