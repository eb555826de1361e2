package web_test

import (
	"context"
	"net/url"
	"testing"
)

func init() { moreRouteRows = append(moreRouteRows, peerRouteRows) }

// peerRouteRows covers the benchmark pages: everyone in the assessment
// reads them, the office (admin, assessor) maintains them.
func peerRouteRows(t *testing.T, s *site) []routeRow {
	city := s.peerGroupID("潍坊市县市区")
	base := "/assess/2019/peers"
	group := base + "/" + city
	values := group + "/values/" + s.peerIndicatorID(city, "GDP")
	zone := "v_" + s.peerZoneID(city)
	return []routeRow{
		{"GET /assess/{year}/peers", base, nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"GET /assess/{year}/peers/export", base + "/export?format=csv", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"POST /assess/{year}/peers", base, func(role string) url.Values {
			return url.Values{"level": {"city"}, "name": {"测试对标组 " + role}, "zone": {"潍坊高新区"}}
		}, expect{toSignin, see, see, deny, deny, deny, deny}},
		// No file: refused as bad input, for those who may import.
		{"POST /assess/{year}/peers/import", base + "/import", func(string) url.Values { return url.Values{} }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
		{"GET /assess/{year}/peers/{group}", group, nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"POST /assess/{year}/peers/{group}/members", group + "/members", func(role string) url.Values {
			return url.Values{"member": {"测试成员 " + role}}
		}, expect{toSignin, see, see, deny, deny, deny, deny}},
		{"POST /assess/{year}/peers/{group}/indicators", group + "/indicators", func(role string) url.Values {
			return url.Values{"code": {"T_" + role}, "indicator": {"测试指标"}, "uom": {"%"}, "direction": {"higher"}}
		}, expect{toSignin, see, see, deny, deny, deny, deny}},
		{"GET /assess/{year}/peers/{group}/values/{indicator}", values, nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
		// An estimate is refused: nothing changes, whoever tries.
		{"POST /assess/{year}/peers/{group}/values/{indicator}", values, func(string) url.Values {
			return url.Values{zone: {"约7.5"}}
		}, expect{toSignin, bad, bad, deny, deny, deny, deny}},
	}
}

// peerGroupID is the id of a demo benchmark group of 2019 by name.
func (s *site) peerGroupID(name string) string {
	return s.peerQuery("SELECT id FROM peer_groups WHERE year = 2019 AND name = $1", name)
}

func (s *site) peerIndicatorID(group, code string) string {
	return s.peerQuery("SELECT id FROM peer_indicators WHERE group_id = $1 AND code = $2", mustID(s.t, group), code)
}

func (s *site) peerZoneID(group string) string {
	return s.peerQuery("SELECT id FROM peer_members WHERE group_id = $1 AND is_zone", mustID(s.t, group))
}

func (s *site) peerMemberID(group, name string) string {
	return s.peerQuery("SELECT id FROM peer_members WHERE group_id = $1 AND name = $2", mustID(s.t, group), name)
}

func (s *site) peerQuery(q string, args ...any) string {
	s.t.Helper()
	var id int64
	if err := s.db.QueryRow(context.Background(), q, args...).Scan(&id); err != nil {
		s.t.Fatalf("%s %v: %v", q, args, err)
	}
	return itoa(id)
}
