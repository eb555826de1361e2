package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// One demo account per role. The unit head and reporter work in 新城街道
// (XCJD); the viewer in 科技创新局, so 新城街道 is outside the viewer's scope.
var roleAccounts = []struct{ role, login string }{
	{"admin", "admin"}, {"assessor", "kaohe"}, {"leader", "lingdao"},
	{"unit_head", "xincheng.fzr"}, {"reporter", "xincheng.tb"}, {"viewer", "chakan"},
}

// expect gives the status per role, in the order of roleAccounts, after
// the status for a visitor who is not signed in.
type expect [7]int

const (
	ok       = http.StatusOK
	see      = http.StatusSeeOther
	deny     = http.StatusForbidden
	bad      = http.StatusUnprocessableEntity
	gone     = http.StatusNotFound
	toSignin = http.StatusFound // to the sign-in page
	nope     = http.StatusUnauthorized
)

// routeRow is one route of the table: where to send what, and the status
// each visitor must get.
type routeRow struct {
	pattern string // the route, as routes.go declares it
	path    string
	form    func(role string) url.Values // nil for GET
	want    expect
}

// moreRouteRows lets each module's test file add the rows of its routes
// (from an init function), run after the rows above, in order, on the same
// site: a row may rely on what an earlier row of its own module did.
var moreRouteRows []func(t *testing.T, s *site) []routeRow

func TestEveryRouteForEveryRole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		xc, zone := s.unitID("XCJD"), s.unitID("WFGX")
		ind := s.indicatorID("KJ01")
		grid := "/report/2019/11/" + xc
		fig := "/report/2019/10/" + xc + "/figures/" + s.assignmentID("CJ03", "XCJD")
		target := s.userID("jingji.tb")
		_, tok, err := s.users.CreateToken(context.Background(), audit.System, mustID(t, target), "for the table")
		if err != nil {
			t.Fatal(err)
		}
		token := itoa(tok.ID)
		cases := []routeRow{
			{"GET /signin", "/signin", nil, expect{ok, see, see, see, see, see, see}},
			{"POST /signin", "/signin", func(role string) url.Values { return url.Values{"login": {"nobody." + role}} }, expect{nope, nope, nope, nope, nope, nope, nope}},
			{"POST /lang", "/lang", func(string) url.Values { return url.Values{"lang": {"zh"}, "back": {"/"}} }, expect{see, see, see, see, see, see, see}},
			{"GET /{$}", "/", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /account", "/account", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"POST /account/password", "/account/password", func(string) url.Values {
				return url.Values{"old": {"wrong-password"}, "new": {"abcdefgh1"}, "again": {"abcdefgh1"}}
			}, expect{toSignin, bad, bad, bad, bad, bad, bad}},
			{"POST /account/tokens", "/account/tokens", func(string) url.Values { return url.Values{"name": {"script"}} }, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			// Someone else's token: nobody may revoke it from their own account page.
			{"POST /account/tokens/{id}/revoke", "/account/tokens/" + token + "/revoke", func(string) url.Values { return nil }, expect{toSignin, gone, gone, gone, gone, gone, gone}},
			{"GET /units", "/units", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /units/export", "/units/export?format=csv", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /units/new", "/units/new", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			{"POST /units", "/units", func(role string) url.Values {
				return url.Values{"parent": {zone}, "code": {"T-" + role}, "name": {"测试单位 " + role}, "kind": {"department"}}
			}, expect{toSignin, see, see, deny, deny, deny, deny}},
			{"GET /units/import", "/units/import", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			{"POST /units/import", "/units/import", func(string) url.Values { return url.Values{} }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /units/{id}", "/units/" + xc, nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			{"POST /units/{id}", "/units/" + xc, func(string) url.Values {
				return url.Values{"code": {"XCJD"}, "name": {"新城街道"}, "kind": {"street"}, "class": {"街道"}, "order": {"180"}}
			}, expect{toSignin, see, see, deny, deny, deny, deny}},
			{"POST /units/{id}/move", "/units/" + xc + "/move", func(string) url.Values { return url.Values{"parent": {zone}} }, expect{toSignin, see, see, deny, deny, deny, deny}},
			{"POST /units/{id}/active", "/units/" + xc + "/active", func(string) url.Values { return url.Values{"active": {"true"}} }, expect{toSignin, see, see, deny, deny, deny, deny}},
			{"GET /users", "/users", nil, expect{toSignin, ok, deny, deny, deny, deny, deny}},
			{"GET /users/new", "/users/new", nil, expect{toSignin, ok, deny, deny, deny, deny, deny}},
			{"POST /users", "/users", func(role string) url.Values {
				return url.Values{"login": {"new." + role}, "role": {"viewer"}, "unit": {xc}, "password": {"temporary1"}}
			}, expect{toSignin, see, deny, deny, deny, deny, deny}},
			{"GET /users/{id}", "/users/" + target, nil, expect{toSignin, ok, deny, deny, deny, deny, deny}},
			{"POST /users/{id}/reset", "/users/" + target + "/reset", func(string) url.Values { return url.Values{"password": {"temporary2"}} }, expect{toSignin, see, deny, deny, deny, deny, deny}},
			{"POST /users/{id}/active", "/users/" + target + "/active", func(string) url.Values { return url.Values{"active": {"true"}} }, expect{toSignin, see, deny, deny, deny, deny, deny}},
			{"GET /tokens", "/tokens", nil, expect{toSignin, ok, deny, deny, deny, deny, deny}},
			{"POST /tokens/{id}/revoke", "/tokens/" + token + "/revoke", func(string) url.Values { return nil }, expect{toSignin, see, deny, deny, deny, deny, deny}},
			{"GET /audit", "/audit", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			// A report is its uploader's, and none was made here.
			{"GET /import-reports/{token}", "/import-reports/00", nil, expect{toSignin, gone, gone, gone, gone, gone, gone}},
			{"POST /audit/verify", "/audit/verify", func(string) url.Values { return nil }, expect{toSignin, see, deny, deny, deny, deny, deny}},
			// The verification above was sound: there is nothing to resolve.
			{"POST /audit/checks/{id}/resolve", "/audit/checks/1/resolve", func(string) url.Values { return url.Values{"reason": {"已核实"}} },
				expect{toSignin, gone, deny, deny, deny, deny, deny}},
			{"POST /audit/anchor/send", "/audit/anchor/send", func(string) url.Values { return nil }, expect{toSignin, see, deny, deny, deny, deny, deny}},
			{"GET /plan", "/plan", nil, expect{toSignin, see, see, see, see, see, see}},
			{"GET /plan/{year}", "/plan/2019", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /plan/{year}/indicators/{id}", "/plan/2019/indicators/" + ind, nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /plan/{year}/indicators/{id}/chart.svg", "/plan/2019/indicators/" + ind + "/chart.svg", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /plan/{year}/indicators/{id}/units.svg", "/plan/2019/indicators/" + ind + "/units.svg", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /plan/{year}/units/{unit}", "/plan/2019/units/" + xc, nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			{"POST /plan/{year}/indicators/{id}/targets", "/plan/2019/indicators/" + ind + "/targets", func(string) url.Values { return nil }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /plan/{year}/indicators/{id}/assign", "/plan/2019/indicators/" + ind + "/assign", func(string) url.Values { return nil }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /plan/{year}/periods", "/plan/2019/periods", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			{"POST /plan/{year}/periods", "/plan/2019/periods", func(string) url.Values { return url.Values{"due_day": {"40"}} }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /plan/{year}/periods/{month}/lock", "/plan/2019/periods/1/lock", func(string) url.Values { return url.Values{"locked": {"true"}} }, expect{toSignin, see, see, deny, deny, deny, deny}},
			{"POST /plan/{year}/periods/thresholds", "/plan/2019/periods/thresholds", func(string) url.Values { return url.Values{"ahead": {"90"}, "on_track": {"95"}} }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /plan/{year}/copy", "/plan/2018/copy", func(string) url.Values { return nil }, expect{toSignin, gone, gone, deny, deny, deny, deny}},
			{"GET /report", "/report", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /report/{year}/{month}/{unit}", grid, nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			// Saving an untouched grid changes nothing but is allowed to those who report.
			{"POST /report/{year}/{month}/{unit}", grid, func(string) url.Values { return url.Values{"action": {"save"}} }, expect{toSignin, deny, deny, deny, see, see, deny}},
			{"GET /report/{year}/{month}/{unit}/template.xlsx", grid + "/template.xlsx", nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			{"POST /report/{year}/{month}/{unit}/upload", grid + "/upload", func(string) url.Values { return nil }, expect{toSignin, deny, deny, deny, bad, bad, deny}},
			{"GET /report/{year}/{month}/{unit}/figures/{assignment}", fig, nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			// October is approved: only the office may still file evidence (here: no file, so refused as bad input).
			{"POST /report/{year}/{month}/{unit}/figures/{assignment}/attach", fig + "/attach", func(string) url.Values { return nil }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /report/{year}/{month}/{unit}/figures/{assignment}/correct", fig + "/correct", func(string) url.Values { return nil }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /attachments/{id}", "/attachments/999999", nil, expect{toSignin, gone, gone, gone, gone, gone, gone}},
			// Nothing of 新城街道's November is submitted yet: the head may confirm, but there is nothing to.
			{"POST /report/{year}/{month}/{unit}/{action}", grid + "/confirm", func(string) url.Values { return nil }, expect{toSignin, deny, deny, deny, bad, deny, deny}},
			{"/", "/no/such/page", nil, expect{gone, gone, gone, gone, gone, gone, gone}},
		}
		for _, more := range moreRouteRows {
			cases = append(cases, more(t, s)...)
		}
		// Signing out comes last: every row before it needs the visitors signed in.
		cases = append(cases, routeRow{"POST /signout", "/signout", func(string) url.Values { return nil }, expect{toSignin, see, see, see, see, see, see}})
		covered := map[string]bool{}
		for _, c := range cases {
			covered[c.pattern] = true
		}
		for _, r := range s.web.Routes() {
			if !covered[r.Pattern] {
				t.Errorf("route %q has no row in this table: add one", r.Pattern)
			}
		}
		browsers := []*browser{s.browser()}
		for _, a := range roleAccounts {
			browsers = append(browsers, s.signIn(a.login))
		}
		for _, c := range cases {
			for i, b := range browsers {
				who := "visitor"
				if i > 0 {
					who = roleAccounts[i-1].role
				}
				var res *http.Response
				var body string
				if c.form == nil {
					res, body = b.get(c.path)
				} else {
					res, body = b.post(c.path, c.form(who))
				}
				if res.StatusCode != c.want[i] {
					t.Errorf("%s as %s: status %d, want %d\n%.300s", c.pattern, who, res.StatusCode, c.want[i], body)
				}
				if c.want[i] == toSignin && !strings.HasPrefix(res.Header.Get("Location"), "/signin") {
					t.Errorf("%s as %s: redirected to %q, want the sign-in page", c.pattern, who, res.Header.Get("Location"))
				}
			}
		}
	})
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}
