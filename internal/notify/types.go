package notify

import (
	"slices"
	"time"

	"gaoxin/internal/i18n"
)

// Message is an event to tell people of, as another package hands it to
// Enqueue inside its own transaction.
type Message struct {
	Kind Kind
	// Title and Body are messages, not text, so that each recipient reads
	// them in their own language; chat groups read Chinese. i18n.Text
	// carries a message already written in both languages.
	Title i18n.Msg
	Body  i18n.Msg
	// Link is a path in gaoxin ("/report/2019-11"), or "". E-mails and
	// chat messages make it absolute with the configured base URL.
	Link string
	// Users are the recipients' user ids. Unknown and inactive users are
	// skipped, and a user named twice gets one notification.
	Users []int64
	// UnitID is the unit the event concerns, 0 for the whole zone; it
	// routes the event to webhooks scoped to a part of the tree.
	UnitID int64
}

// Notification is one row of a user's bell.
type Notification struct {
	ID        int64
	UserID    int64
	Kind      Kind
	Title     string
	Body      string
	Link      string
	CreatedAt time.Time
	ReadAt    time.Time // zero while unread
}

// Read reports whether the user has read it.
func (n Notification) Read() bool { return !n.ReadAt.IsZero() }

// Preferences are what one user chose. In-app notifications are always on:
// the bell is the record of what happened and costs nobody anything, so
// only e-mail, which does, is chosen per kind.
type Preferences struct {
	UserID int64
	// Email is where e-mails go; "" sends none.
	Email string
	// EmailKinds are the kinds that also arrive by e-mail. A user who has
	// never saved preferences is offered every kind (with no address, so
	// nothing is sent until they enter one).
	EmailKinds []Kind
	UpdatedAt  time.Time // zero when never saved
}

// Wants reports whether an event of kind k reaches the user by e-mail.
func (p Preferences) Wants(k Kind) bool {
	if p.Email == "" {
		return false
	}
	return slices.Contains(p.EmailKinds, k)
}

// HookKind is the chat tool a webhook posts to, which decides the format
// of the payload and how it is signed.
type HookKind string

const (
	DingTalk HookKind = "dingtalk" // 钉钉 custom robot
	WeCom    HookKind = "wecom"    // 企业微信 group robot
	Feishu   HookKind = "feishu"   // 飞书 custom bot
	Generic  HookKind = "generic"  // any receiver of plain JSON
)

// HookKinds lists the kinds in the order the form offers them.
var HookKinds = []HookKind{DingTalk, WeCom, Feishu, Generic}

// Label is the message key of the tool's name.
func (k HookKind) Label() string { return "notify.hook." + string(k) }

// Webhook is a configured endpoint.
type Webhook struct {
	ID   int64
	Name string
	Kind HookKind
	// URL is where to post, with the robot's token in it as the chat tool
	// gives it (access_token=…, key=…, /hook/…): treat it as a secret.
	URL string
	// Secret signs the calls (DingTalk, Feishu, generic). It is write-only:
	// the store never returns it, and an update with "" keeps the one set.
	Secret      string
	HasSecret   bool // a secret is set; filled when read
	ClearSecret bool // on update: remove the secret
	Events      []Kind
	// UnitID narrows the hook to events about this unit and those beneath
	// it; 0 receives every event of its kinds.
	UnitID    int64
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TLSMode is how the connection to the SMTP server is protected.
type TLSMode string

const (
	TLSNone     TLSMode = "none"     // plain SMTP, for a relay on the same machine or network
	TLSStartTLS TLSMode = "starttls" // plain connection upgraded with STARTTLS (port 587)
	TLSImplicit TLSMode = "tls"      // TLS from the first byte, "SMTPS" (port 465)
)

// TLSModes lists the modes in the order the form offers them.
var TLSModes = []TLSMode{TLSStartTLS, TLSImplicit, TLSNone}

// Label is the message key of the mode's name.
func (m TLSMode) Label() string { return "notify.tls." + string(m) }

// Config is the notification settings of the installation: the address
// users reach gaoxin at, for links in e-mails and chat messages, and the
// SMTP server. SMTPHost "" switches e-mail off.
type Config struct {
	BaseURL      string // "https://gaoxin.example.gov.cn", "" for none
	SMTPHost     string
	SMTPPort     int // 0: the usual port of the TLS mode
	SMTPFrom     string
	SMTPUsername string
	// SMTPPassword is write-only like a webhook's secret: never returned,
	// kept when saved as "", removed with ClearPassword.
	SMTPPassword  string
	HasPassword   bool
	ClearPassword bool
	SMTPTLS       TLSMode
}

// MailOn reports whether e-mail is configured.
func (c Config) MailOn() bool { return c.SMTPHost != "" }

// Delivery is one outbox row as the admin page shows it.
type Delivery struct {
	ID         int64
	DeliveryID string
	Channel    Channel
	Target     string // the e-mail address, or the webhook's name
	WebhookID  int64
	Kind       Kind
	Title      string
	State      State
	Attempts   int
	// NextAttemptAt is when a pending row is tried next.
	NextAttemptAt time.Time
	LastError     string // the server's or receiver's words, untranslated
	CreatedAt     time.Time
	DeliveredAt   time.Time
}
