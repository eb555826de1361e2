package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
)

// demoRecord is one of the demo's bonus, deduction and veto records, with
// who entered it and how it was decided.
type demoRecord struct {
	unit     string
	in       assess.RecordInput
	by       string // "office", or the unit's "head" or "reporter" proposing it
	decision string // "approve", "reject" or "" (still pending)
	reason   string
	evidence string // the file's name; its text is generated
}

// demoRecords: the seed's national S&T progress awards to 潍柴 and 盛瑞,
// provincial and city honours, negative-list deductions with a repeat, a
// soft veto of a street, one proposal waiting and one rejected.
var demoRecords = []demoRecord{
	{unit: "DLY", by: "office", decision: "approve", evidence: "国家科学技术进步奖表彰文件摘要.txt",
		in: assess.RecordInput{Kind: assess.RecordBonus, Level: "national", Name: "国家科学技术进步奖一等奖（潍柴动力）", EventOn: "2019-01-08",
			Description: "潍柴动力获国家科学技术进步奖一等奖，成果在潍柴新能源动力产业园转化，按国家级荣誉加分。"}},
	{unit: "KCJ", by: "office", decision: "approve", evidence: "国家科学技术进步奖表彰文件摘要.txt",
		in: assess.RecordInput{Kind: assess.RecordBonus, Level: "national", Name: "国家科学技术进步奖一等奖（盛瑞传动）", EventOn: "2019-01-08",
			Description: "盛瑞传动获国家科学技术进步奖一等奖，科技创新局组织申报和服务，按国家级荣誉加分。"}},
	{unit: "SPJ", by: "office", decision: "approve", evidence: "省政府通报摘要.txt",
		in: assess.RecordInput{Kind: assess.RecordBonus, Level: "province", Name: "山东省深化“一次办好”改革工作成绩突出集体", EventOn: "2019-06-18",
			Description: "企业开办全程网办、一次办好改革成效突出，获省级通报表扬。"}},
	{unit: "TCJ", by: "office", decision: "approve", evidence: "市委市政府表彰决定摘要.txt",
		in: assess.RecordInput{Kind: assess.RecordBonus, Level: "city", Name: "潍坊市“双招双引”工作先进单位", EventOn: "2019-07-26",
			Description: "深化与世邦魏理仕、戴德梁行、高力国际合作，中介招商成效突出。"}},
	{unit: "JSJ", by: "office", decision: "approve", evidence: "事故调查报告摘要.txt",
		in: assess.RecordInput{Kind: assess.RecordDeduction, Type: "安全生产事故", Name: "辖区在建工地发生一般生产安全事故", Points: "2", EventOn: "2019-05-16",
			Description: "负面清单：安全生产监管不到位，按每起 2 分扣分。"}},
	{unit: "JSJ", by: "office", decision: "approve", evidence: "事故调查报告摘要.txt",
		in: assess.RecordInput{Kind: assess.RecordDeduction, Type: "安全生产事故", Name: "在建工地高处坠落事故（年内再次发生）", Points: "2", EventOn: "2019-09-03",
			Description: "同类事项年内再次发生，按考核方案加倍扣分。"}},
	{unit: "STJ", by: "office", decision: "approve", evidence: "督察交办件清单.txt",
		in: assess.RecordInput{Kind: assess.RecordDeduction, Type: "环保督察", Name: "省环保督察交办件逾期未办结", Points: "1", EventOn: "2019-07-10",
			Description: "负面清单：交办件办理超过时限。"}},
	{unit: "BTJD", by: "office", decision: "approve", evidence: "挂牌督办通知摘要.txt",
		in: assess.RecordInput{Kind: assess.RecordVeto, Veto: "soft", Name: "辖区发生非法排污致河道水体污染，被市级挂牌督办", EventOn: "2019-08-14",
			Description: "生态环境保护实行一票否决，按考核方案扣减固定分值。"}},
	{unit: "XCJD", by: "head", evidence: "市级表彰文件摘要.txt",
		in: assess.RecordInput{Kind: assess.RecordBonus, Level: "city", Name: "潍坊市城乡环境综合整治先进街道", EventOn: "2019-11-20",
			Description: "茂街、蓉花路、福东巷、桐荫街背街小巷整治成效明显，获市级表彰。"}},
	{unit: "JFJ", by: "reporter", decision: "reject", evidence: "案例汇编征求意见稿.txt",
		reason: "证明材料为征求意见稿，不是正式表彰文件，请取得正式文件后重新申报。",
		in:     assess.RecordInput{Kind: assess.RecordBonus, Level: "city", Name: "潍坊市优化营商环境典型案例", EventOn: "2019-09-12"}},
}

// loadAssessRecords writes the demo's bonus, deduction and veto records
// and its rating rounds.
func loadAssessRecords(ctx context.Context, d *db.DB, ids map[string]int64, who actors) error {
	leader, err := auth.NewUsers(d).ByLogin(ctx, "lingdao")
	if err != nil {
		return err
	}
	if err := loadRecords(ctx, d, ids, who, leader.Actor("demo")); err != nil {
		return err
	}
	return loadRatings(ctx, d, ids, who)
}

// loadRecords enters each record three days after its event and decides
// it three days later, entered by one person and decided by another.
func loadRecords(ctx context.Context, d *db.DB, ids map[string]int64, who actors, leader audit.Actor) error {
	var clock time.Time
	rs := assess.NewRecordStore(d)
	rs.SetClock(func() time.Time { return clock })
	for _, r := range demoRecords {
		day, _ := time.Parse("2006-01-02", r.in.EventOn)
		clock = at(day.Year(), day.Month(), day.Day()+3, 10)
		by, decider := who.office, leader
		switch r.by {
		case "head":
			by = who.head[r.unit]
		case "reporter":
			by, decider = who.reporter[r.unit], who.office
		}
		in := r.in
		in.UnitID = ids[r.unit]
		rec, err := rs.Create(ctx, by, Year, in)
		if err != nil {
			return fmt.Errorf("demo record %s: %w", in.Name, err)
		}
		text := fmt.Sprintf("（演示数据，系生成的摘要）\n%s\n单位：%s\n日期：%s\n%s\n", in.Name, r.unit, in.EventOn, in.Description)
		if _, err := rs.Attach(ctx, by, rec.ID, r.evidence, []byte(text)); err != nil {
			return err
		}
		clock = clock.Add(72*time.Hour + 5*time.Hour)
		switch r.decision {
		case "approve":
			_, err = rs.Approve(ctx, decider, rec.ID)
		case "reject":
			_, err = rs.Reject(ctx, decider, rec.ID, r.reason)
		}
		if err != nil {
			return fmt.Errorf("demo record %s: %w", in.Name, err)
		}
	}
	return nil
}

// ratingCheckpoints are the demo's rounds: Q1–Q3 rated, submitted and
// closed; the full year open with nothing submitted.
var ratingCheckpoints = []struct {
	period string
	end    time.Time
	done   bool
}{
	{"Q1", at(2019, 3, 31, 18), true}, {"H1", at(2019, 6, 30, 18), true},
	{"Q3", at(2019, 9, 30, 18), true}, {"Y", at(2019, 12, 1, 18), false},
}

// demoRaters rate every class's 民主评议 (MZPJ): the leader, and three heads
// of units as peers. 清池街道's head is the demo's fourth peer, so that the
// peers' highest and lowest scores can be dropped.
var demoRaters = []struct{ login, kind string }{
	{"lingdao", "leader"}, {"jingji.fzr", "peer"}, {"xincheng.fzr", "peer"}, {"qingchi.fzr", "peer"},
}

func loadRatings(ctx context.Context, d *db.DB, ids map[string]int64, who actors) error {
	users := auth.NewUsers(d)
	var raters []audit.Actor
	for _, r := range demoRaters {
		u, err := users.ByLogin(ctx, r.login)
		if err != nil {
			return err
		}
		raters = append(raters, u.Actor("demo"))
	}
	var clock time.Time
	rs := assess.NewRatingStore(d)
	rs.SetClock(func() time.Time { return clock })
	for _, class := range []string{classEconomy, classSociety, classParty, classStreet} {
		if _, err := assess.NewStore(d).Latest(ctx, Year, class); errors.Is(err, db.ErrNotFound) {
			continue // no scheme for the class, so nothing to rate
		} else if err != nil {
			return err
		}
		for pi, cp := range ratingCheckpoints {
			clock = cp.end.Add(24 * time.Hour)
			if err := rateRound(ctx, rs, &clock, who.office, raters, class, pi, cp.done); err != nil {
				return fmt.Errorf("demo rating %s %s: %w", class, cp.period, err)
			}
		}
	}
	return nil
}

// rateRound opens one round, invites the raters and, when done, has each
// submit and closes it; the open full-year round keeps one draft.
func rateRound(ctx context.Context, rs *assess.RatingStore, clock *time.Time, office audit.Actor, raters []audit.Actor,
	class string, pi int, done bool) error {
	round, err := rs.Open(ctx, office, Year, ratingCheckpoints[pi].period, class, "MZPJ")
	if err != nil {
		return err
	}
	for i, r := range raters {
		if _, err := rs.Invite(ctx, office, round.ID, r.UserID, demoRaters[i].kind); err != nil {
			return err
		}
	}
	for ri, r := range raters {
		*clock = clock.Add(26 * time.Hour)
		if !done && (ri > 0 || class != classStreet) {
			continue
		}
		form, err := rs.Form(ctx, round.ID, r.UserID)
		if err != nil {
			return err
		}
		units, err := rs.Units(ctx, round, form)
		if err != nil {
			return err
		}
		scores := map[int64]string{}
		for _, u := range units {
			scores[u.ID] = demoScore(int(u.ID), ri, pi)
		}
		if err := rs.Save(ctx, r, round.ID, scores, done); err != nil {
			return err
		}
	}
	if !done {
		return nil
	}
	*clock = clock.Add(24 * time.Hour)
	return rs.Close(ctx, office, round.ID)
}

// demoScore is a plausible, reproducible score from 80 to 98: each unit
// keeps its level, each rater and checkpoint moves it a little.
func demoScore(unit, rater, period int) string {
	base := 83 + (unit*5)%12
	v := base + (rater*7+period*3+unit)%7 - 3
	v = min(max(v, 80), 97)
	if (unit+rater+period)%4 == 0 {
		return fmt.Sprintf("%d.5", v)
	}
	return fmt.Sprint(v)
}
