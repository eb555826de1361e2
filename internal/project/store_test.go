package project_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/project"
)

// sameProject compares two records field by field, times by instant (the
// engines give them back in different locations).
func pjSameProject(t *testing.T, got, want project.Project) {
	t.Helper()
	if !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("times = %s, %s; want %s, %s", got.CreatedAt, got.UpdatedAt, want.CreatedAt, want.UpdatedAt)
	}
	got.CreatedAt, got.UpdatedAt, want.CreatedAt, want.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("project =\n%+v\nwant\n%+v", got, want)
	}
}

func TestProjectRecord(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pjNewWorld(t, d)
		created := w.clock.t
		p, err := w.s.Create(pjCtx, w.office, project.Project{
			Code: " XM2019-001 ", Name: " 歌尔智能硬件产业园 ", Category: "industrial", Cluster: " 新一代信息技术 ",
			LeadUnitID: w.xc, Cooperators: []int64{w.park, w.fgj, w.park, w.xc}, Leader: "张区长", Investor: "歌尔股份有限公司",
			Location: "新城街道玉清东街", TotalInvestment: 500000, Content: "建设厂房 30 万平方米", Capacity: "年产智能硬件 5000 万台",
			StartYear: 2018, EndYear: 2021, Level: project.Province, Tags: []string{" 双招双引 ", "", "技改", "双招双引"},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := project.Project{ID: p.ID, Code: "XM2019-001", Name: "歌尔智能硬件产业园", Category: "industrial",
			Cluster: "新一代信息技术", LeadUnitID: w.xc, Cooperators: []int64{w.fgj, w.park}, Leader: "张区长",
			Investor: "歌尔股份有限公司", Location: "新城街道玉清东街", TotalInvestment: 500000, Content: "建设厂房 30 万平方米",
			Capacity: "年产智能硬件 5000 万台", StartYear: 2018, EndYear: 2021, Level: project.Province,
			Tags: []string{"双招双引", "技改"}, CreatedAt: created, UpdatedAt: created}
		if p.ID == 0 {
			t.Fatal("no id")
		}
		got, err := w.s.Project(pjCtx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Cooperators are read back in unit order, without the lead unit.
		pjSameProject(t, got, want)
		byCode, err := w.s.ByCode(pjCtx, "XM2019-001")
		if err != nil {
			t.Fatal(err)
		}
		pjSameProject(t, byCode, want)

		// An update changes everything but the code and the creation time.
		w.clock.on("2019-12-10")
		changed := got
		changed.Code, changed.Name, changed.Category, changed.Cluster = "OTHER", "歌尔智能硬件产业园（一期）", "innovation", ""
		changed.LeadUnitID, changed.Cooperators, changed.Level, changed.Tags = w.fgj, []int64{w.jsj}, project.City, nil
		changed.TotalInvestment, changed.EndYear = 520000, 2022
		if _, err := w.s.Update(pjCtx, w.office, changed); err != nil {
			t.Fatal(err)
		}
		want.Name, want.Category, want.Cluster, want.LeadUnitID = "歌尔智能硬件产业园（一期）", "innovation", "", w.fgj
		want.Cooperators, want.Level, want.Tags, want.TotalInvestment, want.EndYear = []int64{w.jsj}, project.City, nil, 520000, 2022
		want.UpdatedAt = w.clock.t
		got, _ = w.s.Project(pjCtx, p.ID)
		pjSameProject(t, got, want)
		if _, err := w.s.ByCode(pjCtx, "OTHER"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("the code changed: %v", err)
		}
		if _, err := w.s.Project(pjCtx, p.ID+100); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("a missing project: %v", err)
		}

		// Refusals, each on its field.
		base := project.Project{Code: "XM2019-002", Name: "潍柴高端发动机", Category: "industrial", LeadUnitID: w.fgj,
			TotalInvestment: 1000, StartYear: 2019, EndYear: 2020}
		cases := []struct {
			name         string
			change       func(*project.Project)
			field, key   string
			keyArgsFirst any
		}{
			{"duplicate code", func(p *project.Project) { p.Code = " XM2019-001" }, "code", "project.err.code_taken", "XM2019-001"},
			{"unknown category", func(p *project.Project) { p.Category = "mining" }, "category", "project.err.category", "mining"},
			{"unknown lead unit", func(p *project.Project) { p.LeadUnitID = w.jsj + 1000 }, "lead_unit", "project.err.unit", nil},
			{"unknown cooperator", func(p *project.Project) { p.Cooperators = []int64{w.jsj + 1000} }, "cooperators", "project.err.unit", nil},
			{"no code", func(p *project.Project) { p.Code = "  " }, "code", "project.err.code", nil},
			{"no name", func(p *project.Project) { p.Name = "" }, "name", "project.err.name", nil},
			{"no lead unit", func(p *project.Project) { p.LeadUnitID = 0 }, "lead_unit", "project.err.unit", nil},
			{"no total", func(p *project.Project) { p.TotalInvestment = 0 }, "total_investment", "project.err.total", nil},
			{"end before start", func(p *project.Project) { p.EndYear = 2018 }, "start_year", "project.err.years", nil},
			{"unknown level", func(p *project.Project) { p.Level = "national" }, "level", "project.err.level", nil},
		}
		for _, c := range cases {
			p := base
			c.change(&p)
			_, err := w.s.Create(pjCtx, w.office, p)
			var verr *i18n.Error
			if !errors.As(err, &verr) || verr.Field != c.field || verr.Key != c.key {
				t.Errorf("%s: error = %v, want %s on %s", c.name, err, c.key, c.field)
				continue
			}
			if c.keyArgsFirst != nil && (len(verr.Args) == 0 || verr.Args[0] != c.keyArgsFirst) {
				t.Errorf("%s: args = %v", c.name, verr.Args)
			}
		}
		// Nothing of the refused ones was stored, the valid one goes in.
		if _, err := w.s.ByCode(pjCtx, "XM2019-002"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("a refused project was stored: %v", err)
		}
		if _, err := w.s.Create(pjCtx, w.office, base); err != nil {
			t.Fatal(err)
		}
		// An update is checked the same way.
		changed = got
		changed.Category = "mining"
		_, err = w.s.Update(pjCtx, w.office, changed)
		pjWantInvalid(t, err, "category", "project.err.category")
	})
}

func TestCategories(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pjNewWorld(t, d)
		list, err := w.s.Categories(pjCtx)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, c := range list {
			codes = append(codes, c.Code)
		}
		if want := []string{"industrial", "service", "innovation", "infrastructure", "social", "livelihood"}; !reflect.DeepEqual(codes, want) {
			t.Fatalf("categories = %v", codes)
		}
		if list[0].Label(i18n.ZH) != "产业项目" || list[0].Label(i18n.EN) != "Industrial" {
			t.Errorf("labels %q %q", list[0].Label(i18n.ZH), list[0].Label(i18n.EN))
		}
		if err := w.s.AddCategory(pjCtx, w.office, project.Category{Code: " agri ", Name: "现代农业项目", Order: 70}); err != nil {
			t.Fatal(err)
		}
		pjWantInvalid(t, w.s.AddCategory(pjCtx, w.office, project.Category{Code: "agri", Name: "重复"}), "code", "project.err.category_taken")
		pjWantInvalid(t, w.s.AddCategory(pjCtx, w.office, project.Category{Code: "x"}), "code", "project.err.category_fields")
		list, _ = w.s.Categories(pjCtx)
		if last := list[len(list)-1]; last.Code != "agri" || last.Label(i18n.EN) != "现代农业项目" {
			t.Errorf("added category = %+v", last)
		}
		// The new category can be used at once.
		if _, err := w.s.Create(pjCtx, w.office, project.Project{Code: "NY1", Name: "智慧农业园", Category: "agri", LeadUnitID: w.xc,
			TotalInvestment: 100, StartYear: 2019, EndYear: 2019}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestYearPlan(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pjNewWorld(t, d)
		p := w.add(t, project.Project{Code: "P1", Category: "industrial", LeadUnitID: w.fgj, TotalInvestment: 10000}, 0, nil)
		y := project.Year{ProjectID: p.ID, Year: 2019, PlannedInvestment: 6000, ProgressGoal: " 主体完工 ", InvestedBefore: 4000}
		if err := w.s.SetYear(pjCtx, w.office, y); err != nil {
			t.Fatal(err)
		}
		got, err := w.s.YearOf(pjCtx, p.ID, 2019)
		if want := (project.Year{ProjectID: p.ID, Year: 2019, PlannedInvestment: 6000, ProgressGoal: "主体完工", InvestedBefore: 4000}); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("YearOf = %+v, %v; want %+v", got, err, want)
		}
		if _, err := w.s.YearOf(pjCtx, p.ID, 2020); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("a year without a plan: %v", err)
		}
		// Replaced, now with a profile.
		profile := []float64{0, 0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000}
		y = project.Year{ProjectID: p.ID, Year: 2019, PlannedInvestment: 5000, Profile: profile, InvestedBefore: 3000}
		if err := w.s.SetYear(pjCtx, w.office, y); err != nil {
			t.Fatal(err)
		}
		got, _ = w.s.YearOf(pjCtx, p.ID, 2019)
		if !reflect.DeepEqual(got, y) {
			t.Fatalf("replaced YearOf = %+v, want %+v", got, y)
		}
		if got.ExpectedBy(3) != 500 || got.ExpectedBy(12) != 5000 || got.ExpectedBy(0) != 0 || got.ExpectedBy(13) != 5000 {
			t.Errorf("ExpectedBy with a profile = %v %v", got.ExpectedBy(3), got.ExpectedBy(12))
		}
		if even := (project.Year{PlannedInvestment: 1200}); even.ExpectedBy(5) != 500 {
			t.Errorf("ExpectedBy without a profile = %v", even.ExpectedBy(5))
		}

		err = w.s.SetYear(pjCtx, w.office, project.Year{ProjectID: p.ID, Year: 2019, PlannedInvestment: 7000, InvestedBefore: 4000})
		pjWantInvalid(t, err, "planned_investment", "project.err.plan_over_total")
		var verr *i18n.Error
		errors.As(err, &verr)
		if zh := verr.In(i18n.ZH); zh != "年度计划投资 7000 万元超过总投资 10000 万元（以前年度已完成 4000 万元）。" {
			t.Errorf("message = %s", zh)
		}
		// Exactly the rest of the total is allowed.
		if err := w.s.SetYear(pjCtx, w.office, project.Year{ProjectID: p.ID, Year: 2019, PlannedInvestment: 6000, InvestedBefore: 4000}); err != nil {
			t.Errorf("plan equal to the rest of the total: %v", err)
		}
		refusals := []struct {
			y          project.Year
			field, key string
		}{
			{project.Year{Year: 2022, PlannedInvestment: 10}, "year", "project.err.year_outside"},
			{project.Year{Year: 2019, PlannedInvestment: -1}, "planned_investment", "project.err.negative"},
			{project.Year{Year: 2019, PlannedInvestment: 100, Profile: []float64{100}}, "profile", "project.err.profile"},
			{project.Year{Year: 2019, PlannedInvestment: 100, Profile: []float64{10, 20, 15, 30, 40, 50, 60, 70, 80, 90, 95, 100}}, "profile", "project.err.profile"},
			{project.Year{Year: 2019, PlannedInvestment: 100, Profile: []float64{10, 20, 30, 30, 40, 50, 60, 70, 80, 90, 95, 99}}, "profile", "project.err.profile"},
		}
		for _, c := range refusals {
			c.y.ProjectID = p.ID
			pjWantInvalid(t, w.s.SetYear(pjCtx, w.office, c.y), c.field, c.key)
		}
		if got, _ := w.s.YearOf(pjCtx, p.ID, 2019); got.PlannedInvestment != 6000 || got.Profile != nil {
			t.Errorf("a refused plan changed the year: %+v", got)
		}
	})
}

func TestNodes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pjNewWorld(t, d) // today is 2019-12-09
		p := w.add(t, project.Project{Code: "P1", Category: "industrial", LeadUnitID: w.fgj, TotalInvestment: 10000}, 3000, nil)
		refusals := []struct {
			name       string
			n          project.Node
			field, key string
		}{
			{"done without date", project.Node{Stage: "start", PlannedOn: "2019-05-31", Done: true, Evidence: "开工令"}, "actual_on", "project.err.done_date"},
			{"done without evidence", project.Node{Stage: "start", ActualOn: "2019-06-02", Done: true, Evidence: "  "}, "evidence", "project.err.done_evidence"},
			{"done in the future", project.Node{Stage: "start", ActualOn: "2019-12-10", Done: true, Evidence: "开工令"}, "actual_on", "project.err.future"},
			{"actual date not done", project.Node{Stage: "start", ActualOn: "2019-06-02"}, "actual_on", "project.err.actual_not_done"},
			{"unknown stage", project.Node{Stage: "dig", PlannedOn: "2019-05-31"}, "stage", "project.err.stage"},
			{"bad planned date", project.Node{Stage: "start", PlannedOn: "2019/05/31"}, "planned_on", "project.err.date"},
			{"bad actual date", project.Node{Stage: "start", ActualOn: "2019-02-30", Done: true, Evidence: "x"}, "actual_on", "project.err.date"},
		}
		for _, c := range refusals {
			c.n.ProjectID = p.ID
			err := w.s.SetNode(pjCtx, w.office, c.n)
			var verr *i18n.Error
			if !errors.As(err, &verr) || verr.Field != c.field || verr.Key != c.key {
				t.Errorf("%s: error = %v, want %s on %s", c.name, err, c.key, c.field)
			}
		}
		if list, _ := w.s.Nodes(pjCtx, p.ID); len(list) != 0 {
			t.Fatalf("refused nodes were stored: %+v", list)
		}
		// Done today is allowed; nodes are listed in the order of the stages.
		for _, n := range []project.Node{
			{Stage: "start", PlannedOn: "2019-05-31", ActualOn: "2019-12-09", Done: true, Owner: " 李科长 ", Evidence: " 施工许可证 "},
			{Stage: "sign", PlannedOn: "2019-01-15", ActualOn: "2019-01-10", Done: true, Owner: "王主任", Evidence: "投资协议"},
			{Stage: "complete", PlannedOn: "2020-10-31", Owner: "李科长"},
		} {
			n.ProjectID = p.ID
			if err := w.s.SetNode(pjCtx, w.office, n); err != nil {
				t.Fatal(err)
			}
		}
		list, err := w.s.Nodes(pjCtx, p.ID)
		if err != nil || len(list) != 3 {
			t.Fatalf("Nodes = %+v, %v", list, err)
		}
		var stages []project.Stage
		for _, n := range list {
			stages = append(stages, n.Stage)
		}
		if !reflect.DeepEqual(stages, []project.Stage{"sign", "start", "complete"}) {
			t.Errorf("order = %v", stages)
		}
		start := list[1]
		if want := (project.Node{ID: start.ID, ProjectID: p.ID, Stage: "start", PlannedOn: "2019-05-31", ActualOn: "2019-12-09",
			Owner: "李科长", Evidence: "施工许可证", Done: true}); start != want {
			t.Errorf("start node = %+v, want %+v", start, want)
		}
		// Setting a stage again changes its row.
		if err := w.s.SetNode(pjCtx, w.office, project.Node{ProjectID: p.ID, Stage: "complete", PlannedOn: "2020-12-31"}); err != nil {
			t.Fatal(err)
		}
		list, _ = w.s.Nodes(pjCtx, p.ID)
		if len(list) != 3 || list[2].PlannedOn != "2020-12-31" || list[2].Owner != "" {
			t.Errorf("updated node = %+v", list[2])
		}
		if st, ok := project.StageOf("开工"); !ok || st != "start" {
			t.Errorf("StageOf(开工) = %q %v", st, ok)
		}
		if st, ok := project.StageOf(" topped "); !ok || st != "topped" {
			t.Errorf("StageOf(topped) = %q %v", st, ok)
		}
		if _, ok := project.StageOf("挖坑"); ok {
			t.Error("StageOf took an unknown stage")
		}
	})
}

func TestProblems(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pjNewWorld(t, d)
		p := w.add(t, project.Project{Code: "P1", Category: "industrial", LeadUnitID: w.fgj, TotalInvestment: 10000}, 3000, nil)
		_, err := w.s.AddProblem(pjCtx, w.office, project.Problem{ProjectID: p.ID, Title: " ", OwnerUnitID: w.jsj, Deadline: "2019-12-31"})
		pjWantInvalid(t, err, "title", "project.err.problem_title")
		_, err = w.s.AddProblem(pjCtx, w.office, project.Problem{ProjectID: p.ID, Title: "用地", OwnerUnitID: w.jsj, Deadline: "年底"})
		pjWantInvalid(t, err, "deadline", "project.err.date")
		_, err = w.s.AddProblem(pjCtx, w.office, project.Problem{ProjectID: p.ID, Title: "用地", Deadline: "2019-12-31"})
		pjWantInvalid(t, err, "owner_unit", "project.err.unit")

		land, err := w.s.AddProblem(pjCtx, w.office, project.Problem{ProjectID: p.ID, Title: " 用地指标未落实 ", OwnerUnitID: w.jsj,
			Leader: "赵副主任", Deadline: "2019-12-31"})
		if err != nil {
			t.Fatal(err)
		}
		power, err := w.s.AddProblem(pjCtx, w.office, project.Problem{ProjectID: p.ID, Title: "电力增容", OwnerUnitID: w.fgj,
			Deadline: "2019-11-30", RaisedOn: "2019-10-08"})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := w.s.Problem(pjCtx, land.ID)
		if want := (project.Problem{ID: land.ID, ProjectID: p.ID, Title: "用地指标未落实", OwnerUnitID: w.jsj, Leader: "赵副主任",
			Deadline: "2019-12-31", RaisedOn: "2019-12-09"}); got != want {
			t.Errorf("problem = %+v, want %+v", got, want)
		}

		pjWantInvalid(t, w.s.CloseProblem(pjCtx, w.office, power.ID, "  "), "resolution", "project.err.resolution")
		if got, _ := w.s.Problem(pjCtx, power.ID); got.Closed {
			t.Fatal("closed without a resolution")
		}
		w.clock.on("2019-12-12")
		if err := w.s.CloseProblem(pjCtx, w.office, power.ID, " 已完成增容改造 "); err != nil {
			t.Fatal(err)
		}
		got, _ = w.s.Problem(pjCtx, power.ID)
		if !got.Closed || got.Resolution != "已完成增容改造" || got.ClosedOn != "2019-12-12" || got.RaisedOn != "2019-10-08" {
			t.Errorf("closed problem = %+v", got)
		}
		pjWantInvalid(t, w.s.CloseProblem(pjCtx, w.office, power.ID, "再次"), "", "project.err.problem_closed")
		if err := w.s.CloseProblem(pjCtx, w.office, power.ID+100, "x"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("closing a missing problem: %v", err)
		}
		// Open ones first.
		list, err := w.s.Problems(pjCtx, p.ID)
		if err != nil || len(list) != 2 || list[0].ID != land.ID || list[1].ID != power.ID {
			t.Fatalf("Problems = %+v, %v", list, err)
		}
		if !power.OverdueOn("2019-12-01") || got.OverdueOn("2019-12-13") || land.OverdueOn("2019-12-31") || !land.OverdueOn("2020-01-01") {
			t.Error("OverdueOn")
		}
	})
}
