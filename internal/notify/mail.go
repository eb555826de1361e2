package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/i18n"
)

// composeMail writes an e-mail as RFC 5322 wants it: headers in ASCII,
// with RFC 2047 encoded words for a Chinese subject or sender name, and
// the UTF-8 body in base64, which survives any relay whatever its 8-bit
// support. The delivery id names the message, so a repeat is recognisable.
func composeMail(from *mail.Address, to, deliveryID string, out outgoing, now time.Time) []byte {
	var b bytes.Buffer
	header := func(name, value string) { fmt.Fprintf(&b, "%s: %s\r\n", name, value) }
	header("From", fromHeader(from))
	header("To", "<"+to+">")
	header("Subject", encodeHeader(out.Title, len("Subject: ")))
	header("Date", now.In(chinaTime).Format(time.RFC1123Z))
	header("Message-ID", "<"+deliveryID+"@gaoxin>")
	header("X-Gaoxin-Delivery", deliveryID)
	header("X-Gaoxin-Event", string(out.Kind))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "base64")
	b.WriteString("\r\n")
	body := base64.StdEncoding.EncodeToString([]byte(strings.ReplaceAll(mailText(out), "\n", "\r\n")))
	for len(body) > 76 {
		b.WriteString(body[:76] + "\r\n")
		body = body[76:]
	}
	b.WriteString(body + "\r\n")
	return b.Bytes()
}

var chinaTime = time.FixedZone("CST", 8*3600)

// encodeHeader writes a header value for a field whose name takes
// prefix characters of the first line: as it is when it is printable
// ASCII (folded at spaces), or else as RFC 2047 "B" words of UTF-8, cut
// between characters so that no line passes 76 characters.
func encodeHeader(s string, prefix int) string {
	s = strings.Join(strings.Fields(s), " ") // no line break may reach a header
	if isPlain(s) {
		return foldASCII(s, prefix)
	}
	room := (76 - prefix - len("=?UTF-8?B??=")) / 4 * 3 // bytes of the first word
	var words []string
	for s != "" {
		n := min(len(s), max(room, 3))
		for n < len(s) && n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		if n == 0 {
			_, n = utf8.DecodeRuneInString(s)
		}
		words = append(words, "=?UTF-8?B?"+base64.StdEncoding.EncodeToString([]byte(s[:n]))+"?=")
		s, room = s[n:], 45
	}
	return strings.Join(words, "\r\n ")
}

// isPlain reports whether s can stand in a header as it is.
func isPlain(s string) bool {
	for _, r := range s {
		if r < ' ' || r > '~' {
			return false
		}
	}
	return !strings.Contains(s, "=?") // which a reader would try to decode
}

// foldASCII breaks a long ASCII value at spaces so that lines stay within
// 78 characters where the words allow.
func foldASCII(s string, prefix int) string {
	var b strings.Builder
	line := prefix
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			if line+1+len(w) > 78 {
				b.WriteString("\r\n")
				line = 0
			}
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}

// fromHeader writes the sender: a Chinese name as encoded words, an ASCII
// one quoted as mail.Address does.
func fromHeader(a *mail.Address) string {
	if a.Name == "" || isPlain(a.Name) {
		return a.String()
	}
	return encodeHeader(a.Name, len("From: ")) + "\r\n <" + a.Address + ">"
}

// mailText is the body: the message, the link, and why it came.
func mailText(out outgoing) string {
	var b strings.Builder
	b.WriteString(out.Title + "\n\n")
	if out.Body != "" {
		b.WriteString(out.Body + "\n\n")
	}
	if out.URL != "" {
		b.WriteString(i18n.T(out.Lang, "notify.mail.open", out.URL) + "\n\n")
	}
	b.WriteString("-- \n" + i18n.T(out.Lang, "notify.mail.footer") + "\n")
	return b.String()
}

// sendError is a failed attempt; permanent ones are not tried again.
type sendError struct {
	msg       string
	permanent bool
}

func (e *sendError) Error() string { return e.msg }

func permanent(format string, args ...any) error {
	return &sendError{msg: fmt.Sprintf(format, args...), permanent: true}
}

// smtpError classifies what the server said: a 5xx reply is its final
// word (RFC 5321 §4.2.1), anything else may pass.
func smtpError(step string, err error) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		return &sendError{msg: fmt.Sprintf("%s: %d %s", step, te.Code, te.Msg), permanent: te.Code >= 500}
	}
	return fmt.Errorf("%s: %w", step, err)
}

const smtpTimeout = 60 * time.Second

// sendMail delivers one message through the configured server. roots is
// the pool to check the server's certificate against, nil for the system's.
func sendMail(ctx context.Context, c Config, roots *x509.CertPool, to string, msg []byte) error {
	from, err := mail.ParseAddress(c.SMTPFrom)
	if err != nil {
		return permanent("the sender address %q is not valid", c.SMTPFrom)
	}
	addr := net.JoinHostPort(c.SMTPHost, strconv.Itoa(c.port()))
	tlsConf := &tls.Config{ServerName: c.SMTPHost, RootCAs: roots, MinVersion: tls.VersionTLS12}
	dialer := &net.Dialer{Timeout: 15 * time.Second}
	var conn net.Conn
	if c.SMTPTLS == TLSImplicit {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: tlsConf}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fmt.Errorf("connect to %s: %w", addr, err)
	}
	defer conn.Close()
	// A shutdown ends a slow conversation at once; the deadline ends a
	// server that stops answering.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	conn.SetDeadline(time.Now().Add(smtpTimeout))
	client, err := smtp.NewClient(conn, c.SMTPHost)
	if err != nil {
		return smtpError("greeting", err)
	}
	defer client.Close()
	if err := converse(client, c, tlsConf, from.Address, to, msg); err != nil {
		return err
	}
	return nil
}

func converse(client *smtp.Client, c Config, tlsConf *tls.Config, from, to string, msg []byte) error {
	if err := client.Hello(helloName()); err != nil {
		return smtpError("EHLO", err)
	}
	if c.SMTPTLS == TLSStartTLS {
		if ok, _ := client.Extension("STARTTLS"); !ok {
			return permanent("the server %s does not offer STARTTLS", c.SMTPHost)
		}
		if err := client.StartTLS(tlsConf); err != nil {
			return smtpError("STARTTLS", err)
		}
	}
	if c.SMTPUsername != "" {
		if err := client.Auth(smtp.PlainAuth("", c.SMTPUsername, c.SMTPPassword, c.SMTPHost)); err != nil {
			return smtpError("AUTH", err)
		}
	}
	if err := client.Mail(from); err != nil {
		return smtpError("MAIL FROM", err)
	}
	if err := client.Rcpt(to); err != nil {
		return smtpError("RCPT TO", err)
	}
	w, err := client.Data()
	if err != nil {
		return smtpError("DATA", err)
	}
	if _, err := w.Write(msg); err != nil {
		return smtpError("DATA", err)
	}
	if err := w.Close(); err != nil {
		return smtpError("DATA", err)
	}
	// The message is accepted once DATA is; a failed QUIT changes nothing.
	client.Quit()
	return nil
}

// helloName is this machine's name for EHLO: some servers refuse
// "localhost", which net/smtp would say.
func helloName() string {
	if h, err := os.Hostname(); err == nil && h != "" && !strings.ContainsAny(h, " \t\r\n") {
		return h
	}
	return "localhost"
}
