package auth_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

func TestPasswordHash(t *testing.T) {
	h, err := auth.HashPassword("正确的密码 2019")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash format %q", h)
	}
	h2, _ := auth.HashPassword("正确的密码 2019")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	if !auth.CheckPassword(h, "正确的密码 2019") || auth.CheckPassword(h, "正确的密码 2018") || auth.CheckPassword("garbage", "x") {
		t.Fatal("CheckPassword gives wrong answers")
	}
}

func setup(t *testing.T, d *db.DB) (*auth.Users, *auth.User, *auth.User) {
	t.Helper()
	ctx := context.Background()
	units := org.NewStore(d)
	zone, err := units.Create(ctx, audit.System, org.Fields{Code: "Z", Name: "高新区", Kind: org.KindZone}, 0)
	if err != nil {
		t.Fatal(err)
	}
	street, _ := units.Create(ctx, audit.System, org.Fields{Code: "S", Name: "街道", Kind: org.KindStreet}, zone.ID)
	users := auth.NewUsers(d)
	a, err := users.Create(ctx, audit.System, auth.NewUser{Login: "a", Role: auth.RoleAssessor, UnitID: zone.ID, Password: "password-a"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := users.Create(ctx, audit.System, auth.NewUser{Login: "b", Role: auth.RoleReporter, UnitID: street.ID, Password: "password-b"})
	if err != nil {
		t.Fatal(err)
	}
	return users, a, b
}

func TestUsers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		users, a, b := setup(t, d)
		if b.Unit.Code != "S" || !b.Unit.Within(a.Unit) || a.Unit.Within(b.Unit) {
			t.Fatalf("scopes: a in %s, b in %s", a.Unit.Path, b.Unit.Path)
		}
		for _, c := range []struct {
			n   auth.NewUser
			key string
		}{
			{auth.NewUser{Login: "a", Role: auth.RoleViewer, UnitID: a.Unit.ID, Password: "12345678"}, "user.err.login_taken"},
			{auth.NewUser{Login: "c", Role: "boss", UnitID: a.Unit.ID, Password: "12345678"}, "user.err.role"},
			{auth.NewUser{Login: "c", Role: auth.RoleViewer, UnitID: 99999, Password: "12345678"}, "user.err.unit_required"},
			{auth.NewUser{Login: "c", Role: auth.RoleViewer, UnitID: a.Unit.ID, Password: "1234567"}, "user.err.password_short"},
			{auth.NewUser{Login: "c d", Role: auth.RoleViewer, UnitID: a.Unit.ID, Password: "12345678"}, "user.err.login_format"},
		} {
			_, err := users.Create(ctx, audit.System, c.n)
			var verr *i18n.Error
			if !errors.As(err, &verr) || verr.Key != c.key {
				t.Errorf("Create(%+v) = %v, want %s", c.n, err, c.key)
			}
		}
		scoped, _ := users.List(ctx, b.Unit)
		if len(scoped) != 1 || scoped[0].Login != "b" {
			t.Fatalf("List(street) = %v", scoped)
		}
		// Changing a password: the old one must be right; other sessions end, this one stays.
		_, keep, err := users.SignIn(ctx, "b", "password-b", "10.1.1.1")
		if err != nil {
			t.Fatal(err)
		}
		_, other, _ := users.SignIn(ctx, "b", "password-b", "10.1.1.2")
		var verr *i18n.Error
		if err := users.ChangePassword(ctx, b.Actor("10.1.1.1"), b, "wrong", "new-password", keep); !errors.As(err, &verr) || verr.Field != "old" {
			t.Fatalf("wrong old password: %v", err)
		}
		if err := users.ChangePassword(ctx, b.Actor("10.1.1.1"), b, "password-b", "new-password", keep); err != nil {
			t.Fatal(err)
		}
		if _, err := users.Session(ctx, keep); err != nil {
			t.Fatalf("the session that changed the password ended: %v", err)
		}
		if _, err := users.Session(ctx, other); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("another session survived the password change: %v", err)
		}
		if _, _, err := users.SignIn(ctx, "b", "password-b", "10.1.1.1"); !errors.Is(err, auth.ErrBadCredentials) {
			t.Fatalf("old password still works: %v", err)
		}
		// No password hash ever enters the audit trail.
		entries, _ := audit.List(ctx, d, audit.Filter{Entity: "user"})
		for _, e := range entries {
			if strings.Contains(e.Before+e.After, "argon2id") || strings.Contains(e.Before+e.After, "password-") {
				t.Fatalf("a secret is in the audit trail: %+v", e)
			}
		}
	})
}

func TestTokensAndPurge(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		users, a, b := setup(t, d)
		now := db.Now()
		users.SetClock(func() time.Time { return now })
		secret, tok, err := users.CreateToken(ctx, audit.System, b.ID, "脚本")
		if err != nil {
			t.Fatal(err)
		}
		if u, err := users.TokenUser(ctx, secret); err != nil || u.ID != b.ID {
			t.Fatalf("TokenUser = %v, %v", u, err)
		}
		// A user may revoke only their own token.
		if err := users.RevokeToken(ctx, a.Actor(""), tok.ID, a.ID); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("revoking someone else's token as owner: %v", err)
		}
		if err := users.RevokeToken(ctx, b.Actor(""), tok.ID, b.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := users.TokenUser(ctx, secret); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("revoked token still works: %v", err)
		}
		if err := users.RevokeToken(ctx, b.Actor(""), tok.ID, b.ID); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("revoking twice: %v", err)
		}
		_, s1, _ := users.SignIn(ctx, "a", "password-a", "x")
		now = now.Add(3 * time.Hour)
		_, s2, _ := users.SignIn(ctx, "b", "password-b", "x")
		n, err := users.PurgeExpired(ctx)
		if err != nil || n != 1 {
			t.Fatalf("PurgeExpired = %d, %v; want the idle session only", n, err)
		}
		if _, err := users.Session(ctx, s1); !errors.Is(err, db.ErrNotFound) {
			t.Fatal("idle session survived")
		}
		if _, err := users.Session(ctx, s2); err != nil {
			t.Fatalf("fresh session purged: %v", err)
		}
	})
}

func TestPolicy(t *testing.T) {
	zone := org.Unit{ID: 1, Path: "/1/"}
	street := org.Unit{ID: 5, Path: "/1/5/"}
	other := org.Unit{ID: 6, Path: "/1/6/"}
	reporter := &auth.User{Role: auth.RoleReporter, Unit: street, Active: true}
	assessor := &auth.User{Role: auth.RoleAssessor, Unit: zone, Active: true}
	cases := []struct {
		u    *auth.User
		p    auth.Permission
		unit org.Unit
		want bool
	}{
		{reporter, auth.PermUnitsView, street, true},
		{reporter, auth.PermUnitsView, other, false},
		{reporter, auth.PermUnitsView, zone, false},
		{reporter, auth.PermUnitsManage, street, false},
		{assessor, auth.PermUnitsManage, other, true},
		{assessor, auth.PermUsersManage, other, false},
		{&auth.User{Role: auth.RoleAdmin, Unit: zone, Active: false}, auth.PermHome, zone, false},
		{nil, auth.PermHome, zone, false},
	}
	for i, c := range cases {
		if got := auth.CanInUnit(c.u, c.p, c.unit); got != c.want {
			t.Errorf("case %d: CanInUnit = %v, want %v", i, got, c.want)
		}
	}
}
