package demo_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"gaoxin/internal/briefing"
	"gaoxin/internal/db"
	"gaoxin/internal/project"
)

// checkBriefings holds the demo's published briefings — October's written
// on 8 November, November's on the demo's today, by the assessment office
// — to counts the test takes from the tables: the plan's indicators, the
// requests received in the month, the tasks given by its end and those
// closed, the year's projects, the classes published at Q3, and the red
// projects the portfolio lights on the day. TestDemo2019 calls it.
func checkBriefings(t *testing.T, d *db.DB) {
	t.Helper()
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := d.QueryRow(ctx, q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if n := count("SELECT COUNT(*) FROM briefings"); n != 2 {
		t.Errorf("the demo publishes %d briefings, want October's and November's", n)
	}
	st := briefing.NewStore(d)
	for _, c := range []struct {
		month          int
		day, monthLike string
	}{{10, "2019-11-08", "2019-10-%"}, {11, "2019-12-09", "2019-11-%"}} {
		pub, err := st.Latest(ctx, 2019, c.month)
		if err != nil {
			t.Fatalf("briefing of month %d: %v", c.month, err)
		}
		var body string
		if err := d.QueryRow(ctx, "SELECT body FROM briefings WHERE id = $1", pub.ID).Scan(&body); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(body))
		if pub.Version != 1 || pub.AsOf != c.day || pub.PublishedBy != "考核办 王敏" || hex.EncodeToString(sum[:]) != pub.SHA256 {
			t.Errorf("month %d: version %d as of %s by %q, hash %s", c.month, pub.Version, pub.AsOf, pub.PublishedBy, pub.SHA256)
		}
		b, err := pub.Briefing()
		if err != nil {
			t.Fatal(err)
		}
		end := time.Date(2019, time.Month(c.month)+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		checks := []struct {
			what      string
			got, want int
		}{
			{"indicators", b.Plan.Indicators, count("SELECT COUNT(*) FROM indicators i JOIN plans p ON p.id = i.plan_id WHERE p.year = 2019")},
			{"requests received", b.Requests.Received, count("SELECT COUNT(*) FROM requests WHERE received_on LIKE $1", c.monthLike)},
			{"requests through the form", b.Requests.Public, count("SELECT COUNT(*) FROM requests WHERE received_on LIKE $1 AND source = 'public'", c.monthLike)},
			{"tasks given", b.Tasks.Count, count("SELECT COUNT(*) FROM tasks WHERE source_on >= '2019-01-01' AND source_on <= $1", end)},
			{"tasks closed", colour(b.Tasks, "done"), count("SELECT COUNT(*) FROM tasks WHERE source_on <= $1 AND status = 'closed'", end)},
			{"projects", b.Projects.Count, count("SELECT COUNT(*) FROM project_years WHERE year = 2019")},
			{"classes at Q3", len(b.Rankings.Classes), count("SELECT COUNT(DISTINCT class) FROM assessment_results WHERE year = 2019 AND period = 'Q3'")},
		}
		ps := project.NewStore(d)
		day, _ := time.Parse("2006-01-02", c.day)
		ps.SetClock(func() time.Time { return day.Add(2 * time.Hour) }) // 10:00 in China
		_, totals, err := ps.Portfolio(ctx, 2019, project.Filter{Colors: []project.Color{project.Red}})
		if err != nil {
			t.Fatal(err)
		}
		checks = append(checks, struct {
			what      string
			got, want int
		}{"red projects", len(b.Projects.Red), totals.Count})
		for _, k := range checks {
			if k.got != k.want || k.want == 0 {
				t.Errorf("month %d: %d %s in the briefing, the tables hold %d", c.month, k.got, k.what, k.want)
			}
		}
		if b.Rankings.Period != "Q3" || len(b.Lagging) == 0 || len(b.Tasks.Red) == 0 {
			t.Errorf("month %d: rankings at %q, %d lagging indicators, %d red tasks", c.month, b.Rankings.Period, len(b.Lagging), len(b.Tasks.Red))
		}
		t.Logf("briefing of month %d: %d lagging indicators, %d red projects, %d red tasks, %d requests", c.month, len(b.Lagging),
			len(b.Projects.Red), len(b.Tasks.Red), b.Requests.Received)
	}
}

func colour(t briefing.Tasks, c string) int {
	for _, x := range t.Colours {
		if x.Colour == c {
			return x.N
		}
	}
	return -1
}
