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
type fileRow struct {
	line                int
	year                int
	group, member, code string
	level               Level // "" when the line does not say
	zone                bool
	ind                 IndicatorFields // blank fields: the line does not say
	value               string
	note                Note
	amount              string   // the value read in the indicator's unit
	unread              []string // fields the line gives that did not read, reported already
}

// fileGroup is what the file says about one group.
type fileGroup struct {
	year       int
	name       string
	line       int // the first line naming it
	level      Level
	levelLine  int
	zone       string
	zoneLine   int
	unread     map[string]bool // level or zone given somewhere but unreadable
	members    []string
	memberAt   map[string]int
	codes      []string
	indicators map[string]*fileIndicator
	rows       []*fileRow
}

// fileIndicator is what the file says about one indicator of a group: each
// field as first given, with the line that gave it (0: never given).
type fileIndicator struct {
	code                                 string
	line                                 int
	name, uom, plan                      string
	dir                                  Direction
	nameLine, uomLine, planLine, dirLine int
	dirUnread                            bool   // a direction was given but did not read
	unit                                 string // the unit its values are read in
}

// assemble gathers the rows by group and checks that lines agree with
// each other: one level and one zone per group, one name, unit,
// direction and plan code per indicator, one line per value.
func (f *peerFile) assemble() {
	byKey := map[groupKey]*fileGroup{}
	seen := map[[3]any]int{}
	for _, r := range f.rows {
		key := groupKey{r.year, r.group}
		g := byKey[key]
		if g == nil {
			g = &fileGroup{year: r.year, name: r.group, line: r.line, memberAt: map[string]int{},
				indicators: map[string]*fileIndicator{}, unread: map[string]bool{}}
			byKey[key] = g
			f.groups = append(f.groups, g)
		}
		cell := [3]any{key, r.member, r.code}
		if first, dup := seen[cell]; dup {
			f.problem(r.line, "value", i18n.M("peers.err.duplicate_row", first))
			continue
		}
		seen[cell] = r.line
		g.rows = append(g.rows, r)
		f.groupFacts(g, r)
		f.indicatorFacts(g, r)
	}
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
	if _, ok := g.memberAt[r.member]; !ok {
		g.memberAt[r.member] = r.line
		g.members = append(g.members, r.member)
	}
	if r.level != "" {
		if g.levelLine == 0 {
			g.level, g.levelLine = r.level, r.line
		} else if r.level != g.level {
			f.problem(r.line, "level", i18n.M("peers.err.conflict", g.levelLine, f.cellText(g.levelLine, "level")))
		}
	}
	if r.zone {
		if g.zoneLine == 0 {
			g.zone, g.zoneLine = r.member, r.line
		} else if r.member != g.zone {
			f.problem(r.line, "zone", i18n.M("peers.err.two_zones", g.zoneLine, g.zone))
		}
	}
}

func (f *peerFile) indicatorFacts(g *fileGroup, r *fileRow) {
	in := g.indicators[r.code]
	if in == nil {
		in = &fileIndicator{code: r.code, line: r.line}
		g.indicators[r.code] = in
		g.codes = append(g.codes, r.code)
	}
	agree := func(field, given string, have *string, at *int) {
		switch {
		case given == "":
		case *at == 0:
			*have, *at = given, r.line
		case given != *have:
			f.problem(r.line, field, i18n.M("peers.err.conflict", *at, f.cellText(*at, field)))
		}
	}
	in.dirUnread = in.dirUnread || slices.Contains(r.unread, "direction")
	agree("name", r.ind.Name, &in.name, &in.nameLine)
	agree("uom", r.ind.UOM, &in.uom, &in.uomLine)
	agree("plan_code", r.ind.PlanCode, &in.plan, &in.planLine)
	dir := string(in.dir)
	agree("direction", string(r.ind.Direction), &dir, &in.dirLine)
	in.dir = Direction(dir)
}

// cellText is what the file wrote in a line's column, for messages that
// quote an earlier line.
func (f *peerFile) cellText(line int, field string) string {
	for _, r := range f.t.Rows {
		if r.Line == line {
			return r.Cell(f.idx[field])
		}
	}
	return ""
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
		for _, r := range g.rows {
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
		if g.levelLine == 0 && !g.unread["level"] {
			f.problem(g.line, "level", i18n.M("peers.err.level_needed", g.name))
		}
		if g.zoneLine == 0 && !g.unread["zone"] {
			f.problem(g.line, "zone", i18n.M("peers.err.zone_needed", g.name))
		}
		return
	}
	if g.levelLine != 0 && g.level != sh.Level {
		f.problem(g.levelLine, "level", i18n.Text(
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
	in.unit = in.uom
	if !exists {
		if in.nameLine == 0 {
			f.problem(in.line, "name", i18n.M("peers.err.name_needed", in.code))
		}
		if in.dirLine == 0 && !in.dirUnread {
			f.problem(in.line, "direction", i18n.M("peers.err.direction_needed", in.code))
		}
		return
	}
	if in.uomLine == 0 {
		in.unit = old.UOM
		return
	}
	if in.uom != old.UOM && hasValues(sh, old.ID) {
		f.problem(in.uomLine, "uom", i18n.M("peers.err.uom_fixed", in.code, old.UOM))
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
