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
	rows, err := s.db.Query(ctx, "SELECT "+prefixed("t", taskColumns)+" FROM tasks t"+where+" ORDER BY t.deadline, t.code", args...)
	if err != nil {
		return nil, Counts{}, err
	}
	var tasks []Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
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
	selected := "(SELECT t.id FROM tasks t" + where + ")"
	unclosed := "(SELECT t.id FROM tasks t" + and + "t.status <> 'closed')"
	if err := fillTasks(ctx, s.db, tasks, selected, unclosed, args...); err != nil {
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
	return out, c, nil
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
