package attract_test

import (
	"cmp"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gaoxin/internal/attract"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/org"
)

func policyFile(t *testing.T) []byte {
	t.Helper()
	body, err := os.ReadFile("testdata/policy2019.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// The policy file reads as the office wrote it: rules by channel, flag
// and kind, a fixed amount, tiers by the amount arrived, a rate with a
// cap per lead, and caps per payee.
func TestParsePolicy(t *testing.T) {
	p, err := attract.ParsePolicy("policy2019.yaml", policyFile(t))
	if err != nil {
		t.Fatal(err)
	}
	want := &attract.Policy{Name: "高新区2019年双招双引重奖办法", Year: 2019, Caps: map[string]float64{"person": 80, "unit": 300},
		Rules: []attract.Rule{
			{Code: "A1", Name: "以商招商签约奖", Channels: []attract.Channel{attract.ByBusiness}, Stage: attract.Signed, Basis: "arrived", Amount: 5, Payee: "unit"},
			{Code: "A2", Name: "重大项目签约奖", Flags: []attract.Flag{attract.Fortune500, attract.IndustryLeader}, Stage: attract.Signed,
				Basis: "arrived", Amount: 20, Payee: "person"},
			{Code: "A3", Name: "人才团队引进奖", Kinds: []attract.Kind{attract.Talent, attract.Team}, Stage: attract.Signed, Basis: "arrived",
				Amount: 10, Payee: "unit"},
			{Code: "B1", Name: "到资分档奖", Stage: attract.Funded, Basis: "arrived",
				Tiers: []attract.Tier{{From: 10000, Amount: 10}, {From: 50000, Amount: 30}, {From: 100000, Amount: 60}}, Payee: "person"},
			{Code: "C1", Name: "中介机构佣金", Channels: []attract.Channel{attract.ByAgency}, Stage: attract.Funded, Basis: "arrived",
				Rate: 0.5, Cap: 50, Payee: "agency"},
		}}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("policy\n %+v\nwant\n %+v", p, want)
	}
}

// A policy that is wrong is refused, each problem on the line of the rule
// at fault (or of the field nobody knows) with the field's name.
func TestParsePolicyRefusals(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []problem
	}{
		{"unknown field", `name: 坏办法
year: 2019
rules:
  - code: A1
    name: 签约奖
    stage: signed
    ammount: 5
    payee: unit
`, []problem{{7, "ammount", "attract.policy.err.field"}}},
		{"bad rules", `name: 坏办法
year: 2019
rules:
  - code: A1
    name: 两种计法
    stage: signed
    amount: 5
    rate: 1
    payee: unit
  - code: A2
    name: 阶段错
    stage: contract
    amount: 5
    payee: unit
  - code: A3
    name: 受奖对象错
    stage: signed
    amount: 5
    payee: leader
  - code: A4
    name: 分档不升
    stage: funded
    tiers:
      - {from: 50000, amount: 30}
      - {from: 10000, amount: 10}
    payee: person
`, []problem{{4, "amount", "attract.policy.err.one_way"}, {10, "stage", "attract.policy.err.stage"},
			{15, "payee", "attract.policy.err.payee"}, {20, "tiers", "attract.policy.err.tiers"}}},
		{"equal tiers, bad cap", `name: 坏办法
year: 2019
rules:
  - code: B1
    name: 分档相同
    stage: funded
    tiers: [{from: 10000, amount: 10}, {from: 10000, amount: 20}]
    payee: person
caps:
  unit: -5
  leader: 10
  agency: 0
`, []problem{{10, "caps", "attract.policy.err.cap_payee"}, {11, "caps", "attract.policy.err.cap_payee"},
			{12, "caps", "attract.policy.err.cap_payee"}, {4, "tiers", "attract.policy.err.tiers"}}},
		{"year and no rules", `name: 坏办法
# 年度写错了
year: 19
rules: []
`, []problem{{3, "year", "attract.policy.err.year"}, {4, "rules", "attract.policy.err.no_rules"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := attract.ParsePolicy("bad.yaml", []byte(c.text))
			if p != nil {
				t.Fatalf("accepted %+v", p)
			}
			if got := problems(t, err); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("problems\n %v\nwant\n %v", got, c.want)
			}
			// The same file, the same refusal, word for word.
			_, again := attract.ParsePolicy("bad.yaml", []byte(c.text))
			if again.Error() != err.Error() {
				t.Errorf("refused twice, differently:\n%v\n%v", err, again)
			}
		})
	}
}

// The policy is kept as the file the office wrote, one a year.
func TestSavePolicy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		body := policyFile(t)
		saved, err := w.s.SavePolicy(ctx, office, "policy2019.yaml", body)
		if err != nil {
			t.Fatal(err)
		}
		p, text, err := w.s.PolicyOf(ctx, 2019)
		if err != nil || text != string(body) || !reflect.DeepEqual(p, saved) {
			t.Fatalf("policy of 2019: %+v %v, text equal %v", p, err, text == string(body))
		}
		if p, text, err := w.s.PolicyOf(ctx, 2018); p != nil || text != "" || err != nil {
			t.Errorf("policy of 2018: %+v %q %v", p, text, err)
		}
		if _, err := w.s.SavePolicy(ctx, office, "bad.yaml", []byte("name: 坏\nyear: 2019\nrules: []\n")); err == nil {
			t.Error("a policy without rules was saved")
		}
		renamed := strings.Replace(string(body), "name: 高新区2019年双招双引重奖办法", "name: 高新区2019年双招双引重奖办法（修订）", 1)
		if _, err := w.s.SavePolicy(ctx, office, "policy2019.yaml", []byte(renamed)); err != nil {
			t.Fatal(err)
		}
		if p, text, err := w.s.PolicyOf(ctx, 2019); err != nil || text != renamed || p.Name != "高新区2019年双招双引重奖办法（修订）" {
			t.Errorf("after the revision: %+v %v", p, err)
		}
		if n := count(t, d, "reward_policies"); n != 1 {
			t.Errorf("%d policies kept for one year", n)
		}
	})
}

// walk moves a lead through stages on days.
func (w *world) walk(t *testing.T, l attract.Lead, steps ...string) {
	t.Helper()
	l, err := w.s.Lead(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(steps); i += 2 {
		to, on := attract.Stage(steps[i]), steps[i+1]
		reason := ""
		if to.Index() < l.Stage.Index() {
			reason = "条件变化，重新洽谈"
		}
		if err := w.s.MoveTo(ctx, office, l.ID, to, on, reason); err != nil {
			t.Fatalf("%s to %s on %s: %v", l.Code, to, on, err)
		}
		l.Stage = to
	}
}

// The 2019 policy over leads of 2018 and 2019: only the stages reached in
// 2019 are rewarded, each amount explained; 王晓明, who works leads of two
// units, is one person under one cap.
func TestRewards(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		wang, li := w.user["touzi.tb"], w.user["gdy.tb"]
		agency := "潍坊招商咨询有限公司"
		r1 := w.lead(t, attract.Lead{Code: "R1", Name: "京东方智能显示模组项目", Flags: []attract.Flag{attract.Fortune500},
			ArrivedInvestment: 60000, OwnerUserID: wang, ReceivedOn: "2019-02-01"})
		w.walk(t, r1, "signed", "2019-03-20", "funded", "2019-08-30")
		// Owned by the zone itself, worked by the same person.
		r2 := w.lead(t, attract.Lead{Code: "R2", Name: "歌尔声学新厂二期", Flags: []attract.Flag{attract.IndustryLeader},
			ArrivedInvestment: 120000, OwnerUnitID: w.unit["GX"], OwnerUserID: wang, ReceivedOn: "2019-01-10"})
		w.walk(t, r2, "talks", "2019-02-01", "signed", "2019-04-10", "funded", "2019-10-15")
		r3 := w.lead(t, attract.Lead{Code: "R3", Name: "张院士生物医药团队", Kind: attract.Team, Channel: attract.ByAgency, Agency: agency,
			ArrivedInvestment: 20000, OwnerUnitID: w.unit["GDY"], OwnerUserID: li, ReceivedOn: "2019-04-01"})
		w.walk(t, r3, "signed", "2019-05-06", "funded", "2019-09-01")
		r4 := w.lead(t, attract.Lead{Code: "R4", Name: "智能传感器项目", Channel: attract.ByAgency, Agency: agency, ArrivedInvestment: 8000,
			OwnerUnitID: w.unit["GDY"], OwnerName: "赵六", ReceivedOn: "2019-06-01"})
		w.walk(t, r4, "signed", "2019-07-01", "funded", "2019-11-01")
		// Signed in 2018, funded in 2019: only the funding counts.
		r5 := w.lead(t, attract.Lead{Code: "R5", Name: "潍柴动力配套项目", Flags: []attract.Flag{attract.Fortune500},
			ArrivedInvestment: 15000, OwnerUserID: wang, ReceivedOn: "2018-09-01"})
		w.walk(t, r5, "signed", "2018-11-20", "funded", "2019-02-01")
		// Everything in 2018: nothing.
		r6 := w.lead(t, attract.Lead{Code: "R6", Name: "青岛中科配套项目", Channel: attract.ByAgency, Agency: "青岛中科招商服务中心",
			ArrivedInvestment: 30000, OwnerUnitID: w.unit["GDY"], OwnerUserID: li, ReceivedOn: "2018-03-01"})
		w.walk(t, r6, "signed", "2018-05-01", "funded", "2018-10-01")
		// Signed in 2019 but back in talks: stands below the rules' stage.
		r7 := w.lead(t, attract.Lead{Code: "R7", Name: "退回在谈的项目", Flags: []attract.Flag{attract.Fortune500}, OwnerUserID: wang,
			ReceivedOn: "2019-05-01"})
		w.walk(t, r7, "signed", "2019-06-01", "talks", "2019-07-01")
		w.lead(t, attract.Lead{Code: "R8", Name: "李博士", Kind: attract.Talent, Channel: attract.ByPark, OwnerUnitID: w.unit["GDY"],
			OwnerUserID: li, Stage: attract.Talks, StageOn: "2019-08-02", ReceivedOn: "2019-08-01"})

		p, err := attract.ParsePolicy("policy2019.yaml", policyFile(t))
		if err != nil {
			t.Fatal(err)
		}
		got, err := w.s.Rewards(ctx, p, "")
		if err != nil {
			t.Fatal(err)
		}
		type payee struct {
			kind   string
			unit   int64
			user   int64
			name   string
			awards string // rule:lead=amount, sorted
			sum    float64
			paid   float64
			capped bool
		}
		want := []payee{
			{"agency", 0, 0, agency, "C1:R3=50 C1:R4=40", 90, 90, false},
			{"person", 0, wang, "王晓明", "A2:R1=20 A2:R2=20 B1:R1=30 B1:R2=60 B1:R5=10", 140, 80, true},
			{"person", 0, li, "李娜", "B1:R3=10", 10, 10, false},
			{"unit", w.unit["GDY"], 0, "", "A3:R3=10", 10, 10, false},
			{"unit", w.unit["GX"], 0, "", "A1:R2=5", 5, 5, false},
			{"unit", w.unit["TCJ"], 0, "", "A1:R1=5", 5, 5, false},
		}
		var have []payee
		for _, pr := range got.Payees {
			var awards []string
			for _, a := range pr.Awards {
				awards = append(awards, fmt.Sprintf("%s:%s=%g", a.Rule.Code, a.Lead.Code, a.Amount))
			}
			slices.Sort(awards)
			unit := pr.Payee.UnitID
			if pr.Payee.Kind == attract.PayPerson {
				unit = 0 // a person's, whichever of the leads' units
			}
			have = append(have, payee{pr.Payee.Kind, unit, pr.Payee.UserID, pr.Payee.Name, strings.Join(awards, " "), pr.Sum, pr.Paid, pr.Capped})
		}
		// Ties of paid amount in any order but the same each time: compare as a set, then the order of paid.
		sorted := slices.Clone(have)
		slices.SortFunc(sorted, func(a, b payee) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		slices.SortFunc(want, func(a, b payee) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		if fmt.Sprint(sorted) != fmt.Sprint(want) {
			t.Errorf("payees\n %v\nwant\n %v", sorted, want)
		}
		if !slices.IsSortedFunc(got.Payees, func(a, b attract.PayeeReward) int { return cmp.Compare(b.Paid, a.Paid) }) {
			t.Errorf("payees not largest paid first: %v", have)
		}
		if got.Total != 200 {
			t.Errorf("total %g, want 200", got.Total)
		}
		explained := map[string]attract.Award{}
		for _, pr := range got.Payees {
			for _, a := range pr.Awards {
				explained[a.Rule.Code+":"+a.Lead.Code] = a
			}
		}
		for key, want := range map[string]string{
			"B1:R2": "B1 到资分档奖：歌尔声学新厂二期于 2019-10-15 达到“到资”；到资 120000 万元，达到 100000 万元档 → 60 万元",
			"B1:R5": "B1 到资分档奖：潍柴动力配套项目于 2019-02-01 达到“到资”；到资 15000 万元，达到 10000 万元档 → 10 万元",
			"C1:R3": "C1 中介机构佣金：张院士生物医药团队于 2019-09-01 达到“到资”；到资 20000 万元 × 0.5%，计 100 万元，按单项封顶 50 万元 → 50 万元",
			"C1:R4": "C1 中介机构佣金：智能传感器项目于 2019-11-01 达到“到资”；到资 8000 万元 × 0.5% → 40 万元",
			"A2:R2": "A2 重大项目签约奖：歌尔声学新厂二期于 2019-04-10 达到“签约”；定额 → 20 万元",
		} {
			a, ok := explained[key]
			if !ok {
				t.Errorf("no award %s", key)
				continue
			}
			if a.Explain.ZH != want {
				t.Errorf("%s explained\n %s\nwant\n %s", key, a.Explain.ZH, want)
			}
			if !strings.HasPrefix(a.Explain.EN, a.Rule.Code+" "+a.Rule.Name+": ") {
				t.Errorf("%s in English: %s", key, a.Explain.EN)
			}
		}
		if a := explained["C1:R3"]; a.Basis != 20000 || a.ReachedOn != "2019-09-01" {
			t.Errorf("C1:R3 basis %g on %s", a.Basis, a.ReachedOn)
		}
		// Within the park's subtree only its leads count.
		scoped, err := w.s.Rewards(ctx, p, w.path(t, "GDY"))
		if err != nil {
			t.Fatal(err)
		}
		if scoped.Total != 110 || len(scoped.Payees) != 3 {
			t.Errorf("the park's rewards: %g over %d payees, want 110 over 3", scoped.Total, len(scoped.Payees))
		}
	})
}

// path is a unit's materialised path, the scope of its subtree.
func (w *world) path(t *testing.T, code string) string {
	t.Helper()
	u, err := org.NewStore(w.d).Get(ctx, w.unit[code])
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}
