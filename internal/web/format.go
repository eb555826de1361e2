package web

import (
	"fmt"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/report"

	"gaoxin/internal/progress"
	"gaoxin/internal/quantity"
)

// Num writes a figure as Chinese offices do, 1,204 or 92.3; "—" when unknown.
func (p *page) Num(v progress.Value, precision int) string {
	if !v.OK {
		return "—"
	}
	return quantity.Format(v.V, precision)
}

// Float writes a plain number with the given decimals, "—" for nil.
func (p *page) Float(v *float64, precision int) string {
	if v == nil {
		return "—"
	}
	return quantity.Format(*v, precision)
}

// Fixed writes a plain float with at most the given decimals.
func (p *page) Fixed(v float64, precision int) string { return quantity.Format(v, precision) }

// Ratio writes a completion ratio as a percentage, 92.2%.
func (p *page) Ratio(v progress.Value) string {
	if !v.OK {
		return "—"
	}
	return quantity.Format(v.V*100, 1) + "%"
}

// Status is the translated name of a progress status.
func (p *page) Status(s progress.Status) string { return p.T("status." + s.String()) }

// MonthLabel is "11月" or "Nov".
func (p *page) MonthLabel(m int) string {
	return p.T(fmt.Sprintf("month.%d", m))
}

// Months lists 1..12 for selectors.
func (p *page) Months() []int { return []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12} }

// PeriodLabel is 2019年11月 or November 2019.
func (p *page) PeriodLabel(per report.Period) string { return per.Label(p.lang) }

// FigureValue is a figure's value as the grid shows it, "" when none.
func (p *page) FigureValue(f *report.Figure, precision int) string {
	if f == nil || f.Value == nil {
		return ""
	}
	return quantity.Format(*f.Value, precision)
}

// FigureExplanation is a figure's explanation, "" when none.
func (p *page) FigureExplanation(f *report.Figure) string {
	if f == nil {
		return ""
	}
	return f.Explanation
}

// queueView passes a list of grids to the queue template with the page.
type queueView struct {
	Page *page
	Rows []dashboard.GridStatus
}

// Queue wraps rows for the "queue" template.
func (p *page) Queue(rows []dashboard.GridStatus) queueView { return queueView{Page: p, Rows: rows} }
