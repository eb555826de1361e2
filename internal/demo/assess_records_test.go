package demo

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/org"
	"gaoxin/internal/score"
)

// ratingScheme is a class's scheme reduced to what the records and
// ratings need: the 民主评议 item the demo's schemes carry.
func ratingScheme(class string) string {
	return fmt.Sprintf(`year: 2019
class: %s
name: 测试方案
checkpoints:
  - period: Q1
    weight: 15%%
  - period: H1
    weight: 25%%
  - period: Q3
    weight: 25%%
  - period: "Y"
    weight: 35%%
items:
  - code: MZPJ
    name: 民主评议
    points: 10
    rule:
      rating:
        types:
          - key: leader
            name: 领导评价
            weight: 0.6
          - key: peer
            name: 部门互评
            weight: 0.4
        trim: true
`, class)
}

// organisation loads the units and accounts and rebuilds what load hands on.
func organisation(t *testing.T, d *db.DB) (map[string]int64, actors) {
	t.Helper()
	ctx := context.Background()
	if _, err := LoadOrganisation(ctx, d); err != nil {
		t.Fatal(err)
	}
	all, _ := org.NewStore(d).All(ctx)
	ids := map[string]int64{}
	for _, u := range all {
		ids[u.Code] = u.ID
	}
	who := actors{reporter: map[string]audit.Actor{}, head: map[string]audit.Actor{}}
	users := auth.NewUsers(d)
	for _, a := range Accounts {
		u, err := users.ByLogin(ctx, a.Login)
		if err != nil {
			t.Fatal(err)
		}
		switch a.Role {
		case auth.RoleReporter:
			who.reporter[a.UnitCode] = u.Actor("demo")
		case auth.RoleHead:
			who.head[a.UnitCode] = u.Actor("demo")
		case auth.RoleAssessor:
			who.office = u.Actor("demo")
		}
	}
	return ids, who
}

func TestDemoRecordsAndRatings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		ids, who := organisation(t, d)
		for _, class := range []string{classEconomy, classSociety, classParty, classStreet} {
			if _, _, err := assess.NewStore(d).Save(ctx, audit.System, "scheme.yaml", []byte(ratingScheme(class))); err != nil {
				t.Fatal(err)
			}
		}
		if err := loadAssessRecords(ctx, d, ids, who); err != nil {
			t.Fatal(err)
		}
		checkDemoRecords(t, d, ids)
		checkDemoRatings(t, d, ids)
		if _, brk, err := audit.Verify(ctx, d); err != nil || brk != nil {
			t.Fatalf("audit trail: %v, %v", brk, err)
		}
	})
}

func checkDemoRecords(t *testing.T, d *db.DB, ids map[string]int64) {
	t.Helper()
	ctx := context.Background()
	rs := assess.NewRecordStore(d)
	q1, err := rs.Approved(ctx, 2019, time.Date(2019, 3, 31, 0, 0, 0, 0, time.UTC))
	if err != nil || len(q1) != 2 || q1[ids["DLY"]].Bonuses[0].Level != score.National || q1[ids["KCJ"]].Bonuses[0].Name != "国家科学技术进步奖一等奖（盛瑞传动）" {
		t.Fatalf("Q1: the national awards to 潍柴 and 盛瑞 only, got %+v, %v", q1, err)
	}
	year, _ := rs.Approved(ctx, 2019, time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC))
	if b := year[ids["SPJ"]].Bonuses; len(b) != 1 || b[0].Level != score.Province {
		t.Errorf("provincial honour: %+v", b)
	}
	if b := year[ids["TCJ"]].Bonuses; len(b) != 1 || b[0].Level != score.City {
		t.Errorf("city honour: %+v", b)
	}
	if ded := year[ids["JSJ"]].Deductions; len(ded) != 2 || ded[0].Type != ded[1].Type || ded[1].Points.Cmp(score.Int(2)) != 0 {
		t.Errorf("a deduction and its repeat: %+v", ded)
	}
	if v := year[ids["BTJD"]].Vetoes; len(v) != 1 || v[0].Kind != score.Soft {
		t.Errorf("a street's veto: %+v", v)
	}
	for _, code := range []string{"XCJD", "JFJ"} {
		if _, ok := year[ids[code]]; ok {
			t.Errorf("%s's pending or rejected record counts", code)
		}
	}
	list, _ := rs.List(ctx, assess.RecordFilter{Year: 2019})
	status := map[assess.RecordStatus]int{}
	for _, r := range list {
		status[r.Status]++
		if r.CreatedBy == r.DecidedBy || r.CreatedAt.Year() != 2019 {
			t.Errorf("%s: entered by %d at %v, decided by %d", r.Name, r.CreatedBy, r.CreatedAt, r.DecidedBy)
		}
		if ev, _ := rs.Evidence(ctx, r.ID); len(ev) != 1 {
			t.Errorf("%s has %d pieces of evidence", r.Name, len(ev))
		}
	}
	if status[assess.RecordPending] != 1 || status[assess.RecordRejected] != 1 || status[assess.RecordApproved] != 8 {
		t.Errorf("statuses = %v", status)
	}
}

func checkDemoRatings(t *testing.T, d *db.DB, ids map[string]int64) {
	t.Helper()
	ctx := context.Background()
	rs := assess.NewRatingStore(d)
	rounds, err := rs.Rounds(ctx, 2019)
	if err != nil || len(rounds) != 16 {
		t.Fatalf("%d rounds, want 4 classes × 4 checkpoints: %v", len(rounds), err)
	}
	for _, r := range rounds {
		open := r.Period == "Y"
		if (r.Status == assess.RoundOpen) != open || r.Invited != 4 || (open && r.Submitted != 0) || (!open && r.Submitted != 4) {
			t.Errorf("%s %s: %s, %d invited, %d submitted", r.Class, r.Period, r.Status, r.Invited, r.Submitted)
		}
	}
	for _, period := range []string{"Q1", "H1", "Q3"} {
		got, _ := rs.Scores(ctx, 2019, period)
		if len(got) != 26 {
			t.Fatalf("%s: ratings of %d units, want 26", period, len(got))
		}
		// 新城街道 is rated by the leader and two peers, not by its own head.
		if xc := got[ids["XCJD"]]["MZPJ"]; len(xc["leader"]) != 1 || len(xc["peer"]) != 2 {
			t.Errorf("%s 新城街道: %+v", period, xc)
		}
		if bh := got[ids["BHJD"]]["MZPJ"]; len(bh["peer"]) != 3 {
			t.Errorf("%s 北海街道: %+v", period, bh)
		}
		for _, items := range got {
			for _, list := range items["MZPJ"] {
				for _, n := range list {
					if n.Cmp(score.Int(80)) < 0 || n.Cmp(score.Int(98)) > 0 {
						t.Errorf("%s: score %v outside 80–98", period, n)
					}
				}
			}
		}
	}
	if y, _ := rs.Scores(ctx, 2019, "Y"); len(y) != 0 {
		t.Errorf("Q4 is in progress, yet %d units have full-year ratings", len(y))
	}
}
