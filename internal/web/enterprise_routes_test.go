package web_test

import (
	"context"
	"net/url"
	"testing"
)

// The register's routes for every role, on 天瑞重工 of 新城街道 and its
// 制造业单项冠军 tier. The viewer's 科技创新局 is a department, which sees the
// firms of its whole zone (auth.CanSeeFirm).
func init() {
	moreRouteRows = append(moreRouteRows, func(t *testing.T, s *site) []routeRow {
		var firm, tier string
		err := s.db.QueryRow(context.Background(), `SELECT e.id, t.id FROM enterprises e JOIN enterprise_tiers t ON t.enterprise_id = e.id
			WHERE e.name = '天瑞重工有限公司' AND t.tier = 'single_champion'`).Scan(&firm, &tier)
		if err != nil {
			t.Fatal(err)
		}
		page := "/enterprises/" + firm
		return []routeRow{
			{"GET /enterprises", "/enterprises", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /enterprises/export.xlsx", "/enterprises/export.xlsx?view=gazelle", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"GET /enterprises/import", "/enterprises/import", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
			{"POST /enterprises/import", "/enterprises/import", func(string) url.Values { return url.Values{"year": {"2019"}} }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /enterprises/{id}", page, nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
			{"POST /enterprises/{id}/tiers", page + "/tiers", func(string) url.Values {
				return url.Values{"tier": {"unicorn"}, "granted_on": {"2019-01-01"}}
			}, expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"POST /enterprises/{id}/tiers/{tid}/end", page + "/tiers/" + tier + "/end", func(string) url.Values {
				return url.Values{"ended_on": {"2019-06-30"}}
			}, expect{toSignin, bad, bad, deny, deny, deny, deny}},
		}
	})
}
