package project_test

import (
	"reflect"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/project"
)

// TestProgrammeTree builds 民生实事 2019 第一批 as two categories, three items
// and five pieces, and holds each node's counts and sums to its pieces'
// projects, computed here.
func TestProgrammeTree(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := pjNewRollup(t, d)
		w := r.pjWorld
		g, err := w.s.CreateProgramme(pjCtx, w.office, project.Programme{Year: 2019, Code: " MS2019-1 ", Name: " 2019年民生实事第一批 "})
		if err != nil {
			t.Fatal(err)
		}
		if g.Code != "MS2019-1" || g.Name != "2019年民生实事第一批" {
			t.Fatalf("programme = %+v", g)
		}
		_, err = w.s.CreateProgramme(pjCtx, w.office, project.Programme{Year: 2019, Code: "MS2019-1", Name: "重复"})
		pjWantInvalid(t, err, "code", "project.err.code_taken")
		_, err = w.s.CreateProgramme(pjCtx, w.office, project.Programme{Year: 2019, Code: "X"})
		pjWantInvalid(t, err, "name", "project.err.programme")
		other, _ := w.s.CreateProgramme(pjCtx, w.office, project.Programme{Year: 2019, Code: "MS2019-2", Name: "第二批"})

		type piece struct {
			code    string
			unit    int64
			total   float64
			planned float64
			invest  map[int]float64
		}
		pieces := map[string][]piece{ // by item
			"I1": {{"S1", w.xc, 30000, 12000, map[int]float64{9: 3000, 10: 2500}}, {"S2", w.park, 12000, 6000, map[int]float64{10: 1000}}},
			"I2": {{"S3", w.fgj, 2000, 2000, map[int]float64{8: 400}}},
			"I3": {{"T1", w.xc, 300, 300, nil}, {"T2", w.fgj, 450.5, 450.5, map[int]float64{10: 100.25}}},
		}
		tree := []struct {
			code, name string
			items      []string
		}{
			{"C1", "教育", []string{"I1", "I2"}},
			{"C2", "卫生", []string{"I3"}},
		}
		projectOf := map[string]project.Project{}
		for _, c := range tree {
			cat, err := w.s.AddItem(pjCtx, w.office, project.Item{ProgrammeID: g.ID, Level: project.LevelCategory, Code: c.code, Name: c.name})
			if err != nil {
				t.Fatal(err)
			}
			for i, code := range c.items {
				item, err := w.s.AddItem(pjCtx, w.office, project.Item{ProgrammeID: g.ID, ParentID: cat.ID, Level: project.LevelItem,
					Code: code, Name: code + " 项", Order: i})
				if err != nil {
					t.Fatal(err)
				}
				for _, pc := range pieces[code] {
					mp := r.project(t, project.Project{Code: pc.code, Category: "livelihood", LeadUnitID: pc.unit, TotalInvestment: pc.total}, pc.planned)
					projectOf[pc.code] = mp.Project
					if _, err := w.s.AddItem(pjCtx, w.office, project.Item{ProgrammeID: g.ID, ParentID: item.ID, Level: project.LevelPiece,
						Code: pc.code, Name: pc.code + " 子项", ProjectID: mp.ID}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		// A project of the zone outside the programme.
		outside := r.project(t, project.Project{Code: "Q1", Category: "livelihood", LeadUnitID: w.xc, TotalInvestment: 999}, 999)

		// The levels are kept: categories at the top, items under them, pieces with a project under items.
		cats, _, _ := w.s.Tree(pjCtx, g)
		catID, itemID := cats[0].ID, cats[0].Children[0].ID
		refusals := []project.Item{
			{ProgrammeID: g.ID, Level: project.LevelItem, Code: "X1", Name: "x"},
			{ProgrammeID: g.ID, ParentID: catID, Level: project.LevelPiece, Code: "X2", Name: "x", ProjectID: outside.ID},
			{ProgrammeID: g.ID, ParentID: itemID, Level: project.LevelPiece, Code: "X3", Name: "x"},
			{ProgrammeID: g.ID, ParentID: itemID, Level: project.LevelItem, Code: "X4", Name: "x"},
			{ProgrammeID: other.ID, ParentID: catID, Level: project.LevelItem, Code: "X5", Name: "x"},
			{ProgrammeID: g.ID, ParentID: itemID, Level: project.LevelPiece, Code: "X6", Name: "x", ProjectID: outside.ID + 100},
		}
		for _, it := range refusals {
			_, err := w.s.AddItem(pjCtx, w.office, it)
			field := "level"
			switch it.Code {
			case "X5":
				field = "parent"
			case "X6":
				field = "project"
			}
			pjWantInvalid(t, err, field, "project.err.item_parent")
		}
		_, err = w.s.AddItem(pjCtx, w.office, project.Item{ProgrammeID: g.ID, Level: project.LevelCategory, Code: "C1", Name: "重复"})
		pjWantInvalid(t, err, "code", "project.err.code_taken")

		// Reports, and one piece's node overdue (today is 2019-12-09).
		for m := 8; m <= 10; m++ {
			values := map[*pjModelProject]float64{}
			for _, list := range pieces {
				for _, pc := range list {
					if v, ok := pc.invest[m]; ok {
						for _, mp := range r.projects {
							if mp.Code == pc.code {
								values[mp] = v
							}
						}
					}
				}
			}
			r.submit(t, m, values)
		}
		if err := w.s.SetNode(pjCtx, w.office, project.Node{ProjectID: projectOf["S3"].ID, Stage: "complete", PlannedOn: "2019-11-30"}); err != nil {
			t.Fatal(err)
		}
		rows, _, err := w.s.Portfolio(pjCtx, 2019, project.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		lightOf := map[string]project.Color{}
		for _, row := range rows {
			lightOf[row.Code] = row.Light.Color
		}

		cats, total, err := w.s.Tree(pjCtx, g)
		if err != nil {
			t.Fatal(err)
		}
		type sums struct {
			Items, Pieces                int
			Budget, Planned, InvestedYTD float64
			Light                        project.Color
		}
		rank := map[project.Color]int{project.Green: 0, project.Yellow: 1, project.Red: 2}
		wantOf := func(items []string) sums {
			s := sums{Light: project.Green}
			for _, code := range items {
				if len(items) > 1 || len(tree) > 0 {
					s.Items++
				}
				for _, pc := range pieces[code] {
					s.Pieces++
					s.Budget += pc.total
					s.Planned += pc.planned
					for _, v := range pc.invest {
						s.InvestedYTD += v
					}
					if rank[lightOf[pc.code]] > rank[s.Light] {
						s.Light = lightOf[pc.code]
					}
				}
			}
			return s
		}
		of := func(n project.TreeNode) sums {
			return sums{n.Items, n.Pieces, n.Budget, n.Planned, n.InvestedYTD, n.Light}
		}
		var all []string
		if len(cats) != len(tree) {
			t.Fatalf("tree has %d categories", len(cats))
		}
		for i, c := range tree {
			n := cats[i]
			if n.Code != c.code || n.Level != project.LevelCategory || len(n.Children) != len(c.items) {
				t.Fatalf("category %d = %+v", i, n.Item)
			}
			if got, want := of(*n), wantOf(c.items); !reflect.DeepEqual(got, want) {
				t.Errorf("category %s = %+v, want %+v", c.code, got, want)
			}
			for j, code := range c.items {
				item := n.Children[j]
				want := wantOf([]string{code})
				want.Items = 0 // an item counts itself in its category, not in itself
				if item.Code != code || !reflect.DeepEqual(of(*item), want) || len(item.Children) != len(pieces[code]) {
					t.Errorf("item %s = %+v, want %+v", code, of(*item), want)
				}
				for k, pc := range pieces[code] {
					p := item.Children[k]
					if p.Code != pc.code || p.Row == nil || p.Row.ID != projectOf[pc.code].ID || p.Pieces != 1 || p.Budget != pc.total {
						t.Errorf("piece %s = %+v", pc.code, p.Item)
					}
				}
			}
			all = append(all, c.items...)
		}
		if got, want := of(total), wantOf(all); !reflect.DeepEqual(got, want) {
			t.Errorf("programme total = %+v, want %+v", got, want)
		}
		if total.Items != 3 || total.Pieces != 5 || total.Light != project.Red {
			t.Errorf("total = %+v", of(total))
		}

		list, err := w.s.Programmes(pjCtx, 2019)
		if err != nil || len(list) != 2 || list[0] != g {
			t.Errorf("Programmes = %+v, %v", list, err)
		}
		if got, err := w.s.Programme(pjCtx, g.ID); err != nil || got != g {
			t.Errorf("Programme = %+v, %v", got, err)
		}

		// A binding to the programme counts its pieces and not Q1.
		if err := w.s.Bind(pjCtx, w.office, r.indicators["XM01"].ID, "project:count programme=MS2019-1"); err != nil {
			t.Fatal(err)
		}
		if err := w.s.Bind(pjCtx, w.office, r.indicators["TZ02"].ID, "project:invest programme=MS2019-1"); err != nil {
			t.Fatal(err)
		}
		xcPieces, xcYTD := 0.0, 0.0
		for _, list := range pieces {
			for _, pc := range list {
				if pc.unit == w.xc || pc.unit == w.park {
					xcPieces++
					for _, v := range pc.invest {
						xcYTD += v
					}
				}
			}
		}
		if f := r.figure(t, "XM01", w.xc, 11); f.Value == nil || *f.Value != xcPieces {
			t.Errorf("新城's pieces = %v, want %v", pjShow(f.Value), xcPieces)
		}
		if f := r.figure(t, "TZ02", w.xc, 10); f.Value == nil || !pjNear(*f.Value, xcYTD) {
			t.Errorf("新城's pieces' year to date = %v, want %v", pjShow(f.Value), xcYTD)
		}
	})
}
