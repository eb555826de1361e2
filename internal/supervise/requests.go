package supervise

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
	"gaoxin/internal/settings"
)

// RequestStatus is where an enterprise request stands.
type RequestStatus string

const (
	RequestNew      RequestStatus = "new"      // received, not yet routed
	RequestAssigned RequestStatus = "assigned" // with a unit, to answer by its deadline
	RequestAnswered RequestStatus = "answered" // the unit answered
	RequestClosed   RequestStatus = "closed"   // the office closed it; the firm may rate it once
)

// RequestStatuses lists the statuses in their order.
var RequestStatuses = []RequestStatus{RequestNew, RequestAssigned, RequestAnswered, RequestClosed}

// RequestSource says who logged a request.
type RequestSource string

const (
	FromOffice RequestSource = "office" // logged by the office (a call, a visit, a letter)
	FromPublic RequestSource = "public" // sent by the firm through the public form
)

// RequestCategories are what firms ask about, as pages offer them.
var RequestCategories = []string{"approval", "land", "finance", "talent", "policy", "infrastructure", "other"}

// Request is one enterprise request (企业诉求).
type Request struct {
	ID            int64
	Code          string
	FirmName      string
	CreditCode    string // optional; checked when given
	Contact       string
	Phone         string
	Category      string
	Content       string
	Source        RequestSource
	ReceivedOn    string
	Status        RequestStatus
	UnitID        int64 // the responsible unit, 0 while not routed
	AssignedOn    string
	Deadline      string
	Answer        string
	AnsweredOn    string
	ClosedOn      string
	Rating        int // 1–5, 0 while not rated
	RatingComment string
	RatedOn       string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// OnTime reports whether the request was answered by its deadline.
func (r Request) OnTime() bool { return r.AnsweredOn != "" && r.AnsweredOn <= r.Deadline }

// Overdue reports whether a routed request is still unanswered after its
// deadline on day.
func (r Request) Overdue(day string) bool {
	return r.Status == RequestAssigned && r.Deadline != "" && day > r.Deadline
}

// normalise checks what the firm or the office typed.
func (r *Request) normalise() *i18n.Error {
	for _, f := range []*string{&r.FirmName, &r.CreditCode, &r.Contact, &r.Phone, &r.Category, &r.Content} {
		*f = strings.TrimSpace(*f)
	}
	switch {
	case r.FirmName == "" || utf8.RuneCountInString(r.FirmName) > 100:
		return i18n.Invalid("firm_name", "request.err.firm_name")
	case r.Contact == "" || utf8.RuneCountInString(r.Contact) > 40:
		return i18n.Invalid("contact", "request.err.contact")
	case !validPhone(r.Phone):
		return i18n.Invalid("phone", "request.err.phone", r.Phone)
	case !slices.Contains(RequestCategories, r.Category):
		return i18n.Invalid("category", "request.err.category")
	case r.Content == "" || utf8.RuneCountInString(r.Content) > 2000:
		return i18n.Invalid("content", "request.err.content")
	}
	if r.CreditCode != "" {
		code, verr := enterprise.ParseCreditCode(r.CreditCode)
		if verr != nil {
			return &i18n.Error{Field: "credit_code", Msg: verr.Msg}
		}
		r.CreditCode = code
	}
	return nil
}

// validPhone accepts a mobile or landline number as people write it:
// digits with spaces, dashes or a leading +, 7 to 20 digits.
func validPhone(s string) bool {
	digits := 0
	for i, c := range s {
		switch {
		case unicode.IsDigit(c) && c < 128:
			digits++
		case c == ' ' || c == '-' || c == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 20
}

const requestColumns = `id, code, firm_name, credit_code, contact, phone, category, content, source, received_on, status, unit_id,
	assigned_on, deadline, answer, answered_on, closed_on, rating, rating_comment, rated_on, created_at, updated_at`

func scanRequest(row interface{ Scan(...any) error }) (Request, error) {
	var r Request
	var unit *int64
	err := row.Scan(&r.ID, &r.Code, &r.FirmName, &r.CreditCode, &r.Contact, &r.Phone, &r.Category, &r.Content, &r.Source, &r.ReceivedOn,
		&r.Status, &unit, &r.AssignedOn, &r.Deadline, &r.Answer, &r.AnsweredOn, &r.ClosedOn, &r.Rating, &r.RatingComment, &r.RatedOn,
		&r.CreatedAt, &r.UpdatedAt)
	if unit != nil {
		r.UnitID = *unit
	}
	return r, err
}

// Request is one request, or db.ErrNotFound.
func (s *Store) Request(ctx context.Context, id int64) (Request, error) {
	return scanRequest(s.db.QueryRow(ctx, "SELECT "+requestColumns+" FROM requests WHERE id = $1", id))
}

// Log is the office logging a request it received (a call, a visit, a
// letter) on a day.
func (s *Store) Log(ctx context.Context, who audit.Actor, r Request) (Request, error) {
	r.Source = FromOffice
	if verr := r.normalise(); verr != nil {
		return r, verr
	}
	if !validDay(r.ReceivedOn) || r.ReceivedOn > s.Today() {
		return r, i18n.Invalid("received_on", "supervise.err.date", r.ReceivedOn)
	}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		r, err = s.insertRequest(ctx, tx, who, r)
		return err
	})
	return r, err
}

// PublicLimit is how many requests one address may send through the
// public form in an hour, unless the setting says otherwise.
const (
	PublicLimit        = 5
	SettingPublicLimit = "supervise.public_limit"
)

// FloodKey is the message key of the answer to an address that sent too
// many requests: pages answer it with 429 Too Many Requests.
const FloodKey = "request.err.flood"

// Submit is a firm sending a request through the public form, with no
// account: received today, from address. An address that sent its limit
// (PublicLimit) of requests in the last hour is refused (FloodKey) and its
// request not written; the address is kept only as a keyed hash.
func (s *Store) Submit(ctx context.Context, address string, r Request) (Request, error) {
	r.Source = FromPublic
	if verr := r.normalise(); verr != nil {
		return r, verr
	}
	r.ReceivedOn = s.Today()
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		key, err := addressKey(ctx, tx)
		if err != nil {
			return err
		}
		mac := sha256.Sum256([]byte(key + "\x00" + address))
		hash := hex.EncodeToString(mac[:])
		limit := PublicLimit
		if v, err := settings.Get(ctx, tx, SettingPublicLimit); err != nil {
			return err
		} else if n, err := strconv.Atoi(v); err == nil && n > 0 {
			limit = n
		}
		now := s.now()
		var sent int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM request_sends WHERE address_hash = $1 AND sent_at > $2",
			hash, now.Add(-time.Hour)).Scan(&sent); err != nil {
			return err
		}
		if sent >= limit {
			return i18n.Invalid("", FloodKey, limit)
		}
		if _, err := tx.Exec(ctx, "DELETE FROM request_sends WHERE sent_at < $1", now.Add(-24*time.Hour)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO request_sends (address_hash, sent_at) VALUES ($1, $2)", hash, now); err != nil {
			return err
		}
		r, err = s.insertRequest(ctx, tx, audit.Actor{Name: "public", Address: address}, r)
		return err
	})
	return r, err
}

// addressKey is the key the public form's addresses are hashed with: made
// once, at random, and kept in the settings, so that a leaked table of
// sends does not give the addresses away by a dictionary of them.
func addressKey(ctx context.Context, tx *db.Tx) (string, error) {
	const key = "supervise.address_key"
	v, err := settings.Get(ctx, tx, key)
	if err != nil || v != "" {
		return v, err
	}
	buf := make([]byte, 32)
	rand.Read(buf)
	v = hex.EncodeToString(buf)
	_, err = tx.Exec(ctx, "INSERT INTO settings (key, value) VALUES ($1, $2)", key, v)
	return v, err
}

func (s *Store) insertRequest(ctx context.Context, tx *db.Tx, who audit.Actor, r Request) (Request, error) {
	var n int
	year := r.ReceivedOn[:4]
	if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM requests WHERE code LIKE $1", "SQ-"+year+"-%").Scan(&n); err != nil {
		return r, err
	}
	for {
		n++
		r.Code = fmt.Sprintf("SQ-%s-%04d", year, n)
		if taken, err := exists(ctx, tx, "SELECT 1 FROM requests WHERE code = $1", r.Code); err != nil {
			return r, err
		} else if !taken {
			break
		}
	}
	now := s.now()
	r.Status = RequestNew
	id, err := tx.Insert(ctx, `INSERT INTO requests (code, firm_name, credit_code, contact, phone, category, content, source, received_on,
		status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`,
		r.Code, r.FirmName, r.CreditCode, r.Contact, r.Phone, r.Category, r.Content, string(r.Source), r.ReceivedOn, string(r.Status), now)
	if err != nil {
		return r, err
	}
	if err := addRequestEvent(ctx, tx, who, id, "received", r.ReceivedOn, ""); err != nil {
		return r, err
	}
	r, err = scanRequest(tx.QueryRow(ctx, "SELECT "+requestColumns+" FROM requests WHERE id = $1", id))
	if err != nil {
		return r, err
	}
	if err := audit.Record(ctx, tx, who, "request.create", "request", id, nil, auditRequest(r)); err != nil {
		return r, err
	}
	return r, s.produce(ctx, tx, who, r.ReceivedOn)
}

// auditRequest is what the trail keeps of a request; the firm's phone is
// kept, the rating token never.
func auditRequest(r Request) map[string]any {
	return map[string]any{"code": r.Code, "firm_name": r.FirmName, "credit_code": r.CreditCode, "contact": r.Contact, "phone": r.Phone,
		"category": r.Category, "content": r.Content, "source": r.Source, "received_on": r.ReceivedOn, "status": r.Status,
		"unit_id": r.UnitID, "assigned_on": r.AssignedOn, "deadline": r.Deadline, "answer": r.Answer, "answered_on": r.AnsweredOn,
		"closed_on": r.ClosedOn, "rating": r.Rating, "rating_comment": r.RatingComment, "rated_on": r.RatedOn}
}

func addRequestEvent(ctx context.Context, tx *db.Tx, who audit.Actor, id int64, kind, on, note string) error {
	_, err := tx.Exec(ctx, "INSERT INTO request_events (request_id, kind, happened_on, note, actor, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
		id, kind, on, note, who.Name, db.Now())
	return err
}

// changeRequest runs a change of one request in a transaction: fn checks
// the request as it is and writes; the trail gets both states.
func (s *Store) changeRequest(ctx context.Context, who audit.Actor, id int64, action string, fn func(tx *db.Tx, r Request) error) (Request, error) {
	var after Request
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := scanRequest(tx.QueryRow(ctx, "SELECT "+requestColumns+" FROM requests WHERE id = $1", id))
		if err != nil {
			return err
		}
		if err := fn(tx, before); err != nil {
			return err
		}
		if after, err = scanRequest(tx.QueryRow(ctx, "SELECT "+requestColumns+" FROM requests WHERE id = $1", id)); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, who, action, "request", id, auditRequest(before), auditRequest(after)); err != nil {
			return err
		}
		return s.produce(ctx, tx, who, before.ReceivedOn)
	})
	return after, err
}

// RequestDays is how many days a unit has to answer a request, unless the
// setting says otherwise.
const RequestDays = 5

// Assign routes a new or assigned request to a unit, to answer by deadline
// ("" for the setting's days from today).
func (s *Store) Assign(ctx context.Context, who audit.Actor, id, unitID int64, deadline string) (Request, error) {
	today := s.Today()
	return s.changeRequest(ctx, who, id, "request.assign", func(tx *db.Tx, r Request) error {
		if r.Status != RequestNew && r.Status != RequestAssigned {
			return i18n.Invalid("", "request.err.status", r.Code)
		}
		if ok, err := exists(ctx, tx, "SELECT 1 FROM units WHERE id = $1 AND active", unitID); err != nil {
			return err
		} else if !ok {
			return i18n.Invalid("unit", "request.err.unit")
		}
		if deadline = strings.TrimSpace(deadline); deadline == "" {
			days := RequestDays
			if v, err := settings.Get(ctx, tx, SettingRequestDays); err != nil {
				return err
			} else if n, err := strconv.Atoi(v); err == nil && n > 0 {
				days = n
			}
			deadline = addDays(today, days)
		}
		if !validDay(deadline) || deadline < today {
			return i18n.Invalid("deadline", "request.err.deadline", deadline)
		}
		if _, err := tx.Exec(ctx, "UPDATE requests SET status = $1, unit_id = $2, assigned_on = $3, deadline = $4, updated_at = $5 WHERE id = $6",
			string(RequestAssigned), unitID, today, deadline, s.now(), id); err != nil {
			return err
		}
		if err := addRequestEvent(ctx, tx, who, id, "assigned", today, deadline); err != nil {
			return err
		}
		users, err := notify.UnitUsers(ctx, tx, unitID, "reporter", "unit_head")
		if err != nil {
			return err
		}
		return notify.Enqueue(ctx, tx, notify.Message{Kind: notify.RequestAssigned, Title: i18n.M("request.notify.assigned", r.Code, r.FirmName),
			Body: i18n.M("request.notify.assigned_body", r.Content, deadline), Link: "/requests/" + strconv.FormatInt(id, 10),
			Users: users, UnitID: unitID})
	})
}

// Answer is the responsible unit's answer to a routed request.
func (s *Store) Answer(ctx context.Context, who audit.Actor, id int64, answer string) (Request, error) {
	if verr := checkText("answer", "request.err.answer", &answer, 2000); verr != nil {
		return Request{}, verr
	}
	today := s.Today()
	return s.changeRequest(ctx, who, id, "request.answer", func(tx *db.Tx, r Request) error {
		if r.Status != RequestAssigned {
			return i18n.Invalid("", "request.err.status", r.Code)
		}
		if _, err := tx.Exec(ctx, "UPDATE requests SET status = $1, answer = $2, answered_on = $3, updated_at = $4 WHERE id = $5",
			string(RequestAnswered), answer, today, s.now(), id); err != nil {
			return err
		}
		return addRequestEvent(ctx, tx, who, id, "answered", today, answer)
	})
}

// Close is the office closing an answered request. It gives the token of
// the one-time link through which the firm rates the handling; only its
// hash is kept, so it is shown once.
func (s *Store) Close(ctx context.Context, who audit.Actor, id int64) (Request, string, error) {
	buf := make([]byte, 24)
	rand.Read(buf)
	token := hex.EncodeToString(buf)
	sum := sha256.Sum256([]byte(token))
	today := s.Today()
	r, err := s.changeRequest(ctx, who, id, "request.close", func(tx *db.Tx, r Request) error {
		if r.Status != RequestAnswered {
			return i18n.Invalid("", "request.err.status", r.Code)
		}
		if _, err := tx.Exec(ctx, "UPDATE requests SET status = $1, closed_on = $2, rating_token = $3, updated_at = $4 WHERE id = $5",
			string(RequestClosed), today, hex.EncodeToString(sum[:]), s.now(), id); err != nil {
			return err
		}
		return addRequestEvent(ctx, tx, who, id, "closed", today, "")
	})
	if err != nil {
		return r, "", err
	}
	return r, token, nil
}

// ErrLinkUsed answers a rating link that is unknown or was used.
var ErrLinkUsed = i18n.Invalid("", "request.err.link")

// ByToken is the closed request a rating link's token opens, or
// ErrLinkUsed.
func (s *Store) ByToken(ctx context.Context, token string) (Request, error) {
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	r, err := scanRequest(s.db.QueryRow(ctx, "SELECT "+requestColumns+" FROM requests WHERE rating_token = $1 AND rated_on = ''",
		hex.EncodeToString(sum[:])))
	if err != nil {
		return r, ErrLinkUsed
	}
	return r, nil
}

// Rate is the firm's rating of a closed request through its one-time
// link: 1 to 5, with an optional comment. The link works once.
func (s *Store) Rate(ctx context.Context, token string, rating int, comment string) (Request, error) {
	comment = strings.TrimSpace(comment)
	if rating < 1 || rating > 5 {
		return Request{}, i18n.Invalid("rating", "request.err.rating")
	}
	if utf8.RuneCountInString(comment) > 500 {
		return Request{}, i18n.Invalid("comment", "request.err.comment")
	}
	r, err := s.ByToken(ctx, token)
	if err != nil {
		return r, err
	}
	firm := audit.Actor{Name: r.FirmName, Address: "rating link"}
	today := s.Today()
	return s.changeRequest(ctx, firm, r.ID, "request.rate", func(tx *db.Tx, cur Request) error {
		if cur.RatedOn != "" {
			return ErrLinkUsed
		}
		if _, err := tx.Exec(ctx, "UPDATE requests SET rating = $1, rating_comment = $2, rated_on = $3, rating_token = '', updated_at = $4 WHERE id = $5",
			rating, comment, today, s.now(), r.ID); err != nil {
			return err
		}
		return addRequestEvent(ctx, tx, firm, r.ID, "rated", today, strconv.Itoa(rating))
	})
}
