package peers_test

import (
	"context"
	"errors"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/peers"
)

var office = audit.Actor{Name: "考核办", Address: "test"}

// cityGroup makes a city group of four with two indicators and returns it
// loaded: 潍坊高新区 (the zone), 寿光市, 诸城市, 青州市.
func cityGroup(t *testing.T, d *db.DB) *peers.Sheet {
	t.Helper()
	ctx := context.Background()
	s := peers.NewStore(d)
	g, err := s.CreateGroup(ctx, office, peers.GroupFields{Year: 2019, Level: peers.City, Name: "潍坊市县市区", Zone: "潍坊高新区"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"寿光市", "诸城市", "青州市"} {
		if _, err := s.AddMember(ctx, office, g.ID, name); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []peers.IndicatorFields{
		{Code: "GDP", Name: "地区生产总值增速", UOM: "%", Direction: peers.Higher},
		{Code: "KBYS", Name: "企业开办平均用时", UOM: "个工作日", Direction: peers.Lower, PlanCode: "GG02"},
	} {
		if _, err := s.AddIndicator(ctx, office, g.ID, f); err != nil {
			t.Fatal(err)
		}
	}
	sh, err := s.Sheet(ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

// inputs pairs the sheet's members, in order, with texts.
func inputs(sh *peers.Sheet, texts ...string) []peers.Input {
	out := make([]peers.Input, len(texts))
	for i, text := range texts {
		out[i] = peers.Input{Member: sh.Members[i].ID, Text: text}
	}
	return out
}

func TestGroupsMembersIndicatorsAndRanks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := peers.NewStore(d)
		sh := cityGroup(t, d)
		zone, ok := sh.Zone()
		if !ok || zone.Name != "潍坊高新区" || sh.Members[0].ID != zone.ID || len(sh.Members) != 4 {
			t.Fatalf("members = %+v", sh.Members)
		}
		gdp, _ := sh.Indicator("GDP")
		days, _ := sh.Indicator("KBYS")
		note := peers.Note{Period: "2019年1-9月", Source: "潍坊市统计局"}
		saved, err := s.SetValues(ctx, office, sh.ID, gdp.ID, note, inputs(sh, "7.6", "8.1", "７.６", "6.9%"))
		if err != nil || saved.Set != 4 {
			t.Fatalf("set GDP = %+v, %v", saved, err)
		}
		if _, err := s.SetValues(ctx, office, sh.ID, days.ID, note, inputs(sh, "0.5", "1.5", "", "1")); err != nil {
			t.Fatal(err)
		}
		sh, err = s.Sheet(ctx, sh.ID)
		if err != nil {
			t.Fatal(err)
		}
		// GDP: 寿光 8.1 first, the zone and 诸城 7.6 share second, 青州 6.9 fourth.
		st := sh.Standing(gdp)
		if st.Rank != 2 || st.Count != 4 || !st.Tied || peers.FormatRat(st.AboveGap, 1) != "0.5" || len(st.Above) != 1 || st.Above[0] != sh.Members[1].ID {
			t.Errorf("GDP standing = %+v", st)
		}
		if v, _ := sh.Value(gdp.ID, sh.Members[2].ID); v.Amount != "7.6" || v.Period != "2019年1-9月" || v.Source != "潍坊市统计局" {
			t.Errorf("诸城 GDP = %+v", v)
		}
		// Days to open a firm: lower is better; 诸城 has no value, so three are ranked.
		if st := sh.Standing(days); st.Rank != 1 || st.Count != 3 || st.AboveGap != nil {
			t.Errorf("days standing = %+v", st)
		}
		if days.PlanCode != "GG02" || days.Direction != peers.Lower || days.UOM != "个工作日" {
			t.Errorf("indicator = %+v", days)
		}
	})
}

func TestSetValuesIsAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := peers.NewStore(d)
		sh := cityGroup(t, d)
		gdp, _ := sh.Indicator("GDP")
		if _, err := s.SetValues(ctx, office, sh.ID, gdp.ID, peers.Note{}, inputs(sh, "7.6", "8.1")); err != nil {
			t.Fatal(err)
		}
		// Two bad values refuse the lot: the good correction of the zone is not kept either.
		_, err := s.SetValues(ctx, office, sh.ID, gdp.ID, peers.Note{}, inputs(sh, "7.8", "约8", "5-6", ""))
		var problems peers.Problems
		if !errors.As(err, &problems) || len(problems) != 2 {
			t.Fatalf("err = %v", err)
		}
		if msg := problems[sh.Members[2].ID].In(i18n.ZH); msg != "“5-6”是一个区间，请填写一个确切数值。" {
			t.Errorf("problem = %q", msg)
		}
		sh, _ = s.Sheet(ctx, sh.ID)
		if v, _ := sh.Value(gdp.ID, sh.Members[0].ID); v.Amount != "7.6" {
			t.Errorf("zone kept %q after a refused save", v.Amount)
		}
		// A blank clears; the same value again changes nothing.
		saved, err := s.SetValues(ctx, office, sh.ID, gdp.ID, peers.Note{}, inputs(sh, "7.6", ""))
		if err != nil || saved != (peers.Saved{Cleared: 1, Unchanged: 1}) {
			t.Fatalf("saved = %+v, %v", saved, err)
		}
		// A member of another group is not found.
		other, err := s.CreateGroup(ctx, office, peers.GroupFields{Year: 2019, Level: peers.Province, Name: "山东省国家级高新区", Zone: "潍坊高新区"})
		if err != nil {
			t.Fatal(err)
		}
		otherSheet, _ := s.Sheet(ctx, other.ID)
		_, err = s.SetValues(ctx, office, sh.ID, gdp.ID, peers.Note{}, []peers.Input{{Member: otherSheet.Members[0].ID, Text: "1"}})
		if !errors.Is(err, db.ErrNotFound) {
			t.Errorf("foreign member: %v", err)
		}
		entries, err := audit.List(ctx, d, audit.Filter{Entity: "peer_value"})
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string]int{}
		for _, e := range entries {
			actions[e.Action]++
		}
		if actions["peer_value.set"] != 2 || actions["peer_value.clear"] != 1 || len(entries) != 3 {
			t.Errorf("audit of values = %v", actions)
		}
		if _, brk, err := audit.Verify(ctx, d); brk != nil || err != nil {
			t.Errorf("audit trail broken: %v %v", brk, err)
		}
	})
}

func TestFormsRefuseBadFields(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := peers.NewStore(d)
		sh := cityGroup(t, d)
		cases := []struct {
			err        error
			field, key string
		}{
			{second(s.CreateGroup(ctx, office, peers.GroupFields{Year: 2019, Level: peers.City, Name: "潍坊市县市区", Zone: "潍坊高新区"})), "name", "peers.err.group_taken"},
			{second(s.CreateGroup(ctx, office, peers.GroupFields{Year: 2019, Level: "county", Name: "X", Zone: "Y"})), "level", "peers.err.level"},
			{second(s.CreateGroup(ctx, office, peers.GroupFields{Year: 2019, Level: peers.City, Name: "X", Zone: " "})), "zone", "peers.err.zone_blank"},
			{second(s.AddMember(ctx, office, sh.ID, "寿光市")), "name", "peers.err.member_taken"},
			{second(s.AddIndicator(ctx, office, sh.ID, peers.IndicatorFields{Code: "GDP", Name: "x", Direction: peers.Higher})), "code", "peers.err.code_taken"},
			{second(s.AddIndicator(ctx, office, sh.ID, peers.IndicatorFields{Code: "增速", Name: "x", Direction: peers.Higher})), "code", "peers.err.code"},
			{second(s.AddIndicator(ctx, office, sh.ID, peers.IndicatorFields{Code: "X1", Name: "x", Direction: "up"})), "direction", "peers.err.direction"},
		}
		for _, c := range cases {
			var verr *i18n.Error
			if !errors.As(c.err, &verr) || verr.Field != c.field || verr.Key != c.key {
				t.Errorf("err = %v, want %s on %s", c.err, c.key, c.field)
			}
		}
		if _, err := s.AddMember(ctx, office, 999999, "x"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("member of a missing group: %v", err)
		}
	})
}

func second[T any](_ T, err error) error { return err }
