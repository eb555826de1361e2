package supervise_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/supervise"
)

// The benchmarks share one data set, built in a temporary SQLite file the
// first time a benchmark asks for it (never by a test): a province's
// supervision, 5,000 tasks of 60 units (ten zones of a zone office and
// five streets or parks) with two milestones, a cooperator and a few
// reports each, and 50,000 enterprise requests over a year in every state.
// Rows are written with multi-row INSERTs in one transaction.

const (
	benchTasks    = 5000
	benchRequests = 50000
)

type benchSet struct {
	d    *db.DB
	s    *supervise.Store
	zone org.Unit // one zone: the filtered lists' scope
	unit int64    // one park of it
}

var (
	benchOnce sync.Once
	benchData *benchSet
	benchErr  error
)

func benchSetFor(b *testing.B) *benchSet {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gaoxin-supervise-bench-")
		if err != nil {
			benchErr = err
			return
		}
		b.Cleanup(func() { os.RemoveAll(dir) })
		benchData, benchErr = buildBenchSet(filepath.Join(dir, "bench.db"))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchData
}

func buildBenchSet(path string) (*benchSet, error) {
	d, err := db.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	units := org.NewStore(d)
	root, err := units.Create(ctx, audit.System, org.Fields{Code: "SHENG", Name: "全省", Kind: org.KindOther}, 0)
	if err != nil {
		return nil, err
	}
	set := &benchSet{d: d, s: supervise.NewStore(d)}
	var all []int64
	for z := 0; z < 10; z++ {
		zone, err := units.Create(ctx, audit.System, org.Fields{Code: fmt.Sprintf("Z%d", z), Name: fmt.Sprintf("高新区%d", z), Kind: org.KindZone}, root.ID)
		if err != nil {
			return nil, err
		}
		all = append(all, zone.ID)
		for p := 0; p < 5; p++ {
			u, err := units.Create(ctx, audit.System, org.Fields{Code: fmt.Sprintf("Z%dP%d", z, p), Name: fmt.Sprintf("园区%d-%d", z, p), Kind: org.KindPark}, zone.ID)
			if err != nil {
				return nil, err
			}
			all = append(all, u.ID)
			if z == 3 && p == 2 {
				set.unit = u.ID
			}
		}
		if z == 3 {
			set.zone = zone
		}
	}
	set.s.SetClock(func() time.Time { return time.Date(2019, 12, 9, 2, 0, 0, 0, time.UTC) })
	rnd := rand.New(rand.NewPCG(5, 5000))
	now := db.Now()
	err = d.Write(ctx, func(tx *db.Tx) error {
		var taskRows, coopRows, msRows, eventRows []string
		var taskArgs, coopArgs, msArgs, eventArgs []any
		for i := 1; i <= benchTasks; i++ {
			src := fmt.Sprintf("2019-%02d-%02d", 1+rnd.IntN(10), 1+rnd.IntN(28))
			deadline := shiftDay(src, 30+rnd.IntN(200))
			status, closing, closed := "open", "", ""
			if deadline < "2019-12-09" && rnd.IntN(10) < 7 {
				status, closing, closed = "closed", shiftDay(deadline, rnd.IntN(10)-6), shiftDay(deadline, 2)
			}
			lead := all[rnd.IntN(len(all))]
			taskRows = append(taskRows, "(?, ?, 'meeting', '推进会', '', ?, '任务内容', ?, '', ?, 'monthly', ?, ?, ?, 0, ?, ?)")
			taskArgs = append(taskArgs, i, fmt.Sprintf("DB-%05d", i), src, lead, deadline, status, closing, closed, now, now)
			coopRows = append(coopRows, "(?, ?)")
			coopArgs = append(coopArgs, i, all[(rnd.IntN(len(all)-1)+1+indexOf(all, lead))%len(all)])
			for m := 1; m <= 2; m++ {
				msRows = append(msRows, "(?, ?, '节点', ?, '')")
				msArgs = append(msArgs, i, m, shiftDay(src, m*10))
			}
			for r := 0; r < 3; r++ {
				eventRows = append(eventRows, "(?, 'report', ?, '进展', 'bench', ?)")
				eventArgs = append(eventArgs, i, shiftDay(src, 5+r*20), now)
			}
		}
		for _, batch := range []struct {
			head string
			rows []string
			args []any
			per  int
		}{
			{`INSERT INTO tasks (id, code, source_kind, source_title, source_number, source_on, content, lead_unit_id, leader_name, deadline,
				frequency, status, closing_on, closed_on, reopened, created_at, updated_at) VALUES `, taskRows, taskArgs, 10},
			{"INSERT INTO task_cooperators (task_id, unit_id) VALUES ", coopRows, coopArgs, 2},
			{"INSERT INTO task_milestones (task_id, seq, title, due_on, done_on) VALUES ", msRows, msArgs, 3},
			{"INSERT INTO task_events (task_id, kind, happened_on, note, actor, created_at) VALUES ", eventRows, eventArgs, 3},
		} {
			if err := insertRows(tx, batch.head, batch.rows, batch.args, batch.per); err != nil {
				return err
			}
		}
		var reqRows []string
		var reqArgs []any
		statuses := []string{"new", "assigned", "answered", "closed", "closed", "closed"}
		for i := 1; i <= benchRequests; i++ {
			received := shiftDay("2019-01-01", rnd.IntN(340))
			st := statuses[rnd.IntN(len(statuses))]
			var unit any
			assigned, deadline, answered, rating := "", "", "", 0
			if st != "new" {
				unit, assigned, deadline = all[rnd.IntN(len(all))], received, shiftDay(received, 5)
			}
			if st == "answered" || st == "closed" {
				answered = shiftDay(received, 1+rnd.IntN(8))
			}
			if st == "closed" && rnd.IntN(3) > 0 {
				rating = 1 + rnd.IntN(5)
			}
			reqRows = append(reqRows, "(?, '潍坊某某科技有限公司', '王经理', '0536-8888888', 'approval', '诉求内容', 'office', ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			reqArgs = append(reqArgs, fmt.Sprintf("SQ-%06d", i), received, st, unit, assigned, deadline, answered, rating, now, now)
		}
		return insertRows(tx, `INSERT INTO requests (code, firm_name, contact, phone, category, content, source, received_on, status, unit_id,
			assigned_on, deadline, answered_on, rating, created_at, updated_at) VALUES `, reqRows, reqArgs, 10)
	})
	if err != nil {
		return nil, err
	}
	// Statistics, as a file that has been opened a few times has them.
	err = d.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(ctx, "ANALYZE"); return err })
	return set, err
}

func indexOf(list []int64, v int64) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return 0
}

func shiftDay(day string, n int) string {
	t, _ := time.Parse("2006-01-02", day)
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

// insertRows writes rows of per values each through db.Inserter.
func insertRows(tx *db.Tx, head string, rows []string, args []any, per int) error {
	if len(rows) == 0 {
		return nil
	}
	ins := db.NewInserter(ctx, tx, head, rows[0])
	for i := range rows {
		if err := ins.Add(args[i*per : (i+1)*per]...); err != nil {
			return err
		}
	}
	return ins.Flush()
}

// BenchmarkTaskList is the task list's read: every task of the province
// lit (the API's list), the first page of 200 with every colour counted
// (the page's), one zone's red ones and one unit's. Goal: under 100 ms.
func BenchmarkTaskList(b *testing.B) {
	for _, c := range []struct {
		name string
		f    func(*benchSet) supervise.Filter
	}{
		{"all", func(*benchSet) supervise.Filter { return supervise.Filter{} }},
		{"page", func(*benchSet) supervise.Filter { return supervise.Filter{Limit: 200} }},
		{"zone_red", func(s *benchSet) supervise.Filter { return supervise.Filter{Scope: s.zone.Path, Colour: supervise.Red} }},
		{"unit", func(s *benchSet) supervise.Filter { return supervise.Filter{UnitID: s.unit} }},
	} {
		b.Run(c.name, func(b *testing.B) {
			s := benchSetFor(b)
			f := c.f(s)
			var rows []supervise.Row
			var counts supervise.Counts
			for b.Loop() {
				var err error
				if rows, counts, err = s.s.List(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(rows)), "rows")
			b.ReportMetric(float64(counts.ByColour[supervise.Red]), "red")
		})
	}
}

// BenchmarkRequestList is the request list page's read: a page of 200 of
// the province's or one zone's requests with the stats of all of them, and
// one unit's overdue ones. Goal: under 100 ms.
func BenchmarkRequestList(b *testing.B) {
	for _, c := range []struct {
		name string
		f    func(*benchSet) supervise.RequestFilter
	}{
		{"zone", func(s *benchSet) supervise.RequestFilter {
			return supervise.RequestFilter{Scope: s.zone.Path, Limit: 200}
		}},
		{"unit_overdue", func(s *benchSet) supervise.RequestFilter {
			return supervise.RequestFilter{UnitID: s.unit, Overdue: "2019-12-09"}
		}},
		{"all", func(*benchSet) supervise.RequestFilter { return supervise.RequestFilter{Limit: 200} }},
	} {
		b.Run(c.name, func(b *testing.B) {
			s := benchSetFor(b)
			f := c.f(s)
			var list []supervise.Request
			var st supervise.RequestStats
			for b.Loop() {
				var err error
				if list, st, err = s.s.Requests(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(list)), "rows")
			b.ReportMetric(float64(st.Requests), "counted")
		})
	}
}
