package web_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
)

var bellCount = regexp.MustCompile(`class="bell-count">(\d+)<`)

// bell is the unread count the header shows, 0 when it shows none.
func bell(t *testing.T, body string) int {
	t.Helper()
	if !strings.Contains(body, `href="/notifications" class="bell"`) {
		t.Fatal("the page has no bell")
	}
	m := bellCount.FindStringSubmatch(body)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// tell enqueues an event for some demo accounts, in a transaction of its
// own as the package that has the event would.
func tell(t *testing.T, s *site, kind notify.Kind, title, body, link string, logins ...string) {
	t.Helper()
	var users []int64
	for _, l := range logins {
		users = append(users, mustID(t, s.userID(l)))
	}
	m := notify.Message{Kind: kind, Title: i18n.Text(title, title), Body: i18n.Text(body, body), Link: link, Users: users}
	if body == "" {
		m.Body = i18n.Msg{}
	}
	if err := s.db.Write(context.Background(), func(tx *db.Tx) error { return notify.Enqueue(context.Background(), tx, m) }); err != nil {
		t.Fatal(err)
	}
}

// notificationID is the id of a user's notification by its title.
func notificationID(t *testing.T, s *site, login, title string) string {
	t.Helper()
	var id string
	if err := s.db.QueryRow(context.Background(), "SELECT id FROM notifications WHERE user_id = $1 AND title = $2",
		mustID(t, s.userID(login)), title).Scan(&id); err != nil {
		t.Fatalf("%s's notification %q: %v", login, title, err)
	}
	return id
}

func unreadOf(t *testing.T, s *site, login string) int {
	t.Helper()
	return s.count(t, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", mustID(t, s.userID(login)))
}

// A street's reporter sees their notifications on the bell and in the
// list, newest first with the unread marked and their times in China time;
// opening one marks it read and follows its link, never to another site;
// another user cannot open it; marking all read empties the bell; the
// list pages by 20.
func TestNotificationPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		xc := s.unitID("XCJD")
		// The demo's own events (its returns and reminders) are read first,
		// so that the counts below are this test's.
		for _, login := range []string{"xincheng.tb", "xincheng.fzr"} {
			if _, err := notify.NewStore(d).MarkAllRead(t.Context(), mustID(t, s.userID(login))); err != nil {
				t.Fatal(err)
			}
		}
		tell(t, s, notify.PeriodOpened, "2019年11月填报期开始", "请于12月5日前报送11月数据。", "/report", "xincheng.tb")
		tell(t, s, notify.GridReturned, "11月报表被退回", "规模以上工业增加值增速与统计局口径不一致。", "/report/2019/11/"+xc, "xincheng.tb")
		tell(t, s, notify.TaskRed, "督办任务亮红灯", "", "", "xincheng.tb")
		tell(t, s, notify.ResultsPublished, "前三季度考核结果发布", "", "/assess", "xincheng.fzr")

		reporter, head := s.signIn("xincheng.tb"), s.signIn("xincheng.fzr")
		if _, body := reporter.get("/"); bell(t, body) != 3 {
			t.Fatalf("the reporter's bell says %d, want 3", bell(t, body))
		}
		if _, body := head.get("/plan/2019"); bell(t, body) != 1 {
			t.Errorf("the head's bell says %d, want 1", bell(t, body))
		}
		if _, body := s.signIn("jingji.fzr").get("/"); bell(t, body) != unreadOf(t, s, "jingji.fzr") {
			t.Errorf("经济发展局's head's bell says %d, the table holds %d unread", bell(t, body), unreadOf(t, s, "jingji.fzr"))
		}
		if _, body := s.signIn("chakan").get("/"); unreadOf(t, s, "chakan") == 0 && bell(t, body) != 0 {
			t.Errorf("a user with no notifications has a count on the bell")
		}
		if _, body := s.browser().get("/signin"); strings.Contains(body, `class="bell"`) {
			t.Error("the sign-in page shows a bell to a visitor")
		}

		_, list := reporter.get("/notifications")
		red, returned, opened := strings.Index(list, "督办任务亮红灯"), strings.Index(list, "11月报表被退回"), strings.Index(list, "2019年11月填报期开始")
		if red < 0 || !(red < returned && returned < opened) {
			t.Fatalf("the list is not newest first: %d %d %d", red, returned, opened)
		}
		if n := strings.Count(list, `class="notification unread"`); n != 3 {
			t.Errorf("%d notifications marked unread, want 3", n)
		}
		if strings.Contains(list, "前三季度考核结果发布") {
			t.Error("the reporter's list shows the head's notification")
		}
		if !strings.Contains(list, "规模以上工业增加值增速与统计局口径不一致。") || !strings.Contains(list, "报表被退回") {
			t.Error("the list lacks a body or the kind's name")
		}
		var created time.Time
		id := notificationID(t, s, "xincheng.tb", "11月报表被退回")
		d.QueryRow(t.Context(), "SELECT created_at FROM notifications WHERE id = $1", id).Scan(&created)
		if china := created.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04"); !strings.Contains(list, "<time>"+china+"</time>") {
			t.Errorf("the list does not show %s (China time)", china)
		}

		// Opening one marks it read and goes to its page.
		res, _ := reporter.post("/notifications/"+id+"/open", nil)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/report/2019/11/"+xc {
			t.Fatalf("open: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		_, list = reporter.get("/notifications")
		if bell(t, list) != 2 || strings.Count(list, `class="notification unread"`) != 2 || unreadOf(t, s, "xincheng.tb") != 2 {
			t.Errorf("after opening one: bell %d, %d marked, %d unread in the table", bell(t, list),
				strings.Count(list, `class="notification unread"`), unreadOf(t, s, "xincheng.tb"))
		}
		// Another user's notification does not exist for them.
		other := notificationID(t, s, "xincheng.tb", "2019年11月填报期开始")
		if res, _ := head.post("/notifications/"+other+"/open", nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("the head opening the reporter's notification: %d", res.StatusCode)
		}
		if unreadOf(t, s, "xincheng.tb") != 2 {
			t.Error("another user's attempt marked the notification read")
		}
		// One without a link is marked read and leads back to the list.
		if res, _ := reporter.post("/notifications/"+notificationID(t, s, "xincheng.tb", "督办任务亮红灯")+"/open", nil); res.Header.Get("Location") != "/notifications" {
			t.Errorf("a notification without a link leads to %q", res.Header.Get("Location"))
		}

		// A row whose link leads off the site, however it got there, leads
		// back to the list.
		tb := mustID(t, s.userID("xincheng.tb"))
		for i, link := range []string{"https://evil.example/phish", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"} {
			title := "外部链接 " + strconv.Itoa(i)
			err := d.Write(t.Context(), func(tx *db.Tx) error {
				_, err := tx.Exec(t.Context(), "INSERT INTO notifications (user_id, kind, title, body, link, created_at) VALUES ($1, $2, $3, '', $4, $5)",
					tb, notify.TaskRed, title, link, db.Now())
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			res, _ := reporter.post("/notifications/"+notificationID(t, s, "xincheng.tb", title)+"/open", nil)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/notifications" {
				t.Errorf("a notification linking to %q leads to %q", link, res.Header.Get("Location"))
			}
		}

		res, _ = reporter.post("/notifications/read-all", nil)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("mark all read: %d", res.StatusCode)
		}
		_, list = reporter.get(res.Header.Get("Location"))
		if bell(t, list) != 0 || strings.Contains(list, `class="notification unread"`) || unreadOf(t, s, "xincheng.tb") != 0 ||
			!strings.Contains(list, "已全部标记为已读") {
			t.Errorf("after marking all read: bell %d, %d unread in the table", bell(t, list), unreadOf(t, s, "xincheng.tb"))
		}
		if unreadOf(t, s, "xincheng.fzr") != 1 {
			t.Error("the reporter marking all read touched the head's notification")
		}

		// 25 more: the list shows the newest 20, then the rest.
		for i := 1; i <= 25; i++ {
			tell(t, s, notify.DeadlineNear, "第"+strconv.Itoa(i)+"条提醒", "", "/report", "xincheng.tb")
		}
		_, first := reporter.get("/notifications?unread=1")
		if n := strings.Count(first, `<li class="notification`); n != 20 || !strings.Contains(first, "第25条提醒") || strings.Contains(first, "第5条提醒") {
			t.Fatalf("the first page holds %d notifications", n)
		}
		older := regexp.MustCompile(`href="(/notifications\?before=\d+&amp;unread=1)"`).FindStringSubmatch(first)
		if older == nil {
			t.Fatal("the first page has no link to older notifications")
		}
		_, second := reporter.get(strings.ReplaceAll(older[1], "&amp;", "&"))
		if n := strings.Count(second, `<li class="notification`); n != 5 || !strings.Contains(second, "第1条提醒") ||
			strings.Contains(second, "第6条提醒") || strings.Contains(second, `href="/notifications?before=`) {
			t.Errorf("the second page holds %d notifications", n)
		}
	})
}

// The preferences: in-app always on, every kind offered by e-mail until
// saved; a bad address is refused under its field with what was typed,
// in the user's language; a good one is stored with the kinds ticked.
func TestNotificationPreferencesPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		reporter := s.signIn("xincheng.tb")
		_, body := reporter.get("/account")
		if !strings.Contains(body, `href="/account/notifications"`) || strings.Contains(body, `href="/admin/notifications"`) {
			t.Error("the account page does not lead to the preferences, or leads a reporter to the administrator's page")
		}
		_, body = reporter.get("/account/notifications")
		ticked := regexp.MustCompile(`name="kinds" value="([a-z.]+)" checked`)
		if n := len(ticked.FindAllString(body, -1)); n != len(notify.Kinds) || strings.Count(body, "<td>始终开启</td>") != len(notify.Kinds) {
			t.Errorf("a user who never saved sees %d kinds ticked, want all %d, each always in the app", n, len(notify.Kinds))
		}
		if !strings.Contains(body, "尚未配置邮件服务器") {
			t.Error("the page does not say that no mail server is set up")
		}

		res, body := reporter.post("/account/notifications", url.Values{"email": {"zhang san@weifang"}, "kinds": {"period.opened", "task.red"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a bad address: %d", res.StatusCode)
		}
		if !regexp.MustCompile(`name="email"[^>]*value="zhang san@weifang"[^>]*></label>\s*<p class="field-error">“zhang san@weifang”不是有效的电子邮件地址`).MatchString(body) {
			t.Errorf("the refusal does not keep the address with its error under it:\n%s", body)
		}
		if got := ticked.FindAllStringSubmatch(body, -1); len(got) != 2 || got[0][1] != "period.opened" || got[1][1] != "task.red" {
			t.Errorf("the refusal ticks %v, want what was ticked", got)
		}
		if prefs, _ := notify.NewStore(d).Preferences(t.Context(), mustID(t, s.userID("xincheng.tb"))); !prefs.UpdatedAt.IsZero() {
			t.Error("a refused address was stored")
		}

		reporter.post("/lang", url.Values{"lang": {"en"}, "back": {"/account/notifications"}})
		if _, body = reporter.post("/account/notifications", url.Values{"email": {"zhang.san@"}}); !strings.Contains(body, "“zhang.san@” is not a valid e-mail address") {
			t.Error("the refusal is not in the user's language")
		}
		res, _ = reporter.post("/account/notifications", url.Values{"email": {" zhang.san@weifang.gov.cn "}, "kinds": {"task.red", "grid.returned"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", res.StatusCode)
		}
		prefs, err := notify.NewStore(d).Preferences(t.Context(), mustID(t, s.userID("xincheng.tb")))
		if err != nil || prefs.Email != "zhang.san@weifang.gov.cn" || !slices.Equal(prefs.EmailKinds, []notify.Kind{notify.GridReturned, notify.TaskRed}) {
			t.Fatalf("stored %+v, %v", prefs, err)
		}
		_, body = reporter.get(res.Header.Get("Location"))
		if got := ticked.FindAllStringSubmatch(body, -1); len(got) != 2 || got[0][1] != "grid.returned" || got[1][1] != "task.red" ||
			!strings.Contains(body, `value="zhang.san@weifang.gov.cn"`) || !strings.Contains(body, "Notification settings saved.") {
			t.Errorf("the saved preferences show %v", got)
		}
	})
}

// The mail settings: the password is stored but never shown, neither after
// saving nor after a refusal, nor in the audit trail; an empty password
// keeps it and the box clears it; a test e-mail reports the server's own
// failure.
func TestNotificationMailSettings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		admin := s.signIn("admin")
		if _, body := admin.get("/account"); !strings.Contains(body, `href="/admin/notifications"`) {
			t.Error("the administrator's account page does not lead to the notification settings")
		}
		const password = "Weifang-SMTP-0536"
		settings := url.Values{"base_url": {"https://gaoxin.weifang.gov.cn/"}, "smtp_host": {"smtp.weifang.gov.cn"}, "smtp_tls": {"tls"},
			"smtp_port": {"465"}, "smtp_from": {"高新区管委会 <noreply@weifang.gov.cn>"}, "smtp_username": {"gaoxin"}, "smtp_password": {password}}
		res, _ := admin.post("/admin/notifications/mail", settings)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", res.StatusCode)
		}
		stored := func() string {
			var v string
			d.QueryRow(t.Context(), "SELECT value FROM settings WHERE key = $1", notify.KeySMTPPassword).Scan(&v)
			return v
		}
		if stored() != password {
			t.Fatal("the password was not stored")
		}
		_, body := admin.get(res.Header.Get("Location"))
		for _, want := range []string{`value="smtp.weifang.gov.cn"`, `value="465"`, `value="tls" selected`, `value="https://gaoxin.weifang.gov.cn"`,
			`<span class="badge set">已设置</span>`, "邮件设置已保存"} {
			if !strings.Contains(body, want) {
				t.Errorf("the saved settings lack %s", want)
			}
		}
		if strings.Contains(body, password) {
			t.Fatal("the page shows the SMTP password")
		}

		refused := url.Values{}
		for k, v := range settings {
			refused[k] = v
		}
		refused.Set("smtp_port", "四六五")
		refused.Set("smtp_password", "Another-0536-secret")
		res, body = admin.post("/admin/notifications/mail", refused)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="四六五"`) ||
			!regexp.MustCompile(`name="smtp_port"[^>]*></label>\s*<p class="field-error">端口“四六五”无效`).MatchString(body) {
			t.Fatalf("a bad port: %d", res.StatusCode)
		}
		if strings.Contains(body, "Another-0536-secret") || strings.Contains(body, password) || stored() != password {
			t.Fatal("a refused save shows a password or changed the stored one")
		}
		if _, body = admin.get("/audit"); strings.Contains(body, password) || !strings.Contains(body, "修改邮件设置") {
			t.Error("the audit trail holds the password or does not name the change")
		}

		// Saving without a password keeps it; the box removes it.
		settings.Set("smtp_password", "")
		if admin.post("/admin/notifications/mail", settings); stored() != password {
			t.Error("a save without a password lost it")
		}
		settings.Set("clear_password", "1")
		settings.Set("smtp_username", "")
		admin.post("/admin/notifications/mail", settings)
		if _, body = admin.get("/admin/notifications"); stored() != "" || strings.Contains(body, `class="badge set"`) {
			t.Error("the password was not cleared")
		}

		// A test e-mail to a server that is not there shows why.
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
		l.Close()
		admin.post("/admin/notifications/mail", url.Values{"smtp_host": {"127.0.0.1"}, "smtp_port": {port}, "smtp_tls": {"none"}, "smtp_from": {"noreply@weifang.gov.cn"}})
		res, body = admin.post("/admin/notifications/mail/test", url.Values{"email": {"ops@weifang.gov.cn"}})
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "测试邮件未能发送到 ops@weifang.gov.cn。邮件服务器的回答：connect to 127.0.0.1:"+port) {
			t.Errorf("the failed test: %d\n%s", res.StatusCode, body)
		}
		res, body = admin.post("/admin/notifications/mail/test", url.Values{"email": {"ops@"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<p class="field-error">“ops@”不是有效的电子邮件地址`) {
			t.Errorf("a test to a bad address: %d", res.StatusCode)
		}
	})
}

// receiver is a webhook endpoint answering every call with status and
// body.
func receiver(t *testing.T, status int, body string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/hook"
}

// Webhooks: one added on the page is listed with its host only, its token
// and secret never shown; an address that is not http(s) is refused under
// its field with the typing kept but the secret; a change keeps the
// secret; a test message shows the receiver's answer; deleting removes it.
func TestWebhookPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		admin := s.signIn("admin")
		xc := s.unitID("XCJD")
		res, _ := admin.post("/admin/notifications/webhooks/new", url.Values{"name": {"新城街道工作群"}, "kind": {"dingtalk"},
			"url": {"https://oapi.dingtalk.com/robot/send?access_token=tok-5f3a9c"}, "secret": {"SEC-dingtalk-77"},
			"events": {"task.red", "results.published"}, "unit": {xc}, "active": {"1"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", res.StatusCode)
		}
		_, body := admin.get(res.Header.Get("Location"))
		row := regexp.MustCompile(`(?s)<tr>\s*<td><a href="/admin/notifications/webhooks/(\d+)">新城街道工作群</a>.*?</tr>`).FindStringSubmatch(body)
		if row == nil {
			t.Fatalf("the new webhook is not listed:\n%s", body)
		}
		for _, want := range []string{"已设置加签密钥", "<td>钉钉</td>", "<code>https://oapi.dingtalk.com/…</code>", "任务亮红灯、考核结果发布", "<td>新城街道</td>", "<td>启用</td>"} {
			if !strings.Contains(row[0], want) {
				t.Errorf("the webhook's row lacks %s:\n%s", want, row[0])
			}
		}
		if strings.Contains(body, "tok-5f3a9c") || strings.Contains(body, "SEC-dingtalk-77") {
			t.Fatal("the list shows the robot's token or secret")
		}
		edit := "/admin/notifications/webhooks/" + row[1]
		if _, body = admin.get(edit); strings.Contains(body, "SEC-dingtalk-77") || !strings.Contains(body, `<span class="badge set">已设置</span>`) {
			t.Error("the edit form shows the secret, or does not say one is set")
		}

		res, body = admin.post("/admin/notifications/webhooks/new", url.Values{"name": {"飞书群"}, "kind": {"feishu"},
			"url": {"ftp://open.feishu.cn/hook/abc"}, "secret": {"FS-secret-1"}, "events": {"period.opened"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("an ftp address: %d", res.StatusCode)
		}
		if !regexp.MustCompile(`name="url"[^>]*value="ftp://open.feishu.cn/hook/abc"[^>]*></label>\s*<p class="field-error">Webhook 地址“ftp://open.feishu.cn/hook/abc”无效`).MatchString(body) {
			t.Errorf("the refusal does not name the address under its field:\n%s", body)
		}
		if !strings.Contains(body, `value="飞书群"`) || !strings.Contains(body, `value="feishu" selected`) ||
			!strings.Contains(body, `value="period.opened" checked`) || strings.Contains(body, `value="task.red" checked`) || strings.Contains(body, "FS-secret-1") {
			t.Error("the refusal does not keep the typing, or shows the secret")
		}
		if n := s.count(t, "SELECT COUNT(*) FROM notify_webhooks"); n != 1 {
			t.Errorf("%d webhooks stored, want 1", n)
		}

		// Switched off without retyping the secret: the secret stays.
		res, _ = admin.post(edit, url.Values{"name": {"新城街道工作群"}, "kind": {"dingtalk"},
			"url": {"https://oapi.dingtalk.com/robot/send?access_token=tok-5f3a9c"}, "events": {"task.red"}, "unit": {xc}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("update: %d", res.StatusCode)
		}
		h, err := notify.NewStore(d).Webhook(t.Context(), mustID(t, row[1]))
		if err != nil || h.Active || !h.HasSecret || !slices.Equal(h.Events, []notify.Kind{notify.TaskRed}) {
			t.Fatalf("after the update: %+v, %v", h, err)
		}

		// Test messages: the receiver's words when it fails.
		down, err := notify.NewStore(d).CreateWebhook(t.Context(), audit.System, notify.Webhook{Name: "测试接收端", Kind: notify.Generic,
			URL: receiver(t, http.StatusInternalServerError, "receiver down"), Events: []notify.Kind{notify.TaskRed}})
		if err != nil {
			t.Fatal(err)
		}
		res, body = admin.post("/admin/notifications/webhooks/"+itoa(down.ID)+"/test", nil)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "测试消息未能发送到“测试接收端”。对方的回答：HTTP 500 receiver down") {
			t.Errorf("a failed test: %d", res.StatusCode)
		}
		if _, err := notify.NewStore(d).UpdateWebhook(t.Context(), audit.System, notify.Webhook{ID: down.ID, Name: "测试接收端", Kind: notify.Generic,
			URL: receiver(t, http.StatusOK, `{"ok":true}`), Events: []notify.Kind{notify.TaskRed}}); err != nil {
			t.Fatal(err)
		}
		if res, _ = admin.post("/admin/notifications/webhooks/"+itoa(down.ID)+"/test", nil); res.StatusCode != http.StatusSeeOther ||
			!strings.Contains(res.Header.Get("Location"), "done=notify_hook_tested") {
			t.Errorf("a test that arrived: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}

		if res, _ = admin.post(edit+"/delete", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", res.StatusCode)
		}
		if _, body = admin.get("/admin/notifications"); strings.Contains(body, "新城街道工作群") || !strings.Contains(body, "测试接收端") {
			t.Error("the deleted webhook is still listed, or the other one is gone")
		}
	})
}

// The outbox lists a delivery with its state, attempts, next attempt and
// the receiver's words; filters by state; and a failed row is sent again.
func TestOutboxPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		st := notify.NewStore(d)
		for _, h := range []notify.Webhook{
			{Name: "维护中的接收端", Kind: notify.Generic, URL: receiver(t, http.StatusInternalServerError, "upstream down for maintenance")},
			{Name: "已撤销的接收端", Kind: notify.Generic, URL: receiver(t, http.StatusNotFound, "no such hook")},
		} {
			h.Events, h.Active = []notify.Kind{notify.TaskRed}, true
			if _, err := st.CreateWebhook(t.Context(), audit.System, h); err != nil {
				t.Fatal(err)
			}
		}
		tell(t, s, notify.TaskRed, "安全生产整改任务亮红灯", "", "/tasks", "xincheng.tb")
		if _, err := notify.NewDeliverer(d).DeliverDue(t.Context()); err != nil {
			t.Fatal(err)
		}
		admin := s.signIn("admin")
		_, body := admin.get("/admin/notifications/outbox")
		if n := strings.Count(body, `<tr class="delivery">`); n != 2 || strings.Count(body, "安全生产整改任务亮红灯") != 2 {
			t.Fatalf("the outbox shows %d rows, want 2", n)
		}
		for _, want := range []string{"HTTP 500 upstream down for maintenance", "HTTP 404 no such hook", "待发送 <b>1</b>", "发送失败 <b>1</b>", "全部 <b>2</b>"} {
			if !strings.Contains(body, want) {
				t.Errorf("the outbox lacks %q", want)
			}
		}

		var pending, failed string
		var next time.Time
		d.QueryRow(t.Context(), "SELECT id, next_attempt_at FROM notify_outbox WHERE state = 'pending'").Scan(&pending, &next)
		d.QueryRow(t.Context(), "SELECT id FROM notify_outbox WHERE state = 'failed'").Scan(&failed)
		_, body = admin.get("/admin/notifications/outbox?state=pending")
		china := next.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04")
		if strings.Count(body, `<tr class="delivery">`) != 1 || !strings.Contains(body, "upstream down for maintenance") || strings.Contains(body, "no such hook") ||
			!strings.Contains(body, "<td>1</td>\n<td>"+china+"</td>") || strings.Contains(body, "/retry") {
			t.Errorf("the pending rows: want one, tried once, next at %s, not to be retried by hand:\n%s", china, body)
		}
		_, body = admin.get("/admin/notifications/outbox?state=failed")
		if strings.Count(body, `<tr class="delivery">`) != 1 || !strings.Contains(body, "no such hook") || strings.Contains(body, "upstream down") ||
			!strings.Contains(body, `action="/admin/notifications/outbox/`+failed+`/retry"`) {
			t.Errorf("the failed rows: want the refused one with its retry")
		}

		if res, _ := admin.post("/admin/notifications/outbox/"+pending+"/retry", nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("retrying a pending row: %d", res.StatusCode)
		}
		if res, _ := admin.post("/admin/notifications/outbox/"+failed+"/retry", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("retry: %d", res.StatusCode)
		}
		var state string
		var attempts int
		d.QueryRow(t.Context(), "SELECT state, attempts FROM notify_outbox WHERE id = $1", failed).Scan(&state, &attempts)
		if state != "pending" || attempts != 0 {
			t.Errorf("after the retry the row is %s with %d attempts", state, attempts)
		}
		if _, body = admin.get("/admin/notifications"); !strings.Contains(body, "待发送 <b>2</b>") || !strings.Contains(body, "发送失败 <b>0</b>") {
			t.Error("the settings page does not count the outbox")
		}
		if res, _ := s.signIn("kaohe").get("/admin/notifications/outbox"); res.StatusCode != http.StatusForbidden {
			t.Errorf("the assessment office reads the outbox: %d", res.StatusCode)
		}
	})
}
