package chart

// Sizes of a legend entry, in pixels: a sample of the line, a gap, the
// text, and a wider gap before the next entry.
const (
	legendSize = 12.0
	swatch     = 22.0
	swatchGap  = 6.0
	entryGap   = 18.0
	legendRow  = 18.0
)

// legendEntry is one series in the legend: its sample starts at x, its
// text at x + swatch + swatchGap, on the baseline y.
type legendEntry struct {
	x, y  float64
	text  string
	style Style
}

func (e legendEntry) textX() float64 { return e.x + swatch + swatchGap }
func (e legendEntry) end() float64   { return e.textX() + TextWidth(e.text, legendSize) }

// layoutLegend places the named series one after another from the left,
// each as wide as TextWidth says, starting a new row when the next would
// run past the right edge. It returns the entries and the y below them.
func layoutLegend(series []Series, w, y float64) ([]legendEntry, float64) {
	var entries []legendEntry
	x, baseline := pad, y+legendSize
	room := w - 2*pad - swatch - swatchGap
	for _, s := range series {
		if s.Name == "" {
			continue
		}
		e := legendEntry{x: x, y: baseline, text: truncate(s.Name, legendSize, room), style: s.Style}
		if e.end() > w-pad && x > pad {
			e.x, e.y = pad, e.y+legendRow
			baseline = e.y
		}
		entries = append(entries, e)
		x = e.end() + entryGap
	}
	if entries == nil {
		return nil, y
	}
	return entries, baseline + 8
}

func drawLegend(cv *canvas, entries []legendEntry) {
	if entries == nil {
		return
	}
	cv.start("g", a("class", "legend"), n("font-size", legendSize))
	for _, e := range entries {
		lk := lookOf(e.style)
		cv.empty("line", n("x1", e.x), n("x2", e.x+swatch), n("y1", e.y-4), n("y2", e.y-4),
			a("stroke", lk.stroke), n("stroke-width", lk.width), a("stroke-dasharray", lk.dash))
		cv.text(e.text, n("x", e.textX()), n("y", e.y))
	}
	cv.end("g")
}
