package cli

import (
	"errors"
	"strconv"
	"strings"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
	"gaoxin/internal/progress"
)

func init() {
	exportKinds["indicators"] = exportKind{run: exportIndicators}
}

// exportIndicators writes every indicator of a year with its targets and
// where it stands at the default month (the latest whose deadline passed).
func exportIndicators(e *env, d *db.DB, year int) ([]string, [][]string, error) {
	if year == 0 {
		return nil, nil, usagef("--year is required for indicators")
	}
	b, err := dashboard.Load(e.ctx, d, year, 0)
	if errors.Is(err, dashboard.ErrNoPlan) {
		return nil, nil, errors.New("there is no plan for " + strconv.Itoa(year))
	} else if err != nil {
		return nil, nil, err
	}
	lang := e.lang
	header := []string{}
	for _, k := range []string{"code", "name", "node", "uom", "direction", "committed", "stretch", "target_year", "month", "ytd", "expected", "ratio", "status", "forecast", "warning"} {
		header = append(header, i18n.T(lang, "export.col."+k))
	}
	paths := nodePaths(b.Nodes)
	var rows [][]string
	for _, in := range b.Indicators {
		z := in.Zone
		rows = append(rows, []string{in.Code, in.Name, paths[in.NodeID], in.UOM, i18n.T(lang, "direction."+string(in.Direction)),
			ptr(in.Target.Committed), ptr(in.Target.Stretch), strconv.Itoa(in.Target.TargetYear), strconv.Itoa(b.Month),
			val(z.YTD), val(z.Expected), ratio(z.Ratio), z.Status.String(), val(z.Forecast), strconv.FormatBool(z.Warning)})
	}
	return header, rows, nil
}

// nodePaths names each node by its path from the top, "目标 / 重点工作 / 措施".
func nodePaths(nodes []dashboard.NodeRow) map[int64]string {
	byID := map[int64]plan.Node{}
	for _, n := range nodes {
		byID[n.ID] = n.Node
	}
	out := map[int64]string{}
	for _, n := range nodes {
		var parts []string
		for cur, ok := n.Node, true; ok; cur, ok = byID[cur.ParentID] {
			parts = append([]string{cur.Name}, parts...)
		}
		out[n.ID] = strings.Join(parts, " / ")
	}
	return out
}

// Numbers are written plainly (no thousands separators) so that
// spreadsheets and scripts read them as numbers.
func ptr(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func val(v progress.Value) string {
	if !v.OK {
		return ""
	}
	return strconv.FormatFloat(roundTo(v.V, 6), 'f', -1, 64)
}

func ratio(v progress.Value) string {
	if !v.OK {
		return ""
	}
	return strconv.FormatFloat(roundTo(v.V, 4), 'f', -1, 64)
}

func roundTo(v float64, places int) float64 {
	p := 1.0
	for i := 0; i < places; i++ {
		p *= 10
	}
	return float64(int64(v*p+0.5*sign(v))) / p
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}
