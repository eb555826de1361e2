package enterprise_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/org"
)

// everyView fills a world with firms in every view on 2019-12-09 — and
// some in none: a gazelle ended, a certificate lapsed — with names a
// search folds (Latin letters in either case, a dotless ı that Go
// upper-cases to I, LIKE's own % and _), and figures of two years.
func everyView(t *testing.T, w *world) {
	t.Helper()
	type spec struct {
		name, street string
		tiers        map[enterprise.Kind]string // kind → granted on
	}
	specs := []spec{
		{"潍柴动力股份有限公司", "XC", map[enterprise.Kind]string{enterprise.HighTech: "2018-11-30", enterprise.AboveScale: "2010-01-01", enterprise.OverHundredM: "2010-01-01"}},
		{"福田汽车潍坊工厂", "XC", map[enterprise.Kind]string{enterprise.AboveScale: "2012-01-01", enterprise.OverHundredM: "2015-01-01"}},
		{"歌尔微电子有限公司", "QC", map[enterprise.Kind]string{enterprise.HighTech: "2016-12-15", enterprise.Gazelle: "2018-06-01"}},
		{"华辰制药有限公司", "QC", map[enterprise.Kind]string{enterprise.ChampionPool: "2019-03-01", enterprise.AboveScale: "2016-01-01"}},
		{"海王医药潍坊分公司", "QC", map[enterprise.Kind]string{enterprise.HighTech: "2019-11-01"}},
		{"沃华医药科技有限公司", "XC", nil},
		{"天瑞重工有限公司", "QC", map[enterprise.Kind]string{enterprise.HiddenChampion: "2018-05-01", enterprise.SingleChampion: "2018-12-01",
			enterprise.OverHundredM: "2017-01-01", enterprise.HighTech: "2017-11-28"}},
		{"Sino-Tech 潍坊 Co.", "QC", map[enterprise.Kind]string{enterprise.Gazelle: "2017-04-01", enterprise.AboveScale: "2019-02-01"}},
		{"ıNNOVA 科技", "XC", map[enterprise.Kind]string{enterprise.HighTech: "2015-01-01", enterprise.ChampionPool: "2019-08-01"}},
		{"百分之百_科技%有限公司", "QC", map[enterprise.Kind]string{enterprise.Gazelle: "2019-05-01", enterprise.HighTech: "2019-03-01"}},
	}
	for i, sp := range specs {
		e := w.firm(t, sp.name, sp.street)
		for k, on := range sp.tiers {
			tier := w.grant(t, e, k, on)
			if strings.HasPrefix(sp.name, "Sino") && k == enterprise.Gazelle {
				if err := w.s.End(ctx, audit.System, tier.ID, "2019-06-30", "不再符合条件"); err != nil {
					t.Fatal(err)
				}
			}
		}
		revenue, staff := float64(1000*(i+1)), 10*(i+1)
		for _, year := range []int{2018, 2019} {
			if year == 2019 && i%3 == 0 {
				continue // some firms have not reported 2019 yet
			}
			if err := w.s.SetYear(ctx, audit.System, enterprise.Year{EnterpriseID: e.ID, Year: year, Revenue: &revenue, Employees: &staff}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// The registry the database selects is, for every view, day, unit scope
// and search, the whole registry filtered in Go: the same rows in the same
// order, their tiers and figures, and the same counts.
func TestRegistrySelectsAsGoFilters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		everyView(t, w)
		// Parks without firms, so that a street or two are a small share
		// of the tree and a scope of all but one park a large one: the
		// database finds the firms of each in another way.
		units := org.NewStore(d)
		zone, err := units.ByCode(ctx, "GX")
		if err != nil {
			t.Fatal(err)
		}
		var lastPark int64
		for i := 1; i <= 12; i++ {
			park, err := units.Create(ctx, audit.System, org.Fields{Code: fmt.Sprintf("P%02d", i), Name: fmt.Sprintf("园区%d", i), Kind: org.KindPark}, zone.ID)
			if err != nil {
				t.Fatal(err)
			}
			lastPark = park.ID
		}
		qc := w.street["QC"]
		scopes := []struct {
			name  string
			units func(int64) bool
		}{
			{"every unit", nil},
			{"清池", func(id int64) bool { return id == qc }},
			{"both streets", func(id int64) bool { return id == qc || id == w.street["XC"] }},
			{"all but a park", func(id int64) bool { return id != lastPark }},
			{"all but 清池", func(id int64) bool { return id != qc }},
			{"no unit", func(int64) bool { return false }},
		}
		searches := []string{"", "医药", "sino", "SINO-tech", "innova", "_科技%", "%", "MA3C00", "装备", "没有这家"}
		for _, day := range []string{"2019-12-09", "2019-06-01"} {
			all, _, err := w.s.Registry(ctx, day, 2019, enterprise.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range enterprise.Views {
				if day == "2019-12-09" && !hasRowIn(all, v) {
					t.Fatalf("the fixture has no firm in view %q", v)
				}
				for _, sc := range scopes {
					for _, q := range searches {
						f := enterprise.Filter{View: v, Units: sc.units, Search: q}
						got, counts, err := w.s.Registry(ctx, day, 2019, f)
						if err != nil {
							t.Fatal(err)
						}
						want, wantCounts := filterInGo(all, f)
						if !reflect.DeepEqual(names(got), names(want)) || !reflect.DeepEqual(got, want) {
							t.Fatalf("%s, view %q, %s, search %q:\n got %v\nwant %v", day, v, sc.name, q, names(got), names(want))
						}
						if !reflect.DeepEqual(counts, wantCounts) {
							t.Fatalf("%s, view %q, %s, search %q: counts %+v, want %+v", day, v, sc.name, q, counts, wantCounts)
						}
					}
				}
			}
		}
	})
}

func hasRowIn(rows []enterprise.Row, v enterprise.View) bool {
	for _, r := range rows {
		if enterprise.InView(r, v) {
			return true
		}
	}
	return false
}

// filterInGo is the registry's filter as it was applied before the
// database took it over: every firm read, each kept or not in Go.
func filterInGo(all []enterprise.Row, f enterprise.Filter) ([]enterprise.Row, enterprise.Counts) {
	var out []enterprise.Row
	c := enterprise.Counts{ByKind: map[enterprise.Kind]int{}}
	for _, r := range all {
		if !enterprise.InView(r, f.View) || f.Units != nil && !f.Units(r.UnitID) ||
			f.Search != "" && !strings.Contains(strings.ToUpper(r.CreditCode+" "+r.Name+" "+r.Industry), strings.ToUpper(f.Search)) {
			continue
		}
		out = append(out, r)
		c.Firms++
		for _, k := range r.Holds {
			c.ByKind[k]++
		}
	}
	return out, c
}

func names(rows []enterprise.Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Name
	}
	return out
}
