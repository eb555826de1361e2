package project_test

import (
	"reflect"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/project"
)

// TestEvaluate lights projects on 2019-06-12 under the default rules (a
// fortnight's warning, 90% on track, 75% behind), each case with the
// colour and every reason, worst first, in both languages.
func TestEvaluate(t *testing.T) {
	const day = "2019-06-12"
	plan := &project.Year{PlannedInvestment: 1200} // 序时 by May: 500
	profiled := &project.Year{PlannedInvestment: 1200, Profile: []float64{0, 0, 100, 200, 300, 400, 600, 800, 900, 1000, 1100, 1200}}
	node := func(st project.Stage, planned string) project.Node {
		return project.Node{Stage: st, PlannedOn: planned}
	}
	type reason struct {
		color  project.Color
		zh, en string
	}
	green := reason{project.Green, "节点和投资均按计划推进", "Nodes and investment on schedule"}
	cases := []struct {
		name  string
		st    project.State
		rules *project.Rules
		color project.Color
		want  []reason
	}{
		{"nothing to say", project.State{Plan: plan}, nil, project.Green, []reason{green}},
		{"node overdue", project.State{Nodes: []project.Node{node("start", "2019-05-31")}}, nil, project.Red, []reason{
			{project.Red, "开工 节点计划 2019-05-31，已逾期 12 天", "Construction start planned for 2019-05-31, 12 days overdue"}}},
		{"node overdue by a day", project.State{Nodes: []project.Node{node("land", "2019-06-11")}}, nil, project.Red, []reason{
			{project.Red, "用地 节点计划 2019-06-11，已逾期 1 天", "Land planned for 2019-06-11, 1 days overdue"}}},
		{"node due today", project.State{Nodes: []project.Node{node("permit", "2019-06-12")}}, nil, project.Yellow, []reason{
			{project.Yellow, "施工许可 节点计划 2019-06-12，还剩 0 天", "Construction permit planned for 2019-06-12, 0 days left"}}},
		{"node exactly the warning days ahead", project.State{Nodes: []project.Node{node("topped", "2019-06-27")}}, nil, project.Yellow, []reason{
			{project.Yellow, "主体完工 节点计划 2019-06-27，还剩 15 天", "Topped out planned for 2019-06-27, 15 days left"}}},
		{"node a day beyond the warning days", project.State{Nodes: []project.Node{node("topped", "2019-06-28")}}, nil, project.Green, []reason{green}},
		{"warning days from the rules", project.State{Nodes: []project.Node{node("topped", "2019-06-19")}},
			&project.Rules{WarnDays: 7, OnTrack: 0.9, Behind: 0.75}, project.Yellow, []reason{
				{project.Yellow, "主体完工 节点计划 2019-06-19，还剩 7 天", "Topped out planned for 2019-06-19, 7 days left"}}},
		{"beyond a shorter warning", project.State{Nodes: []project.Node{node("topped", "2019-06-20")}},
			&project.Rules{WarnDays: 7, OnTrack: 0.9, Behind: 0.75}, project.Green, []reason{green}},
		{"done nodes and nodes without a date say nothing", project.State{Nodes: []project.Node{
			{Stage: "start", PlannedOn: "2019-05-31", ActualOn: "2019-06-01", Done: true}, node("complete", "")}}, nil, project.Green, []reason{green}},
		{"investment behind", project.State{Plan: plan, Invested: 430, AsOf: 5}, nil, project.Yellow, []reason{
			{project.Yellow, "1—5 月完成投资 430 万元，序时计划 500 万元，完成 86.0%，落后于序时",
				"Invested 430 (10k yuan) in January–month 5 against a schedule of 500: 86.0%, behind"}}},
		{"investment exactly on track", project.State{Plan: plan, Invested: 450, AsOf: 5}, nil, project.Green, []reason{green}},
		{"investment exactly at the behind threshold", project.State{Plan: plan, Invested: 375, AsOf: 5}, nil, project.Yellow, []reason{
			{project.Yellow, "1—5 月完成投资 375 万元，序时计划 500 万元，完成 75.0%，落后于序时",
				"Invested 375 (10k yuan) in January–month 5 against a schedule of 500: 75.0%, behind"}}},
		{"investment far behind", project.State{Plan: plan, Invested: 300.04, AsOf: 5}, nil, project.Red, []reason{
			{project.Red, "1—5 月完成投资 300 万元，序时计划 500 万元，仅完成 60.0%，严重滞后",
				"Invested 300 (10k yuan) in January–month 5 against a schedule of 500: 60.0%, far behind"}}},
		{"investment against a profile", project.State{Plan: profiled, Invested: 250.5, AsOf: 6}, nil, project.Red, []reason{
			{project.Red, "1—6 月完成投资 250.5 万元，序时计划 400 万元，仅完成 62.6%，严重滞后",
				"Invested 250.5 (10k yuan) in January–month 6 against a schedule of 400: 62.6%, far behind"}}},
		{"nothing expected yet", project.State{Plan: profiled, Invested: 0, AsOf: 2}, nil, project.Green, []reason{green}},
		{"not measured before a month is due", project.State{Plan: plan, Invested: 0, AsOf: 0}, nil, project.Green, []reason{green}},
		{"thresholds from the rules", project.State{Plan: plan, Invested: 430, AsOf: 5},
			&project.Rules{WarnDays: 15, OnTrack: 0.85, Behind: 0.6}, project.Green, []reason{green}},
		{"problem overdue", project.State{Problems: []project.Problem{{Title: "用地指标未落实", Deadline: "2019-06-10"}}}, nil, project.Red, []reason{
			{project.Red, "问题“用地指标未落实”限期 2019-06-10，已逾期 2 天未解决", "Problem “用地指标未落实” due 2019-06-10, 2 days overdue"}}},
		{"problem due today or closed late", project.State{Problems: []project.Problem{{Title: "电力增容", Deadline: "2019-06-12"},
			{Title: "环评", Deadline: "2019-05-01", Closed: true}}}, nil, project.Green, []reason{green}},
		{"worst first", project.State{Plan: plan, Invested: 430, AsOf: 5,
			Nodes:    []project.Node{node("permit", "2019-06-20"), node("start", "2019-05-31"), node("topped", "2019-06-14")},
			Problems: []project.Problem{{Title: "用地指标未落实", Deadline: "2019-06-10"}}}, nil, project.Red, []reason{
			{project.Red, "开工 节点计划 2019-05-31，已逾期 12 天", "Construction start planned for 2019-05-31, 12 days overdue"},
			{project.Red, "问题“用地指标未落实”限期 2019-06-10，已逾期 2 天未解决", "Problem “用地指标未落实” due 2019-06-10, 2 days overdue"},
			{project.Yellow, "施工许可 节点计划 2019-06-20，还剩 8 天", "Construction permit planned for 2019-06-20, 8 days left"},
			{project.Yellow, "主体完工 节点计划 2019-06-14，还剩 2 天", "Topped out planned for 2019-06-14, 2 days left"},
			{project.Yellow, "1—5 月完成投资 430 万元，序时计划 500 万元，完成 86.0%，落后于序时",
				"Invested 430 (10k yuan) in January–month 5 against a schedule of 500: 86.0%, behind"}}},
		{"yellow only", project.State{Plan: plan, Invested: 480, AsOf: 5, Nodes: []project.Node{node("sign", "2019-06-13")}}, nil, project.Yellow, []reason{
			{project.Yellow, "签约 节点计划 2019-06-13，还剩 1 天", "Signed planned for 2019-06-13, 1 days left"}}},
	}
	for _, c := range cases {
		rules := project.DefaultRules
		if c.rules != nil {
			rules = *c.rules
		}
		l := project.Evaluate(c.st, day, rules)
		var got []reason
		for _, r := range l.Reasons {
			got = append(got, reason{r.Color, r.Msg.In(i18n.ZH), r.Msg.In(i18n.EN)})
		}
		if l.Color != c.color || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %s %q\nwant %s %q", c.name, l.Color, got, c.color, c.want)
		}
	}
}

// TestRules reads the rules from the office's settings.
func TestRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pjNewWorld(t, d)
		cases := []struct {
			warn, thresholds string
			want             project.Rules
		}{
			{"", "", project.Rules{WarnDays: 15, OnTrack: 0.90, Behind: 0.75}},
			{"7", "1.00,0.85,0.60", project.Rules{WarnDays: 7, OnTrack: 0.85, Behind: 0.60}},
			{" 0 ", " 1.00, 0.95 , 0.8 ", project.Rules{WarnDays: 0, OnTrack: 0.95, Behind: 0.8}},
			// What cannot be read leaves the defaults.
			{"两周", "1.00,0.60,0.90", project.Rules{WarnDays: 15, OnTrack: 0.90, Behind: 0.75}},
			{"-3", "0.9,0.75", project.Rules{WarnDays: 15, OnTrack: 0.90, Behind: 0.75}},
		}
		for _, c := range cases {
			if err := pjSetting(w, project.WarnDaysSetting, c.warn); err != nil {
				t.Fatal(err)
			}
			if err := pjSetting(w, "progress.thresholds", c.thresholds); err != nil {
				t.Fatal(err)
			}
			got, err := w.s.Rules(pjCtx)
			if err != nil || got != c.want {
				t.Errorf("warn %q, thresholds %q: Rules = %+v, %v; want %+v", c.warn, c.thresholds, got, err, c.want)
			}
		}
	})
}

// TestPortfolioLights lights projects from the database on 2019-12-09:
// October is the last month past its deadline, so the investment is
// measured there, or at November for a project that reported November.
func TestPortfolioLights(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := pjNewWorld(t, d)
		onTrack := w.add(t, project.Project{Code: "A1", Name: "歌尔产业园", Category: "industrial", LeadUnitID: w.xc, TotalInvestment: 50000,
			Investor: "Goertek"}, 12000, nil)
		behind := w.add(t, project.Project{Code: "A2", Category: "industrial", LeadUnitID: w.fgj, TotalInvestment: 50000, Level: project.City}, 12000, nil)
		overdue := w.add(t, project.Project{Code: "A3", Category: "infrastructure", LeadUnitID: w.xc, TotalInvestment: 8000}, 2400, nil)
		problem := w.add(t, project.Project{Code: "A4", Category: "industrial", LeadUnitID: w.park, TotalInvestment: 9000, Cluster: "高端装备"}, 0, nil)
		if err := w.s.SetYear(pjCtx, w.office, project.Year{ProjectID: problem.ID, Year: 2019, PlannedInvestment: 0, InvestedBefore: 3000}); err != nil {
			t.Fatal(err)
		}
		w.add(t, project.Project{Code: "A5", Category: "industrial", LeadUnitID: w.xc, TotalInvestment: 900}, 0, nil) // no 2019 plan
		// 序时 by October: 10,000 of 12,000; by November 11,000.
		w.submitMonth(t, 3, map[int64]float64{onTrack.ID: 4000, behind.ID: 2000, overdue.ID: 1000})
		w.submitMonth(t, 9, map[int64]float64{onTrack.ID: 5200, behind.ID: 6000, overdue.ID: 1000})
		w.submitMonth(t, 11, map[int64]float64{onTrack.ID: 800})
		if err := w.s.SetNode(pjCtx, w.office, project.Node{ProjectID: overdue.ID, Stage: "complete", PlannedOn: "2019-11-30"}); err != nil {
			t.Fatal(err)
		}
		if err := w.s.SetNode(pjCtx, w.office, project.Node{ProjectID: onTrack.ID, Stage: "topped", PlannedOn: "2020-03-31"}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.s.AddProblem(pjCtx, w.office, project.Problem{ProjectID: problem.ID, Title: "设备进口报关", OwnerUnitID: w.fgj, Deadline: "2019-12-01"}); err != nil {
			t.Fatal(err)
		}
		closed, _ := w.s.AddProblem(pjCtx, w.office, project.Problem{ProjectID: onTrack.ID, Title: "道路", OwnerUnitID: w.jsj, Deadline: "2019-11-01"})
		if err := w.s.CloseProblem(pjCtx, w.office, closed.ID, "已通车"); err != nil {
			t.Fatal(err)
		}

		rows, totals, err := w.s.Portfolio(pjCtx, 2019, project.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		type light struct {
			code    string
			color   project.Color
			asOf    int
			ytd     float64
			reasons []string
		}
		var got []light
		for _, r := range rows {
			l := light{code: r.Code, color: r.Light.Color, asOf: r.AsOf, ytd: r.InvestedYTD}
			for _, rs := range r.Light.Reasons {
				l.reasons = append(l.reasons, rs.Msg.In(i18n.ZH))
			}
			got = append(got, l)
		}
		want := []light{
			{"A1", project.Green, 11, 10000, []string{"节点和投资均按计划推进"}},
			{"A2", project.Yellow, 10, 8000, []string{"1—10 月完成投资 8000 万元，序时计划 10000 万元，完成 80.0%，落后于序时"}},
			{"A3", project.Red, 10, 2000, []string{"竣工 节点计划 2019-11-30，已逾期 9 天"}},
			{"A4", project.Red, 10, 0, []string{"问题“设备进口报关”限期 2019-12-01，已逾期 8 天未解决"}},
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("lights =\n%+v\nwant\n%+v", got, want)
		}
		a1, a4 := rows[0], rows[3]
		if a1.Months[2] != 4000 || !a1.HasMonth[10] || a1.HasMonth[9] || a1.ExpectedYTD != 11000 || a1.PlanShare != 10000.0/12000 ||
			a1.SinceStart != 10000 || a1.TotalShare != 0.2 || a1.LeadUnitName != "新城街道" || a1.CategoryLabel != "产业项目" || a1.OpenProblems != 0 {
			t.Errorf("row A1 = %+v", a1)
		}
		if a4.SinceStart != 3000 || a4.OpenProblems != 1 || a4.PlanShare != 0 {
			t.Errorf("row A4 = %+v", a4)
		}
		wantTotals := project.Totals{Count: 4, TotalInvestment: 117000, PlannedYear: 26400, InvestedYTD: 20000,
			ByColor: map[project.Color]int{project.Green: 1, project.Yellow: 1, project.Red: 2}}
		if !reflect.DeepEqual(totals, wantTotals) {
			t.Errorf("totals = %+v, want %+v", totals, wantTotals)
		}

		filters := []struct {
			f     project.Filter
			codes []string
		}{
			{project.Filter{Categories: []string{"industrial"}, Colors: []project.Color{project.Red}}, []string{"A4"}},
			{project.Filter{Colors: []project.Color{project.Red, project.Yellow}}, []string{"A2", "A3", "A4"}},
			{project.Filter{Levels: []project.Level{project.City}}, []string{"A2"}},
			{project.Filter{Clusters: []string{"高端装备"}}, []string{"A4"}},
			{project.Filter{Units: func(u int64) bool { return u == w.xc || u == w.park }}, []string{"A1", "A3", "A4"}},
			{project.Filter{Search: "goer"}, []string{"A1"}},
			{project.Filter{Search: "歌尔"}, []string{"A1"}},
			{project.Filter{Categories: []string{"social"}}, nil},
		}
		for _, c := range filters {
			rows, totals, err := w.s.Portfolio(pjCtx, 2019, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			sum := 0.0
			for _, r := range rows {
				codes = append(codes, r.Code)
				sum += r.InvestedYTD
			}
			if !reflect.DeepEqual(codes, c.codes) || totals.Count != len(c.codes) || totals.InvestedYTD != sum {
				t.Errorf("filter %+v: %v, totals %+v", c.f, codes, totals)
			}
		}
		row, err := w.s.RowOf(pjCtx, 2019, behind.ID)
		if err != nil || row.Code != "A2" {
			t.Errorf("RowOf = %+v, %v", row.Code, err)
		}
		if _, err := w.s.RowOf(pjCtx, 2019, behind.ID+100); err != db.ErrNotFound {
			t.Errorf("RowOf of a missing project: %v", err)
		}
	})
}
