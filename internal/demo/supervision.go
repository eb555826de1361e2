package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/supervise"
)

// TaskBindings are the plan's indicators whose figures the supervised
// tasks produce: 督办事项按期办结率, shared to 党政办 (which answers for the
// zone's tasks) and 纪工委.
var TaskBindings = map[string]string{"ZF01": "supervise:tasks ontime_rate"}

// BrowserTask is a red task of 经济发展局 that the browser test closes
// through its request and the office's approval.
const BrowserTask = "DB-2019-045"

// meeting is a source of the year's tasks: the 工作落实年 meetings, the
// year's document and the leaders' instructions.
type meeting struct {
	kind         supervise.SourceKind
	title, numbr string
	on           string
}

var meetings = []meeting{
	{supervise.Meeting, "2019年“工作落实年”动员大会", "纪要〔2019〕1号", "2019-02-15"},
	{supervise.Document, "关于开展“工作落实年”活动的实施意见", "潍高发〔2019〕3号", "2019-02-20"},
	{supervise.Meeting, "一季度重点工作推进会", "纪要〔2019〕6号", "2019-04-08"},
	{supervise.Meeting, "重点项目现场观摩会", "纪要〔2019〕9号", "2019-06-05"},
	{supervise.Meeting, "上半年工作总结暨下半年工作部署会", "纪要〔2019〕12号", "2019-07-12"},
	{supervise.Instruction, "管委会主要领导批示", "批示〔2019〕27号", "2019-08-20"},
	{supervise.Meeting, "三季度重点工作调度会", "纪要〔2019〕17号", "2019-10-10"},
	{supervise.Meeting, "“四个一”攻坚行动推进会", "纪要〔2019〕20号", "2019-11-05"},
}

// taskWork is what the year's tasks ask, by lead unit.
var taskWork = []struct {
	unit, content string
	with          []string
}{
	{"JFJ", "完成规模以上工业企业“小升规”培育，新增规上企业 20 家", []string{"SJJ"}},
	{"JFJ", "推动潍柴新能源动力产业园配套企业落地", []string{"DLY", "TCJ"}},
	{"KCJ", "组织高新技术企业认定申报，新认定 30 家以上", []string{"CJJ"}},
	{"KCJ", "推进产学研合作项目签约落地", nil},
	{"TCJ", "开展中介招商，与世邦魏理仕等机构对接项目线索", []string{"GDY", "SWY"}},
	{"TCJ", "落实“双招双引”重奖政策兑现", []string{"CJJ"}},
	{"SPJ", "企业开办全程网办，压缩开办时间至 1 个工作日", []string{"SJJ"}},
	{"SPJ", "推进“一次办好”事项清单梳理公布", nil},
	{"JSJ", "完成城区道路改造及雨污分流工程", []string{"ZGJ"}},
	{"JSJ", "新建改造公厕 30 座", []string{"XCJD", "QCJD"}},
	{"ZGJ", "保障重点项目用地，完成土地征收报批", []string{"JSJ"}},
	{"STJ", "消除劣五类水体，完成河道综合整治", []string{"ZFJ"}},
	{"SYJ", "中央商务区学校、凤凰学校南区扩建如期开工", []string{"JSJ"}},
	{"RSJ", "引进高层次人才团队，兑现人才政策", []string{"TCJ"}},
	{"CJJ", "新增小微企业贷款 20 亿元，推动设立投资机构 10 家", nil},
	{"XCJD", "完成老旧小区整治和网格化管理提升", []string{"ZFJ"}},
	{"QCJD", "推进棚户区改造征收清零", []string{"ZGJ"}},
	{"BHJD", "完成农村人居环境整治任务", nil},
	{"DZB", "建立督查督办台账，按月通报落实情况", nil},
	{"JGW", "开展作风建设专项检查", []string{"ZZB"}},
	{"YJJ", "开展安全生产大排查大整治", []string{"ZFJ"}},
	{"ZFJ", "城市管理“四个一”攻坚", []string{"XCJD"}},
}

// loadSupervision writes the year's supervision: about sixty tasks from
// the 工作落实年 meetings, most closed (some late), some still running,
// some red and escalated to the leader; about two hundred enterprise
// requests routed, answered, closed and rated; and binds ZF01.
func loadSupervision(ctx context.Context, d *db.DB, planned map[string]planned) error {
	users := auth.NewUsers(d)
	office, err := actorOf(ctx, users, "kaohe")
	if err != nil {
		return err
	}
	leader, err := users.ByLogin(ctx, "lingdao")
	if err != nil {
		return err
	}
	reporters := map[string]audit.Actor{}
	for unit, login := range map[string]string{"JFJ": "jingji.tb", "XCJD": "xincheng.tb", "TCJ": "touzi.tb"} {
		if reporters[unit], err = actorOf(ctx, users, login); err != nil {
			return err
		}
	}
	codes := []string{"XCJD", "QCJD", "BHJD", "DMJD", "SYJD", "BTJD", "GDY", "SWY", "DLY"}
	for _, w := range taskWork {
		codes = append(codes, w.unit)
		codes = append(codes, w.with...)
	}
	units, err := unitIDs(ctx, d, codes)
	if err != nil {
		return err
	}
	clock := todayAt(9)
	s := supervise.NewStore(d)
	s.SetClock(func() time.Time { return clock })
	on := func(day string) { clock = mustDay(day).Add(time.Hour) }
	rnd := rand.New(rand.NewPCG(2019, 200))
	unitActor := func(unit string) audit.Actor {
		if a, ok := reporters[unit]; ok {
			return a
		}
		return audit.Actor{Name: unit + " 督办联络员", Address: "local"}
	}
	for i, plan := range planTasks(rnd) {
		w := taskWork[i%len(taskWork)]
		m := plan.source
		task := supervise.Task{Code: fmt.Sprintf("DB-2019-%03d", i+1), SourceKind: m.kind, SourceTitle: m.title, SourceNumber: m.numbr,
			SourceOn: m.on, Content: w.content, LeadUnitID: units[w.unit], LeaderName: "李明", LeaderUserID: leader.ID,
			Deadline: plan.deadline, Frequency: plan.frequency, Milestones: plan.milestones}
		for _, c := range w.with {
			task.Cooperators = append(task.Cooperators, units[c])
		}
		on(m.on)
		created, err := s.Create(ctx, office, task)
		if err != nil {
			return fmt.Errorf("demo task %s: %w", task.Code, err)
		}
		who := unitActor(w.unit)
		for _, r := range plan.reports {
			on(r.on)
			var done []int64
			for _, seq := range r.milestones {
				done = append(done, created.Milestones[seq].ID)
			}
			if err := s.Report(ctx, who, created.ID, supervise.Progress{On: r.on, Note: r.note, Milestones: done}); err != nil {
				return fmt.Errorf("demo task %s report: %w", task.Code, err)
			}
		}
		if plan.closing != "" {
			on(plan.closing)
			if err := s.RequestClose(ctx, who, created.ID, plan.closing, "已按要求办结", "办结报告及佐证材料已报督查室"); err != nil {
				return fmt.Errorf("demo task %s closing: %w", task.Code, err)
			}
			if plan.approved != "" {
				on(plan.approved)
				if err := s.DecideClose(ctx, office, created.ID, true, ""); err != nil {
					return fmt.Errorf("demo task %s approval: %w", task.Code, err)
				}
			}
		}
		if plan.reopened != "" {
			on(plan.reopened)
			if err := s.Reopen(ctx, office, created.ID, "回头看发现问题反弹，重新办理"); err != nil {
				return fmt.Errorf("demo task %s reopen: %w", task.Code, err)
			}
		}
	}
	if err := loadRequests(ctx, d, s, on, office, units, rnd); err != nil {
		return err
	}
	clock = todayAt(9)
	for code, b := range TaskBindings {
		if err := s.Bind(ctx, office, planned[code].indicator.ID, b); err != nil {
			return fmt.Errorf("bind %s: %w", code, err)
		}
	}
	return nil
}

func actorOf(ctx context.Context, users *auth.Users, login string) (audit.Actor, error) {
	u, err := users.ByLogin(ctx, login)
	if err != nil {
		return audit.Actor{}, fmt.Errorf("demo user %s: %w", login, err)
	}
	return audit.Actor{UserID: u.ID, Name: u.DisplayName, Address: "local"}, nil
}

// taskReport is a progress report of a planned task; milestones are the
// indexes of those it finishes.
type taskReport struct {
	on, note   string
	milestones []int
}

// plannedTask is how a demo task goes through the year.
type plannedTask struct {
	source     meeting
	deadline   string
	frequency  supervise.Frequency
	milestones []supervise.Milestone
	reports    []taskReport
	closing    string // the day closing was asked for, "" while not
	approved   string // the day the office closed it
	reopened   string
}

// browserTask is BrowserTask's place among the planned tasks: one of
// 经济发展局's, whose reporter has an account.
const browserTask = 44

// planTasks lays out sixty tasks: of each meeting's, those due before
// "today" closed, most on time and a few late, a few red or asking to be
// closed; those due later running, some behind a milestone or a report.
func planTasks(rnd *rand.Rand) []plannedTask {
	var out []plannedTask
	for i := 0; i < 60; i++ {
		m := meetings[i*len(meetings)/60]
		span := 45 + rnd.IntN(150)
		deadline := shift(m.on, span)
		switch {
		case i == browserTask:
			deadline = "2019-11-29"
		case deadline > "2019-12-31":
			deadline = "2019-12-31"
		}
		span = int(mustDay(deadline).Sub(mustDay(m.on)).Hours() / 24)
		p := plannedTask{source: m, deadline: deadline, frequency: supervise.Monthly}
		if i%5 == 3 {
			p.frequency = supervise.Biweekly
		}
		first := shift(m.on, span/3)
		second := shift(m.on, 2*span/3)
		p.milestones = []supervise.Milestone{{Title: "制定工作方案，明确责任人和时间表", DueOn: first}, {Title: "主体工作完成，组织自查", DueOn: second}}
		report := func(day string, note string, ms ...int) {
			if day <= Today {
				p.reports = append(p.reports, taskReport{on: day, note: note, milestones: ms})
			}
		}
		report(shift(first, -2), "工作方案已印发，责任分解到人", 0)
		switch {
		case i == browserTask: // past its deadline, its work done but its closing not asked for
			report(shift(second, 3), "主体工作完成，正在收尾", 1)
		case deadline < Today && i%9 == 4: // red: overdue, still open
			report(shift(second, 5), "主体工作推进中，受审批进度影响滞后")
		case deadline < Today && deadline >= shift(Today, -30) && i%13 == 6: // closing asked late, not yet decided
			report(shift(second, -1), "主体工作完成", 1)
			p.closing = shift(deadline, 4+rnd.IntN(5))
			if p.closing > Today {
				p.closing = Today
			}
		case deadline < Today:
			report(shift(second, -1), "主体工作完成，组织自查", 1)
			late := 0
			if i%7 == 2 {
				late = 3 + rnd.IntN(10) // closed late
			}
			p.closing = min(shift(deadline, late-rnd.IntN(6)), Today)
			p.approved = min(shift(p.closing, 1+rnd.IntN(4)), Today)
			if i == 17 || i == 29 {
				p.reopened = min(shift(p.approved, 20), Today)
			}
		default: // running; one in four behind a milestone or a report
			if i%4 != 1 {
				report(shift(second, -1), "按计划推进", 1)
				for day := shift(second, 25); day <= Today && day < deadline; day = shift(day, 25) {
					report(day, "按计划推进，无新增问题")
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// requestContents are what the demo's firms ask, by category.
var requestContents = map[string][]string{
	"approval":       {"新建厂房施工许可办理进度咨询", "环评审批材料补正指导", "消防验收预约", "项目备案变更"},
	"land":           {"扩建项目用地指标申请", "厂区规划调整", "土地证办理"},
	"finance":        {"申请小微企业贷款贴息", "对接产业基金投资", "应急转贷资金申请"},
	"talent":         {"高层次人才子女入学", "招聘技术工人", "人才公寓申请"},
	"policy":         {"高企认定奖励兑现", "研发费用补助申领", "技改补贴兑现进度"},
	"infrastructure": {"厂区周边道路破损维修", "供电扩容", "天然气管线接入"},
	"other":          {"厂区周边交通秩序", "企业周边环境整治"},
}

// requestUnits route each category to the unit that handles it.
var requestUnits = map[string][]string{
	"approval": {"SPJ"}, "land": {"ZGJ"}, "finance": {"CJJ"}, "talent": {"RSJ", "SYJ"}, "policy": {"KCJ", "JFJ"},
	"infrastructure": {"JSJ"}, "other": {"ZFJ", "XCJD"},
}

// loadRequests writes about two hundred requests over the year from the
// register's firms: routed the day they came, most answered on time and
// rated, some late, a few overdue and a few new ones not routed yet.
func loadRequests(ctx context.Context, d *db.DB, s *supervise.Store, on func(string), office audit.Actor, units map[string]int64, rnd *rand.Rand) error {
	var firms []string
	rows, err := d.Query(ctx, "SELECT name FROM enterprises ORDER BY id LIMIT 120")
	if err != nil {
		return err
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		firms = append(firms, n)
	}
	rows.Close()
	extra, err := unitIDs(ctx, d, []string{"SPJ", "ZGJ", "CJJ", "RSJ", "SYJ", "KCJ", "JFJ", "JSJ", "ZFJ", "XCJD"})
	if err != nil {
		return err
	}
	for k, v := range extra {
		units[k] = v
	}
	categories := []string{"approval", "approval", "approval", "policy", "policy", "finance", "land", "talent", "infrastructure", "other"}
	for i := 0; i < 200; i++ {
		received := shift("2019-01-03", i*340/200+rnd.IntN(2))
		cat := categories[rnd.IntN(len(categories))]
		contents := requestContents[cat]
		r := supervise.Request{FirmName: firms[rnd.IntN(len(firms))], Contact: []string{"王经理", "李主任", "张总", "刘经理", "陈会计"}[rnd.IntN(5)],
			Phone: fmt.Sprintf("0536-8%06d", rnd.IntN(1000000)), Category: cat, Content: contents[rnd.IntN(len(contents))], ReceivedOn: received}
		on(received)
		var err error
		if i%6 == 0 {
			r, err = s.Submit(ctx, fmt.Sprintf("10.19.%d.%d", i/200, i%200+1), r)
		} else {
			r, err = s.Log(ctx, office, r)
		}
		if err != nil {
			return fmt.Errorf("demo request %d: %w", i, err)
		}
		if received >= shift(Today, -4) && i%3 != 2 {
			continue // new, not routed yet
		}
		handlers := requestUnits[cat]
		unit := units[handlers[rnd.IntN(len(handlers))]]
		if _, err := s.Assign(ctx, office, r.ID, unit, ""); err != nil {
			return fmt.Errorf("demo request %s: %w", r.Code, err)
		}
		answered := shift(received, 1+rnd.IntN(4))
		if i%9 == 5 {
			answered = shift(received, 6+rnd.IntN(5)) // late
		}
		if received >= shift(Today, -16) && i%3 == 0 {
			continue // with the unit, unanswered: overdue once its deadline has passed
		}
		if answered > Today {
			continue // still with the unit; overdue if past its deadline
		}
		on(answered)
		handler := audit.Actor{Name: "承办单位联络员", Address: "local"}
		if _, err := s.Answer(ctx, handler, r.ID, "已协调办理，结果已电话告知企业"); err != nil {
			return fmt.Errorf("demo request %s: %w", r.Code, err)
		}
		closed := shift(answered, 1)
		if closed > Today {
			continue
		}
		on(closed)
		_, token, err := s.Close(ctx, office, r.ID)
		if err != nil {
			return fmt.Errorf("demo request %s: %w", r.Code, err)
		}
		if i%5 == 4 {
			continue // the firm has not rated yet
		}
		rated := min(shift(closed, rnd.IntN(3)), Today)
		on(rated)
		stars := []int{5, 5, 5, 4, 4, 4, 3}[rnd.IntN(7)]
		if answered > shift(received, 5) {
			stars = 2 + rnd.IntN(2)
		}
		if _, err := s.Rate(ctx, token, stars, ""); err != nil {
			return fmt.Errorf("demo request %s rating: %w", r.Code, err)
		}
	}
	return nil
}
