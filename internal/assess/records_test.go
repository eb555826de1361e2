package assess_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/score"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// Approved counts only approved records of the year dated by the
// checkpoint, with each kind and level as the engine reads it.
func TestRecordsApprovedByCheckpoint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := newPeople(t, d)
		office, leader := p.actor(t, "kaohe"), p.actor(t, "lingdao")
		s := assess.NewRecordStore(d)
		enter := func(in assess.RecordInput, year int, decide string) assess.Record {
			t.Helper()
			r, err := s.Create(ctx, office, year, in)
			if err != nil {
				t.Fatalf("create %s: %v", in.Name, err)
			}
			switch decide {
			case "approve":
				r, err = s.Approve(ctx, leader, r.ID)
			case "reject":
				r, err = s.Reject(ctx, leader, r.ID, "证明材料不是正式表彰文件")
			case "revoke":
				if r, err = s.Approve(ctx, leader, r.ID); err == nil {
					r, err = s.Revoke(ctx, office, r.ID, "事故认定已撤销")
				}
			}
			if err != nil {
				t.Fatalf("%s %s: %v", decide, in.Name, err)
			}
			return r
		}
		u := p.units
		enter(assess.RecordInput{UnitID: u["DLY"], Kind: assess.RecordBonus, Level: "national", Name: "国家科学技术进步奖一等奖（潍柴动力）", EventOn: "2019-01-08"}, 2019, "approve")
		enter(assess.RecordInput{UnitID: u["XCJD"], Kind: assess.RecordVeto, Veto: "hard", Name: "信访稳定工作一票否决", EventOn: "2019-03-31"}, 2019, "approve")
		enter(assess.RecordInput{UnitID: u["SPJ"], Kind: assess.RecordBonus, Level: "province", Name: "山东省“一次办好”改革示范单位", EventOn: "2019-05-20"}, 2019, "approve")
		enter(assess.RecordInput{UnitID: u["JSJ"], Kind: assess.RecordDeduction, Type: "安全生产事故", Name: "在建工地高处坠落事故", Points: "1.50", Item: "GZ01", EventOn: "2019-09-03"}, 2019, "approve")
		enter(assess.RecordInput{UnitID: u["JSJ"], Kind: assess.RecordDeduction, Type: "安全生产事故", Name: "在建工地一般安全生产事故", Points: "2", EventOn: "2019-05-16"}, 2019, "approve")
		enter(assess.RecordInput{UnitID: u["BTJD"], Kind: assess.RecordVeto, Veto: "soft", Name: "违法排污被省厅挂牌督办", EventOn: "2019-06-20"}, 2019, "approve")
		enter(assess.RecordInput{UnitID: u["TCJ"], Kind: assess.RecordBonus, Level: "city", Name: "潍坊市双招双引先进单位", EventOn: "2019-08-15"}, 2019, "")
		enter(assess.RecordInput{UnitID: u["JFJ"], Kind: assess.RecordBonus, Level: "city", Name: "优秀营商环境案例", EventOn: "2019-02-01"}, 2019, "reject")
		enter(assess.RecordInput{UnitID: u["STJ"], Kind: assess.RecordDeduction, Name: "环保信访件办理超期", Points: "1", EventOn: "2019-02-11"}, 2019, "revoke")
		enter(assess.RecordInput{UnitID: u["KCJ"], Kind: assess.RecordBonus, Level: "city", Name: "上年度荣誉", EventOn: "2018-12-01"}, 2018, "approve")

		q1, err := s.Approved(ctx, 2019, day("2019-03-31"))
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]assess.UnitRecords{
			u["DLY"]:  {Bonuses: []score.Bonus{{Level: score.National, Name: "国家科学技术进步奖一等奖（潍柴动力）"}}},
			u["XCJD"]: {Vetoes: []score.Veto{{Kind: score.Hard, Reason: "信访稳定工作一票否决"}}},
		}
		if !reflect.DeepEqual(q1, want) {
			t.Fatalf("approved through Q1 = %+v\nwant %+v", q1, want)
		}
		q3, err := s.Approved(ctx, 2019, day("2019-09-30"))
		if err != nil {
			t.Fatal(err)
		}
		if len(q3) != 5 {
			t.Fatalf("approved through Q3: %d units, want 5: %+v", len(q3), q3)
		}
		jsj := q3[u["JSJ"]].Deductions
		if len(jsj) != 2 || jsj[0].Name != "在建工地一般安全生产事故" || jsj[0].Points.Cmp(score.Int(2)) != 0 ||
			jsj[1].Points.Cmp(score.MustDec("1.5")) != 0 || jsj[1].Item != "GZ01" || jsj[1].Type != "安全生产事故" || jsj[0].Type != jsj[1].Type {
			t.Fatalf("城市建设局's deductions, in date order = %+v", jsj)
		}
		if b := q3[u["SPJ"]].Bonuses; len(b) != 1 || b[0].Level != score.Province {
			t.Fatalf("行政审批服务局's bonus = %+v", b)
		}
		if v := q3[u["BTJD"]].Vetoes; len(v) != 1 || v[0].Kind != score.Soft {
			t.Fatalf("宝通街道's veto = %+v", v)
		}
		for _, code := range []string{"TCJ", "JFJ", "STJ", "KCJ"} {
			if _, ok := q3[u[code]]; ok {
				t.Errorf("%s's pending, rejected, revoked or last year's record counts", code)
			}
		}
		if entries, _ := audit.List(ctx, d, audit.Filter{Action: "record.", Limit: 500}); len(entries) != 10+9+1 {
			t.Errorf("%d record entries in the trail, want 20 (10 created, 9 decided, 1 revoked)", len(entries))
		}
	})
}
