package notify_test

import (
	"encoding/base64"
	"io"
	"mime"
	"net/mail"
	"strings"
	"testing"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
)

const longTitle = "2019年11月经济运行指标填报已开始，请于12月5日前完成填报并提交单位负责人确认"

// mailWorld is a world whose mail server is srv, whose street reporter
// wants e-mail for every kind in Chinese, and whose community reporter in
// English.
func mailWorld(t *testing.T, d *db.DB, srv *smtpServer, tlsMode notify.TLSMode, user, password string) *world {
	t.Helper()
	w := newWorld(t, d)
	if _, err := w.s.SetConfig(ctx, admin, notify.Config{BaseURL: "https://gaoxin.weifang.gov.cn", SMTPHost: "127.0.0.1",
		SMTPPort: srv.port(), SMTPFrom: "高新区管委会 <noreply@weifang.gov.cn>", SMTPTLS: tlsMode,
		SMTPUsername: user, SMTPPassword: password}); err != nil {
		t.Fatal(err)
	}
	for login, address := range map[string]string{"xc.tb": "zhang.san@xincheng.gov.cn", "sq.tb": "li.na@xincheng.gov.cn"} {
		if _, err := w.s.SetPreferences(ctx, admin, notify.Preferences{UserID: w.user[login], Email: address,
			EmailKinds: notify.Kinds}); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// readMail parses a received message and decodes its subject, sender
// name and body.
func readMail(t *testing.T, raw string) (msg *mail.Message, subject, fromName, body string) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("%v:\n%s", err, raw)
	}
	dec := new(mime.WordDecoder)
	if subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatal(err)
	}
	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 {
		t.Fatalf("From: %v", err)
	}
	encoded, _ := io.ReadAll(msg.Body)
	decoded, err := base64.StdEncoding.DecodeString(string(encoded))
	if err != nil {
		t.Fatalf("body is not base64: %v\n%s", err, encoded)
	}
	return msg, subject, from[0].Name, string(decoded)
}

// A Chinese e-mail arrives whole: subject in RFC 2047 words folded into
// short ASCII lines, the sender's name, the body in base64, the delivery
// id as its Message-ID; an English reader gets it in English.
func TestMailDelivered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := startSMTP(t, &smtpServer{})
		w := mailWorld(t, d, srv, notify.TLSNone, "", "")
		m := message(notify.GridReturned, w.user["xc.tb"], w.user["sq.tb"], w.user["xc.fzr"])
		m.Title = i18n.Text(longTitle, "Reporting for November 2019 has opened")
		w.enqueue(t, m)
		if n, err := w.deliverer().DeliverDue(ctx); err != nil || n != 2 {
			t.Fatalf("delivered %d, %v", n, err)
		}
		rows, _ := w.s.Outbox(ctx, notify.OutboxFilter{Channel: notify.Email})
		ids := map[string]string{}
		for _, r := range rows {
			ids[r.Target] = r.DeliveryID
		}
		mails := srv.received()
		if len(mails) != 2 {
			t.Fatalf("%d mails arrived", len(mails))
		}
		for _, got := range mails {
			if got.from != "noreply@weifang.gov.cn" || len(got.to) != 1 {
				t.Fatalf("envelope %s → %v", got.from, got.to)
			}
			to := got.to[0]
			msg, subject, fromName, body := readMail(t, got.data)
			header, _, _ := strings.Cut(got.data, "\r\n\r\n")
			for _, line := range strings.Split(header, "\r\n") {
				if len(line) > 78 || strings.IndexFunc(line, func(r rune) bool { return r > 126 }) >= 0 {
					t.Errorf("header line not short ASCII: %q", line)
				}
			}
			if fromName != "高新区管委会" || msg.Header.Get("To") != "<"+to+">" ||
				msg.Header.Get("Message-Id") != "<"+ids[to]+"@gaoxin>" || msg.Header.Get(notify.DeliveryHeader) != ids[to] ||
				msg.Header.Get("Content-Type") != "text/plain; charset=UTF-8" || msg.Header.Get("Content-Transfer-Encoding") != "base64" {
				t.Errorf("headers of %s: %v", to, msg.Header)
			}
			if _, err := msg.Header.Date(); err != nil {
				t.Errorf("Date: %v", err)
			}
			switch to {
			case "zhang.san@xincheng.gov.cn":
				if raw := msg.Header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?B?") || strings.Count(raw, "=?UTF-8?B?") < 2 || subject != longTitle {
					t.Errorf("subject %q decodes to %q", msg.Header.Get("Subject"), subject)
				}
				want := longTitle + "\r\n\r\n请于12月5日前完成填报。\r\n\r\n查看详情：https://gaoxin.weifang.gov.cn/report/2019-11\r\n\r\n-- \r\n"
				if !strings.HasPrefix(body, want) || !strings.Contains(body, "通知设置") {
					t.Errorf("Chinese body:\n%s", body)
				}
			case "li.na@xincheng.gov.cn":
				if subject != "Reporting for November 2019 has opened" || !strings.Contains(body, "Open: https://gaoxin.weifang.gov.cn/report/2019-11") {
					t.Errorf("English mail: %q\n%s", subject, body)
				}
			default:
				t.Errorf("a mail went to %s", to)
			}
		}
	})
}

// A server's 5xx is final: the row is failed after one attempt and keeps
// its message and the server's words. A 4xx is retried after the backoff,
// with the same delivery id.
func TestMailRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := startSMTP(t, &smtpServer{})
		w := mailWorld(t, d, srv, notify.TLSNone, "", "")
		dl := w.deliverer()
		srv.refuseRcpt("550 5.1.1 <zhang.san@xincheng.gov.cn>: Recipient address rejected: User unknown")
		w.enqueue(t, message(notify.TaskRed, w.user["xc.tb"]))
		if n, err := dl.DeliverDue(ctx); err != nil || n != 0 {
			t.Fatalf("delivered %d, %v", n, err)
		}
		rows, _ := w.s.Outbox(ctx, notify.OutboxFilter{})
		r := rows[0]
		if r.State != notify.Failed || r.Attempts != 1 || !r.DeliveredAt.IsZero() ||
			r.LastError != "RCPT TO: 550 5.1.1 <zhang.san@xincheng.gov.cn>: Recipient address rejected: User unknown" {
			t.Fatalf("refused row %+v", r)
		}
		var payload string
		d.QueryRow(ctx, "SELECT payload FROM notify_outbox WHERE id = $1", r.ID).Scan(&payload)
		if !strings.Contains(payload, `"title":"2019年11月填报已开始"`) || !strings.Contains(payload, `"body":"请于12月5日前完成填报。"`) {
			t.Fatalf("the refused row lost its message: %s", payload)
		}
		if counts, _ := w.s.OutboxCounts(ctx); counts[notify.Failed] != 1 || counts[notify.Pending] != 0 {
			t.Fatalf("counts %v", counts)
		}

		srv.refuseRcpt("451 4.3.0 mailbox busy, try again later")
		if err := w.s.Retry(ctx, admin, r.ID); err != nil {
			t.Fatal(err)
		}
		dl.DeliverDue(ctx)
		rows, _ = w.s.Outbox(ctx, notify.OutboxFilter{})
		r = rows[0]
		if r.State != notify.Pending || r.Attempts != 1 || r.LastError != "RCPT TO: 451 4.3.0 mailbox busy, try again later" ||
			!r.NextAttemptAt.Equal(w.clock.now().Add(30*time.Second)) {
			t.Fatalf("after a 451: %+v", r)
		}
		srv.refuseRcpt("")
		if n, _ := dl.DeliverDue(ctx); n != 0 {
			t.Fatal("sent before its backoff ended")
		}
		w.clock.advance(30 * time.Second)
		if n, _ := dl.DeliverDue(ctx); n != 1 {
			t.Fatal("not sent after its backoff")
		}
		rows, _ = w.s.Outbox(ctx, notify.OutboxFilter{})
		mails := srv.received()
		if r := rows[0]; r.State != notify.Delivered || r.Attempts != 2 || r.LastError != "" || len(mails) != 1 ||
			!strings.Contains(mails[0].data, "Message-ID: <"+r.DeliveryID+"@gaoxin>") {
			t.Fatalf("after the retry: %+v, %d mails", r, len(mails))
		}
		if err := w.s.Retry(ctx, admin, r.ID); err == nil {
			t.Fatal("a delivered row was put back in the queue")
		}
	})
}

// STARTTLS and TLS from the first byte, with the password sent only over
// TLS; a certificate nobody trusts is refused.
func TestMailTLS(t *testing.T) {
	conf, pool := selfSigned(t)
	for _, mode := range []notify.TLSMode{notify.TLSStartTLS, notify.TLSImplicit} {
		t.Run(string(mode), func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				srv := startSMTP(t, &smtpServer{tls: conf, implicit: mode == notify.TLSImplicit})
				w := mailWorld(t, d, srv, mode, "gaoxin", "Gx-口令-2019")
				untrusting := w.deliverer()
				w.enqueue(t, message(notify.PeriodOpened, w.user["xc.tb"]))
				untrusting.DeliverDue(ctx)
				rows, _ := w.s.Outbox(ctx, notify.OutboxFilter{})
				if r := rows[0]; r.State != notify.Pending || !strings.Contains(r.LastError, "certificate") {
					t.Fatalf("an unknown certificate: %+v", r)
				}
				w.clock.advance(time.Minute)
				dl := w.deliverer()
				dl.TrustRoots(pool)
				if n, err := dl.DeliverDue(ctx); err != nil || n != 1 {
					t.Fatalf("delivered %d, %v", n, err)
				}
				mails := srv.received()
				if len(mails) != 1 || !mails[0].tls || mails[0].auth != "\x00gaoxin\x00Gx-口令-2019" {
					t.Fatalf("mails %+v", mails)
				}
				if _, subject, _, _ := readMail(t, mails[0].data); subject != "2019年11月填报已开始" {
					t.Fatalf("subject %q", subject)
				}
			})
		})
	}
}

// The admin's test e-mail goes at once, in the admin's language.
func TestTestMail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		if err := notify.NewStore(d).TestMail(ctx, i18n.EN, "zhang.san@xincheng.gov.cn"); !sameField(err, "smtp_host", "notify.err.mail_off") {
			t.Fatalf("with no server: %v", err)
		}
		srv := startSMTP(t, &smtpServer{})
		w := mailWorld(t, d, srv, notify.TLSNone, "", "")
		if err := w.s.TestMail(ctx, i18n.EN, "zhang.san"); !sameField(err, "email", "notify.err.email") {
			t.Fatalf("a bad address: %v", err)
		}
		if err := w.s.TestMail(ctx, i18n.EN, "zhang.san@xincheng.gov.cn"); err != nil {
			t.Fatal(err)
		}
		mails := srv.received()
		if len(mails) != 1 {
			t.Fatalf("%d mails", len(mails))
		}
		if _, subject, _, body := readMail(t, mails[0].data); subject != "gaoxin test message" || !strings.Contains(body, "https://gaoxin.weifang.gov.cn/") {
			t.Fatalf("test mail %q\n%s", subject, body)
		}
		srv.refuseRcpt("550 5.7.1 relaying denied")
		if err := w.s.TestMail(ctx, i18n.ZH, "zhang.san@xincheng.gov.cn"); err == nil || err.Error() != "RCPT TO: 550 5.7.1 relaying denied" {
			t.Fatalf("refused test mail: %v", err)
		}
	})
}
