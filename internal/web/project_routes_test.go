package web_test

import (
	"context"
	"net/url"
	"testing"
)

// The key-project routes for every role, on a project of 新城街道 (one of
// its livelihood pieces) and its November report, which nobody has
// started yet. The viewer works in 科技创新局, outside 新城街道.
func init() {
	moreRouteRows = append(moreRouteRows, func(t *testing.T, s *site) []routeRow {
		xc := s.unitID("XCJD")
		var piece, programme string
		ctx := context.Background()
		if err := s.db.QueryRow(ctx, `SELECT MIN(p.id) FROM projects p JOIN units u ON u.id = p.lead_unit_id
			WHERE u.code = 'XCJD'`).Scan(&piece); err != nil {
			t.Fatal(err)
		}
		if err := s.db.QueryRow(ctx, "SELECT MIN(id) FROM programmes").Scan(&programme); err != nil {
			t.Fatal(err)
		}
		pj := "/projects/2019/" + piece
		rep := "/projects/2019/report/11/" + xc
		return []routeRow{
			{"GET /projects", "/projects", nil, expect{toSignin, see, see, see, see, see, see}},
			{"GET /projects/mine", "/projects/mine", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /projects/{year}", "/projects/2019", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /projects/{year}/export.xlsx", "/projects/2019/export.xlsx", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /projects/{year}/watch", "/projects/2019/watch", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /projects/{year}/import", "/projects/2019/import", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			{"POST /projects/{year}/import", "/projects/2019/import", func(string) url.Values { return nil }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /projects/{year}/{id}", pj, nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			{"GET /projects/{year}/{id}/chart.svg", pj + "/chart.svg", nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			// A node that cannot be: the month is 13.
			{"POST /projects/{year}/{id}/nodes", pj + "/nodes", func(string) url.Values {
				return url.Values{"stage": {"start"}, "planned_on": {"2019-13-01"}}
			}, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /projects/{year}/{id}/problems", pj + "/problems", func(string) url.Values {
				return url.Values{"title": {""}, "owner_unit": {xc}, "deadline": {"2019-12-31"}}
			}, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /projects/{year}/{id}/problems/{pid}/close", pj + "/problems/999999/close", func(string) url.Values {
				return url.Values{"resolution": {"已解决"}}
			}, expect{toSignin, gone, gone, deny, deny, deny, deny}},
			{"GET /projects/{year}/report/{month}/{unit}", rep, nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			// Saving an untouched form keeps nothing but is allowed to those who report.
			{"POST /projects/{year}/report/{month}/{unit}", rep, func(string) url.Values { return url.Values{"action": {"save"}} }, expect{toSignin, deny, deny, deny, see, see, deny}},
			{"GET /projects/{year}/report/{month}/{unit}/template.xlsx", rep + "/template.xlsx", nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
			{"POST /projects/{year}/report/{month}/{unit}/upload", rep + "/upload", func(string) url.Values { return nil }, expect{toSignin, deny, deny, deny, bad, bad, deny}},
			// Nothing is submitted: the head may confirm and the office approve or return, but there is nothing to.
			{"POST /projects/{year}/report/{month}/{unit}/confirm", rep + "/confirm", func(string) url.Values { return nil }, expect{toSignin, deny, deny, deny, bad, deny, deny}},
			{"POST /projects/{year}/report/{month}/{unit}/approve", rep + "/approve", func(string) url.Values { return nil }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /projects/{year}/report/{month}/{unit}/return", rep + "/return", func(string) url.Values {
				return url.Values{"reason": {"请核实"}}
			}, expect{toSignin, bad, bad, deny, bad, deny, deny}},
			{"GET /programmes/{year}", "/programmes/2019", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /programmes/{year}/{id}", "/programmes/2019/" + programme, nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		}
	})
}
