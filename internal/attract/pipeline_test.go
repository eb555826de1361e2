package attract_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gaoxin/internal/attract"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/org"
)

// pipelineOf is what Store.Pipeline should say of a list of leads,
// worked out lead by lead in Go.
func pipelineOf(leads []attract.Lead) attract.Pipeline {
	p := attract.Pipeline{Cells: map[attract.Stage]map[attract.Channel]attract.Cell{}, ByStage: map[attract.Stage]attract.Cell{},
		ByChannel: map[attract.Channel]attract.Cell{}, Reached: map[attract.Stage]int{}, Onwards: map[attract.Stage]*float64{}}
	add := func(c attract.Cell, l attract.Lead) attract.Cell {
		return attract.Cell{Leads: c.Leads + 1, Expected: c.Expected + l.ExpectedInvestment, Arrived: c.Arrived + l.ArrivedInvestment}
	}
	for _, l := range leads {
		if p.Cells[l.Stage] == nil {
			p.Cells[l.Stage] = map[attract.Channel]attract.Cell{}
		}
		p.Cells[l.Stage][l.Channel] = add(p.Cells[l.Stage][l.Channel], l)
		p.ByStage[l.Stage] = add(p.ByStage[l.Stage], l)
		p.ByChannel[l.Channel] = add(p.ByChannel[l.Channel], l)
		p.Total = add(p.Total, l)
	}
	for _, st := range attract.Stages {
		p.Reached[st] = 0 // every stage, reached or not
		for _, l := range leads {
			if l.Stage.Index() >= st.Index() {
				p.Reached[st]++
			}
		}
	}
	for i, st := range attract.Stages[:len(attract.Stages)-1] {
		if p.Reached[st] > 0 {
			r := float64(p.Reached[attract.Stages[i+1]]) / float64(p.Reached[st])
			p.Onwards[st] = &r
		}
	}
	return p
}

func codesOf(leads []attract.Lead) string {
	var codes []string
	for _, l := range leads {
		codes = append(codes, l.Code)
	}
	return strings.Join(codes, ",")
}

// The pipeline of a selection counts and sums its leads by stage and
// channel and says how many reached each stage and went on; every filter
// selects in SQL what the same test in Go selects from all the leads.
func TestPipelineAndFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		fhq, err := org.NewStore(d).Create(ctx, audit.System, org.Fields{Code: "FHQ", Name: "光电孵化器", Kind: org.KindOther}, w.unit["GDY"])
		if err != nil {
			t.Fatal(err)
		}
		w.unit["FHQ"] = fhq.ID
		wfzx, qdzk := "潍坊招商咨询有限公司", "青岛中科招商服务中心"
		f500, c500, leader := attract.Fortune500, attract.China500, attract.IndustryLeader
		for _, l := range []struct {
			code, name, unit string
			kind             attract.Kind
			channel          attract.Channel
			agency           string
			flags            []attract.Flag
			industry         string
			expected         float64
			arrived          float64
			stage            attract.Stage
			received         string
			user             string
		}{
			{"ZS-P01", "京东方显示模组", "TCJ", attract.Company, attract.ByBusiness, "", []attract.Flag{f500}, "新型显示", 1000, 0, attract.Clue, "2019-01-05", ""},
			{"ZS-P02", "歌尔声学二期", "TCJ", attract.Company, attract.ByBusiness, "", []attract.Flag{leader}, "声学", 2000.5, 0, attract.Talks, "2019-02-05", ""},
			{"ZS-P03", "张院士团队", "GDY", attract.Team, attract.ByAgency, wfzx, nil, "生物医药", 3000, 500, attract.Signed, "2019-03-05", ""},
			{"ZS-P04", "陈博士", "FHQ", attract.Talent, attract.ByPark, "", nil, "光电", 400, 0, attract.Starting, "2019-04-05", ""},
			{"ZS-P05", "华为光电研究院", "FHQ", attract.Company, attract.ByCapital, "", []attract.Flag{f500, c500}, "光电", 50000, 12000.5, attract.Funded, "2019-05-05", ""},
			{"ZS-P06", "潍柴新能源", "GX", attract.Company, attract.ByAgency, qdzk, nil, "新能源", 80000, 80000, attract.Producing, "2018-06-01", ""},
			{"ZS-P07", "AI_Lab团队", "TCJ", attract.Talent, attract.ByCapital, "", nil, "人工智能", 0, 0, attract.Clue, "2018-12-30", ""},
			{"ZS-P08", "持股51%合资项目", "GDY", attract.Company, attract.ByPark, "", []attract.Flag{c500}, "", 7000, 0, attract.Signed, "2019-07-05", ""},
			{"ZS-P09", "生物医药产业园项目", "GDY", attract.Company, attract.ByBusiness, "", nil, "生物医药", 9000, 0, attract.Talks, "2019-08-05", "gdy.tb"},
			{"ZS-P10", "智能传感器", "TCJ", attract.Company, attract.ByAgency, wfzx, []attract.Flag{leader}, "电子", 6000, 2000, attract.Funded, "2019-09-05", "touzi.tb"},
			{"ZS-P11", "AIXLab创新团队", "TCJ", attract.Team, attract.ByBusiness, "", nil, "", 0, 0, attract.Clue, "2019-10-05", ""},
			{"ZS-P12", "100%控股项目", "GDY", attract.Company, attract.ByBusiness, "", nil, "", 1500, 0, attract.Clue, "2019-12-01", ""},
			// Full-width letters, as a Chinese input method types them.
			{"ZS-P13", "ＴＣＬ华星光电", "TCJ", attract.Company, attract.ByBusiness, "", nil, "", 0, 0, attract.Clue, "2019-11-11", ""},
		} {
			w.lead(t, attract.Lead{Code: l.code, Name: l.name, OwnerUnitID: w.unit[l.unit], Kind: l.kind, Channel: l.channel,
				Agency: l.agency, Flags: l.flags, Industry: l.industry, ExpectedInvestment: l.expected, ArrivedInvestment: l.arrived,
				Stage: l.stage, ReceivedOn: l.received, OwnerUserID: w.user[l.user]})
		}
		all, err := w.s.List(ctx, attract.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if codesOf(all) != "ZS-P12,ZS-P13,ZS-P11,ZS-P10,ZS-P09,ZS-P08,ZS-P05,ZS-P04,ZS-P03,ZS-P02,ZS-P01,ZS-P07,ZS-P06" {
			t.Fatalf("all leads, latest received first: %s", codesOf(all))
		}

		// The whole pipeline, counted by hand: 5 线索, 2 在谈, 2 签约, 1
		// 拟开工, 2 到资, 1 竣工投产.
		p, err := w.s.Pipeline(ctx, attract.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		reached := map[attract.Stage]int{attract.Clue: 13, attract.Talks: 8, attract.Signed: 6, attract.Starting: 4, attract.Funded: 3, attract.Producing: 1}
		if !reflect.DeepEqual(p.Reached, reached) {
			t.Errorf("reached %v, want %v", p.Reached, reached)
		}
		onwards := map[attract.Stage]float64{attract.Clue: 8.0 / 13, attract.Talks: 0.75, attract.Signed: 4.0 / 6, attract.Starting: 0.75, attract.Funded: 1.0 / 3}
		for st, want := range onwards {
			if got := p.Onwards[st]; got == nil || *got != want {
				t.Errorf("onwards from %s = %v, want %v", st, got, want)
			}
		}
		if p.Onwards[attract.Producing] != nil || len(p.Onwards) != 5 {
			t.Errorf("onwards %v", p.Onwards)
		}
		if p.Total != (attract.Cell{Leads: 13, Expected: 159900.5, Arrived: 94500.5}) ||
			p.Cells[attract.Funded][attract.ByCapital] != (attract.Cell{Leads: 1, Expected: 50000, Arrived: 12000.5}) ||
			p.ByChannel[attract.ByAgency] != (attract.Cell{Leads: 3, Expected: 89000, Arrived: 82500}) ||
			p.ByStage[attract.Clue] != (attract.Cell{Leads: 5, Expected: 2500}) {
			t.Errorf("sums: total %+v, funded by capital %+v, by agency %+v, clues %+v", p.Total,
				p.Cells[attract.Funded][attract.ByCapital], p.ByChannel[attract.ByAgency], p.ByStage[attract.Clue])
		}

		units, err := org.NewStore(d).ByID(ctx)
		if err != nil {
			t.Fatal(err)
		}
		in := func(code string) func(attract.Lead) bool {
			path := units[w.unit[code]].Path
			return func(l attract.Lead) bool { return strings.HasPrefix(units[l.OwnerUnitID].Path, path) }
		}
		contains := func(q string) func(attract.Lead) bool {
			return func(l attract.Lead) bool {
				for _, s := range []string{l.Code, l.Name, l.Industry, l.OwnerName, l.Agency} {
					if strings.Contains(strings.ToLower(s), strings.ToLower(q)) {
						return true
					}
				}
				return false
			}
		}
		for _, c := range []struct {
			f    attract.Filter
			want func(attract.Lead) bool
			n    int // how many it selects, so that no case selects nothing or everything unnoticed
		}{
			{attract.Filter{Scope: units[w.unit["GX"]].Path}, in("GX"), 13},
			{attract.Filter{Scope: units[w.unit["GDY"]].Path}, in("GDY"), 6},
			{attract.Filter{Scope: units[w.unit["TCJ"]].Path}, in("TCJ"), 6},
			{attract.Filter{OwnerUnitID: w.unit["GDY"]}, func(l attract.Lead) bool { return l.OwnerUnitID == w.unit["GDY"] }, 4},
			{attract.Filter{OwnerUserID: w.user["gdy.tb"]}, func(l attract.Lead) bool { return l.OwnerUserID == w.user["gdy.tb"] }, 1},
			{attract.Filter{Channel: attract.ByAgency}, func(l attract.Lead) bool { return l.Channel == attract.ByAgency }, 3},
			{attract.Filter{Kind: attract.Team}, func(l attract.Lead) bool { return l.Kind == attract.Team }, 2},
			{attract.Filter{Flag: f500}, func(l attract.Lead) bool { return l.Has(f500) }, 2},
			{attract.Filter{Flag: leader}, func(l attract.Lead) bool { return l.Has(leader) }, 2},
			{attract.Filter{Flag: c500}, func(l attract.Lead) bool { return l.Has(c500) }, 2},
			{attract.Filter{Agency: wfzx}, func(l attract.Lead) bool { return l.Agency == wfzx }, 2},
			{attract.Filter{Search: "京东方"}, contains("京东方"), 1},
			{attract.Filter{Search: "zs-p1"}, contains("zs-p1"), 4},
			{attract.Filter{Search: "  生物医药 "}, contains("生物医药"), 2},
			{attract.Filter{Search: "李娜"}, contains("李娜"), 1},
			{attract.Filter{Search: "咨询"}, contains("咨询"), 2},
			{attract.Filter{Search: "i_l"}, contains("i_l"), 1},
			{attract.Filter{Search: "%"}, contains("%"), 2},
			{attract.Filter{Search: "AIXLAB"}, contains("aixlab"), 1},
			{attract.Filter{Search: "ＴＣＬ华星"}, contains("ＴＣＬ华星"), 1},
			{attract.Filter{Year: 2019}, func(l attract.Lead) bool { return strings.HasPrefix(l.ReceivedOn, "2019") }, 11},
			{attract.Filter{Year: 2018}, func(l attract.Lead) bool { return strings.HasPrefix(l.ReceivedOn, "2018") }, 2},
			{attract.Filter{Scope: units[w.unit["GDY"]].Path, Channel: attract.ByPark, Year: 2019},
				func(l attract.Lead) bool { return in("GDY")(l) && l.Channel == attract.ByPark }, 2},
			{attract.Filter{Stage: attract.Signed}, func(l attract.Lead) bool { return l.Stage == attract.Signed }, 2},
		} {
			name := fmt.Sprintf("%+v", c.f)
			var want []attract.Lead
			for _, l := range all {
				if c.want(l) {
					want = append(want, l)
				}
			}
			got, err := w.s.List(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if codesOf(got) != codesOf(want) || len(want) != c.n {
				t.Errorf("%s lists %s, want %s (%d)", name, codesOf(got), codesOf(want), c.n)
			}
			p, err := w.s.Pipeline(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if c.f.Stage != "" { // the pipeline shows every stage of the selection
				want = all
			}
			if wantP := pipelineOf(want); !reflect.DeepEqual(p, wantP) {
				t.Errorf("%s pipeline\n %+v\nwant\n %+v", name, p, wantP)
			}
		}
	})
}
