package peers

import (
	"context"
	"slices"
	"sort"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// fileRow is one parsed line: a member's value of an indicator in a group,
// and whatever the line says about the group, the member and the indicator.
// It lasts while the line is read: its group keeps only the value, so that
// a file of many lines costs what writing its values needs.
type fileRow struct {
	line                int
	year                int
	group, member, code string
	level               Level  // "" when the line does not say
	levelText           string // the level as the line wrote it
	zone                bool
	ind                 IndicatorFields // blank fields: the line does not say
	dirText             string          // the direction as the line wrote it
	value               string
	note                Note
	unread              []string // fields the line gives that did not read, reported already
}

// fileValue is a line as its group keeps it: a member's value of an indicator.
type fileValue struct {
	line         int
	member, code string
	value        string
	note         Note
	amount       string // the value read in the indicator's unit
}

// fileGroup is what the file says about one group.
type fileGroup struct {
	year       int
	name       string
	line       int  // the first line naming it
	level      fact // a Level
	zone       string
	zoneLine   int
	unread     map[string]bool // level or zone given somewhere but unreadable
	members    []string
	memberAt   map[string]int // each member's place in members
	codes      []string
	indicators map[string]*fileIndicator
	values     []*fileValue
	valueAt    map[valueKey]int // the line giving each value
}

// valueKey names a value of a group by the places of its member and its
// indicator, smaller than their names for a file of many values.
type valueKey struct{ member, indicator int32 }

// fileIndicator is what the file says about one indicator of a group: each
// field as first given.
type fileIndicator struct {
	code            string
	line            int
	order           int // its place in its group's codes
	name, uom, plan fact
	dir             fact   // a Direction
	dirUnread       bool   // a direction was given but did not read
	unit            string // the unit its values are read in
}

// fact is a field as a file first gives it: its value, its text as the
// line wrote it, which a line that disagrees quotes, and that line (0:
// never given). A message quotes the earlier line from here, not from
// the file, whose rows are not held.
type fact struct {
	value, text string
	line        int
}

// agree takes a line's value of a field as the fact when it is the first
// given, and reports the line when it gives another.
func (f *peerFile) agree(r *fileRow, field string, have *fact, value, text string) {
	switch {
	case value == "":
	case have.line == 0:
		*have = fact{value: value, text: text, line: r.line}
	case value != have.value:
		f.problem(r.line, field, i18n.M("peers.err.conflict", have.line, have.text))
	}
}

// assemble adds a row to its group and checks that it agrees with the
// rows before it: one level and one zone per group, one name, unit,
// direction and plan code per indicator, one line per value.
func (f *peerFile) assemble(r *fileRow) {
	g := f.group(r)
	in := g.indicator(r)
	at := valueKey{g.member(r.member), int32(in.order)}
	if first, dup := g.valueAt[at]; dup {
		f.problem(r.line, "value", i18n.M("peers.err.duplicate_row", first))
		return
	}
	g.valueAt[at] = r.line
	g.values = append(g.values, &fileValue{line: r.line, member: r.member, code: r.code, value: r.value, note: r.note})
	f.groupFacts(g, r)
	f.indicatorFacts(in, r)
}

// group is the row's group, new when the row is the first to name it.
func (f *peerFile) group(r *fileRow) *fileGroup {
	key := groupKey{r.year, r.group}
	g := f.byKey[key]
	if g == nil {
		g = &fileGroup{year: r.year, name: r.group, line: r.line, memberAt: map[string]int{},
			indicators: map[string]*fileIndicator{}, unread: map[string]bool{}, valueAt: map[valueKey]int{}}
		f.byKey[key] = g
		f.groups = append(f.groups, g)
	}
	return g
}

// member is the member's place in the group, added when new.
func (g *fileGroup) member(name string) int32 {
	at, ok := g.memberAt[name]
	if !ok {
		at = len(g.members)
		g.memberAt[name] = at
		g.members = append(g.members, name)
	}
	return int32(at)
}

// indicator is the row's indicator in the group, new when the row is the
// first to give its code.
func (g *fileGroup) indicator(r *fileRow) *fileIndicator {
	in := g.indicators[r.code]
	if in == nil {
		in = &fileIndicator{code: r.code, line: r.line, order: len(g.codes)}
		g.indicators[r.code] = in
		g.codes = append(g.codes, r.code)
	}
	return in
}

// groupKey names a group: its year and name.
type groupKey struct {
	year int
	name string
}

func (f *peerFile) groupFacts(g *fileGroup, r *fileRow) {
	for _, field := range r.unread {
		g.unread[field] = true
	}
	f.agree(r, "level", &g.level, string(r.level), r.levelText)
	if r.zone {
		if g.zoneLine == 0 {
			g.zone, g.zoneLine = r.member, r.line
		} else if r.member != g.zone {
			f.problem(r.line, "zone", i18n.M("peers.err.two_zones", g.zoneLine, g.zone))
		}
	}
}

func (f *peerFile) indicatorFacts(in *fileIndicator, r *fileRow) {
	in.dirUnread = in.dirUnread || slices.Contains(r.unread, "direction")
	f.agree(r, "name", &in.name, r.ind.Name, r.ind.Name)
	f.agree(r, "uom", &in.uom, r.ind.UOM, r.ind.UOM)
	f.agree(r, "plan_code", &in.plan, r.ind.PlanCode, r.ind.PlanCode)
	f.agree(r, "direction", &in.dir, string(r.ind.Direction), r.dirText)
}

// stored loads the groups of every year the file names.
func (f *peerFile) stored(ctx context.Context, q db.Querier) (map[groupKey]*Sheet, error) {
	out := map[groupKey]*Sheet{}
	years := map[int]bool{}
	for _, g := range f.groups {
		years[g.year] = true
	}
	list := make([]int, 0, len(years))
	for y := range years {
		list = append(list, y)
	}
	sort.Ints(list)
	for _, y := range list {
		sheets, err := loadYear(ctx, q, y)
		if err != nil {
			return nil, err
		}
		for _, sh := range sheets {
			out[groupKey{y, sh.Name}] = sh
		}
	}
	return out, nil
}

// check holds the file against what is stored: a group keeps its level
// and its zone, a new group needs both, a new indicator needs a name and a
// direction, an indicator with values keeps its unit, and every value
// reads in its indicator's unit.
func (f *peerFile) check(stored map[groupKey]*Sheet) {
	for _, g := range f.groups {
		sh := stored[groupKey{g.year, g.name}]
		f.checkGroup(g, sh)
		for _, code := range g.codes {
			f.checkIndicator(g.indicators[code], sh)
		}
		for _, r := range g.values {
			if r.value == "" {
				continue
			}
			a, err := ParseAmount(r.value, g.indicators[r.code].unit)
			if err != nil {
				f.problem(r.line, "value", err.Msg)
				continue
			}
			r.amount = a
		}
	}
}

func (f *peerFile) checkGroup(g *fileGroup, sh *Sheet) {
	if sh == nil {
		// A level or zone that was given but did not read is reported already.
		if g.level.line == 0 && !g.unread["level"] {
			f.problem(g.line, "level", i18n.M("peers.err.level_needed", g.name))
		}
		if g.zoneLine == 0 && !g.unread["zone"] {
			f.problem(g.line, "zone", i18n.M("peers.err.zone_needed", g.name))
		}
		return
	}
	if g.level.line != 0 && Level(g.level.value) != sh.Level {
		f.problem(g.level.line, "level", i18n.Text(
			i18n.T(i18n.ZH, "peers.err.level_is", g.name, i18n.T(i18n.ZH, "peers.level."+string(sh.Level))),
			i18n.T(i18n.EN, "peers.err.level_is", g.name, i18n.T(i18n.EN, "peers.level."+string(sh.Level)))))
	}
	if zone, ok := sh.Zone(); ok && g.zoneLine != 0 && g.zone != zone.Name {
		f.problem(g.zoneLine, "zone", i18n.M("peers.err.zone_is", g.name, zone.Name))
	}
}

func (f *peerFile) checkIndicator(in *fileIndicator, sh *Sheet) {
	var old Indicator
	var exists bool
	if sh != nil {
		old, exists = sh.Indicator(in.code)
	}
	in.unit = in.uom.value
	if !exists {
		if in.name.line == 0 {
			f.problem(in.line, "name", i18n.M("peers.err.name_needed", in.code))
		}
		if in.dir.line == 0 && !in.dirUnread {
			f.problem(in.line, "direction", i18n.M("peers.err.direction_needed", in.code))
		}
		return
	}
	if in.uom.line == 0 {
		in.unit = old.UOM
		return
	}
	if in.uom.value != old.UOM && hasValues(sh, old.ID) {
		f.problem(in.uom.line, "uom", i18n.M("peers.err.uom_fixed", in.code, old.UOM))
	}
}

func hasValues(sh *Sheet, indicator int64) bool {
	for c := range sh.Values {
		if c.Indicator == indicator {
			return true
		}
	}
	return false
}

// sortProblems orders problems by row, so that a long list reads top down.
func sortProblems(p []i18n.RowError) {
	sort.SliceStable(p, func(i, j int) bool { return p[i].Row < p[j].Row })
}
