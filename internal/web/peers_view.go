package web

import (
	"context"
	"errors"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/peers"
	"gaoxin/internal/plan"
)

// peerStanding is the zone's place in one group on one indicator, written
// out for a page.
type peerStanding struct {
	Group    *peers.Sheet
	Compared bool   // the group compares this indicator
	Value    string // the zone's, formatted
	Period   string
	Rank     int // 0: the zone has no value
	Count    int
	Tied     bool
	Above    string // names of the members just above, joined
	AboveGap string // with its unit; "" when first
	Best     string
	BestGap  string
}

// standingOf ranks the zone in sh on in and writes the result in lang.
func standingOf(sh *peers.Sheet, in peers.Indicator, lang i18n.Lang) peerStanding {
	st := sh.Standing(in)
	out := peerStanding{Group: sh, Compared: true, Rank: st.Rank, Count: st.Count, Tied: st.Tied}
	places := valuePlaces(sh, in)
	if zone, ok := sh.Zone(); ok {
		if v, ok := sh.Value(in.ID, zone.ID); ok {
			out.Value, out.Period = amountIn(v.Amount, places), v.Period
		}
	}
	if st.AboveGap != nil {
		out.Above, out.AboveGap = memberNames(sh, st.Above, lang), peerGap(st.AboveGap, places, in.UOM, lang)
	}
	if st.BestGap != nil {
		out.Best, out.BestGap = memberNames(sh, st.Best, lang), peerGap(st.BestGap, places, in.UOM, lang)
	}
	return out
}

// valuePlaces is the most decimals any value of the indicator has, so a
// gap is written as finely as the values it comes from.
func valuePlaces(sh *peers.Sheet, in peers.Indicator) int {
	most := 0
	for _, m := range sh.Members {
		if v, ok := sh.Value(in.ID, m.ID); ok {
			most = max(most, peers.Places(v.Amount))
		}
	}
	return most
}

// amountIn writes a value with the decimals of its column, so that 6 among
// tenths reads 6.0.
func amountIn(amount string, places int) string {
	if r := peers.Rat(amount); r != nil {
		return peers.FormatRat(r, places)
	}
	return amount
}

// peerGap writes a gap with its unit; a gap between percentages is in
// percentage points.
func peerGap(r *big.Rat, places int, uom string, lang i18n.Lang) string {
	n := peers.FormatRat(r, places)
	switch {
	case uom == "%":
		return i18n.T(lang, "peers.points", n)
	case uom == "":
		return n
	case lang == i18n.EN:
		return n + " " + uom
	}
	return n + uom
}

func memberNames(sh *peers.Sheet, ids []int64, lang i18n.Lang) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		if m, ok := sh.Member(id); ok {
			names = append(names, m.Name)
		}
	}
	sep := "、"
	if lang == i18n.EN {
		sep = ", "
	}
	return strings.Join(names, sep)
}

// peerCompareRow is one indicator across the year's groups: the view a
// leader wants, the three levels side by side.
type peerCompareRow struct {
	Indicator peers.Indicator
	PlanLink  string
	Cells     []peerStanding // one per group, in the order of the columns
}

// compareRows matches indicators across groups by code, in the order they
// first appear, nearest level first.
func compareRows(sheets []*peers.Sheet, links map[string]string, lang i18n.Lang) []peerCompareRow {
	var rows []peerCompareRow
	at := map[string]int{}
	for _, sh := range sheets {
		for _, in := range sh.Indicators {
			if _, ok := at[in.Code]; !ok {
				at[in.Code] = len(rows)
				rows = append(rows, peerCompareRow{Indicator: in, PlanLink: links[in.PlanCode], Cells: make([]peerStanding, len(sheets))})
			}
		}
	}
	for col, sh := range sheets {
		for _, in := range sh.Indicators {
			rows[at[in.Code]].Cells[col] = standingOf(sh, in, lang)
		}
	}
	return rows
}

// planLinks maps the year plan's indicator codes to their pages, so that a
// peer indicator tied to the plan links to the zone's own progress.
func (s *Server) planLinks(ctx context.Context, year int) (map[string]string, error) {
	links := map[string]string{}
	ps := plan.NewStore(s.db)
	p, err := ps.PlanByYear(ctx, year)
	if errors.Is(err, db.ErrNotFound) {
		return links, nil
	} else if err != nil {
		return nil, err
	}
	list, err := ps.Indicators(ctx, p.ID)
	for _, in := range list {
		links[in.Code] = "/plan/" + strconv.Itoa(year) + "/indicators/" + itoa(in.ID)
	}
	return links, err
}

// peerColumn is one indicator of a group's table with the zone's standing
// and where the values come from.
type peerColumn struct {
	Indicator peers.Indicator
	PlanLink  string
	Standing  peerStanding
	Periods   string
	Sources   string
}

// peerMemberRow is one member's line of a group's table.
type peerMemberRow struct {
	Member peers.Member
	Cells  []peerValueCell
}

type peerValueCell struct {
	Value  string // formatted; "" for none
	Rank   int
	Period string
	Source string
}

type peerGroupView struct {
	Sheet      *peers.Sheet
	Columns    []peerColumn
	Rows       []peerMemberRow
	Manage     bool
	Directions []peers.Direction
}

func groupTable(sh *peers.Sheet, links map[string]string, lang i18n.Lang) ([]peerColumn, []peerMemberRow) {
	cols := make([]peerColumn, len(sh.Indicators))
	rows := make([]peerMemberRow, len(sh.Members))
	for i, m := range sh.Members {
		rows[i] = peerMemberRow{Member: m, Cells: make([]peerValueCell, len(sh.Indicators))}
	}
	for j, in := range sh.Indicators {
		ranks := peers.Ranks(in.Direction, sh.Entries(in))
		places := valuePlaces(sh, in)
		var periods, sources []string
		for i, m := range sh.Members {
			v, ok := sh.Value(in.ID, m.ID)
			if !ok {
				continue
			}
			rows[i].Cells[j] = peerValueCell{Value: amountIn(v.Amount, places), Rank: ranks[m.ID], Period: v.Period, Source: v.Source}
			periods, sources = addDistinct(periods, v.Period), addDistinct(sources, v.Source)
		}
		cols[j] = peerColumn{Indicator: in, PlanLink: links[in.PlanCode], Standing: standingOf(sh, in, lang),
			Periods: strings.Join(periods, "；"), Sources: strings.Join(sources, "；")}
	}
	return cols, rows
}

func addDistinct(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// Band colours a place by where it falls in the field: first, the top
// third, the middle third, the last third.
func (st peerStanding) Band() string {
	switch {
	case st.Rank == 0:
		return "st-none"
	case st.Rank == 1:
		return "st-ahead"
	case 3*(st.Rank-1) < st.Count:
		return "st-on_track"
	case 3*(st.Rank-1) < 2*st.Count:
		return "st-behind"
	}
	return "st-serious"
}
