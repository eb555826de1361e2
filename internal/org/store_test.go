package org_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

var ctx = context.Background()

// clerk is the actor of most changes below: a person without a users row.
var clerk = audit.Actor{Name: "kaohe", Address: "10.0.0.5"}

// mustCreate adds a unit and fails the test when that does not work.
func mustCreate(t *testing.T, s *org.Store, code, name string, kind org.Kind, order int, parent int64) org.Unit {
	t.Helper()
	u, err := s.Create(ctx, clerk, org.Fields{Code: code, Name: name, Kind: kind, Order: order}, parent)
	if err != nil {
		t.Fatalf("create %s: %v", code, err)
	}
	return u
}

func mustGet(t *testing.T, s *org.Store, id int64) org.Unit {
	t.Helper()
	u, err := s.Get(ctx, id)
	if err != nil {
		t.Fatalf("get %d: %v", id, err)
	}
	return u
}

func mustByCode(t *testing.T, s *org.Store, code string) org.Unit {
	t.Helper()
	u, err := s.ByCode(ctx, code)
	if err != nil {
		t.Fatalf("unit %s: %v", code, err)
	}
	return u
}

// wantInvalid checks that err is an *i18n.Error about field with key.
func wantInvalid(t *testing.T, err error, field, key string) *i18n.Error {
	t.Helper()
	var verr *i18n.Error
	if !errors.As(err, &verr) {
		t.Fatalf("error = %v (%T), want *i18n.Error %s on %q", err, err, key, field)
	}
	if verr.Field != field || verr.Key != key {
		t.Fatalf("error = field %q key %s %v, want field %q key %s", verr.Field, verr.Key, verr.Args, field, key)
	}
	return verr
}

// auditCount verifies the whole trail and returns how many entries it holds.
func auditCount(t *testing.T, d *db.DB) int64 {
	t.Helper()
	n, brk, err := audit.Verify(ctx, d)
	if err != nil {
		t.Fatalf("verify audit trail: %v", err)
	}
	if brk != nil {
		t.Fatalf("audit trail broken: %v", brk)
	}
	return n
}

func historyCount(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM unit_history").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func describe(u org.Unit) string {
	return fmt.Sprintf("id=%d code=%s name=%s kind=%s class=%s parent=%d path=%s order=%d active=%t created=%s updated=%s",
		u.ID, u.Code, u.Name, u.Kind, u.Class, u.ParentID, u.Path, u.Order, u.Active,
		u.CreatedAt.UTC().Format(time.RFC3339Nano), u.UpdatedAt.UTC().Format(time.RFC3339Nano))
}

// state is everything a change to units can touch.
type state struct {
	units   []string
	history int
	audit   int64
}

func stateOf(t *testing.T, d *db.DB) state {
	t.Helper()
	units, err := org.NewStore(d).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st := state{history: historyCount(t, d), audit: auditCount(t, d)}
	for _, u := range units {
		st.units = append(st.units, describe(u))
	}
	return st
}

// unchanged fails the test when the database no longer holds before.
func unchanged(t *testing.T, d *db.DB, before state) {
	t.Helper()
	after := stateOf(t, d)
	if !slices.Equal(before.units, after.units) {
		t.Errorf("units changed:\nbefore:\n  %s\nafter:\n  %s",
			strings.Join(before.units, "\n  "), strings.Join(after.units, "\n  "))
	}
	if before.history != after.history {
		t.Errorf("unit_history rows: %d before, %d after", before.history, after.history)
	}
	if before.audit != after.audit {
		t.Errorf("audit entries: %d before, %d after", before.audit, after.audit)
	}
}

// checkPaths asserts that every unit's path is its parent's path plus its
// own id, which is what Subtree, Within and deactivation rely on.
func checkPaths(t *testing.T, units []org.Unit) {
	t.Helper()
	byID := map[int64]org.Unit{}
	for _, u := range units {
		byID[u.ID] = u
	}
	for _, u := range units {
		want := fmt.Sprintf("/%d/", u.ID)
		if u.ParentID != 0 {
			p, ok := byID[u.ParentID]
			if !ok {
				t.Errorf("%s: parent %d not among the units", u.Code, u.ParentID)
				continue
			}
			want = fmt.Sprintf("%s%d/", p.Path, u.ID)
		}
		if u.Path != want {
			t.Errorf("%s: path %q, want %q", u.Code, u.Path, want)
		}
	}
}

func codes(units []org.Unit) []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = u.Code
	}
	return out
}

// zoneTree is a small zone: 高新区 with two departments, a street holding
// two communities, and a park.
type zoneTree struct {
	gx, jf, cz, jd1, sq1, sq2, yq org.Unit
}

func buildZone(t *testing.T, s *org.Store) zoneTree {
	t.Helper()
	var z zoneTree
	z.gx = mustCreate(t, s, "GX", "潍坊高新区", org.KindZone, 0, 0)
	z.jf = mustCreate(t, s, "JF", "经济发展局", org.KindDepartment, 2, z.gx.ID)
	z.yq = mustCreate(t, s, "YQ", "光电产业园", org.KindPark, 3, z.gx.ID)
	z.jd1 = mustCreate(t, s, "JD1", "新城街道", org.KindStreet, 1, z.gx.ID)
	z.cz = mustCreate(t, s, "CZ", "财政局", org.KindDepartment, 1, z.gx.ID)
	z.sq2 = mustCreate(t, s, "SQ2", "西营社区", org.KindOther, 2, z.jd1.ID)
	z.sq1 = mustCreate(t, s, "SQ1", "东方社区", org.KindOther, 1, z.jd1.ID)
	return z
}

// addUser inserts a users row so that History can name who made a change.
func addUser(t *testing.T, d *db.DB, login string, unitID int64) int64 {
	t.Helper()
	var id int64
	err := d.Write(ctx, func(tx *db.Tx) error {
		var err error
		id, err = tx.Insert(ctx, `INSERT INTO users (login, display_name, role, unit_id, password_hash, created_at, updated_at)
			VALUES ($1, $2, 'assessor', $3, 'x', $4, $4)`, login, "考核科", unitID, db.Now())
		return err
	})
	if err != nil {
		t.Fatalf("add user %s: %v", login, err)
	}
	return id
}

func TestCreateTree(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		z := buildZone(t, s)

		all, err := s.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// CZ and JD1 share order 1 and are ordered by code; SQ1 comes before
		// SQ2 by order although it was created later.
		want := []string{"GX", "CZ", "JD1", "SQ1", "SQ2", "JF", "YQ"}
		if got := codes(all); !slices.Equal(got, want) {
			t.Fatalf("All = %v, want %v", got, want)
		}
		checkPaths(t, all)

		sq1 := mustGet(t, s, z.sq1.ID)
		if want := fmt.Sprintf("/%d/%d/%d/", z.gx.ID, z.jd1.ID, z.sq1.ID); sq1.Path != want {
			t.Errorf("SQ1 path %q, want %q", sq1.Path, want)
		}
		if z.gx.Path != fmt.Sprintf("/%d/", z.gx.ID) {
			t.Errorf("GX path %q", z.gx.Path)
		}
		for _, c := range []struct {
			u     org.Unit
			depth int
		}{{z.gx, 0}, {z.jf, 1}, {z.jd1, 1}, {sq1, 2}} {
			if c.u.Depth() != c.depth {
				t.Errorf("%s depth %d, want %d", c.u.Code, c.u.Depth(), c.depth)
			}
		}

		// What Create returned is what the database holds.
		if got, want := describe(sq1), describe(z.sq1); got != want {
			t.Errorf("stored SQ1:\n  %s\nCreate returned:\n  %s", got, want)
		}
		if sq1.Name != "东方社区" || sq1.Kind != org.KindOther || sq1.ParentID != z.jd1.ID || sq1.Order != 1 || !sq1.Active {
			t.Errorf("SQ1 = %s", describe(sq1))
		}
		if byCode := mustByCode(t, s, "JD1"); byCode.ID != z.jd1.ID {
			t.Errorf("ByCode(JD1) id %d, want %d", byCode.ID, z.jd1.ID)
		}

		sub, err := s.Subtree(ctx, z.jd1)
		if err != nil {
			t.Fatal(err)
		}
		if got := codes(sub); !slices.Equal(got, []string{"JD1", "SQ1", "SQ2"}) {
			t.Errorf("Subtree(JD1) = %v", got)
		}
		if n := auditCount(t, d); n != 7 {
			t.Errorf("audit entries %d, want 7", n)
		}
		if n := historyCount(t, d); n != 7 {
			t.Errorf("history rows %d, want 7", n)
		}
	})
}

func TestCreateTrimsFields(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		u, err := s.Create(ctx, clerk, org.Fields{Code: "  GX ", Name: "\t潍坊高新区 ", Kind: org.KindZone, Class: " 综合类 "}, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := mustByCode(t, s, "GX")
		if got.ID != u.ID || got.Name != "潍坊高新区" || got.Class != "综合类" {
			t.Errorf("stored %s", describe(got))
		}
	})
}

func TestCreateRefuses(t *testing.T) {
	long := func(r string, n int) string { return strings.Repeat(r, n) }
	cases := []struct {
		name   string
		f      org.Fields
		parent func(z zoneTree) int64
		field  string
		key    string
	}{
		{"no code", org.Fields{Code: "  ", Name: "甲", Kind: org.KindDepartment}, nil, "code", "unit.err.code_required"},
		{"code with a space", org.Fields{Code: "A 1", Name: "甲", Kind: org.KindDepartment}, nil, "code", "unit.err.code_format"},
		{"code with a slash", org.Fields{Code: "A/1", Name: "甲", Kind: org.KindDepartment}, nil, "code", "unit.err.code_format"},
		{"code with a comma", org.Fields{Code: "A,1", Name: "甲", Kind: org.KindDepartment}, nil, "code", "unit.err.code_format"},
		{"code of 33 characters", org.Fields{Code: long("编", 33), Name: "甲", Kind: org.KindDepartment}, nil, "code", "unit.err.code_format"},
		{"no name", org.Fields{Code: "A1", Name: " ", Kind: org.KindDepartment}, nil, "name", "unit.err.name_required"},
		{"name of 101 characters", org.Fields{Code: "A1", Name: long("名", 101), Kind: org.KindDepartment}, nil, "name", "unit.err.name_long"},
		{"no kind", org.Fields{Code: "A1", Name: "甲"}, nil, "kind", "unit.err.kind"},
		{"unknown kind", org.Fields{Code: "A1", Name: "甲", Kind: "bureau"}, nil, "kind", "unit.err.kind"},
		{"class of 51 characters", org.Fields{Code: "A1", Name: "甲", Kind: org.KindDepartment, Class: long("类", 51)}, nil, "class", "unit.err.class_long"},
		{"code taken", org.Fields{Code: "JF", Name: "另一个经发局", Kind: org.KindDepartment}, func(z zoneTree) int64 { return z.gx.ID }, "code", "unit.err.code_taken"},
		{"missing parent", org.Fields{Code: "A1", Name: "甲", Kind: org.KindDepartment}, func(z zoneTree) int64 { return z.sq2.ID + 1000 }, "parent", "unit.err.parent_missing"},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		z := buildZone(t, s)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := stateOf(t, d)
				parent := z.gx.ID
				if c.parent != nil {
					parent = c.parent(z)
				}
				_, err := s.Create(ctx, clerk, c.f, parent)
				verr := wantInvalid(t, err, c.field, c.key)
				if c.key == "unit.err.code_taken" && (len(verr.Args) != 1 || verr.Args[0] != "JF") {
					t.Errorf("code_taken args %v, want [JF]", verr.Args)
				}
				unchanged(t, d, before)
			})
		}
	})
}

func TestCreateAcceptsLimits(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		// Limits count characters, not bytes: 32 Chinese characters are 96 bytes.
		code := strings.Repeat("编", 32)
		name := strings.Repeat("名", 100)
		class := strings.Repeat("类", 50)
		u, err := s.Create(ctx, clerk, org.Fields{Code: code, Name: name, Kind: org.KindOther, Class: class}, 0)
		if err != nil {
			t.Fatalf("create at the limits: %v", err)
		}
		if got := mustGet(t, s, u.ID); got.Code != code || got.Name != name || got.Class != class {
			t.Errorf("stored %s", describe(got))
		}
	})
}

func TestGetMissing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		if _, err := s.Get(ctx, 4242); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("Get(missing) = %v, want ErrNotFound", err)
		}
		if _, err := s.ByCode(ctx, "NOPE"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("ByCode(missing) = %v, want ErrNotFound", err)
		}
	})
}

func TestTreeOrder(t *testing.T) {
	u := func(id, parent int64, code string, order int) org.Unit {
		return org.Unit{ID: id, ParentID: parent, Code: code, Order: order}
	}
	cases := []struct {
		name  string
		units []org.Unit
		want  []string
	}{
		{"empty", nil, []string{}},
		{"siblings by order then code", []org.Unit{
			u(1, 0, "GX", 0), u(2, 1, "B", 1), u(3, 1, "A", 1), u(4, 1, "C", 0), u(5, 1, "D", -1),
		}, []string{"GX", "D", "C", "A", "B"}},
		{"codes compare as text", []org.Unit{
			u(1, 0, "GX", 0), u(2, 1, "JD2", 5), u(3, 1, "JD10", 5),
		}, []string{"GX", "JD10", "JD2"}},
		{"depth first", []org.Unit{
			u(5, 2, "SQ1", 0), u(1, 0, "GX", 0), u(2, 1, "JD", 2), u(3, 1, "CZ", 1), u(4, 3, "CZ-1", 0), u(6, 2, "SQ0", 0),
		}, []string{"GX", "CZ", "CZ-1", "JD", "SQ0", "SQ1"}},
		{"several roots", []org.Unit{
			u(1, 0, "Z2", 1), u(2, 0, "Z1", 1), u(3, 1, "A", 0), u(4, 2, "B", 0),
		}, []string{"Z1", "B", "Z2", "A"}},
		{"orphans count as roots", []org.Unit{
			// A subtree cut out of a larger tree: JD's parent 1 is absent.
			u(7, 1, "JD", 4), u(8, 7, "SQ2", 2), u(9, 7, "SQ1", 2), u(10, 99, "X", 0),
		}, []string{"X", "JD", "SQ1", "SQ2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := codes(org.TreeOrder(c.units))
			if !slices.Equal(got, c.want) {
				t.Fatalf("TreeOrder = %v, want %v", got, c.want)
			}
			// The input order does not matter.
			rng := rand.New(rand.NewSource(1))
			for range 10 {
				shuffled := slices.Clone(c.units)
				rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				if got := codes(org.TreeOrder(shuffled)); !slices.Equal(got, c.want) {
					t.Fatalf("TreeOrder(%v) = %v, want %v", codes(shuffled), got, c.want)
				}
			}
		})
	}
}

func TestWithin(t *testing.T) {
	cases := []struct {
		unit, scope string
		want        bool
	}{
		{"/1/4/12/", "/1/", true},
		{"/1/4/12/", "/1/4/", true},
		{"/1/4/", "/1/4/", true},
		{"/1/", "/1/4/", false},
		{"/1/5/", "/1/4/", false},
		{"/14/", "/1/", false},
		{"/1/41/", "/1/4/", false},
		{"/1/4/", "", false},
	}
	for _, c := range cases {
		got := org.Unit{Path: c.unit}.Within(org.Unit{Path: c.scope})
		if got != c.want {
			t.Errorf("%q within %q = %t, want %t", c.unit, c.scope, got, c.want)
		}
	}
}

func TestUpdate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		z := buildZone(t, s)
		audits := auditCount(t, d)

		got, err := s.Update(ctx, clerk, z.jd1.ID, org.Fields{Code: "JD01", Name: "新城街道办事处", Kind: org.KindStreet, Class: "街道类", Order: 4})
		if err != nil {
			t.Fatal(err)
		}
		stored := mustGet(t, s, z.jd1.ID)
		if describe(got) != describe(stored) {
			t.Errorf("Update returned\n  %s\nstored\n  %s", describe(got), describe(stored))
		}
		if stored.Code != "JD01" || stored.Name != "新城街道办事处" || stored.Class != "街道类" || stored.Order != 4 {
			t.Errorf("stored %s", describe(stored))
		}
		if stored.ParentID != z.gx.ID || stored.Path != z.jd1.Path || !stored.CreatedAt.Equal(z.jd1.CreatedAt) {
			t.Errorf("update touched parent, path or creation: %s", describe(stored))
		}
		if stored.UpdatedAt.Before(z.jd1.UpdatedAt) {
			t.Errorf("updated_at went back: %s < %s", stored.UpdatedAt, z.jd1.UpdatedAt)
		}
		if _, err := s.ByCode(ctx, "JD1"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("old code still found: %v", err)
		}
		// The new order moves it after JF (2) and YQ (3).
		all, _ := s.All(ctx)
		if got, want := codes(all), []string{"GX", "CZ", "JF", "YQ", "JD01", "SQ1", "SQ2"}; !slices.Equal(got, want) {
			t.Errorf("All after update = %v, want %v", got, want)
		}
		if n := auditCount(t, d); n != audits+1 {
			t.Errorf("audit entries %d, want %d", n, audits+1)
		}

		t.Run("code taken", func(t *testing.T) {
			before := stateOf(t, d)
			_, err := s.Update(ctx, clerk, z.sq1.ID, org.Fields{Code: "SQ2", Name: "东方社区", Kind: org.KindOther, Order: 1})
			verr := wantInvalid(t, err, "code", "unit.err.code_taken")
			if len(verr.Args) != 1 || verr.Args[0] != "SQ2" {
				t.Errorf("args %v, want [SQ2]", verr.Args)
			}
			unchanged(t, d, before)
		})
		t.Run("invalid fields", func(t *testing.T) {
			before := stateOf(t, d)
			_, err := s.Update(ctx, clerk, z.sq1.ID, org.Fields{Code: "SQ1", Name: "", Kind: org.KindOther})
			wantInvalid(t, err, "name", "unit.err.name_required")
			unchanged(t, d, before)
		})
		t.Run("nothing to change", func(t *testing.T) {
			before := stateOf(t, d)
			u, err := s.Update(ctx, clerk, z.sq1.ID, org.Fields{Code: " SQ1", Name: "东方社区 ", Kind: org.KindOther, Order: 1})
			if err != nil {
				t.Fatal(err)
			}
			if !u.UpdatedAt.Equal(z.sq1.UpdatedAt) {
				t.Errorf("updated_at moved on a no-op update")
			}
			unchanged(t, d, before)
		})
		t.Run("missing unit", func(t *testing.T) {
			_, err := s.Update(ctx, clerk, z.sq2.ID+1000, org.Fields{Code: "X", Name: "X", Kind: org.KindOther})
			if !errors.Is(err, db.ErrNotFound) {
				t.Errorf("Update(missing) = %v, want ErrNotFound", err)
			}
		})
	})
}

func TestMove(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		z := buildZone(t, s)
		audits := auditCount(t, d)

		// JD1 with its two communities goes under JF.
		moved, err := s.Move(ctx, clerk, z.jd1.ID, z.jf.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantPath := fmt.Sprintf("/%d/%d/%d/", z.gx.ID, z.jf.ID, z.jd1.ID)
		if moved.ParentID != z.jf.ID || moved.Path != wantPath {
			t.Errorf("Move returned parent %d path %q, want %d %q", moved.ParentID, moved.Path, z.jf.ID, wantPath)
		}
		for _, c := range []struct {
			u    org.Unit
			path string
		}{
			{z.jd1, wantPath},
			{z.sq1, fmt.Sprintf("%s%d/", wantPath, z.sq1.ID)},
			{z.sq2, fmt.Sprintf("%s%d/", wantPath, z.sq2.ID)},
			{z.cz, z.cz.Path},
			{z.jf, z.jf.Path},
			{z.gx, z.gx.Path},
		} {
			if got := mustGet(t, s, c.u.ID); got.Path != c.path {
				t.Errorf("%s path %q, want %q", c.u.Code, got.Path, c.path)
			}
		}
		if got := mustGet(t, s, z.sq1.ID); got.ParentID != z.jd1.ID {
			t.Errorf("SQ1 parent %d, want still JD1 %d", got.ParentID, z.jd1.ID)
		}
		all, _ := s.All(ctx)
		checkPaths(t, all)
		if got, want := codes(all), []string{"GX", "CZ", "JF", "JD1", "SQ1", "SQ2", "YQ"}; !slices.Equal(got, want) {
			t.Errorf("All after move = %v, want %v", got, want)
		}
		jf := mustGet(t, s, z.jf.ID)
		sub, _ := s.Subtree(ctx, jf)
		if got := codes(sub); !slices.Equal(got, []string{"JF", "JD1", "SQ1", "SQ2"}) {
			t.Errorf("Subtree(JF) = %v", got)
		}
		if sq1 := mustGet(t, s, z.sq1.ID); !sq1.Within(jf) || sq1.Within(mustGet(t, s, z.cz.ID)) {
			t.Errorf("SQ1 %q: within JF %t, within CZ %t", sq1.Path, sq1.Within(jf), sq1.Within(mustGet(t, s, z.cz.ID)))
		}
		// One entry for the move itself; descendants keep their parent.
		if n := auditCount(t, d); n != audits+1 {
			t.Errorf("audit entries %d, want %d", n, audits+1)
		}

		t.Run("to the root", func(t *testing.T) {
			u, err := s.Move(ctx, clerk, z.jd1.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			if u.ParentID != 0 || u.Path != fmt.Sprintf("/%d/", z.jd1.ID) {
				t.Errorf("root move: parent %d path %q", u.ParentID, u.Path)
			}
			all, _ := s.All(ctx)
			checkPaths(t, all)
			if got := mustGet(t, s, z.sq2.ID).Path; got != fmt.Sprintf("/%d/%d/", z.jd1.ID, z.sq2.ID) {
				t.Errorf("SQ2 path %q", got)
			}
			if _, err := s.Move(ctx, clerk, z.jd1.ID, z.gx.ID); err != nil {
				t.Fatal(err)
			}
			all, _ = s.All(ctx)
			checkPaths(t, all)
		})

		refusals := []struct {
			name     string
			id       int64
			parent   int64
			key      string
			wantArgs []any
		}{
			{"under its own grandchild", z.gx.ID, z.sq1.ID, "unit.err.move_cycle", []any{"潍坊高新区", "东方社区"}},
			{"under its own child", z.jd1.ID, z.sq2.ID, "unit.err.move_cycle", []any{"新城街道", "西营社区"}},
			{"under itself", z.jd1.ID, z.jd1.ID, "unit.err.move_cycle", []any{"新城街道", "新城街道"}},
			{"under a missing parent", z.cz.ID, z.sq2.ID + 1000, "unit.err.parent_missing", nil},
		}
		for _, c := range refusals {
			t.Run(c.name, func(t *testing.T) {
				before := stateOf(t, d)
				_, err := s.Move(ctx, clerk, c.id, c.parent)
				verr := wantInvalid(t, err, "parent", c.key)
				if c.wantArgs != nil && fmt.Sprint(verr.Args) != fmt.Sprint(c.wantArgs) {
					t.Errorf("args %v, want %v", verr.Args, c.wantArgs)
				}
				unchanged(t, d, before)
			})
		}

		t.Run("to the same parent", func(t *testing.T) {
			before := stateOf(t, d)
			if _, err := s.Move(ctx, clerk, z.cz.ID, z.gx.ID); err != nil {
				t.Fatal(err)
			}
			unchanged(t, d, before)
		})
		t.Run("missing unit", func(t *testing.T) {
			if _, err := s.Move(ctx, clerk, z.sq2.ID+1000, z.gx.ID); !errors.Is(err, db.ErrNotFound) {
				t.Errorf("Move(missing) = %v, want ErrNotFound", err)
			}
		})
	})
}

// Paths end in a slash so that /1/2/ never matches /1/21/; with more than
// ten units that is worth proving on the real engines.
func TestSubtreeAndMoveWithSimilarIDs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		root := mustCreate(t, s, "R", "根", org.KindZone, 0, 0)
		var units []org.Unit
		for i := 1; i <= 25; i++ {
			units = append(units, mustCreate(t, s, fmt.Sprintf("U%02d", i), fmt.Sprintf("单位%d", i), org.KindDepartment, i, root.ID))
		}
		// a has a small id, b an id starting with the same digits.
		a := units[0]
		var b org.Unit
		for _, u := range units {
			if u.ID != a.ID && strings.HasPrefix(fmt.Sprint(u.ID), fmt.Sprint(a.ID)) {
				b = u
				break
			}
		}
		if b.ID == 0 {
			t.Fatalf("no id starting with %d among %v", a.ID, units)
		}
		child := mustCreate(t, s, "A-1", "甲下级", org.KindOther, 0, a.ID)
		bChild := mustCreate(t, s, "B-1", "乙下级", org.KindOther, 0, b.ID)

		sub, err := s.Subtree(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if got := codes(sub); !slices.Equal(got, []string{a.Code, "A-1"}) {
			t.Errorf("Subtree(%s %q) = %v", a.Code, a.Path, got)
		}
		// Moving a rewrites a's subtree only.
		if _, err := s.Move(ctx, clerk, a.ID, units[len(units)-1].ID); err != nil {
			t.Fatal(err)
		}
		all, _ := s.All(ctx)
		checkPaths(t, all)
		if got := mustGet(t, s, bChild.ID).Path; got != bChild.Path {
			t.Errorf("B-1 path changed from %q to %q", bChild.Path, got)
		}
		if got := mustGet(t, s, child.ID).Path; got == child.Path {
			t.Errorf("A-1 path not rewritten: %q", got)
		}
		// Deactivating a does not count b's active child.
		if _, err := s.SetActive(ctx, clerk, child.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetActive(ctx, clerk, a.ID, false); err != nil {
			t.Errorf("deactivate %s: %v", a.Code, err)
		}
	})
}

func TestSetActive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		z := buildZone(t, s)

		for _, c := range []struct {
			name  string
			u     org.Unit
			count int
		}{
			{"street with two active communities", z.jd1, 2},
			{"zone with six active units beneath", z.gx, 6},
		} {
			t.Run(c.name, func(t *testing.T) {
				before := stateOf(t, d)
				_, err := s.SetActive(ctx, clerk, c.u.ID, false)
				verr := wantInvalid(t, err, "active", "unit.err.active_children")
				if len(verr.Args) != 1 || verr.Args[0] != c.count {
					t.Errorf("args %v, want [%d]", verr.Args, c.count)
				}
				unchanged(t, d, before)
			})
		}

		audits := auditCount(t, d)
		if _, err := s.SetActive(ctx, clerk, z.sq1.ID, false); err != nil {
			t.Fatal(err)
		}
		_, err := s.SetActive(ctx, clerk, z.jd1.ID, false)
		if verr := wantInvalid(t, err, "active", "unit.err.active_children"); verr.Args[0] != 1 {
			t.Errorf("with one community left: args %v, want [1]", verr.Args)
		}
		if _, err := s.SetActive(ctx, clerk, z.sq2.ID, false); err != nil {
			t.Fatal(err)
		}
		u, err := s.SetActive(ctx, clerk, z.jd1.ID, false)
		if err != nil {
			t.Fatalf("deactivate JD1 after its communities: %v", err)
		}
		if u.Active || mustGet(t, s, z.jd1.ID).Active {
			t.Errorf("JD1 still active")
		}
		if n := auditCount(t, d); n != audits+3 {
			t.Errorf("audit entries %d, want %d", n, audits+3)
		}
		// Inactive units stay in All, in their place.
		all, _ := s.All(ctx)
		if got, want := codes(all), []string{"GX", "CZ", "JD1", "SQ1", "SQ2", "JF", "YQ"}; !slices.Equal(got, want) {
			t.Errorf("All = %v, want %v", got, want)
		}

		t.Run("no-op", func(t *testing.T) {
			before := stateOf(t, d)
			if _, err := s.SetActive(ctx, clerk, z.jd1.ID, false); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SetActive(ctx, clerk, z.cz.ID, true); err != nil {
				t.Fatal(err)
			}
			unchanged(t, d, before)
		})
		t.Run("reactivate", func(t *testing.T) {
			u, err := s.SetActive(ctx, clerk, z.jd1.ID, true)
			if err != nil || !u.Active || !mustGet(t, s, z.jd1.ID).Active {
				t.Fatalf("reactivate JD1: %v, active %t", err, u.Active)
			}
		})
		t.Run("missing unit", func(t *testing.T) {
			if _, err := s.SetActive(ctx, clerk, z.sq2.ID+1000, false); !errors.Is(err, db.ErrNotFound) {
				t.Errorf("SetActive(missing) = %v, want ErrNotFound", err)
			}
		})
	})
}

func TestHistoryAndAudit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		gx, err := s.Create(ctx, audit.System, org.Fields{Code: "GX", Name: "潍坊高新区", Kind: org.KindZone}, 0)
		if err != nil {
			t.Fatal(err)
		}
		uid := addUser(t, d, "kaohe", gx.ID)
		who := audit.Actor{UserID: uid, Name: "kaohe", Address: "10.0.0.5"}
		do := func(u org.Unit, err error) org.Unit {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		jf := do(s.Create(ctx, who, org.Fields{Code: "JF", Name: "经济发展局", Kind: org.KindDepartment, Order: 2}, gx.ID))
		jd := do(s.Create(ctx, who, org.Fields{Code: "JD1", Name: "新城街道", Kind: org.KindStreet, Class: "街道类", Order: 1}, gx.ID))
		do(s.Update(ctx, who, jd.ID, org.Fields{Code: "JD01", Name: "新城街道办事处", Kind: org.KindStreet, Class: "街道类", Order: 1}))
		do(s.Move(ctx, who, jd.ID, jf.ID))
		do(s.SetActive(ctx, who, jd.ID, false))
		do(s.SetActive(ctx, who, jd.ID, true))
		// The parent's name in History is its current one.
		do(s.Update(ctx, audit.System, gx.ID, org.Fields{Code: "GX", Name: "高新区管委会", Kind: org.KindZone}))

		hist, err := s.History(ctx, jd.ID)
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			action, by, code, name string
			parentID               int64
			parent                 string
			active                 bool
		}
		want := []row{
			{"unit.create", "kaohe", "JD1", "新城街道", gx.ID, "高新区管委会", true},
			{"unit.update", "kaohe", "JD01", "新城街道办事处", gx.ID, "高新区管委会", true},
			{"unit.move", "kaohe", "JD01", "新城街道办事处", jf.ID, "经济发展局", true},
			{"unit.deactivate", "kaohe", "JD01", "新城街道办事处", jf.ID, "经济发展局", false},
			{"unit.reactivate", "kaohe", "JD01", "新城街道办事处", jf.ID, "经济发展局", true},
		}
		if len(hist) != len(want) {
			t.Fatalf("History has %d rows, want %d: %+v", len(hist), len(want), hist)
		}
		for i, h := range hist {
			got := row{h.Action, h.By, h.Code, h.Name, h.ParentID, h.Parent, h.Active}
			if got != want[i] {
				t.Errorf("History[%d] = %+v, want %+v", i, got, want[i])
			}
			if h.Kind != org.KindStreet || h.Class != "街道类" || h.Order != 1 {
				t.Errorf("History[%d] kind %s class %q order %d", i, h.Kind, h.Class, h.Order)
			}
			if i > 0 && h.At.Before(hist[i-1].At) {
				t.Errorf("History[%d] at %s is before the row above (%s)", i, h.At, hist[i-1].At)
			}
		}
		if !hist[0].At.Equal(jd.CreatedAt) {
			t.Errorf("creation row at %s, unit created at %s", hist[0].At, jd.CreatedAt)
		}

		gxHist, err := s.History(ctx, gx.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(gxHist) != 2 || gxHist[0].Name != "潍坊高新区" || gxHist[1].Name != "高新区管委会" {
			t.Fatalf("GX history %+v", gxHist)
		}
		for i, h := range gxHist {
			if h.By != "" || h.ParentID != 0 || h.Parent != "" {
				t.Errorf("GX history[%d]: by %q parent %d %q, want the system at the root", i, h.By, h.ParentID, h.Parent)
			}
		}
		if none, err := s.History(ctx, jd.ID+1000); err != nil || len(none) != 0 {
			t.Errorf("History(missing) = %v, %v", none, err)
		}

		// Eight changes, eight entries, and the chain is whole.
		if n := auditCount(t, d); n != 8 {
			t.Errorf("audit entries %d, want 8", n)
		}
		entries, err := audit.List(ctx, d, audit.Filter{Entity: "unit", EntityID: fmt.Sprint(jd.ID)})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
			if e.ActorID != uid || e.Actor != "kaohe" || e.Address != "10.0.0.5" {
				t.Errorf("%s by %d %q from %q", e.Action, e.ActorID, e.Actor, e.Address)
			}
		}
		if want := []string{"unit.reactivate", "unit.deactivate", "unit.move", "unit.update", "unit.create"}; !slices.Equal(actions, want) {
			t.Fatalf("audit actions for JD1 = %v, want %v", actions, want)
		}
		decode := func(s string) map[string]any {
			t.Helper()
			var m map[string]any
			if err := json.Unmarshal([]byte(s), &m); err != nil {
				t.Fatalf("audit JSON %q: %v", s, err)
			}
			return m
		}
		if entries[4].Before != "null" {
			t.Errorf("create before = %s, want null", entries[4].Before)
		}
		if after := decode(entries[4].After); after["code"] != "JD1" || after["name"] != "新城街道" || after["parent_id"] != float64(gx.ID) {
			t.Errorf("create after = %v", after)
		}
		upd := entries[3]
		if b, a := decode(upd.Before), decode(upd.After); b["name"] != "新城街道" || b["code"] != "JD1" || a["name"] != "新城街道办事处" || a["code"] != "JD01" {
			t.Errorf("update before %v after %v", b, a)
		}
		mv := entries[2]
		if b, a := decode(mv.Before), decode(mv.After); b["parent_id"] != float64(gx.ID) || a["parent_id"] != float64(jf.ID) {
			t.Errorf("move before %v after %v", b, a)
		}
		if b, a := decode(entries[1].Before), decode(entries[1].After); b["active"] != true || a["active"] != false {
			t.Errorf("deactivate before %v after %v", b, a)
		}
	})
}
