package attract_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gaoxin/internal/attract"
	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/project"
)

var ctx = context.Background()

var office = audit.Actor{UserID: 1, Name: "touzi.tb", Address: "127.0.0.1"}

// world is a zone with its investment bureau (投促局) and a park, one
// account in each, and a store whose today is 2019-12-09.
type world struct {
	d     *db.DB
	s     *attract.Store
	unit  map[string]int64
	user  map[string]int64
	clock func() time.Time
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	unit, user, err := unitsAndAccounts(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	w := &world{d: d, s: attract.NewStore(d), unit: unit, user: user,
		clock: func() time.Time { return time.Date(2019, 12, 9, 2, 0, 0, 0, time.UTC) }}
	w.s.SetClock(w.clock)
	return w
}

// unitsAndAccounts writes the world's units and accounts, and returns
// their ids by code and by login.
func unitsAndAccounts(ctx context.Context, d *db.DB) (unit, user map[string]int64, err error) {
	units := org.NewStore(d)
	zone, err := units.Create(ctx, audit.System, org.Fields{Code: "GX", Name: "高新区", Kind: org.KindZone}, 0)
	if err != nil {
		return nil, nil, err
	}
	unit, user = map[string]int64{"GX": zone.ID}, map[string]int64{}
	for _, u := range []struct {
		code, name string
		kind       org.Kind
	}{{"TCJ", "投资促进局", org.KindDepartment}, {"GDY", "光电产业园", org.KindPark}} {
		created, err := units.Create(ctx, audit.System, org.Fields{Code: u.code, Name: u.name, Kind: u.kind}, zone.ID)
		if err != nil {
			return nil, nil, err
		}
		unit[u.code] = created.ID
	}
	users := auth.NewUsers(d)
	for _, u := range []struct{ login, name, unit string }{{"touzi.tb", "王晓明", "TCJ"}, {"gdy.tb", "李娜", "GDY"}} {
		created, err := users.Create(ctx, audit.System, auth.NewUser{Login: u.login, DisplayName: u.name,
			Role: auth.RoleReporter, UnitID: unit[u.unit], Password: "Weifang-2019!"})
		if err != nil {
			return nil, nil, err
		}
		user[u.login] = created.ID
	}
	return unit, user, nil
}

func (w *world) lead(t *testing.T, l attract.Lead) attract.Lead {
	t.Helper()
	if l.Kind == "" {
		l.Kind = attract.Company
	}
	if l.Channel == "" {
		l.Channel = attract.ByBusiness
	}
	if l.OwnerUnitID == 0 {
		l.OwnerUnitID = w.unit["TCJ"]
	}
	if l.ReceivedOn == "" {
		l.ReceivedOn = "2019-03-01"
	}
	created, err := w.s.Create(ctx, office, l)
	if err != nil {
		t.Fatalf("create %s: %v", l.Code, err)
	}
	return created
}

// field is the field an error names, and its message key.
func field(err error) (string, string) {
	var verr *i18n.Error
	if errors.As(err, &verr) {
		return verr.Field, verr.Key
	}
	return "", ""
}

// A lead moves forwards through its stages, each move dated with who made
// it; back only with a reason. Its first activity answers the response
// deadline, its first assessment the assessment deadline.
func TestLeadStagesAndTimeline(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		l := w.lead(t, attract.Lead{Code: "ZS-2019-001", Name: "京东方智能显示模组项目", Flags: []attract.Flag{attract.Fortune500, attract.IndustryLeader},
			ExpectedInvestment: 120000, OwnerUserID: w.user["touzi.tb"], ReceivedOn: "2019-03-04"})
		if l.OwnerName != "王晓明" || l.Stage != attract.Clue || l.StageOn != "2019-03-04" {
			t.Fatalf("created %+v", l)
		}
		if _, err := w.s.Log(ctx, office, attract.Activity{LeadID: l.ID, On: "2019-03-05", Kind: attract.Call, Note: "电话联系企业投资部"}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.Log(ctx, office, attract.Activity{LeadID: l.ID, On: "2019-03-09", Kind: attract.Assessment, Note: "研判：符合光电产业链"}); err != nil {
			t.Fatal(err)
		}
		for _, m := range []struct {
			to     attract.Stage
			on     string
			reason string
		}{{attract.Talks, "2019-03-20", ""}, {attract.Signed, "2019-05-18", ""}, {attract.Talks, "2019-06-01", "协议条款重新谈判"},
			{attract.Funded, "2019-08-30", ""}} {
			if err := w.s.MoveTo(ctx, office, l.ID, m.to, m.on, m.reason); err != nil {
				t.Fatalf("move to %s: %v", m.to, err)
			}
		}
		// Refusals, each naming its field.
		for _, c := range []struct {
			to         attract.Stage
			on, reason string
			field, key string
		}{
			{attract.Signed, "2019-09-01", "", "reason", "attract.err.back_reason"},
			{attract.Producing, "2019-08-01", "", "on", "attract.err.before_stage"},
			{attract.Producing, "2019-12-31", "", "on", "attract.err.future"},
			{attract.Funded, "2019-09-02", "", "stage", "attract.err.same_stage"},
			{"built", "2019-09-02", "", "stage", "attract.err.stage"},
		} {
			err := w.s.MoveTo(ctx, office, l.ID, c.to, c.on, c.reason)
			if f, k := field(err); f != c.field || k != c.key {
				t.Errorf("move to %s on %s: %v, want %s/%s", c.to, c.on, err, c.field, c.key)
			}
		}
		got, err := w.s.Lead(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Moved back below 签约 and forwards again: signed on the second signing, skipped to 到资.
		if got.Stage != attract.Funded || got.StageOn != "2019-08-30" || got.RespondedOn != "2019-03-05" ||
			got.AssessedOn != "2019-03-09" || got.SignedOn != "2019-08-30" {
			t.Errorf("lead now %+v", got)
		}
		events, err := w.s.Timeline(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		var line []string
		for _, e := range events {
			if e.Move != nil {
				line = append(line, e.On+" "+string(e.Move.From)+"→"+string(e.Move.To)+" "+e.Move.Actor+" "+e.Move.Reason)
			} else {
				line = append(line, e.On+" "+string(e.Activity.Kind))
			}
		}
		want := "2019-03-05 call|2019-03-09 assessment|2019-03-20 clue→talks touzi.tb |2019-05-18 talks→signed touzi.tb |" +
			"2019-06-01 signed→talks touzi.tb 协议条款重新谈判|2019-08-30 talks→funded touzi.tb "
		if strings.Join(line, "|") != want {
			t.Errorf("timeline\n%s\nwant\n%s", strings.Join(line, "|"), want)
		}
	})
}

// Bad records are refused with the field at fault, and nothing is written.
func TestLeadRefusals(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.lead(t, attract.Lead{Code: "ZS-1", Name: "歌尔声学新厂"})
		for _, c := range []struct {
			l          attract.Lead
			field, key string
		}{
			{attract.Lead{Code: "ZS-1", Name: "重复"}, "code", "attract.err.code_taken"},
			{attract.Lead{Code: "ZS-2", Name: "无中介", Channel: attract.ByAgency}, "agency", "attract.err.agency"},
			{attract.Lead{Code: "ZS-3", Name: "坏标签", Flags: []attract.Flag{"unicorn"}}, "flags", "attract.err.flag"},
			{attract.Lead{Code: "ZS-4", Name: "将来", ReceivedOn: "2020-01-02"}, "received_on", "attract.err.future"},
			{attract.Lead{Code: "ZS-5", Name: "别单位的人", OwnerUserID: w.user["gdy.tb"]}, "owner", "attract.err.owner"},
			{attract.Lead{Code: "ZS-6", Name: "负数", ExpectedInvestment: -1}, "expected_investment", "attract.err.negative"},
		} {
			l := c.l
			l.Kind, l.OwnerUnitID, l.ReceivedOn = attract.Company, w.unit["TCJ"], cmpOr(l.ReceivedOn, "2019-04-01")
			if l.Channel == "" {
				l.Channel = attract.ByPark
			}
			_, err := w.s.Create(ctx, office, l)
			if f, k := field(err); f != c.field || k != c.key {
				t.Errorf("%s: %v, want %s/%s", l.Code, err, c.field, c.key)
			}
		}
		list, err := w.s.List(ctx, attract.Filter{})
		if err != nil || len(list) != 1 {
			t.Errorf("list after refusals: %d leads, %v", len(list), err)
		}
	})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Overdue leads are those past a deadline on the day: received more than
// a day ago and unanswered, or more than three days ago and unassessed.
func TestDeadlines(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		fresh := w.lead(t, attract.Lead{Code: "D1", Name: "今天到的", ReceivedOn: "2019-12-09", OwnerUserID: w.user["touzi.tb"]})
		unanswered := w.lead(t, attract.Lead{Code: "D2", Name: "前天到的", ReceivedOn: "2019-12-07", OwnerUserID: w.user["touzi.tb"]})
		answered := w.lead(t, attract.Lead{Code: "D3", Name: "已回复未研判", ReceivedOn: "2019-12-05"})
		inTalks := w.lead(t, attract.Lead{Code: "D4", Name: "已在谈", ReceivedOn: "2019-11-01", Stage: attract.Talks, StageOn: "2019-11-02"})
		if _, err := w.s.Log(ctx, office, attract.Activity{LeadID: answered.ID, On: "2019-12-05", Kind: attract.Visit, Note: "上门走访"}); err != nil {
			t.Fatal(err)
		}
		dl, err := attract.LoadDeadlines(ctx, d)
		if err != nil || dl != attract.DefaultDeadlines {
			t.Fatalf("deadlines %+v %v", dl, err)
		}
		list, err := w.s.List(ctx, attract.Filter{Overdue: "2019-12-09", Deadlines: dl})
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, l := range list {
			codes = append(codes, l.Code)
			if !dl.DueOf(l, "2019-12-09").Overdue {
				t.Errorf("%s listed overdue but DueOf says not", l.Code)
			}
		}
		if strings.Join(codes, ",") != "D2,D3" {
			t.Errorf("overdue %v, want D2 (unanswered) and D3 (unassessed)", codes)
		}
		for _, l := range []attract.Lead{fresh, inTalks} {
			if dl.DueOf(l, "2019-12-09").Overdue {
				t.Errorf("%s overdue", l.Code)
			}
		}
		u := dl.DueOf(unanswered, "2019-12-09")
		if u.RespondBy != "2019-12-08" || !u.RespondLate || u.AssessBy != "2019-12-10" || u.AssessLate {
			t.Errorf("due of D2 %+v", u)
		}
		mine, err := w.s.List(ctx, attract.Filter{Overdue: "2019-12-09", Deadlines: dl, OwnerUserID: w.user["touzi.tb"]})
		if err != nil || len(mine) != 1 || mine[0].Code != "D2" {
			t.Errorf("my overdue leads %v %v", mine, err)
		}
	})
}

// A signed lead becomes a key project without retyping; an unsigned one,
// or one converted already, is refused and nothing is written.
func TestConvert(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		signed := w.lead(t, attract.Lead{Code: "ZS-9", Name: "比亚迪新能源汽车零部件项目", Industry: "新能源汽车", ExpectedInvestment: 300000,
			Stage: attract.Signed, StageOn: "2019-06-18", ReceivedOn: "2019-02-11"})
		talks := w.lead(t, attract.Lead{Code: "ZS-10", Name: "在谈项目", ExpectedInvestment: 5000, Stage: attract.Talks})
		c := attract.Conversion{Code: "XM-TCJ-099", Category: "industrial", PlannedInvestment: 50000, Leader: "张副主任"}
		if _, err := w.s.Convert(ctx, office, talks.ID, c); !isKey(err, "attract.err.convert_unsigned") {
			t.Errorf("unsigned: %v", err)
		}
		p, err := w.s.Convert(ctx, office, signed.ID, c)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != signed.Name || p.Investor != signed.Name || p.TotalInvestment != 300000 || p.Cluster != "新能源汽车" ||
			p.LeadUnitID != w.unit["TCJ"] || p.StartYear != 2019 {
			t.Errorf("project %+v", p)
		}
		back, err := w.s.ByProject(ctx, p.ID)
		if err != nil || back.ID != signed.ID {
			t.Errorf("lead of the project: %+v %v", back, err)
		}
		ps := project.NewStore(d)
		if y, err := ps.YearOf(ctx, p.ID, 2019); err != nil || y.PlannedInvestment != 50000 {
			t.Errorf("project's 2019 plan %+v %v", y, err)
		}
		c.Code = "XM-TCJ-100"
		if _, err := w.s.Convert(ctx, office, signed.ID, c); !isKey(err, "attract.err.converted") {
			t.Errorf("twice: %v", err)
		}
		if _, err := ps.ByCode(ctx, "XM-TCJ-100"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("a refused conversion left project XM-TCJ-100: %v", err)
		}
		// A project code taken: the project store's refusal, and the lead stays unconverted.
		c.Code = "XM-TCJ-099"
		other := w.lead(t, attract.Lead{Code: "ZS-11", Name: "另一个签约项目", ExpectedInvestment: 8000, Stage: attract.Signed})
		if _, err := w.s.Convert(ctx, office, other.ID, c); err == nil {
			t.Error("a taken project code was accepted")
		}
		if l, _ := w.s.Lead(ctx, other.ID); l.ProjectID != 0 {
			t.Errorf("lead linked to %d after a refused conversion", l.ProjectID)
		}
		if err := w.s.MoveTo(ctx, office, signed.ID, attract.Talks, "2019-12-01", "重新谈判"); !isKey(err, "attract.err.converted_back") {
			t.Errorf("converted lead moved back: %v", err)
		}
	})
}

func isKey(err error, key string) bool {
	_, k := field(err)
	return k == key
}
