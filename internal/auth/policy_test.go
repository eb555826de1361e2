package auth

import (
	"testing"

	"gaoxin/internal/org"
)

// A department sees the firms of the zone above it; a street sees its own;
// a role without firms.view sees none.
func TestCanSeeFirm(t *testing.T) {
	zone := org.Unit{ID: 1, Kind: org.KindZone, Path: "/1/"}
	dept := org.Unit{ID: 4, Kind: org.KindDepartment, Path: "/1/4/"}
	street := org.Unit{ID: 12, Kind: org.KindStreet, Path: "/1/12/"}
	park := org.Unit{ID: 13, Kind: org.KindPark, Path: "/1/13/"}
	otherZone := org.Unit{ID: 2, Kind: org.KindStreet, Path: "/2/20/"}
	user := func(r Role, u org.Unit) *User { return &User{Role: r, Unit: u, Active: true} }
	for _, c := range []struct {
		name string
		u    *User
		unit org.Unit
		want bool
	}{
		{"department, a street's firm", user(RoleViewer, dept), street, true},
		{"department, a park's firm", user(RoleReporter, dept), park, true},
		{"department, another tree's firm", user(RoleViewer, dept), otherZone, false},
		{"street, its own firm", user(RoleHead, street), street, true},
		{"street, a park's firm", user(RoleHead, street), park, false},
		{"zone office, every firm of the zone", user(RoleAssessor, zone), park, true},
		{"inactive department", &User{Role: RoleViewer, Unit: dept}, street, false},
	} {
		if got := CanSeeFirm(c.u, c.unit); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if got := parentPath("/1/"); got != "/1/" {
		t.Errorf("the parent of a root = %q", got)
	}
}
