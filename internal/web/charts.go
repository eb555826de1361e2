package web

import (
	"math"
	"net/http"

	"gaoxin/internal/chart"
	"gaoxin/internal/i18n"
	"gaoxin/internal/progress"
)

// indicatorChart draws the zone's year to date month by month against the
// 序时 line and, where there is one, the 力争 line, as an SVG image.
func (s *Server) indicatorChart(w http.ResponseWriter, r *http.Request) {
	b, row, ok := s.indicatorFromPath(w, r)
	if !ok {
		return
	}
	lang := current(r).lang
	labels := make([]string, 12)
	actual, expected, stretch := nanSeries(), nanSeries(), nanSeries()
	hasStretch := false
	for m := 1; m <= 12; m++ {
		labels[m-1] = i18n.T(lang, "month."+itoa(int64(m)))
		res := row.Zone.ByMonth[m-1]
		if m <= b.Month && res.YTD.OK {
			actual[m-1] = res.YTD.V
		}
		if res.Expected.OK {
			expected[m-1] = res.Expected.V
		}
		if res.StretchExpected.OK {
			stretch[m-1], hasStretch = res.StretchExpected.V, true
		}
	}
	series := []chart.Series{
		{Name: i18n.T(lang, "chart.actual"), Values: actual, Style: chart.Actual},
		{Name: i18n.T(lang, "chart.expected"), Values: expected, Style: chart.Expected},
	}
	if hasStretch {
		series = append(series, chart.Series{Name: i18n.T(lang, "chart.stretch"), Values: stretch, Style: chart.Previous})
	}
	svg := chart.Line(chart.LineChart{Title: row.Name, Unit: row.UOM, Labels: labels, Series: series,
		Decimals: row.Precision, Empty: i18n.T(lang, "chart.empty")})
	writeSVG(w, svg)
}

// unitsChart compares the units' completion of an indicator as bars.
func (s *Server) unitsChart(w http.ResponseWriter, r *http.Request) {
	_, row, ok := s.indicatorFromPath(w, r)
	if !ok {
		return
	}
	lang := current(r).lang
	var items []chart.Item
	for _, u := range inScope(current(r).user, row.ByUnit) {
		items = append(items, chart.Item{Label: u.Unit.Name, Value: percent(u.Ratio), Status: u.Status.String()})
	}
	svg := chart.Bar(chart.BarChart{Title: i18n.T(lang, "chart.by_unit"), Unit: i18n.T(lang, "chart.completion"),
		Items: items, Reference: 100, ReferenceLabel: "100%", Decimals: 1, Empty: i18n.T(lang, "chart.empty")})
	writeSVG(w, svg)
}

func percent(v progress.Value) float64 {
	if !v.OK {
		return math.NaN()
	}
	return v.V * 100
}

func nanSeries() []float64 {
	s := make([]float64, 12)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

func writeSVG(w http.ResponseWriter, svg []byte) {
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "private, max-age=60")
	w.Write(svg)
}
