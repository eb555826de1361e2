package web_test

import (
	"context"
	"net/url"
	"testing"
)

// The supervision routes for every role, on an open task led by 新城街道
// (outside the viewer's 科技创新局) and a request routed to it and closed.
// Every form posted is refused as bad input where the role may post it,
// so the rows change nothing.
func init() {
	moreRouteRows = append(moreRouteRows, func(t *testing.T, s *site) []routeRow {
		var task, request string
		ctx := context.Background()
		if err := s.db.QueryRow(ctx, `SELECT t.id FROM tasks t JOIN units u ON u.id = t.lead_unit_id WHERE u.code = 'XCJD' AND t.status = 'open'
			ORDER BY t.code LIMIT 1`).Scan(&task); err != nil {
			t.Fatal(err)
		}
		if err := s.db.QueryRow(ctx, `SELECT r.id FROM requests r JOIN units u ON u.id = r.unit_id WHERE u.code = 'XCJD' AND r.status = 'closed'
			ORDER BY r.code LIMIT 1`).Scan(&request); err != nil {
			t.Fatal(err)
		}
		page, req := "/tasks/"+task, "/requests/"+request
		form := func(v url.Values) func(string) url.Values {
			return func(string) url.Values {
				out := url.Values{}
				for k, vs := range v {
					out[k] = append([]string(nil), vs...)
				}
				return out
			}
		}
		all := func(code int) expect { return expect{code, code, code, code, code, code, code} }
		return []routeRow{
			{"GET /tasks", "/tasks?colour=red", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /tasks/export.xlsx", "/tasks/export.xlsx", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /tasks/new", "/tasks/new", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			{"POST /tasks/new", "/tasks/new", form(url.Values{"content": {""}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /tasks/{id}", page, nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			{"GET /tasks/{id}/edit", page + "/edit", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			{"POST /tasks/{id}/edit", page + "/edit", form(url.Values{"content": {""}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /tasks/{id}/report", page + "/report", form(url.Values{"note": {""}}), expect{toSignin, deny, deny, deny, bad, bad, deny}},
			{"POST /tasks/{id}/close-request", page + "/close-request", form(url.Values{"evidence": {""}}), expect{toSignin, deny, deny, deny, bad, bad, deny}},
			{"POST /tasks/{id}/close", page + "/close", form(url.Values{"decision": {"approve"}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /tasks/{id}/reopen", page + "/reopen", form(url.Values{"reason": {""}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /tasks/{id}/deduction", page + "/deduction", form(url.Values{"points": {"十分"}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /requests", "/requests?overdue=1", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /requests/export.xlsx", "/requests/export.xlsx", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /requests/new", "/requests/new", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			{"POST /requests/new", "/requests/new", form(url.Values{"firm_name": {""}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /requests/{id}", req, nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			{"POST /requests/{id}/assign", req + "/assign", form(url.Values{"unit": {""}}), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /requests/{id}/answer", req + "/answer", form(url.Values{"answer": {""}}), expect{toSignin, deny, deny, deny, bad, bad, deny}},
			{"POST /requests/{id}/close", req + "/close", form(nil), expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /public/requests/new", "/public/requests/new", nil, all(ok)},
			{"POST /public/requests/new", "/public/requests/new", form(url.Values{"firm_name": {""}}), all(bad)},
			{"GET /public/requests/rate/{token}", "/public/requests/rate/0000", nil, all(gone)},
			{"POST /public/requests/rate/{token}", "/public/requests/rate/0000", form(url.Values{"rating": {"5"}}), all(gone)},
		}
	})
}
