package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"gaoxin/internal/project"
)

// trouble is what, if anything, lights a project yellow or red on the
// demo's "today"; every light has a real reason in the rows.
type trouble int

const (
	calm        trouble = iota // green: nodes and investment on plan
	lagging                    // yellow: investment 80–86% of 序时
	stalled                    // red: investment below 70% of 序时
	nodeSoon                   // yellow: a node due within the warning days
	nodeLate                   // red: a node past its planned date
	problemLate                // red: an open problem past its deadline
)

// troubles are drawn with these weights (of 100).
var troubleWeights = []struct {
	t trouble
	w int
}{{calm, 70}, {lagging, 9}, {stalled, 4}, {nodeSoon, 7}, {nodeLate, 5}, {problemLate, 5}}

func drawTrouble(rnd *rand.Rand) trouble {
	n := rnd.IntN(100)
	for _, tw := range troubleWeights {
		if n < tw.w {
			return tw.t
		}
		n -= tw.w
	}
	return calm
}

// lastDone is the last day a done node or a closed problem may carry: the
// end of November, so that what the portfolio counts by month is all in
// the months reported.
const lastDone = "2019-11-30"

// schedule draws the project's trouble and lays out its nodes, problems
// and months of investment to match it.
func (p *demoProject) schedule(rnd *rand.Rand) {
	if p.Code == BrowserProject {
		p.browserSchedule()
		return
	}
	t := calm
	if !p.calm {
		t = drawTrouble(rnd)
	}
	switch t {
	case lagging:
		p.pace = 0.80 + rnd.Float64()*0.06
	case stalled:
		p.pace = 0.55 + rnd.Float64()*0.13
	default:
		p.pace = 0.94 + rnd.Float64()*0.18
	}
	if p.Category == "infrastructure" || p.Category == "livelihood" {
		p.worksNodes(rnd, t)
	} else {
		p.keyNodes(rnd, t)
	}
	p.problems = problemsFor(rnd, p, t)
	p.spend(rnd)
}

// node adds a stage node planned on a day; one planned by lastDone is
// done, on about that day, with its evidence.
func (p *demoProject) node(rnd *rand.Rand, st project.Stage, planned string) {
	if planned > lastDone && planned <= Today {
		planned = lastDone // nothing falls due in the days before "today" unless a trouble says so
	}
	n := project.Node{Stage: st, PlannedOn: planned, Owner: p.lead}
	if planned <= lastDone {
		n.Done, n.ActualOn = true, shift(planned, between(rnd, -6, 6))
		if n.ActualOn > lastDone {
			n.ActualOn = lastDone
		}
		n.Evidence = evidence[st]
	}
	p.nodes = append(p.nodes, n)
}

var evidence = map[project.Stage]string{
	"sign": "投资合作协议.pdf", "approve": "项目备案证明.pdf", "land": "国有建设用地使用权出让合同.pdf", "planning": "建设工程规划许可证.pdf",
	"permit": "建筑工程施工许可证.pdf", "start": "开工报告及现场照片.jpg", "topped": "主体结构验收记录.pdf", "complete": "竣工验收备案表.pdf",
	"operate": "投产情况说明.pdf", "effect": "达效评估报告.pdf",
}

// shift moves a date by days.
func shift(d string, days int) string {
	t, _ := time.Parse("2006-01-02", d)
	return t.AddDate(0, 0, days).Format("2006-01-02")
}

// keyNodes: the stages from 签约 to 开工 done before work started, then
// 主体完工, 竣工 and (for industry) 投产 ahead.
func (p *demoProject) keyNodes(rnd *rand.Rand, t trouble) {
	startOn := date(p.StartYear, between(rnd, 3, 10), between(rnd, 5, 28))
	if p.StartYear == Year {
		p.from = between(rnd, 3, 9)
		startOn = day(p.from, between(rnd, 5, 28))
	} else if rnd.IntN(2) == 0 {
		p.from = 1 // a 序时 profile with the seasons; else time-proportional
	}
	p.to = 12
	// The early stages, walking back from 开工.
	on := startOn
	var early []string
	for range []project.Stage{"permit", "planning", "land", "approve", "sign"} {
		on = shift(on, -between(rnd, 8, 40))
		early = append([]string{on}, early...)
	}
	for i, st := range []project.Stage{"sign", "approve", "land", "planning", "permit"} {
		p.node(rnd, st, early[i])
	}
	p.node(rnd, "start", startOn)
	if p.EndYear == 2020 && p.StartYear < Year && rnd.IntN(2) == 0 {
		p.node(rnd, "topped", day(between(rnd, 4, 10), between(rnd, 1, 28)))
	} else {
		p.node(rnd, "topped", date(max(2020, p.EndYear-1), between(rnd, 3, 5), between(rnd, 1, 28)))
	}
	p.node(rnd, "complete", date(p.EndYear, between(rnd, 6, 11), between(rnd, 1, 28)))
	if p.Category == "industrial" {
		p.node(rnd, "operate", date(p.EndYear, 12, between(rnd, 10, 28)))
	}
	p.troubleNode(rnd, t)
}

// worksNodes: a one-year work's 立项, 施工许可, 开工 and 竣工.
func (p *demoProject) worksNodes(rnd *rand.Rand, t trouble) {
	p.from = pick(rnd, []int{3, 3, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7, 8, 8, 9, 10, 11})
	p.to = min(12, p.from+between(rnd, 3, 8))
	startOn := day(p.from, between(rnd, 3, 25))
	completeOn := day(p.to, between(rnd, 5, 28))
	if p.to == 12 {
		completeOn = day(12, between(rnd, 25, 31)) // the year's works finish after the warning days
	}
	switch {
	case t == nodeSoon && rnd.IntN(2) == 0:
		p.from, p.to = 12, 12
		startOn, completeOn = day(12, between(rnd, 12, 23)), day(12, 31)
	case t == nodeSoon:
		p.to, completeOn = 12, day(12, between(rnd, 12, 23))
	case t == nodeLate && rnd.IntN(2) == 0:
		p.from, p.to = 11, 12 // 开工 slipped: nothing invested yet
		startOn, completeOn, p.pace = day(11, between(rnd, 5, 25)), day(12, 31), 0
	case t == nodeLate:
		p.to = max(p.to, min(11, p.from+3))
		completeOn = day(p.to, between(rnd, 1, 25))
	}
	approveOn := shift(startOn, -between(rnd, 40, 70))
	p.node(rnd, "approve", approveOn)
	p.node(rnd, "permit", shift(startOn, -between(rnd, 5, 15)))
	p.node(rnd, "start", startOn)
	p.node(rnd, "complete", completeOn)
	switch {
	case t == nodeLate && p.pace == 0:
		p.undo("start")
	case t == nodeLate:
		p.undo("complete")
	}
}

// troubleNode moves the first node not done yet: into the warning days,
// or into the past and left undone.
func (p *demoProject) troubleNode(rnd *rand.Rand, t trouble) {
	if t != nodeSoon && t != nodeLate {
		return
	}
	for i := range p.nodes {
		n := &p.nodes[i]
		if n.Done {
			continue
		}
		if t == nodeSoon {
			n.PlannedOn = day(12, between(rnd, 12, 23))
			return
		}
		n.PlannedOn = day(between(rnd, 10, 11), between(rnd, 1, 28))
		if i > 0 && n.PlannedOn <= p.nodes[i-1].PlannedOn {
			n.PlannedOn = lastDone
		}
		return
	}
}

// undo leaves a node planned but not done: it slipped.
func (p *demoProject) undo(st project.Stage) {
	for i := range p.nodes {
		if p.nodes[i].Stage == st {
			p.nodes[i].Done, p.nodes[i].ActualOn, p.nodes[i].Evidence = false, "", ""
		}
	}
}

// expected is the year's 序时 plan, year to date at the end of each month:
// the seasons' shape over the months the money is spent in, in whole 万元;
// time-proportional when from is 0.
func (p *demoProject) expected() (cum [12]float64, profile []float64) {
	if p.from == 0 {
		for m := range cum {
			cum[m] = p.plan * float64(m+1) / 12
		}
		return cum, nil
	}
	total, run := 0.0, 0.0
	for m := p.from - 1; m < p.to; m++ {
		total += season[m]
	}
	for m := range cum {
		if m >= p.from-1 && m < p.to {
			run += season[m]
		}
		cum[m] = math.Round(p.plan * run / total)
	}
	cum[11] = p.plan
	return cum, cum[:]
}

// spend is the investment of each month January–November: the 序时 plan
// at the project's pace, in whole 万元, never going down and never beyond
// the year's plan.
func (p *demoProject) spend(rnd *rand.Rand) {
	exp, _ := p.expected()
	done := 0.0
	for m := 0; m < 11; m++ {
		// Ahead of 序时 at most up to the year's plan: a project does not
		// spend more in the year than it planned to.
		v := math.Min(p.plan, math.Max(done, math.Round(exp[m]*p.pace*(1+(rnd.Float64()-0.5)*0.03))))
		p.months[m] = v - done
		done = v
	}
}

// browserSchedule is BrowserProject's year: started in 2018, nothing due
// for months, and 16,400 of the 20,000 万元 序时 by October (82%).
func (p *demoProject) browserSchedule() {
	p.from, p.pace = 0, 0.82
	p.months = [12]float64{1200, 1000, 1500, 1600, 1700, 1800, 1700, 1800, 2000, 2100}
	for _, n := range []struct {
		st       project.Stage
		on, done string
	}{
		{"sign", "2017-11-20", "2017-11-18"}, {"approve", "2018-01-15", "2018-01-12"}, {"land", "2018-02-28", "2018-03-06"},
		{"planning", "2018-03-30", "2018-03-28"}, {"permit", "2018-04-20", "2018-04-19"}, {"start", "2018-05-10", "2018-05-08"},
		{"topped", "2020-04-30", ""}, {"complete", "2020-10-31", ""}, {"operate", "2020-12-31", ""},
	} {
		node := project.Node{Stage: n.st, PlannedOn: n.on, ActualOn: n.done, Owner: p.lead, Done: n.done != ""}
		if node.Done {
			node.Evidence = evidence[n.st]
		}
		p.nodes = append(p.nodes, node)
	}
	p.problems = []demoProblem{{Problem: project.Problem{Title: "二期厂房配套电力增容未到位", Leader: leaders[0],
		Deadline: "2019-05-31", RaisedOn: "2019-04-12"}, owner: "JFJ", closedOn: "2019-05-20", solution: "经协调供电公司，专线已于5月中旬送电。"}}
}
