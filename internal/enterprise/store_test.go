package enterprise_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

var ctx = context.Background()

// world is a zone with two streets, and a store whose today is 2019-12-09.
type world struct {
	d        *db.DB
	s        *enterprise.Store
	street   map[string]int64
	codeSeed int
}

func newWorld(t *testing.T, d *db.DB) *world {
	t.Helper()
	units := org.NewStore(d)
	zone, err := units.Create(ctx, audit.System, org.Fields{Code: "GX", Name: "高新区", Kind: org.KindZone}, 0)
	if err != nil {
		t.Fatal(err)
	}
	w := &world{d: d, s: enterprise.NewStore(d), street: map[string]int64{}}
	for _, u := range []struct{ code, name string }{{"XC", "新城街道"}, {"QC", "清池街道"}} {
		created, err := units.Create(ctx, audit.System, org.Fields{Code: u.code, Name: u.name, Kind: org.KindStreet}, zone.ID)
		if err != nil {
			t.Fatal(err)
		}
		w.street[u.code] = created.ID
	}
	w.s.SetClock(func() time.Time { return time.Date(2019, 12, 9, 2, 0, 0, 0, time.UTC) })
	return w
}

// code makes the next valid credit code of a test.
func (w *world) code() string {
	w.codeSeed++
	first := fmt.Sprintf("91370700MA3C%03dXJ", w.codeSeed)
	return first + string(enterprise.CheckChar(first))
}

func (w *world) firm(t *testing.T, name, street string) enterprise.Enterprise {
	t.Helper()
	e, err := w.s.Create(ctx, audit.System, enterprise.Enterprise{CreditCode: w.code(), Name: name, UnitID: w.street[street], Industry: "高端装备"})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return e
}

func (w *world) grant(t *testing.T, e enterprise.Enterprise, k enterprise.Kind, on string) enterprise.Tier {
	t.Helper()
	tier, err := w.s.Grant(ctx, audit.System, enterprise.Tier{EnterpriseID: e.ID, Kind: k, GrantedOn: on})
	if err != nil {
		t.Fatalf("grant %s to %s: %v", k, e.Name, err)
	}
	return tier
}

func wantInvalid(t *testing.T, err error, key string) {
	t.Helper()
	var verr *i18n.Error
	if !errors.As(err, &verr) || verr.Key != key {
		t.Fatalf("error = %v, want %s", err, key)
	}
}

func TestRecords(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		e, err := w.s.Create(ctx, audit.System, enterprise.Enterprise{CreditCode: "９１４４０３００１９２２０３８２１６", Name: " 天瑞重工有限公司 ", UnitID: w.street["XC"]})
		if err != nil || e.CreditCode != "914403001922038216" || e.Name != "天瑞重工有限公司" {
			t.Fatalf("create = %+v, %v", e, err)
		}
		_, err = w.s.Create(ctx, audit.System, enterprise.Enterprise{CreditCode: "914403001922038216", Name: "另一家", UnitID: w.street["QC"]})
		wantInvalid(t, err, "enterprise.err.code_taken")
		_, err = w.s.Create(ctx, audit.System, enterprise.Enterprise{CreditCode: "914403001922038217", Name: "错码", UnitID: w.street["QC"]})
		wantInvalid(t, err, "enterprise.err.code_check")
		_, err = w.s.Create(ctx, audit.System, enterprise.Enterprise{CreditCode: "9144030071526726XG", Name: "无归属", UnitID: 0})
		wantInvalid(t, err, "enterprise.err.unit")
		if got, err := w.s.ByCode(ctx, "914403001922038216"); err != nil || got.ID != e.ID {
			t.Fatalf("ByCode = %+v, %v", got, err)
		}
		e.Address = "潍坊高新区樱前街"
		if _, err := w.s.Update(ctx, audit.System, e); err != nil {
			t.Fatal(err)
		}
		rev, staff := 52000.5, 860
		if err := w.s.SetYear(ctx, audit.System, enterprise.Year{EnterpriseID: e.ID, Year: 2018, Revenue: &rev, Employees: &staff}); err != nil {
			t.Fatal(err)
		}
		y, err := w.s.YearOf(ctx, e.ID, 2018)
		if err != nil || *y.Revenue != rev || *y.Employees != staff || y.Patents != nil {
			t.Fatalf("year = %+v, %v", y, err)
		}
		neg := -1.0
		wantInvalid(t, w.s.SetYear(ctx, audit.System, enterprise.Year{EnterpriseID: e.ID, Year: 2018, RDSpend: &neg}), "enterprise.err.negative")
		var n int
		d.QueryRow(ctx, "SELECT COUNT(*) FROM audit_log WHERE entity = 'enterprise'").Scan(&n)
		if n != 3 {
			t.Fatalf("%d audit entries for the firm, want create, update and year", n)
		}
	})
}

func TestTiers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		e := w.firm(t, "盛瑞传动股份有限公司", "XC")
		ht := w.grant(t, e, enterprise.HighTech, "2017-11-28")
		if ht.ExpiresOn != "2020-11-28" {
			t.Fatalf("a 高新 certificate of 2017-11-28 expires %q, want 2020-11-28", ht.ExpiresOn)
		}
		_, err := w.s.Grant(ctx, audit.System, enterprise.Tier{EnterpriseID: e.ID, Kind: enterprise.HighTech, GrantedOn: "2019-06-01"})
		wantInvalid(t, err, "enterprise.err.tier_held")
		_, err = w.s.Grant(ctx, audit.System, enterprise.Tier{EnterpriseID: e.ID, Kind: enterprise.Gazelle, GrantedOn: "2019-12-20"})
		wantInvalid(t, err, "enterprise.err.future")
		_, err = w.s.Grant(ctx, audit.System, enterprise.Tier{EnterpriseID: e.ID, Kind: "unicorn", GrantedOn: "2019-01-01"})
		wantInvalid(t, err, "enterprise.err.tier")
		wantInvalid(t, w.s.End(ctx, audit.System, ht.ID, "2019-06-30", " "), "enterprise.err.reason")
		if err := w.s.End(ctx, audit.System, ht.ID, "2019-06-30", "复核未通过，取消资格"); err != nil {
			t.Fatal(err)
		}
		wantInvalid(t, w.s.End(ctx, audit.System, ht.ID, "2019-07-01", "再次"), "enterprise.err.tier_ended")
		// After the end it may be granted again; the history keeps both.
		again := w.grant(t, e, enterprise.HighTech, "2019-11-20")
		list, err := w.s.Tiers(ctx, e.ID)
		if err != nil || len(list) != 2 || list[0].EndedOn != "2019-06-30" || list[1].ID != again.ID {
			t.Fatalf("history = %+v, %v", list, err)
		}
		if list[0].HoldsOn("2019-07-01") || !list[0].HoldsOn("2019-06-29") || !list[1].HoldsOn("2019-12-09") {
			t.Fatal("HoldsOn does not follow the dates")
		}
	})
}

// The views hold exactly the firms a test works out from the tiers it
// granted, and the counts add up.
func TestRegistryViews(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
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
		}
		for _, sp := range specs {
			e := w.firm(t, sp.name, sp.street)
			for k, on := range sp.tiers {
				w.grant(t, e, k, on)
			}
		}
		view := func(v enterprise.View, f enterprise.Filter) []string {
			f.View = v
			rows, c, err := w.s.Registry(ctx, "2019-12-09", 2019, f)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			sum := 0
			for _, r := range rows {
				names = append(names, r.Name)
				sum += len(r.Holds)
			}
			total := 0
			for _, n := range c.ByKind {
				total += n
			}
			if c.Firms != len(rows) || total != sum {
				t.Fatalf("%s: counts %+v for %d rows holding %d tiers", v, c, len(rows), sum)
			}
			return names
		}
		same := func(what string, got []string, want ...string) {
			t.Helper()
			if len(got) != len(want) {
				t.Fatalf("%s = %v, want %v", what, got, want)
			}
			seen := map[string]bool{}
			for _, g := range got {
				seen[g] = true
			}
			for _, x := range want {
				if !seen[x] {
					t.Fatalf("%s = %v, want %v", what, got, want)
				}
			}
		}
		same("all", view(enterprise.AllFirms, enterprise.Filter{}), "潍柴动力股份有限公司", "福田汽车潍坊工厂", "歌尔微电子有限公司", "华辰制药有限公司", "海王医药潍坊分公司", "沃华医药科技有限公司")
		same("规模高企化", view(enterprise.LargeNotHighTech, enterprise.Filter{}), "福田汽车潍坊工厂", "华辰制药有限公司")
		// 歌尔微电子's certificate of 2016-12-15 holds until 2019-12-15: it is high-tech today, and expiring.
		same("高企规模化", view(enterprise.HighTechNotLarge, enterprise.Filter{}), "歌尔微电子有限公司", "海王医药潍坊分公司")
		same("expiring", view(enterprise.ExpiringThisYear, enterprise.Filter{}), "歌尔微电子有限公司")
		same("pool", view(enterprise.ChampionReserve, enterprise.Filter{}), "华辰制药有限公司")
		same("gazelles", view(enterprise.GazelleFirms, enterprise.Filter{}), "歌尔微电子有限公司")
		qc := w.street["QC"]
		same("清池's 高新", view(enterprise.HighTechNotLarge, enterprise.Filter{Units: func(id int64) bool { return id == qc }}), "歌尔微电子有限公司", "海王医药潍坊分公司")
		same("search", view(enterprise.AllFirms, enterprise.Filter{Search: "医药"}), "海王医药潍坊分公司", "沃华医药科技有限公司")
		// A week after the expiry, 歌尔微电子 is neither high-tech nor expiring.
		rows, _, err := w.s.Registry(ctx, "2019-12-20", 2019, enterprise.Filter{View: enterprise.HighTechNotLarge})
		if err != nil || len(rows) != 1 || rows[0].Name != "海王医药潍坊分公司" {
			t.Fatalf("高企规模化 after 歌尔微电子's certificate lapsed = %v, %v", rows, err)
		}
	})
}
