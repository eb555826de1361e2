package demo

import (
	"math/rand/v2"

	"gaoxin/internal/project"
)

// problemKind is a problem a project meets, the unit that owns it and how
// it was solved.
type problemKind struct{ title, owner, solution string }

var keyProblems = []problemKind{
	{"项目用地指标尚未落实", "ZGJ", "经区领导协调，已调剂落实用地指标。"},
	{"施工许可手续办理滞后", "SPJ", "行政审批服务局开辟绿色通道，施工许可已办结。"},
	{"配套电力增容未到位", "JFJ", "协调供电公司加快施工，专线已送电。"},
	{"环评批复尚待上级审批", "STJ", "已取得环评批复。"},
	{"项目融资到位慢于预期", "CJJ", "协调合作银行完成授信，首笔贷款已发放。"},
	{"进口生产设备通关延迟", "JFJ", "设备已通关到厂，开始安装调试。"},
	{"规划方案调整待审查", "ZGJ", "规划方案已通过专家审查。"},
}

var worksProblems = []problemKind{
	{"地下管线迁改协调难度大", "JSJ", "会同管线产权单位制定迁改方案，已完成迁改。"},
	{"地上附着物清表未完成", "QCJD", "街道完成清表，施工单位已进场。"},
	{"施工围挡占道引发群众投诉", "ZFJ", "调整围挡范围并错峰施工，投诉已办结。"},
	{"工程款拨付滞后", "CJJ", "财政金融局已拨付进度款。"},
	{"雨季积水影响基础施工", "JSJ", "增设临时排水设施，已恢复施工。"},
}

// behindNotes explain, in a report, why a project is behind its 序时 plan.
var behindNotes = []string{
	"受土地征收进度影响，施工进场推迟，已协调自然资源和规划局加快办理。",
	"设备采购合同签订滞后，预计下月集中到货安装。",
	"受环保管控停工影响，施工进度滞后，复工后增加作业面赶工。",
	"融资到位慢于预期，正协调金融机构加快放款。",
	"前期手续办理中，开工时间推迟，已列入区级协调事项。",
}

// problemsFor gives a project the problems its trouble calls for: an open
// one past its deadline, one for a project behind, and for others now and
// then one solved or one still within its time.
func problemsFor(rnd *rand.Rand, p *demoProject, t trouble) []demoProblem {
	kinds := keyProblems
	if p.Category == "infrastructure" || p.Category == "livelihood" {
		kinds = worksProblems
	}
	k := pick(rnd, kinds)
	pr := demoProblem{Problem: project.Problem{Title: k.title, Leader: p.Leader}, owner: k.owner}
	if pr.Leader == "" {
		pr.Leader = pick(rnd, leaders)
	}
	switch r := rnd.IntN(100); {
	case t == problemLate:
		pr.RaisedOn, pr.Deadline = day(between(rnd, 8, 10), between(rnd, 1, 28)), day(11, between(rnd, 1, 28))
	case t == lagging || t == stalled:
		pr.RaisedOn, pr.Deadline = day(10, between(rnd, 1, 28)), day(12, 31)
	case r < 15:
		pr.RaisedOn = day(between(rnd, 3, 9), between(rnd, 1, 20))
		pr.Deadline = shift(pr.RaisedOn, 30)
		pr.closedOn, pr.solution = shift(pr.RaisedOn, between(rnd, 7, 28)), k.solution
	case r < 20:
		pr.RaisedOn, pr.Deadline = day(11, between(rnd, 1, 25)), day(12, between(rnd, 26, 31))
	default:
		return nil
	}
	return []demoProblem{pr}
}
