package briefing_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/demo"
	"gaoxin/internal/score"
)

// The modules beside the province's plan, written straight into their
// tables in multi-row statements (a store's checks, audit and roll-ups for
// each of 300,000 rows would take the best part of an hour), except the
// published results, which go through the result store as the office's do.
const (
	benchProjects = 20000
	benchTasks    = 5000
	benchRequests = 50000
	benchClasses  = 4
	benchPerClass = 480
)

var benchYear = demo.ScaleYear

// benchDay is a day of the generated year, 2024-11-08.
func benchDay(month, day int) string {
	return time.Date(benchYear, time.Month(month), day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

func shift(day string, n int) string {
	t, _ := time.Parse("2006-01-02", day)
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

// inserter writes rows of one table, 400 a statement, with $n placeholders.
type inserter struct {
	tx   *db.Tx
	head string
	cols int
	n    int
	args []any
}

func (in *inserter) add(values ...any) error {
	in.args = append(in.args, values...)
	if in.n++; in.n == 400 {
		return in.flush()
	}
	return nil
}

func (in *inserter) flush() error {
	if in.n == 0 {
		return nil
	}
	var q strings.Builder
	q.WriteString(in.head)
	for r := 0; r < in.n; r++ {
		if r > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for c := 0; c < in.cols; c++ {
			if c > 0 {
				q.WriteString(", ")
			}
			q.WriteString("$" + strconv.Itoa(r*in.cols+c+1))
		}
		q.WriteByte(')')
	}
	_, err := in.tx.Exec(ctx, q.String(), in.args...)
	in.args, in.n = in.args[:0], 0
	return err
}

func writeBenchModules(d *db.DB) error {
	units, err := benchUnits(d)
	if err != nil {
		return err
	}
	rnd := rand.New(rand.NewPCG(11, uint64(benchYear)))
	// A record's rows are added beside it but each table is flushed when
	// its own statement is full, so a report may reach the database before
	// its project: the keys are checked at the commit instead (SQLite, the
	// benchmarks' database).
	deferred := func(write func(tx *db.Tx) error) func(tx *db.Tx) error {
		return func(tx *db.Tx) error {
			if _, err := tx.Exec(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
				return err
			}
			return write(tx)
		}
	}
	if err := d.Write(ctx, deferred(func(tx *db.Tx) error { return writeBenchProjects(tx, rnd, units) })); err != nil {
		return fmt.Errorf("projects: %w", err)
	}
	if err := d.Write(ctx, deferred(func(tx *db.Tx) error { return writeBenchSupervision(tx, rnd, units) })); err != nil {
		return fmt.Errorf("supervision: %w", err)
	}
	if err := writeBenchResults(d, units); err != nil {
		return fmt.Errorf("results: %w", err)
	}
	return d.Write(ctx, func(tx *db.Tx) error { _, err := tx.Exec(ctx, "ANALYZE"); return err })
}

// benchUnits are the units under the province's root.
func benchUnits(d *db.DB) ([]int64, error) {
	rows, err := d.Query(ctx, "SELECT id FROM units WHERE parent_id IS NOT NULL ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// writeBenchProjects writes the portfolio: each project with its year
// plan, eleven approved monthly reports at a pace of its own, its start
// node (one in ten overdue) and, for one in twenty-five, a problem past
// its deadline.
func writeBenchProjects(tx *db.Tx, rnd *rand.Rand, units []int64) error {
	periods := map[int]int64{}
	rows, err := tx.Query(ctx, "SELECT id, month FROM periods WHERE year = $1", benchYear)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var m int
		if err := rows.Scan(&id, &m); err != nil {
			rows.Close()
			return err
		}
		periods[m] = id
	}
	rows.Close()
	now := time.Date(benchYear, 1, 5, 2, 0, 0, 0, time.UTC)
	projects := &inserter{tx: tx, cols: 10, head: `INSERT INTO projects (id, code, name, category, lead_unit_id, total_investment, start_year,
		end_year, created_at, updated_at) VALUES `}
	years := &inserter{tx: tx, cols: 3, head: "INSERT INTO project_years (project_id, year, planned_investment) VALUES "}
	reports := &inserter{tx: tx, cols: 7, head: `INSERT INTO project_reports (project_id, period_id, invest_month, status, version,
		submitted_at, updated_at) VALUES `}
	nodes := &inserter{tx: tx, cols: 5, head: "INSERT INTO project_nodes (project_id, stage, planned_on, actual_on, done) VALUES "}
	problems := &inserter{tx: tx, cols: 6, head: `INSERT INTO project_problems (project_id, title, owner_unit_id, deadline, status,
		raised_on) VALUES `}
	categories := []string{"industrial", "service", "innovation", "infrastructure", "social", "livelihood"}
	for i := 1; i <= benchProjects; i++ {
		lead := units[rnd.IntN(len(units))]
		total := float64(10000 + rnd.IntN(490000))
		plan := math.Round(total * (0.2 + 0.2*rnd.Float64()))
		pace := 0.55 + 0.6*rnd.Float64()
		if err := projects.add(i, fmt.Sprintf("XM-%05d", i), fmt.Sprintf("重点项目%05d", i), categories[i%len(categories)], lead, total,
			benchYear, benchYear+1, now, now); err != nil {
			return err
		}
		if err := years.add(i, benchYear, plan); err != nil {
			return err
		}
		for m := 1; m <= 11; m++ {
			if err := reports.add(i, periods[m], math.Round(plan/12*pace), "approved", 1, now, now); err != nil {
				return err
			}
		}
		done, actual := rnd.IntN(10) > 0, ""
		if done {
			actual = benchDay(4, 20)
		}
		if err := nodes.add(i, "start", benchDay(4, 30), actual, done); err != nil {
			return err
		}
		if rnd.IntN(25) == 0 {
			if err := problems.add(i, "用地手续未办结", lead, benchDay(11, 15), "open", benchDay(10, 1)); err != nil {
				return err
			}
		}
	}
	for _, in := range []*inserter{projects, years, reports, nodes, problems} {
		if err := in.flush(); err != nil {
			return err
		}
	}
	return nil
}

// writeBenchSupervision writes the tasks — given over the year, each with
// a cooperator, two milestones and three progress reports, seven in ten
// of those due closed — and the requests received over the year in every
// state.
func writeBenchSupervision(tx *db.Tx, rnd *rand.Rand, units []int64) error {
	now := db.Now()
	today := benchNow.Format("2006-01-02")
	tasks := &inserter{tx: tx, cols: 15, head: `INSERT INTO tasks (id, code, source_kind, source_title, source_on, content, lead_unit_id,
		leader_name, deadline, frequency, status, closing_on, closed_on, created_at, updated_at) VALUES `}
	coops := &inserter{tx: tx, cols: 2, head: "INSERT INTO task_cooperators (task_id, unit_id) VALUES "}
	milestones := &inserter{tx: tx, cols: 4, head: "INSERT INTO task_milestones (task_id, seq, title, due_on) VALUES "}
	events := &inserter{tx: tx, cols: 5, head: "INSERT INTO task_events (task_id, kind, happened_on, actor, created_at) VALUES "}
	for i := 1; i <= benchTasks; i++ {
		source := benchDay(1+rnd.IntN(11), 1+rnd.IntN(28))
		deadline := shift(source, 30+rnd.IntN(200))
		status, closing, closed := "open", "", ""
		if deadline < today && rnd.IntN(10) < 7 {
			status, closing, closed = "closed", shift(deadline, rnd.IntN(10)-6), shift(deadline, 2)
		}
		lead := units[rnd.IntN(len(units))]
		if err := tasks.add(i, fmt.Sprintf("DB-%05d", i), "meeting", "工作推进会", source, "督办事项", lead, "分管领导", deadline, "monthly",
			status, closing, closed, now, now); err != nil {
			return err
		}
		if err := coops.add(i, units[rnd.IntN(len(units))]); err != nil {
			return err
		}
		for m := 1; m <= 2; m++ {
			if err := milestones.add(i, m, "工作节点", shift(source, m*10)); err != nil {
				return err
			}
		}
		for r := 0; r < 3; r++ {
			if err := events.add(i, "report", shift(source, 5+r*20), "bench", now); err != nil {
				return err
			}
		}
	}
	requests := &inserter{tx: tx, cols: 16, head: `INSERT INTO requests (code, firm_name, contact, phone, category, content, source, received_on,
		status, unit_id, assigned_on, deadline, answered_on, rating, created_at, updated_at) VALUES `}
	statuses := []string{"new", "assigned", "answered", "closed", "closed", "closed"}
	for i := 1; i <= benchRequests; i++ {
		received := shift(benchDay(1, 1), rnd.IntN(342))
		st := statuses[rnd.IntN(len(statuses))]
		var unit any
		assigned, deadline, answered, rating := "", "", "", 0
		if st != "new" {
			unit, assigned, deadline = units[rnd.IntN(len(units))], received, shift(received, 5)
		}
		if st == "answered" || st == "closed" {
			answered = shift(received, 1+rnd.IntN(8))
		}
		if st == "closed" && rnd.IntN(3) > 0 {
			rating = 1 + rnd.IntN(5)
		}
		source := "office"
		if i%6 == 0 {
			source = "public"
		}
		if err := requests.add(fmt.Sprintf("SQ-%06d", i), "某某科技有限公司", "王经理", "0536-8888888", "approval", "诉求内容", source, received,
			st, unit, assigned, deadline, answered, rating, now, now); err != nil {
			return err
		}
	}
	for _, in := range []*inserter{tasks, coops, milestones, events, requests} {
		if err := in.flush(); err != nil {
			return err
		}
	}
	return nil
}

// writeBenchResults publishes Q3 for four classes of 480 units, eight
// items each with their points and explanations, through the result store.
func writeBenchResults(d *db.DB, units []int64) error {
	var results []*assess.Result
	for c := 0; c < benchClasses; c++ {
		class := fmt.Sprintf("第%d类", c+1)
		var scheme int64
		err := d.Write(ctx, func(tx *db.Tx) (err error) {
			scheme, err = tx.Insert(ctx, `INSERT INTO schemes (year, class, version, name, body, sha256, created_at)
				VALUES ($1, $2, 1, $3, '', '', $4)`, benchYear, class, class+"考核方案", db.Now())
			return err
		})
		if err != nil {
			return err
		}
		r := &assess.Result{Year: benchYear, Period: "Q3", Class: class, Month: 9, Scheme: assess.SchemeRef{ID: scheme, Version: 1, Name: class + "考核方案"}}
		for k := 0; k < 8; k++ {
			r.Items = append(r.Items, assess.ItemHead{Code: fmt.Sprintf("I%d", k+1), Name: fmt.Sprintf("考核指标%d", k+1), Points: score.Int(10),
				Rule: "proportional"})
		}
		for u := 0; u < benchPerClass; u++ {
			unit := units[c*benchPerClass+u]
			res := assess.UnitResult{UnitID: unit, Code: strconv.FormatInt(unit, 10), Name: fmt.Sprintf("单位%d", unit), Rank: u + 1,
				Grade: "良好", GradeEN: "Good", GradeLevel: 1}
			total := score.Int(0)
			for k := 0; k < 8; k++ {
				p := score.MustDec(fmt.Sprintf("%d.%02d", 9-u*9/benchPerClass, (u*7+k)%100))
				total = total.Add(p)
				res.Items = append(res.Items, assess.ItemScore{Code: fmt.Sprintf("I%d", k+1), State: "scored", Points: p,
					Why: score.Explanation{ZH: "完成序时进度的 95.0%，得 " + p.String() + " 分", EN: "95.0% of schedule: " + p.String() + " points"}})
			}
			res.Total, res.ItemsTotal = total, total
			r.Units = append(r.Units, res)
		}
		results = append(results, r)
	}
	_, _, err := assess.NewResultStore(d).PublishAll(ctx, audit.System, results, "")
	return err
}
