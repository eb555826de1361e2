package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/i18n"
)

// DeliveryHeader carries the outbox row's delivery id on every webhook
// call, the same on every attempt, so that a receiver can drop a repeat.
const DeliveryHeader = "X-Gaoxin-Delivery"

// Headers of generic webhooks: the event's kind, and, when a secret is
// set, the time and signature of the call.
const (
	EventHeader     = "X-Gaoxin-Event"
	TimestampHeader = "X-Gaoxin-Timestamp"
	SignatureHeader = "X-Gaoxin-Signature"
)

// hookRequest is a webhook call ready to go.
type hookRequest struct {
	url  string
	body []byte
}

// buildHookRequest renders out in the format of the webhook's tool and
// signs it as that tool wants, at now: DingTalk and Feishu refuse a
// signature more than an hour old, so it is made afresh on every attempt.
func buildHookRequest(h Webhook, deliveryID string, out outgoing, now time.Time) (hookRequest, error) {
	var payload any
	u := h.URL
	switch h.Kind {
	case DingTalk:
		payload = map[string]any{"msgtype": "markdown", "markdown": map[string]string{
			"title": out.Title, "text": chatMarkdown(out, "### ", "")}}
		if h.Secret != "" {
			ts := strconv.FormatInt(now.UnixMilli(), 10)
			u = withQuery(u, "timestamp", ts, "sign", dingTalkSign(ts, h.Secret))
		}
	case WeCom:
		payload = map[string]any{"msgtype": "markdown", "markdown": map[string]string{
			"content": clip(chatMarkdown(out, "**", "**"), 4000)}}
	case Feishu:
		p := map[string]any{"msg_type": "text", "content": map[string]string{"text": chatText(out)}}
		if h.Secret != "" {
			ts := strconv.FormatInt(now.Unix(), 10)
			p["timestamp"], p["sign"] = ts, feishuSign(ts, h.Secret)
		}
		payload = p
	case Generic:
		payload = map[string]any{"delivery_id": deliveryID, "kind": out.Kind, "title": out.Title, "body": out.Body,
			"link": out.Link, "url": out.URL, "created_at": out.CreatedAt.UTC().Format(time.RFC3339)}
	default:
		return hookRequest{}, permanent("unknown kind of webhook %q", h.Kind)
	}
	body, err := json.Marshal(payload)
	return hookRequest{url: u, body: body}, err
}

// dingTalkSign is DingTalk's signature of a custom robot call: HMAC-SHA256
// of "timestamp\nsecret" keyed by the secret, in base64; withQuery
// URL-encodes it. The timestamp is in milliseconds.
func dingTalkSign(ts, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts + "\n" + secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// feishuSign is Feishu's signature of a custom bot call: HMAC-SHA256 keyed
// by "timestamp\nsecret" over nothing, in base64. The timestamp is in
// seconds and travels in the body with the signature.
func feishuSign(ts, secret string) string {
	m := hmac.New(sha256.New, []byte(ts+"\n"+secret))
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// genericSign signs a generic call the way many webhook senders do:
// HMAC-SHA256 keyed by the secret over "timestamp.body", in hex. The
// timestamp in the signed text keeps an old call from being replayed.
func genericSign(ts string, body []byte, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts + "."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func withQuery(raw string, kv ...string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// chatMarkdown is the message for a chat tool that reads markdown. Every
// message ends with the same signature line, which a robot guarded by
// keywords can be given as its keyword ("gaoxin").
// The title is set between before and after: a heading for DingTalk, bold
// for WeCom, whose robot has no headings of that size.
func chatMarkdown(out outgoing, before, after string) string {
	var b strings.Builder
	b.WriteString(before + out.Title + after + "\n\n")
	if out.Body != "" {
		b.WriteString(clip(out.Body, 2000) + "\n\n")
	}
	if out.URL != "" {
		b.WriteString("[" + i18n.T(out.Lang, "notify.chat.open") + "](" + out.URL + ")\n\n")
	}
	b.WriteString(i18n.T(out.Lang, "notify.chat.footer", i18n.T(out.Lang, out.Kind.Label())))
	return b.String()
}

// chatText is the message for a chat tool that reads plain text.
func chatText(out outgoing) string {
	parts := []string{out.Title}
	if out.Body != "" {
		parts = append(parts, clip(out.Body, 2000))
	}
	if out.URL != "" {
		parts = append(parts, out.URL)
	}
	parts = append(parts, i18n.T(out.Lang, "notify.chat.footer", i18n.T(out.Lang, out.Kind.Label())))
	return strings.Join(parts, "\n")
}

// clip shortens s to at most n bytes without cutting a character: the
// chat tools limit a message's size (WeCom to 4,096 bytes).
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

const hookTimeout = 15 * time.Second

// newHTTPClient does not follow redirects: a webhook that moved must be
// reconfigured, not have its messages carried somewhere else.
func newHTTPClient() *http.Client {
	return &http.Client{Timeout: hookTimeout, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// postHook makes one call and reads the reply. A chat tool answers 200
// even when it refuses a message, with its reason in the body: DingTalk
// and WeCom with a non-zero errcode, Feishu with a non-zero code.
func postHook(ctx context.Context, client *http.Client, h Webhook, deliveryID string, out outgoing, now time.Time) error {
	hr, err := buildHookRequest(h, deliveryID, out, now)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hr.url, bytes.NewReader(hr.body))
	if err != nil {
		return permanent("the webhook's address cannot be used")
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "gaoxin")
	req.Header.Set(DeliveryHeader, deliveryID)
	req.Header.Set(EventHeader, string(out.Kind))
	if h.Kind == Generic && h.Secret != "" {
		ts := strconv.FormatInt(now.Unix(), 10)
		req.Header.Set(TimestampHeader, ts)
		req.Header.Set(SignatureHeader, genericSign(ts, hr.body, h.Secret))
	}
	resp, err := client.Do(req)
	if err != nil {
		// url.Error quotes the whole address, token included: keep the
		// cause only, which names the host.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("post to %s: %w", redactURL(h.URL), err)
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return checkReply(h.Kind, resp.StatusCode, reply)
}

func checkReply(kind HookKind, status int, reply []byte) error {
	if status < 200 || status > 299 {
		msg := fmt.Sprintf("HTTP %d %s", status, snippet(reply))
		// A request the receiver refuses as such will be refused again;
		// a timeout, a rate limit or a server's trouble may pass.
		return &sendError{msg: msg, permanent: status >= 400 && status < 500 && status != 408 && status != 429}
	}
	var r struct {
		ErrCode    *int   `json:"errcode"`
		ErrMsg     string `json:"errmsg"`
		Code       *int   `json:"code"`
		Msg        string `json:"msg"`
		StatusCode *int   `json:"StatusCode"` // Feishu's older replies
	}
	switch kind {
	case DingTalk, WeCom:
		if err := json.Unmarshal(reply, &r); err != nil || r.ErrCode == nil {
			return fmt.Errorf("unexpected reply: %s", snippet(reply))
		}
		if *r.ErrCode != 0 {
			return fmt.Errorf("errcode %d: %s", *r.ErrCode, r.ErrMsg)
		}
	case Feishu:
		if err := json.Unmarshal(reply, &r); err != nil || r.Code == nil && r.StatusCode == nil {
			return fmt.Errorf("unexpected reply: %s", snippet(reply))
		}
		if r.Code == nil {
			r.Code = r.StatusCode
		}
		if *r.Code != 0 {
			return fmt.Errorf("code %d: %s", *r.Code, r.Msg)
		}
	}
	return nil
}

// snippet is the start of a reply, for an error message.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	return clip(s, 200)
}
