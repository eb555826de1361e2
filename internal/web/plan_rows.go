package web

import (
	"strconv"

	"gaoxin/internal/dashboard"
)

// boardRow is one line of the dashboard's table, a node or one of its
// indicators, with every cell already written out.
//
// A province's board has 2,000 indicators. When the template reached into
// the board for each cell, every field it named cost a reflective search
// through the embedded structs of the board's rows, and the page spent
// over 100 ms in the template alone; from these flat rows it writes the
// same page several times faster.
type boardRow struct {
	Node       bool
	Depth      int
	Href       string // the node drilled into, or the indicator's page
	Name, Code string
	Status     string // the status code, for the style class
	StatusName string
	Ratio      string
	Gap        string // the sharing shortfall, "" when the units' targets add up
	Target     string // committed target, stretch target and unit of measure
	ByYear     int    // the year of a multi-year target, 0 otherwise
	YTD        string
	Expected   string
	Forecast   string
	Warning    bool
	Bound      bool // its figures are produced by a module, not typed
}

// boardRows writes out the nodes and their indicators in table order.
func boardRows(p *page, b *dashboard.Board, nodes []dashboard.NodeRow) []boardRow {
	year, month := "/plan/"+strconv.Itoa(b.Plan.Year), "?month="+strconv.Itoa(b.Month)
	rows := make([]boardRow, 0, len(nodes)+len(b.Indicators))
	for _, n := range nodes {
		rows = append(rows, boardRow{Node: true, Depth: n.Depth(), Href: year + month + "&node=" + itoa(n.ID), Name: n.Name,
			Status: n.Status.String(), StatusName: p.Status(n.Status), Ratio: p.Ratio(n.Ratio)})
		for _, in := range n.Indicators {
			row := indicatorLine(p, b, n.Depth(), in)
			row.Href = year + "/indicators/" + itoa(in.ID) + month
			rows = append(rows, row)
		}
	}
	return rows
}

func indicatorLine(p *page, b *dashboard.Board, depth int, in *dashboard.IndicatorRow) boardRow {
	z := in.Zone
	row := boardRow{Depth: depth, Name: in.Name, Code: in.Code, Status: z.Status.String(),
		StatusName: p.Status(z.Status), Ratio: p.Ratio(z.Ratio), YTD: p.Num(z.YTD, in.Precision),
		Expected: p.Num(z.Expected, in.Precision), Forecast: p.Num(z.Forecast, in.Precision), Warning: z.Warning, Bound: in.Bound()}
	if g := b.Gap(in.ID); g != nil {
		row.Gap = p.T("plan.gap", p.Fixed(g.Shortfall, 2))
	}
	row.Target = p.Float(in.Target.Committed, in.Precision)
	if in.Target.Stretch != nil {
		row.Target += " / " + p.Float(in.Target.Stretch, 0)
	}
	row.Target += " " + in.UOM
	if in.Target.TargetYear > b.Plan.Year {
		row.ByYear = in.Target.TargetYear
	}
	return row
}
