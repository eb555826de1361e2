package web_test

import (
	"context"
	"net/url"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
)

// streetScheme2020 is a small 街道 scheme for 2020 with a rating item, so
// that the rating pages are tested on rounds of their own, whatever the
// demo's 2019 holds.
const streetScheme2020 = `year: 2020
class: 街道
name: 2020年度街道考核测试方案
items:
  - code: GZ01
    name: 重点工作
    points: 80
    rule:
      count:
        each: 10
  - code: MZPJ
    name: 民主评议
    name_en: Democratic rating
    points: 20
    rule:
      rating:
        types:
          - key: leader
            name: 领导评价
            name_en: Leaders
            weight: 0.6
          - key: peer
            name: 部门互评
            name_en: Peer units
            weight: 0.4
        trim: true
`

func (s *site) actor(login string) audit.Actor {
	s.t.Helper()
	u, err := s.users.ByLogin(context.Background(), login)
	if err != nil {
		s.t.Fatal(err)
	}
	return u.Actor("test")
}

// streetRound opens a 2020 round on 街道's MZPJ with the leader and 新城街道's
// head invited.
func (s *site) streetRound(period string) assess.RatingRound {
	s.t.Helper()
	ctx := context.Background()
	if _, _, err := assess.NewStore(s.db).Save(ctx, audit.System, "street.yaml", []byte(streetScheme2020)); err != nil {
		s.t.Fatal(err)
	}
	rs := assess.NewRatingStore(s.db)
	office := s.actor("kaohe")
	r, err := rs.Open(ctx, office, 2020, period, "街道", "MZPJ")
	if err != nil {
		s.t.Fatal(err)
	}
	for login, kind := range map[string]string{"lingdao": "leader", "xincheng.fzr": "peer"} {
		if _, err := rs.Invite(ctx, office, r.ID, s.actor(login).UserID, kind); err != nil {
			s.t.Fatal(err)
		}
	}
	return r
}

func init() {
	moreRouteRows = append(moreRouteRows, recordRows, ratingRows)
}

func recordRows(t *testing.T, s *site) []routeRow {
	ctx := context.Background()
	rs := assess.NewRecordStore(s.db)
	xc, err := rs.Create(ctx, s.actor("kaohe"), 2019, assess.RecordInput{UnitID: mustID(t, s.unitID("XCJD")), Kind: assess.RecordBonus,
		Level: "city", Name: "表格测试荣誉", EventOn: "2019-06-01"})
	if err != nil {
		t.Fatal(err)
	}
	kc, err := rs.Create(ctx, s.actor("kaohe"), 2019, assess.RecordInput{UnitID: mustID(t, s.unitID("KCJ")), Kind: assess.RecordBonus,
		Level: "province", Name: "表格测试省级荣誉", EventOn: "2019-04-01"})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := rs.Attach(ctx, s.actor("kaohe"), kc.ID, "证书.pdf", []byte("%PDF-1.4 证书"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rs.Approve(ctx, s.actor("lingdao"), kc.ID); err != nil {
		t.Fatal(err)
	}
	xcPath, kcPath := "/assess/2019/records/"+itoa(xc.ID), "/assess/2019/records/"+itoa(kc.ID)
	unchanged := func(string) url.Values {
		return url.Values{"unit": {s.unitID("XCJD")}, "kind": {"bonus"}, "level": {"city"}, "name": {"表格测试荣誉"}, "event_on": {"2019-06-01"}}
	}
	return []routeRow{
		{"GET /assess/{year}/records", "/assess/2019/records", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		// The office enters any record, a unit proposes its own honours; leaders and viewers enter none.
		{"POST /assess/{year}/records", "/assess/2019/records", func(role string) url.Values {
			return url.Values{"unit": {s.unitID("XCJD")}, "kind": {"bonus"}, "level": {"city"}, "name": {"表格荣誉 " + role}, "event_on": {"2019-06-01"}}
		}, expect{toSignin, see, see, deny, see, see, deny}},
		// A pending record of 新城街道: not for the viewer of 科技创新局.
		{"GET /assess/{year}/records/{id}", xcPath, nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
		// An approved record of 科技创新局: its viewer sees it, 新城街道 does not.
		{"GET /assess/{year}/records/{id}", kcPath, nil, expect{toSignin, ok, ok, ok, deny, deny, ok}},
		{"POST /assess/{year}/records/{id}", xcPath, unchanged, expect{toSignin, see, see, deny, see, see, deny}},
		{"POST /assess/{year}/records/{id}/evidence", xcPath + "/evidence", func(string) url.Values { return nil }, expect{toSignin, bad, bad, deny, bad, bad, deny}},
		{"GET /assess/{year}/records/{id}/evidence/{file}", kcPath + "/evidence/" + itoa(ev.ID), nil, expect{toSignin, ok, ok, ok, deny, deny, ok}},
		// The admin approves (the record was entered by kaohe and last changed by 新城街道); it is then decided for the others.
		{"POST /assess/{year}/records/{id}/approve", xcPath + "/approve", func(string) url.Values { return nil }, expect{toSignin, see, bad, bad, deny, deny, deny}},
		{"POST /assess/{year}/records/{id}/reject", xcPath + "/reject", func(string) url.Values { return url.Values{"reason": {""}} }, expect{toSignin, bad, bad, bad, deny, deny, deny}},
		{"POST /assess/{year}/records/{id}/revoke", xcPath + "/revoke", func(string) url.Values { return url.Values{"reason": {""}} }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
		{"GET /assess/{year}/records/{id}", "/assess/2018/records/" + itoa(xc.ID), nil, expect{toSignin, gone, gone, gone, gone, gone, gone}},
	}
}

func ratingRows(t *testing.T, s *site) []routeRow {
	q1, h1 := s.streetRound("Q1"), s.streetRound("H1")
	base, closing := "/assess/2020/ratings/"+itoa(q1.ID), "/assess/2020/ratings/"+itoa(h1.ID)
	return []routeRow{
		{"GET /assess/{year}/ratings", "/assess/2019/ratings", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"POST /assess/{year}/ratings", "/assess/2020/ratings", func(string) url.Values {
			return url.Values{"period": {"Q2"}, "class": {"街道"}, "item": {"MZPJ"}}
		}, expect{toSignin, bad, bad, deny, deny, deny, deny}},
		// The office sees the summary, the invited leader and head their forms.
		{"GET /assess/{year}/ratings/{round}", base, nil, expect{toSignin, ok, ok, ok, ok, deny, deny}},
		{"POST /assess/{year}/ratings/{round}", base, func(string) url.Values { return url.Values{"action": {"save"}} }, expect{toSignin, deny, deny, see, see, deny, deny}},
		{"POST /assess/{year}/ratings/{round}/invite", base + "/invite", func(string) url.Values { return url.Values{"rater": {"0"}, "type": {"peer"}} }, expect{toSignin, bad, bad, deny, deny, deny, deny}},
		{"POST /assess/{year}/ratings/{round}/close", closing + "/close", func(string) url.Values { return nil }, expect{toSignin, see, bad, deny, deny, deny, deny}},
	}
}
