package demo

import (
	"context"
	"fmt"
	"sort"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/project"
	"gaoxin/internal/report"
)

// writeProjects writes every project's record and 2019 plan as the 项目办
// enters them in January, with the nodes already done by then, and the
// livelihood programme's tree: one transaction, as an import would be.
func writeProjects(ctx context.Context, s *project.Store, office audit.Actor, ids map[string]int64, all []*demoProject, tree []msCategory) error {
	return s.Write(ctx, office, func(tx *project.Tx) error {
		if err := writeRecords(tx, s.Today(), ids, all); err != nil {
			return err
		}
		return writeProgramme(tx, tree)
	})
}

func writeRecords(tx *project.Tx, entered string, ids map[string]int64, all []*demoProject) error {
	for _, p := range all {
		p.LeadUnitID = ids[p.lead]
		p.Cooperators = nil
		for _, c := range p.coop {
			if c != p.lead {
				p.Cooperators = append(p.Cooperators, ids[c])
			}
		}
		created, err := tx.Create(p.Project)
		if err != nil {
			return fmt.Errorf("project %s: %w", p.Code, err)
		}
		p.Project = created
		_, profile := p.expected()
		y := project.Year{ProjectID: p.ID, Year: Year, PlannedInvestment: p.plan, Profile: profile,
			ProgressGoal: p.goal, InvestedBefore: p.before}
		if err := tx.SetYear(y); err != nil {
			return fmt.Errorf("project %s plan: %w", p.Code, err)
		}
		for _, n := range p.nodes {
			n.ProjectID = p.ID
			if n.Done && n.ActualOn >= entered {
				n.Done, n.ActualOn, n.Evidence = false, "", "" // done later in the year: see writeEvents
			}
			if err := tx.SetNode(n); err != nil {
				return fmt.Errorf("project %s node %s: %w", p.Code, n.Stage, err)
			}
		}
	}
	return nil
}

// writeProgramme writes the livelihood programme's tree, each piece
// pointing at its project.
func writeProgramme(tx *project.Tx, tree []msCategory) error {
	g, err := tx.CreateProgramme(project.Programme{Year: Year, Code: ProgrammeCode, Name: "2019年第一批民生实事"})
	if err != nil {
		return err
	}
	for c, cat := range tree {
		ci, err := tx.AddItem(project.Item{ProgrammeID: g.ID, Level: project.LevelCategory,
			Code: fmt.Sprintf("%d", c+1), Name: cat.name, Order: c + 1})
		if err != nil {
			return err
		}
		for i, item := range cat.items {
			ii, err := tx.AddItem(project.Item{ProgrammeID: g.ID, ParentID: ci.ID, Level: project.LevelItem,
				Code: fmt.Sprintf("%d.%d", c+1, i+1), Name: item.name, Order: i + 1})
			if err != nil {
				return err
			}
			for k, pc := range item.pieces {
				if _, err := tx.AddItem(project.Item{ProgrammeID: g.ID, ParentID: ii.ID, Level: project.LevelPiece,
					Code: fmt.Sprintf("%d.%d.%d", c+1, i+1, k+1), Name: pc.name, ProjectID: pc.p.ID, Order: k + 1}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// event is something done on a day of the year: a node reached, a problem
// raised or solved.
type event struct {
	on string
	do func() error
}

// writeEvents marks the nodes reached after January and raises and
// closes the problems, each on its day, in the order they happened, in one
// transaction.
func writeEvents(ctx context.Context, s *project.Store, office audit.Actor, ids map[string]int64, all []*demoProject, clock *time.Time) error {
	return s.Write(ctx, office, func(tx *project.Tx) error { return events(tx, ids, all, clock) })
}

func events(tx *project.Tx, ids map[string]int64, all []*demoProject, clock *time.Time) error {
	entered := date(Year, 1, 18)
	var list []event
	for _, p := range all {
		for _, n := range p.nodes {
			if !n.Done || n.ActualOn < entered {
				continue
			}
			n.ProjectID = p.ID
			list = append(list, event{n.ActualOn, func() error { return tx.SetNode(n) }})
		}
		for _, pr := range p.problems {
			pr.ProjectID, pr.OwnerUnitID = p.ID, ids[pr.owner]
			var added project.Problem
			list = append(list, event{pr.RaisedOn, func() (err error) {
				added, err = tx.AddProblem(pr.Problem)
				return err
			}})
			if pr.closedOn != "" {
				list = append(list, event{pr.closedOn, func() error { return tx.CloseProblem(added.ID, pr.solution) }})
			}
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].on < list[j].on })
	for _, e := range list {
		t, _ := time.Parse("2006-01-02", e.on)
		*clock = at(t.Year(), t.Month(), t.Day(), 17)
		if err := e.do(); err != nil {
			return fmt.Errorf("%s: %w", e.on, err)
		}
	}
	return nil
}

// novemberProjects is how far each lead unit has got with November's
// project reports on the demo's "today", so that the portfolio shows
// every state of the workflow as the figures do.
var novemberProjects = map[string]string{
	"TCJ":  "draft",     // 投资促进局 is filling it in: BrowserProject's row is still empty
	"GDY":  "submitted", // waiting for the unit head
	"SWY":  "confirmed", // waiting for the 项目办
	"DLY":  "returned",  // one report sent back by the 项目办
	"XCJD": "none",      // the street's reporter fills its pieces in, as its figures
}

// reportMonths reports every project January–November through the
// workflow: the lead unit's reporter submits a few days before the
// deadline, its head confirms the next day, the 项目办 approves.
func reportMonths(ctx context.Context, s *project.Store, who actors, office audit.Actor, periods []report.Period, all []*demoProject, clock *time.Time) error {
	byUnit := map[string][]*demoProject{}
	var units []string
	for _, p := range all {
		if byUnit[p.lead] == nil {
			units = append(units, p.lead)
		}
		byUnit[p.lead] = append(byUnit[p.lead], p)
	}
	sort.Strings(units)
	for m := 1; m <= 11; m++ {
		per := periods[m-1]
		due, _ := time.Parse("2006-01-02", per.DueOn)
		for _, u := range units {
			state := "approved"
			if m == 11 && novemberProjects[u] != "" {
				state = novemberProjects[u]
			}
			*clock = at(due.Year(), due.Month(), due.Day()-2, 15)
			if err := reportUnit(ctx, s, who, office, per, u, byUnit[u], state, clock); err != nil {
				return fmt.Errorf("%s %d月: %w", u, m, err)
			}
		}
	}
	return nil
}

// reportUnit takes one lead unit's reports of a month as far as state.
func reportUnit(ctx context.Context, s *project.Store, who actors, office audit.Actor, per report.Period, unit string, list []*demoProject, state string, clock *time.Time) error {
	if state == "none" {
		return nil
	}
	var entries []project.Entry
	var ids []int64
	for _, p := range list {
		if state == "draft" && p.Code == BrowserProject {
			continue
		}
		e := p.entry(per.Month)
		entries = append(entries, e)
		ids = append(ids, p.ID)
	}
	if state == "draft" {
		return s.SaveDrafts(ctx, who.reporterOf(unit), per, entries)
	}
	if err := s.Submit(ctx, who.reporterOf(unit), per, entries, ids); err != nil || state == "submitted" {
		return err
	}
	*clock = clock.Add(22 * time.Hour)
	if err := s.Move(ctx, who.headOf(unit), per, ids, report.StepConfirm, ""); err != nil || state == "confirmed" {
		return err
	}
	*clock = clock.Add(20 * time.Hour)
	if state == "returned" {
		if err := s.Move(ctx, office, per, ids[1:], report.StepApprove, ""); err != nil {
			return err
		}
		return s.Move(ctx, office, per, ids[:1], report.StepReturn, "形象进度写得过于笼统，请写明主体结构完成到第几层。")
	}
	if fix, ok := corrections[correctionKey{unit, per.Month}]; ok {
		// The 项目办 returns one report, the unit corrects and resubmits it,
		// its head confirms again: the workflow's history shows a return.
		if err := s.Move(ctx, office, per, ids[:1], report.StepReturn, fix.reason); err != nil {
			return err
		}
		*clock = clock.Add(3 * time.Hour)
		e := entries[0]
		e.Progress += fix.progress
		if err := s.Submit(ctx, who.reporterOf(unit), per, []project.Entry{e}, ids[:1]); err != nil {
			return err
		}
		*clock = clock.Add(2 * time.Hour)
		if err := s.Move(ctx, who.headOf(unit), per, ids[:1], report.StepConfirm, ""); err != nil {
			return err
		}
		*clock = clock.Add(2 * time.Hour)
	}
	return s.Move(ctx, office, per, ids, report.StepApprove, "")
}

type correctionKey struct {
	unit  string
	month int
}

// corrections are the reports the 项目办 returned during the year and the
// units corrected: one a unit and month, the unit's first project.
var corrections = map[correctionKey]struct{ reason, progress string }{
	{"JSJ", 4}:  {"请补充施工许可办理进度。", "施工许可已于本月取得。"},
	{"GDY", 6}:  {"本月投资与财务报表不一致，请核实。", "（已按财务报表核实）"},
	{"SYJ", 8}:  {"形象进度请写明校舍主体完成情况。", "教学楼主体完成至四层。"},
	{"TCJ", 9}:  {"请说明设备到货情况。", "主要生产设备已到货80%。"},
	{"SWY", 10}: {"问题描述不具体，请写明需协调的事项。", "需协调电力增容事项已提交区级调度。"},
}

// entry is the project's report of a month: the month's investment, the
// 形象进度 reached and, when the year to date is behind 序时, why.
func (p *demoProject) entry(month int) project.Entry {
	v := p.months[month-1]
	ytd := 0.0
	for m := 0; m < month; m++ {
		ytd += p.months[m]
	}
	e := project.Entry{ProjectID: p.ID, InvestMonth: &v, Progress: p.progress(month, ytd)}
	_, profile := p.expected()
	y := project.Year{PlannedInvestment: p.plan, Profile: profile}
	if exp := y.ExpectedBy(month); exp > 0 && ytd < 0.95*exp {
		e.Problems = behindNotes[int(p.ID)%len(behindNotes)]
	}
	return e
}

// progress is a project's 形象进度 at the end of a month: the last node it
// reached by then and the share of the year's plan invested.
func (p *demoProject) progress(month int, ytd float64) string {
	end := date(Year, month, 28)
	reached := ""
	for _, n := range p.nodes {
		if n.Done && n.ActualOn <= end {
			reached = stageNames[n.Stage]
		}
	}
	share := 0.0
	if p.plan > 0 {
		share = ytd / p.plan * 100
	}
	switch {
	case reached == "":
		return fmt.Sprintf("前期手续办理中，年度计划完成%.0f%%。", share)
	case ytd == 0:
		return fmt.Sprintf("已完成%s，施工准备中。", reached)
	default:
		return fmt.Sprintf("已完成%s，%s，年度计划完成%.0f%%。", reached, works[month%len(works)], share)
	}
}

var stageNames = map[project.Stage]string{"sign": "签约", "approve": "立项", "land": "用地", "planning": "规划许可",
	"permit": "施工许可", "start": "开工", "topped": "主体完工", "complete": "竣工", "operate": "投产", "effect": "达效"}

var works = []string{"主体结构施工中", "钢结构安装中", "设备采购安装中", "室外配套工程施工中", "装饰装修施工中", "管网铺设中"}
