package briefing_test

import (
	"context"
	"math"
	"slices"
	"strconv"
	"testing"
	"time"

	"gaoxin/internal/assess"
	"gaoxin/internal/briefing"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/progress"
)

var ctx = context.Background()

// on is 10:00 China time on a day.
func on(day string) time.Time {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		panic(err)
	}
	return t.Add(2 * time.Hour)
}

func count(t *testing.T, d *db.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRow(ctx, q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// The demo's October briefing on 8 November and its November briefing on
// 9 December, each section held to the rows it is made of: counts the
// test takes from the tables in SQL, and the board's statuses.
func TestBriefingsOfTheDemo(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		demotest.Year(t, d)
		for _, c := range []struct {
			month int
			day   string
		}{{10, "2019-11-08"}, {11, "2019-12-09"}} {
			b, err := briefing.Build(ctx, d, 2019, c.month, on(c.day))
			if err != nil {
				t.Fatal(err)
			}
			if b.Year != 2019 || b.Month != c.month || b.Zone != "潍坊高新区" {
				t.Fatalf("briefing of %d-%d for %q", b.Year, b.Month, b.Zone)
			}
			checkPlan(t, d, b)
			checkLagging(t, d, b)
			checkRankings(t, d, b)
			checkProjects(t, d, b, c.day)
			checkTasks(t, d, b, c.day)
			checkRequests(t, d, b, c.day)
		}
	})
}

// checkPlan: every indicator of the plan counted once, by the board's
// status at the month, and the share of those scored.
func checkPlan(t *testing.T, d *db.DB, b *briefing.Briefing) {
	t.Helper()
	all := count(t, d, "SELECT COUNT(*) FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE p.year = 2019")
	board, err := dashboard.Load(ctx, d, 2019, b.Month)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, in := range board.Indicators {
		want[in.Zone.Status.String()]++
	}
	sum := 0
	for _, c := range b.Plan.Counts {
		sum += c.N
		if c.N != want[c.Status] {
			t.Errorf("month %d: %d indicators %s, the board has %d", b.Month, c.N, c.Status, want[c.Status])
		}
	}
	p := b.Plan
	if p.Indicators != all || sum != all || p.Scored != all-want["none"] || p.OnTrack != want["ahead"]+want["on_track"] {
		t.Errorf("month %d: %+v; the plan holds %d indicators, the board counts %v", b.Month, p, all, want)
	}
	if !near(p.OnTrackShare, 100*float64(p.OnTrack)/float64(p.Scored)) || want["behind"]+want["serious"] == 0 {
		t.Errorf("month %d: on track %d of %d is not %v%%", b.Month, p.OnTrack, p.Scored, p.OnTrackShare)
	}
}

// checkLagging: exactly the indicators behind for the zone, each with
// exactly its units behind, and each unit's explanation the one written on
// its latest counted figure up to the month, read in SQL.
func checkLagging(t *testing.T, d *db.DB, b *briefing.Briefing) {
	t.Helper()
	board, err := dashboard.Load(ctx, d, 2019, b.Month)
	if err != nil {
		t.Fatal(err)
	}
	behind := func(s progress.Status) bool {
		return s == progress.StatusBehind || s == progress.StatusSeriouslyBehind
	}
	var want []string
	units := map[string][]string{}
	for _, in := range board.Indicators {
		if behind(in.Zone.Status) {
			want = append(want, in.Code)
			for _, u := range in.ByUnit {
				if behind(u.Status) {
					units[in.Code] = append(units[in.Code], u.Unit.Name)
				}
			}
		}
	}
	var got []string
	explained := 0
	for i, l := range b.Lagging {
		got = append(got, l.Code)
		if i > 0 && l.Status == "serious" && b.Lagging[i-1].Status == "behind" {
			t.Errorf("month %d: %s is seriously behind but listed after one only behind", b.Month, l.Code)
		}
		var names []string
		for k, u := range l.Units {
			names = append(names, u.Unit)
			if k > 0 && *u.Ratio < *l.Units[k-1].Ratio {
				t.Errorf("month %d, %s: %s is listed after a unit further behind", b.Month, l.Code, u.Unit)
			}
			var text string
			var month int
			err := d.QueryRow(ctx, `SELECT f.explanation, p.month FROM figures f JOIN periods p ON p.id = f.period_id
				JOIN assignments a ON a.id = f.assignment_id JOIN indicators i ON i.id = a.indicator_id JOIN units n ON n.id = a.unit_id
				WHERE p.year = 2019 AND p.month <= $1 AND i.code = $2 AND n.name = $3 AND f.value IS NOT NULL
				AND f.status IN ('submitted', 'confirmed', 'approved') ORDER BY p.month DESC LIMIT 1`, b.Month, l.Code, u.Unit).Scan(&text, &month)
			if err != nil || text != u.Explanation || month != u.Explained {
				t.Errorf("month %d, %s of %s: explanation %q of month %d, the figures hold %q of month %d (%v)",
					b.Month, l.Code, u.Unit, u.Explanation, u.Explained, text, month, err)
			}
			if text != "" {
				explained++
			}
		}
		slices.Sort(names)
		slices.Sort(units[l.Code])
		if !slices.Equal(names, units[l.Code]) {
			t.Errorf("month %d, %s: units %v, the board has %v behind", b.Month, l.Code, names, units[l.Code])
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || len(got) == 0 || explained == 0 {
		t.Errorf("month %d: lagging %v (%d explained), the board has %v behind", b.Month, got, explained, want)
	}
}

// checkRankings: Q3, the last checkpoint published by October and
// November, with the latest version of every class that has one.
func checkRankings(t *testing.T, d *db.DB, b *briefing.Briefing) {
	t.Helper()
	r := b.Rankings
	classes := count(t, d, "SELECT COUNT(DISTINCT class) FROM assessment_results WHERE year = 2019 AND period = 'Q3'")
	if r.Period != "Q3" || r.Name.ZH != "前三季度" || len(r.Classes) != classes || classes == 0 {
		t.Fatalf("month %d: rankings at %q with %d classes; Q3 has %d published", b.Month, r.Period, len(r.Classes), classes)
	}
	for _, c := range r.Classes {
		latest := count(t, d, "SELECT MAX(version) FROM assessment_results WHERE year = 2019 AND period = 'Q3' AND class = $1", c.Class)
		units := count(t, d, "SELECT COUNT(*) FROM units WHERE class = $1", c.Class)
		if c.Version != latest || len(c.Units) != units || c.PublishedOn != "2019-10-21" {
			t.Errorf("%s: version %d of %s with %d units; latest is %d, the class has %d units", c.Class, c.Version, c.PublishedOn, len(c.Units), latest, units)
		}
		pub, err := assess.NewResultStore(d).Latest(ctx, 2019, "Q3", c.Class)
		if err != nil {
			t.Fatal(err)
		}
		res, err := pub.Result()
		if err != nil {
			t.Fatal(err)
		}
		for i, u := range c.Units {
			want := res.Units[i]
			total, _ := strconv.ParseFloat(want.Total.String(), 64)
			if u.Rank != want.Rank || u.Unit != want.Name || math.Abs(u.Total-total) > 0.005 || u.Grade.ZH != want.Grade {
				t.Errorf("%s, line %d: %+v; the published result has %d %s %s %s", c.Class, i+1, u, want.Rank, want.Name, want.Total, want.Grade)
			}
			if i > 0 && u.Rank < c.Units[i-1].Rank || u.Total != math.Round(u.Total*100)/100 {
				t.Errorf("%s: %+v out of order or not in two places", c.Class, u)
			}
		}
	}
}
