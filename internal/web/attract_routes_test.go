package web_test

import (
	"context"
	"maps"
	"net/url"
	"testing"
)

// The pipeline's routes for every role, on a lead of 投资促进局 still at
// 线索 — outside the scope of 新城街道's head and reporter and of the
// viewer's 科技创新局. Every form posted is refused as bad input where the
// role may post it, so the rows change nothing.
func init() {
	moreRouteRows = append(moreRouteRows, func(t *testing.T, s *site) []routeRow {
		var id string
		if err := s.db.QueryRow(context.Background(), "SELECT id FROM leads WHERE code = 'ZS-2019-TCJ-050'").Scan(&id); err != nil {
			t.Fatal(err)
		}
		lead := "/leads/" + id
		// Each visitor posts a fresh copy: posting adds the visitor's token.
		form := func(v url.Values) func(string) url.Values {
			return func(string) url.Values { return url.Values(maps.Clone(map[string][]string(v))) }
		}
		return []routeRow{
			{"GET /leads", "/leads", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /leads/list", "/leads/list?channel=agency&overdue=1", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /leads/export.xlsx", "/leads/export.xlsx?stage=signed", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /leads/new", "/leads/new", nil, expect{toSignin, ok, ok, deny, ok, ok, deny}},
			{"POST /leads/new", "/leads/new", form(url.Values{"name": {"无编号"}}), expect{toSignin, bad, bad, deny, bad, bad, deny}},
			{"GET /leads/import", "/leads/import", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			{"POST /leads/import", "/leads/import", form(nil), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /leads/rewards", "/leads/rewards?year=2019", nil, expect{toSignin, ok, ok, ok, deny, deny, deny}},
			{"GET /leads/rewards/export.xlsx", "/leads/rewards/export.xlsx?year=2019", nil, expect{toSignin, ok, ok, ok, deny, deny, deny}},
			{"POST /leads/rewards", "/leads/rewards?year=2019", form(nil), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /leads/{id}", lead, nil, expect{toSignin, ok, ok, ok, deny, deny, deny}},
			{"GET /leads/{id}/edit", lead + "/edit", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			{"POST /leads/{id}/edit", lead + "/edit", form(url.Values{"code": {"ZS-2019-TCJ-050"}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /leads/{id}/move", lead + "/move", form(url.Values{"stage": {"built"}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /leads/{id}/activities", lead + "/activities", form(url.Values{"kind": {"visit"}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /leads/{id}/convert", lead + "/convert", form(url.Values{"code": {"XM-TCJ-999"}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
		}
	})
}
