package attract

import (
	"context"
	"strconv"
	"strings"
)

// Filter selects leads; empty fields select all.
type Filter struct {
	Scope       string // a unit path: the leads owned within that subtree (a user's scope)
	OwnerUnitID int64  // the leads owned by one unit
	OwnerUserID int64  // the leads one person works
	Stage       Stage
	Channel     Channel
	Kind        Kind
	Flag        Flag
	Agency      string
	Search      string // in code, name, industry, owner and agency
	Year        int    // the leads received in a year
	Overdue     string // a day: only leads past a response or assessment deadline on it
	Deadlines   Deadlines
}

// where writes the filter as SQL conditions on leads l joined with its
// owner unit u, with their arguments; skipStage leaves the stage out (the
// pipeline counts every stage of a selection).
func (f Filter) where(skipStage bool) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Scope != "" {
		conds = append(conds, "u.path LIKE "+arg(escapeLike(f.Scope)+"%")+" ESCAPE '\\'")
	}
	if f.OwnerUnitID != 0 {
		conds = append(conds, "l.owner_unit_id = "+arg(f.OwnerUnitID))
	}
	if f.OwnerUserID != 0 {
		conds = append(conds, "l.owner_user_id = "+arg(f.OwnerUserID))
	}
	if f.Stage != "" && !skipStage {
		conds = append(conds, "l.stage = "+arg(string(f.Stage)))
	}
	if f.Channel != "" {
		conds = append(conds, "l.channel = "+arg(string(f.Channel)))
	}
	if f.Kind != "" {
		conds = append(conds, "l.kind = "+arg(string(f.Kind)))
	}
	if f.Flag != "" {
		conds = append(conds, "(',' || l.flags || ',') LIKE "+arg("%,"+string(f.Flag)+",%"))
	}
	if f.Agency != "" {
		conds = append(conds, "l.agency = "+arg(f.Agency))
	}
	if q := strings.TrimSpace(f.Search); q != "" {
		// The engine lowers the pattern as it lowers the columns (SQLite
		// only A–Z), so that a name typed as it is spelt, full-width
		// letters and all, is always found.
		p := "LOWER(" + arg("%"+escapeLike(q)+"%") + ")"
		conds = append(conds, "(LOWER(l.code) LIKE "+p+" ESCAPE '\\' OR LOWER(l.name) LIKE "+p+" ESCAPE '\\' OR LOWER(l.industry) LIKE "+p+
			" ESCAPE '\\' OR LOWER(l.owner_name) LIKE "+p+" ESCAPE '\\' OR LOWER(l.agency) LIKE "+p+" ESCAPE '\\')")
	}
	if f.Year != 0 {
		y := strconv.Itoa(f.Year)
		conds = append(conds, "l.received_on >= "+arg(y+"-01-01")+" AND l.received_on <= "+arg(y+"-12-31"))
	}
	if f.Overdue != "" {
		respond, assess := f.Deadlines.overdueBefore(f.Overdue)
		conds = append(conds, "(l.responded_on = '' AND l.received_on < "+arg(respond)+" OR l.assessed_on = '' AND l.received_on < "+arg(assess)+")")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// List is the leads a filter selects, most recently received first.
func (s *Store) List(ctx context.Context, f Filter) ([]Lead, error) {
	where, args := f.where(false)
	rows, err := s.db.Query(ctx, "SELECT "+prefixed("l.", leadColumns)+" FROM leads l JOIN units u ON u.id = l.owner_unit_id"+
		where+" ORDER BY l.received_on DESC, l.id DESC", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Lead
	for rows.Next() {
		l, err := scanLead(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, l)
	}
	return list, rows.Err()
}

// prefixed qualifies every column of a list with a table's alias.
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = alias + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// Cell is the leads of one stage and channel: how many, what they expect
// to invest and what has arrived.
type Cell struct {
	Leads    int
	Expected float64
	Arrived  float64
}

func (c *Cell) add(o Cell) {
	c.Leads += o.Leads
	c.Expected += o.Expected
	c.Arrived += o.Arrived
}

// Pipeline is a selection's leads by stage and channel, with the share of
// the leads that reached each stage that went on to the next.
type Pipeline struct {
	Cells     map[Stage]map[Channel]Cell
	ByStage   map[Stage]Cell
	ByChannel map[Channel]Cell
	Total     Cell
	Reached   map[Stage]int      // leads at the stage or beyond it
	Onwards   map[Stage]*float64 // Reached of the next stage over Reached of this one; nil when none reached it
	Overdue   int                // leads past a deadline, when the filter names a day
}

// Pipeline sums the leads the filter selects, every stage of them: one
// grouped query, so that it stays quick over a province's leads.
func (s *Store) Pipeline(ctx context.Context, f Filter) (Pipeline, error) {
	p := Pipeline{Cells: map[Stage]map[Channel]Cell{}, ByStage: map[Stage]Cell{}, ByChannel: map[Channel]Cell{},
		Reached: map[Stage]int{}, Onwards: map[Stage]*float64{}}
	overdue := f.Overdue
	f.Overdue = ""
	where, args := f.where(true)
	rows, err := s.db.Query(ctx, `SELECT l.stage, l.channel, COUNT(*), COALESCE(SUM(l.expected_investment), 0),
		COALESCE(SUM(l.arrived_investment), 0) FROM leads l JOIN units u ON u.id = l.owner_unit_id`+where+
		" GROUP BY l.stage, l.channel", args...)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var st Stage
		var ch Channel
		var c Cell
		if err := rows.Scan(&st, &ch, &c.Leads, &c.Expected, &c.Arrived); err != nil {
			return p, err
		}
		if p.Cells[st] == nil {
			p.Cells[st] = map[Channel]Cell{}
		}
		p.Cells[st][ch] = c
		bs, bc := p.ByStage[st], p.ByChannel[ch]
		bs.add(c)
		bc.add(c)
		p.ByStage[st], p.ByChannel[ch] = bs, bc
		p.Total.add(c)
	}
	if err := rows.Err(); err != nil {
		return p, err
	}
	for i := len(Stages) - 1; i >= 0; i-- {
		p.Reached[Stages[i]] = p.ByStage[Stages[i]].Leads
		if i < len(Stages)-1 {
			p.Reached[Stages[i]] += p.Reached[Stages[i+1]]
		}
	}
	for i, st := range Stages[:len(Stages)-1] {
		if p.Reached[st] > 0 {
			r := float64(p.Reached[Stages[i+1]]) / float64(p.Reached[st])
			p.Onwards[st] = &r
		}
	}
	if overdue != "" {
		f.Overdue = overdue
		where, args := f.where(false)
		err := s.db.QueryRow(ctx, "SELECT COUNT(*) FROM leads l JOIN units u ON u.id = l.owner_unit_id"+where, args...).Scan(&p.Overdue)
		if err != nil {
			return p, err
		}
	}
	return p, nil
}

// Agencies are the partner agencies named on leads, for the filters.
func (s *Store) Agencies(ctx context.Context) ([]string, error) {
	rows, err := s.db.Query(ctx, "SELECT DISTINCT agency FROM leads WHERE agency <> '' ORDER BY agency")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}
