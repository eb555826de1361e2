package supervise

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/db"
)

// Filter selects tasks; empty fields select all.
type Filter struct {
	Scope        string // a unit path: tasks led or cooperated on within that subtree (a user's scope)
	UnitID       int64  // tasks this unit leads or cooperates on
	LeaderUserID int64  // tasks of a responsible leader
	Status       Status
	Colour       Colour
	Escalated    bool   // only tasks on their leader's list
	Year         int    // tasks whose source is of the year
	Search       string // in code, content, source title and number
	Limit        int    // a page of the rows, after the colour filter and the order; 0 for all
	Offset       int
}

// Row is a task with its light and its last progress report. A list reads
// what the colours need: a row's Milestones are those not done yet, and
// none for a closed task (Store.Task has them all).
type Row struct {
	Task
	Light      Light
	LastReport string
}

// Counts are a selection's tasks by colour.
type Counts struct {
	Tasks    int
	ByColour map[Colour]int
}

// where writes the filter's conditions on tasks t, but colour, which is
// computed.
func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	// A unit's tasks are those it leads and those it cooperates on.
	involving := func(unitCond string) string {
		return "(t.lead_unit_id IN (SELECT id FROM units u WHERE " + unitCond + ") OR t.id IN (SELECT c.task_id FROM task_cooperators c JOIN units u ON u.id = c.unit_id WHERE " + unitCond + "))"
	}
	if f.Scope != "" {
		conds = append(conds, involving("u.path LIKE "+arg(escapeLike(f.Scope)+"%")+" ESCAPE '\\'"))
	}
	if f.UnitID != 0 {
		conds = append(conds, involving("u.id = "+arg(f.UnitID)))
	}
	if f.LeaderUserID != 0 {
		conds = append(conds, "t.leader_user_id = "+arg(f.LeaderUserID))
	}
	if f.Status != "" {
		conds = append(conds, "t.status = "+arg(string(f.Status)))
	}
	if f.Year != 0 {
		y := strconv.Itoa(f.Year)
		conds = append(conds, "t.source_on >= "+arg(y+"-01-01")+" AND t.source_on <= "+arg(y+"-12-31"))
	}
	if q := strings.TrimSpace(f.Search); q != "" {
		like := arg("%" + escapeLike(q) + "%")
		conds = append(conds, "(t.code LIKE "+like+" ESCAPE '\\' OR t.content LIKE "+like+" ESCAPE '\\' OR t.source_title LIKE "+like+
			" ESCAPE '\\' OR t.source_number LIKE "+like+" ESCAPE '\\')")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// List is the selected tasks lit on today, the worst first and then by
// deadline, with the counts by colour of the selection before the colour
// filter (so that a page's tabs show every colour's count).
func (s *Store) List(ctx context.Context, f Filter) ([]Row, Counts, error) {
	rules, err := LoadRules(ctx, s.db)
	if err != nil {
		return nil, Counts{}, err
	}
	where, args := f.where()
	// First what every task's colour needs, for the counts and the order:
	// a few short columns, the milestones still to do and the last report.
	rows, err := s.db.Query(ctx, "SELECT t.id, t.source_on, t.deadline, t.frequency, t.status, t.closing_on, t.closed_on, t.reopened FROM tasks t"+
		where+" ORDER BY t.deadline, t.code", args...)
	if err != nil {
		return nil, Counts{}, err
	}
	var tasks []Task
	for rows.Next() {
		var t Task
		if err := rows.Scan(&t.ID, &t.SourceOn, &t.Deadline, &t.Frequency, &t.Status, &t.ClosingOn, &t.ClosedOn, &t.Reopened); err != nil {
			rows.Close()
			return nil, Counts{}, err
		}
		tasks = append(tasks, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, Counts{}, err
	}
	and := " WHERE "
	if where != "" {
		and = where + " AND "
	}
	if err := pendingMilestones(ctx, s.db, tasks, "(SELECT t.id FROM tasks t"+and+"t.status <> 'closed')", args...); err != nil {
		return nil, Counts{}, err
	}
	last, err := lastReportsOf(ctx, s.db, "(SELECT t.id FROM tasks t"+and+"t.status = 'open')", args...)
	if err != nil {
		return nil, Counts{}, err
	}
	today := s.Today()
	c := Counts{ByColour: map[Colour]int{}}
	out := make([]Row, 0, len(tasks))
	for _, t := range tasks {
		r := Row{Task: t, LastReport: last[t.ID]}
		r.Light = Evaluate(t, r.LastReport, today, rules)
		if f.Escalated && !r.Light.Escalated {
			continue
		}
		c.Tasks++
		c.ByColour[r.Light.Colour]++
		if f.Colour != "" && r.Light.Colour != f.Colour {
			continue
		}
		out = append(out, r)
	}
	// The tasks came by deadline and code: a stable sort by colour keeps
	// that order within each colour.
	slices.SortStableFunc(out, func(a, b Row) int { return rank(a.Light.Colour) - rank(b.Light.Colour) })
	if f.Limit > 0 {
		out = out[min(len(out), max(0, f.Offset)):min(len(out), max(0, f.Offset)+f.Limit)]
	}
	// Then the records of the rows shown: of a page by their ids, of the
	// whole selection by its filter.
	ids := "(SELECT t.id FROM tasks t" + where + ")"
	if f.Limit > 0 || len(out) < len(tasks) {
		list := make([]string, len(out))
		for i, r := range out {
			list[i] = strconv.FormatInt(r.ID, 10)
		}
		ids, args = "("+strings.Join(list, ",")+")", nil
		if len(list) == 0 {
			ids = "(0)"
		}
	}
	return out, c, s.records(ctx, out, ids, args...)
}

// records fills the rows' records and cooperators, for the tasks ids (a
// subquery with its args) selects; the colours' fields stay as read.
func (s *Store) records(ctx context.Context, out []Row, ids string, args ...any) error {
	index := make(map[int64]int, len(out))
	for i, r := range out {
		index[r.ID] = i
	}
	rows, err := s.db.Query(ctx, "SELECT "+taskColumns+" FROM tasks WHERE id IN "+ids, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			rows.Close()
			return err
		}
		if i, ok := index[t.ID]; ok {
			t.Milestones = out[i].Milestones
			out[i].Task = t
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = s.db.Query(ctx, "SELECT task_id, unit_id FROM task_cooperators WHERE task_id IN "+ids+" ORDER BY task_id, unit_id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var task, unit int64
		if err := rows.Scan(&task, &unit); err != nil {
			return err
		}
		if i, ok := index[task]; ok {
			out[i].Cooperators = append(out[i].Cooperators, unit)
		}
	}
	return rows.Err()
}

// pendingMilestones fills the milestones not done yet of the tasks the
// subquery ids selects.
func pendingMilestones(ctx context.Context, q db.Querier, list []Task, ids string, args ...any) error {
	index := make(map[int64]int, len(list))
	for i, t := range list {
		index[t.ID] = i
	}
	rows, err := q.Query(ctx, "SELECT task_id, id, seq, title, due_on, done_on FROM task_milestones WHERE done_on = '' AND task_id IN "+
		ids+" ORDER BY task_id, seq", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var task int64
		var m Milestone
		if err := rows.Scan(&task, &m.ID, &m.Seq, &m.Title, &m.DueOn, &m.DoneOn); err != nil {
			return err
		}
		if i, ok := index[task]; ok {
			list[i].Milestones = append(list[i].Milestones, m)
		}
	}
	return rows.Err()
}

// lastReports is the day of the latest progress report of each task.
func lastReports(ctx context.Context, q db.Querier, ids []int64) (map[int64]string, error) {
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	return lastReportsOf(ctx, q, "("+strings.Join(list, ",")+")")
}

// lastReportsOf is lastReports of the tasks a subquery selects.
func lastReportsOf(ctx context.Context, q db.Querier, ids string, args ...any) (map[int64]string, error) {
	out := map[int64]string{}
	n := strconv.Itoa(len(args) + 1)
	rows, err := q.Query(ctx, "SELECT task_id, MAX(happened_on) FROM task_events WHERE kind = $"+n+" AND task_id IN "+ids+" GROUP BY task_id",
		append(append([]any(nil), args...), string(Reported))...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var day string
		if err := rows.Scan(&id, &day); err != nil {
			return nil, err
		}
		out[id] = day
	}
	return out, rows.Err()
}

func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + "." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// Row is one task, whole, lit on today, as a list would show it.
func (s *Store) Row(ctx context.Context, taskID int64) (Row, error) {
	t, err := taskByID(ctx, s.db, taskID)
	if err != nil {
		return Row{}, err
	}
	rules, err := LoadRules(ctx, s.db)
	if err != nil {
		return Row{}, err
	}
	last, err := lastReports(ctx, s.db, []int64{t.ID})
	if err != nil {
		return Row{}, err
	}
	return Row{Task: t, LastReport: last[t.ID], Light: Evaluate(t, last[t.ID], s.Today(), rules)}, nil
}
