package notify_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
	"gaoxin/internal/org"
)

var ctx = context.Background()

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

var admin = audit.Actor{UserID: 1, Name: "admin", Address: "127.0.0.1"}

// world is a zone (GX) with a street (XC) holding a community (SQ), and
// a park (GDY); a reporter and a head in the street, a reporter in the
// community who reads English, a reporter in the park and an account
// switched off in the street.
type world struct {
	d     *db.DB
	s     *notify.Store
	unit  map[string]int64
	user  map[string]int64
	clock *clock
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	units := org.NewStore(d)
	w := &world{d: d, s: notify.NewStore(d), unit: map[string]int64{}, user: map[string]int64{}, clock: newClock()}
	for _, u := range []struct {
		code, name, parent string
		kind               org.Kind
	}{{"GX", "高新区", "", org.KindZone}, {"XC", "新城街道", "GX", org.KindStreet}, {"SQ", "樱园社区", "XC", org.KindOther},
		{"GDY", "光电产业园", "GX", org.KindPark}} {
		created, err := units.Create(ctx, audit.System, org.Fields{Code: u.code, Name: u.name, Kind: u.kind}, w.unit[u.parent])
		if err != nil {
			t.Fatal(err)
		}
		w.unit[u.code] = created.ID
	}
	users := auth.NewUsers(d)
	for _, u := range []struct {
		login, unit string
		role        auth.Role
		lang        i18n.Lang
	}{{"xc.tb", "XC", auth.RoleReporter, i18n.ZH}, {"xc.fzr", "XC", auth.RoleHead, i18n.ZH},
		{"sq.tb", "SQ", auth.RoleReporter, i18n.EN}, {"gdy.tb", "GDY", auth.RoleReporter, i18n.ZH},
		{"xc.old", "XC", auth.RoleReporter, i18n.ZH}} {
		created, err := users.Create(ctx, audit.System, auth.NewUser{Login: u.login, Role: u.role, UnitID: w.unit[u.unit],
			Password: "Weifang-2019!", Lang: u.lang})
		if err != nil {
			t.Fatal(err)
		}
		w.user[u.login] = created.ID
	}
	if err := users.SetActive(ctx, audit.System, w.user["xc.old"], false); err != nil {
		t.Fatal(err)
	}
	w.s.SetClock(w.clock.now)
	return w
}

// enqueue writes m in a transaction of its own, as a caller's would.
func (w *world) enqueue(t *testing.T, m notify.Message) {
	t.Helper()
	if err := w.d.Write(ctx, func(tx *db.Tx) error { return notify.Enqueue(ctx, tx, m) }); err != nil {
		t.Fatalf("enqueue %s: %v", m.Kind, err)
	}
}

// deliverer is a Deliverer on the world's clock that logs nothing.
func (w *world) deliverer() *notify.Deliverer {
	dl := notify.NewDeliverer(w.d)
	dl.SetClock(w.clock.now)
	dl.Log = quiet
	return dl
}

// count runs a COUNT query.
func count(t *testing.T, d *db.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRow(ctx, q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// field is the field an error names, and its message key.
func field(err error) (string, string) {
	var verr *i18n.Error
	if errors.As(err, &verr) {
		return verr.Field, verr.Key
	}
	return "", ""
}

// clock is a settable time. Enqueue stamps rows with the real time, so it
// starts a minute ahead of it: what a test enqueues is due.
// It may be moved while a deliverer reads it.
type clock struct {
	mu sync.Mutex
	at time.Time
}

func newClock() *clock { return &clock{at: db.Now().Add(time.Minute)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = c.at.Add(d)
}

// message is an event for the street's people.
func message(kind notify.Kind, users ...int64) notify.Message {
	return notify.Message{Kind: kind, Title: i18n.Text("2019年11月填报已开始", "Reporting for November 2019 has opened"),
		Body: i18n.Text("请于12月5日前完成填报。", "Please report by 5 December."), Link: "/report/2019-11", Users: users}
}
