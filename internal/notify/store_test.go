package notify_test

import (
	"errors"
	"slices"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
)

// Each recipient gets one notification in their language; inactive and
// repeated recipients are skipped; the bell counts and pages them, newest
// first, and only their owner can mark them read.
func TestBell(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		tb, sq, old := w.user["xc.tb"], w.user["sq.tb"], w.user["xc.old"]
		w.enqueue(t, message(notify.PeriodOpened, tb, sq, tb, old))
		for i := range 4 {
			m := message(notify.DeadlineNear, tb)
			m.Title = i18n.Text("截止提醒 "+string(rune('A'+i)), "Deadline "+string(rune('A'+i)))
			w.enqueue(t, m)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM notifications WHERE user_id = $1", old); n != 0 {
			t.Errorf("an account switched off got %d notifications", n)
		}
		en, err := w.s.List(ctx, sq, notify.Page{})
		if err != nil || len(en) != 1 || en[0].Title != "Reporting for November 2019 has opened" ||
			en[0].Body != "Please report by 5 December." || en[0].Link != "/report/2019-11" || en[0].Kind != notify.PeriodOpened {
			t.Fatalf("the English reader's bell = %+v, %v", en, err)
		}
		first, _ := w.s.List(ctx, tb, notify.Page{Limit: 3})
		titles := func(ns []notify.Notification) []string {
			var ts []string
			for _, n := range ns {
				ts = append(ts, n.Title)
			}
			return ts
		}
		if got := titles(first); !slices.Equal(got, []string{"截止提醒 D", "截止提醒 C", "截止提醒 B"}) {
			t.Fatalf("first page = %q", got)
		}
		next, _ := w.s.List(ctx, tb, notify.Page{Before: first[2].ID, Limit: 3})
		if got := titles(next); !slices.Equal(got, []string{"截止提醒 A", "2019年11月填报已开始"}) {
			t.Fatalf("second page = %q", got)
		}
		if n, _ := w.s.Unread(ctx, tb); n != 5 {
			t.Fatalf("unread = %d, want 5", n)
		}
		// Another user cannot read, open or mark someone's notification.
		if err := w.s.MarkRead(ctx, sq, first[0].ID); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("marking another's notification: %v", err)
		}
		opened, err := w.s.Open(ctx, tb, first[0].ID)
		if err != nil || !opened.Read() || !opened.ReadAt.Equal(w.clock.now()) || opened.Link != "/report/2019-11" {
			t.Fatalf("open = %+v, %v", opened, err)
		}
		if n, _ := w.s.Unread(ctx, tb); n != 4 {
			t.Fatalf("unread after opening one = %d", n)
		}
		unread, _ := w.s.List(ctx, tb, notify.Page{UnreadOnly: true})
		if len(unread) != 4 || slices.ContainsFunc(unread, func(n notify.Notification) bool { return n.ID == first[0].ID }) {
			t.Fatalf("unread list = %v", titles(unread))
		}
		if n, err := w.s.MarkAllRead(ctx, tb); err != nil || n != 4 {
			t.Fatalf("mark all read = %d, %v", n, err)
		}
		if n, _ := w.s.Unread(ctx, sq); n != 1 {
			t.Fatalf("marking all of one user's read touched another's: %d unread", n)
		}
	})
}

// A notification belongs to its event's transaction: rolled back with it.
func TestEnqueueRollsBackWithTheCaller(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		if _, err := w.s.CreateWebhook(ctx, admin, notify.Webhook{Name: "管委会群", Kind: notify.Generic,
			URL: "http://127.0.0.1:9/hook", Events: notify.Kinds, Active: true}); err != nil {
			t.Fatal(err)
		}
		refused := errors.New("the grid could not be returned")
		err := d.Write(ctx, func(tx *db.Tx) error {
			if err := notify.Enqueue(ctx, tx, message(notify.GridReturned, w.user["xc.tb"])); err != nil {
				return err
			}
			return refused
		})
		if !errors.Is(err, refused) {
			t.Fatal(err)
		}
		if n := count(t, d, "SELECT COUNT(*) FROM notifications") + count(t, d, "SELECT COUNT(*) FROM notify_outbox"); n != 0 {
			t.Fatalf("%d rows survived the rollback", n)
		}
		for _, m := range []notify.Message{
			{Kind: "period.closed", Title: i18n.Text("x", "x")},
			{Kind: notify.TaskRed},
			{Kind: notify.TaskRed, Title: i18n.Text("x", "x"), Link: "https://elsewhere.example/"},
			{Kind: notify.TaskRed, Title: i18n.Text("x", "x"), Link: "//elsewhere.example/"},
		} {
			if err := d.Write(ctx, func(tx *db.Tx) error { return notify.Enqueue(ctx, tx, m) }); err == nil {
				t.Errorf("Enqueue(%+v) was accepted", m)
			}
		}
	})
}

// UnitUsers finds the active users of a subtree, by role.
func TestUnitUsers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		cases := []struct {
			unit  string
			roles []string
			want  []string
		}{
			{"XC", nil, []string{"xc.tb", "xc.fzr", "sq.tb"}},
			{"XC", []string{"reporter"}, []string{"xc.tb", "sq.tb"}},
			{"XC", []string{"unit_head", "leader"}, []string{"xc.fzr"}},
			{"SQ", nil, []string{"sq.tb"}},
			{"GX", []string{"reporter"}, []string{"xc.tb", "sq.tb", "gdy.tb"}},
			{"GDY", []string{"unit_head"}, nil},
		}
		for _, c := range cases {
			got, err := notify.UnitUsers(ctx, d, w.unit[c.unit], c.roles...)
			var want []int64
			for _, login := range c.want {
				want = append(want, w.user[login])
			}
			slices.Sort(want)
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("UnitUsers(%s, %v) = %v, %v; want %v", c.unit, c.roles, got, err, want)
			}
		}
		if _, err := notify.UnitUsers(ctx, d, 9999); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("an unknown unit: %v", err)
		}
	})
}
