package web

import (
	"io/fs"
	"regexp"
	"testing"

	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

// Every message key a template names literally, and every key built from a
// role, kind, navigation item or audit action, must be in both catalogues.
func TestTemplateKeysExist(t *testing.T) {
	literal := regexp.MustCompile(`\.T "([a-z_.]+)"`)
	var keys []string
	files, _ := fs.Glob(templateFiles, "templates/*.html")
	for _, f := range files {
		body, _ := templateFiles.ReadFile(f)
		for _, m := range literal.FindAllStringSubmatch(string(body), -1) {
			keys = append(keys, m[1])
		}
	}
	for _, r := range auth.Roles {
		keys = append(keys, "role."+string(r), "home.role_hint."+string(r))
	}
	for _, k := range org.Kinds {
		keys = append(keys, "kind."+string(k))
	}
	p := &page{User: &auth.User{Role: auth.RoleAdmin, Active: true}}
	for _, n := range p.NavItems() {
		keys = append(keys, "nav."+n.Key)
	}
	for _, a := range []string{"unit.create", "unit.update", "unit.move", "unit.deactivate", "unit.reactivate",
		"user.create", "user.password_change", "user.password_reset", "user.lang", "user.set_active",
		"session.signin", "session.signout", "session.signin_failed", "token.create", "token.revoke",
		"scheme.import", "scheme.draft", "scheme.adopt", "result.publish",
		"peer_group.create", "peer_member.create", "peer_indicator.create", "peer_indicator.update", "peer_value.set", "peer_value.clear"} {
		keys = append(keys, "action."+a)
	}
	// Keys the assessment pages build from values: rule kinds, item states,
	// honour levels, veto kinds and directions.
	for _, k := range []string{"proportional", "threshold", "linear", "efficacy", "stretch", "growth", "rank", "count", "rating"} {
		keys = append(keys, "rule."+k)
	}
	for _, k := range []string{"zeroed", "excluded", "not_assigned"} {
		keys = append(keys, "assess.state."+k)
	}
	for _, k := range []string{"city", "province", "national"} {
		keys = append(keys, "level."+k)
	}
	keys = append(keys, "assess.veto_hard", "assess.veto_soft", "assess.direction.lower", "assess.direction.higher")
	if len(keys) < 100 {
		t.Fatalf("found only %d keys: the pattern no longer matches the templates", len(keys))
	}
	for _, k := range keys {
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, k) {
				t.Errorf("%s catalogue lacks %q", lang, k)
			}
		}
	}
}
