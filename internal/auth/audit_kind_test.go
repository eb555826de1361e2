package auth_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/i18n"
)

// The demo's accounts, signed in and out, disabled, their passwords and
// languages changed, replay clean; accounts changed in the database are
// named.
func TestUserKind(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		demotest.Organisation(t, d)
		users := auth.NewUsers(d)
		admin, chakan, tb := byLogin(t, users, "admin"), byLogin(t, users, "chakan"), byLogin(t, users, "xincheng.tb")
		by := admin.Actor("10.0.0.1")
		if err := users.SetActive(ctx, by, chakan.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := users.SetLang(ctx, tb.Actor("10.0.0.7"), tb.ID, i18n.EN); err != nil {
			t.Fatal(err)
		}
		if err := users.ResetPassword(ctx, by, tb.ID, "temporary-2019"); err != nil {
			t.Fatal(err)
		}
		_, token, err := users.SignIn(ctx, "jingji.tb", demo.Password, "10.0.0.8")
		if err != nil {
			t.Fatal(err)
		}
		jingji := byLogin(t, users, "jingji.tb")
		if err := users.SignOut(ctx, jingji.Actor("10.0.0.8"), token); err != nil {
			t.Fatal(err)
		}
		// A failed sign-in names the login tried, which may be any text,
		// even another account's id.
		if _, _, err := users.SignIn(ctx, strconv.FormatInt(admin.ID, 10), "wrong", "10.0.0.9"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("sign-in as an id: %v", err)
		}
		// Notification preferences are recorded on the user, as internal/notify writes them.
		if err := d.Write(ctx, func(tx *db.Tx) error {
			return audit.Record(ctx, tx, tb.Actor("10.0.0.7"), "notify.prefs.set", "user", tb.ID, nil,
				map[string]any{"email": "tb@example.com", "email_kinds": []string{"figure.returned"}})
		}); err != nil {
			t.Fatal(err)
		}
		leaver, err := users.Create(ctx, by, auth.NewUser{Login: "linshi", Role: auth.RoleViewer, UnitID: admin.Unit.ID, Password: "password-linshi"})
		if err != nil {
			t.Fatal(err)
		}

		check := func() audit.StateReport {
			t.Helper()
			rep, err := audit.CheckState(ctx, d, []audit.Kind{auth.UserKind()})
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}
		n, err := users.Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rep := check(); rep.Problems != 0 || rep.Records != int64(n) {
			t.Fatalf("the store's own writes: %+v", rep)
		}

		exec(t, d, "UPDATE users SET role = 'admin' WHERE login = 'chakan'")
		exec(t, d, "UPDATE users SET unit_id = $1 WHERE id = $2", admin.Unit.ID, tb.ID)
		added := insert(t, d, `INSERT INTO users (login, display_name, role, unit_id, password_hash, lang, active, must_change_password, created_at, updated_at)
			VALUES ('houmen', '后门', 'admin', $1, 'x', 'zh', TRUE, FALSE, $2, $2)`, admin.Unit.ID, db.Now())
		exec(t, d, "DELETE FROM users WHERE id = $1", leaver.ID)

		rep := check()
		if rep.Problems != 4 || len(rep.Findings) != 4 {
			t.Fatalf("tampered: %+v", rep)
		}
		found := map[string]audit.Finding{}
		for _, f := range rep.Findings {
			found[f.ID] = f
		}
		promoted := found[strconv.FormatInt(chakan.ID, 10)]
		if promoted.Problem != audit.Differs || promoted.Name != "chakan" || promoted.Actor != "admin" || len(promoted.Fields) != 1 ||
			promoted.Fields[0] != (audit.FieldDiff{Field: "role", Live: "admin", Trail: "viewer"}) {
			t.Errorf("role given in the database: %+v", promoted)
		}
		if got := promoted.String(); !strings.HasPrefix(got, "user "+strconv.FormatInt(chakan.ID, 10)+" (chakan): role admin in the database, viewer in audit entry ") ||
			!strings.HasSuffix(got, " by admin") {
			t.Errorf("role given reads %q", got)
		}
		moved := found[strconv.FormatInt(tb.ID, 10)]
		if moved.Problem != audit.Differs || moved.Name != "xincheng.tb" || moved.Actor != "system" || len(moved.Fields) != 1 ||
			moved.Fields[0] != (audit.FieldDiff{Field: "unit_id", Live: strconv.FormatInt(admin.Unit.ID, 10), Trail: strconv.FormatInt(tb.Unit.ID, 10)}) {
			t.Errorf("unit given in the database: %+v", moved)
		}
		if f := found[strconv.FormatInt(added, 10)]; f.Problem != audit.Unrecorded || f.Name != "houmen" {
			t.Errorf("account inserted in the database: %+v", f)
		}
		if f := found[strconv.FormatInt(leaver.ID, 10)]; f.Problem != audit.Missing || f.Actor != "admin" || f.Seq == 0 {
			t.Errorf("account deleted in the database: %+v", f)
		}
	})
}

// The trail states a whole account, and nothing secret, for every change
// it holds the account to.
func TestUserEntriesStateTheAccount(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		users, a, b := setup(t, d)
		if err := users.SetActive(ctx, a.Actor(""), b.ID, false); err != nil {
			t.Fatal(err)
		}
		entries, err := audit.List(ctx, d, audit.Filter{Entity: "user"})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"user.create":     `{"active":true,"display_name":"b","login":"b","role":"reporter","unit_id":` + strconv.FormatInt(b.Unit.ID, 10) + `}`,
			"user.set_active": `{"active":false,"display_name":"b","login":"b","role":"reporter","unit_id":` + strconv.FormatInt(b.Unit.ID, 10) + `}`,
		}
		for _, e := range entries {
			if e.EntityID == strconv.FormatInt(b.ID, 10) && want[e.Action] != "" {
				if e.After != want[e.Action] {
					t.Errorf("%s states %s, want %s", e.Action, e.After, want[e.Action])
				}
				delete(want, e.Action)
			}
		}
		if len(want) != 0 {
			t.Errorf("no entry for %v", want)
		}
	})
}

// Creations recorded before accounts were recorded whole leave "active"
// out; they stand for an active account, and still catch a disabled one.
func TestUserKindReadsOlderCreations(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		_, a, _ := setup(t, d)
		var id int64
		if err := d.Write(ctx, func(tx *db.Tx) error {
			var err error
			id, err = tx.Insert(ctx, `INSERT INTO users (login, display_name, role, unit_id, password_hash, lang, active, must_change_password, created_at, updated_at)
				VALUES ('laoyonghu', '老用户', 'viewer', $1, 'x', 'zh', TRUE, FALSE, $2, $2)`, a.Unit.ID, db.Now())
			if err != nil {
				return err
			}
			return audit.Record(ctx, tx, audit.System, "user.create", "user", id, nil,
				map[string]any{"login": "laoyonghu", "display_name": "老用户", "role": "viewer", "unit_id": a.Unit.ID})
		}); err != nil {
			t.Fatal(err)
		}
		rep, err := audit.CheckState(ctx, d, []audit.Kind{auth.UserKind()})
		if err != nil || rep.Problems != 0 {
			t.Fatalf("older creation: %+v, %v", rep, err)
		}
		exec(t, d, "UPDATE users SET active = FALSE WHERE id = $1", id)
		rep, err = audit.CheckState(ctx, d, []audit.Kind{auth.UserKind()})
		if err != nil || rep.Problems != 1 || len(rep.Findings[0].Fields) != 1 ||
			rep.Findings[0].Fields[0] != (audit.FieldDiff{Field: "active", Live: "false", Trail: "true"}) {
			t.Fatalf("older creation, account disabled in the database: %+v, %v", rep, err)
		}
	})
}

func byLogin(t *testing.T, users *auth.Users, login string) *auth.User {
	t.Helper()
	u, err := users.ByLogin(context.Background(), login)
	if err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	return u
}

// exec changes the database behind the application's back.
func exec(t *testing.T, d *db.DB, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	if err := d.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, sql, args...)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// insert adds a row behind the application's back and returns its id.
func insert(t *testing.T, d *db.DB, sql string, args ...any) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := d.Write(ctx, func(tx *db.Tx) error {
		var err error
		id, err = tx.Insert(ctx, sql, args...)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return id
}
