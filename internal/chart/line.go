package chart

import "math"

// Style is how a series is drawn; the three differ in dash as well as
// colour, so that they stay apart in grey print and for colour-blind eyes.
type Style int

const (
	Actual   Style = iota // the figures so far: strong, solid, a dot per month
	Expected              // the expected pace (序时): dashed
	Previous              // last year: thin, dotted, grey
)

// Series is one line of a chart.
type Series struct {
	Name   string    // its legend entry, e.g. "实际（累计）"; none when empty
	Values []float64 // one per slot; math.NaN() where there is no figure
	Style  Style
}

// LineChart describes a chart of a year's figures, month by month.
type LineChart struct {
	Title    string
	Unit     string   // shown at the top of the y axis, e.g. "亿元"
	Labels   []string // one per slot of the x axis: "1月"…"12月" or "Jan"…"Dec"
	Series   []Series
	Decimals int    // decimals of the figures in the tooltips
	Empty    string // shown when no series has a figure, e.g. "暂无数据"
	Width    int    // pixels; 720 when zero
	Height   int    // pixels; 320 when zero
}

// Sizes of the layout, in pixels.
const (
	pad       = 12.0
	titleSize = 15.0
	tickSize  = 11.0
)

// lineLayout is where everything of a line chart goes. The plot is the box
// left–right × top–bottom; the highest tick lies on top, the lowest on
// bottom. An empty chart has no ticks and no legend.
type lineLayout struct {
	w, h                     float64
	title                    string
	titleY                   float64
	legend                   []legendEntry
	unitY                    float64
	left, right, top, bottom float64
	y                        scale
	slots                    int
	empty                    bool
}

// layoutLine works out the lineLayout of c: title, then legend, then the
// unit, then the plot, whose left edge leaves room for the tick labels.
func layoutLine(c LineChart) lineLayout {
	l := lineLayout{w: size(c.Width, 720), h: size(c.Height, 320), slots: len(c.Labels)}
	y := pad
	if c.Title != "" {
		l.title = truncate(c.Title, titleSize, l.w-2*pad)
		l.titleY = y + titleSize
		y = l.titleY + 8
	}
	lo, hi, found := extent(c.Series, l.slots)
	l.empty = !found
	if !l.empty {
		l.legend, y = layoutLegend(c.Series, l.w, y)
		l.y = niceTicks(lo, hi)
	}
	l.unitY = y + tickSize
	l.top = l.unitY + 12
	l.bottom = l.h - pad - 18
	l.left, l.right = pad, l.w-pad
	if !l.empty {
		l.left += widestTick(l.y) + 8
	}
	return l
}

// size is a configured dimension, or its default when none is set.
func size(configured int, fallback float64) float64 {
	if configured <= 0 {
		return fallback
	}
	return float64(configured)
}

// extent is the lowest and highest figure shown, and whether there is any.
func extent(series []Series, slots int) (lo, hi float64, found bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, v := range s.Values[:min(len(s.Values), slots)] {
			if known(v) {
				lo, hi, found = min(lo, v), max(hi, v), true
			}
		}
	}
	return lo, hi, found
}

// known reports a figure; NaN, and infinities that no scale can hold, are
// treated as missing.
func known(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// widestTick is the width of the longest tick label, which the plot must
// leave room for on its left.
func widestTick(s scale) float64 {
	w := 0.0
	for _, t := range s.ticks {
		w = max(w, TextWidth(formatNumber(t, s.decimals), tickSize))
	}
	return w
}

// x is the centre of a slot, yOf the height of a figure.
func (l lineLayout) x(slot int) float64 {
	return l.left + (float64(slot)+0.5)*(l.right-l.left)/float64(l.slots)
}

func (l lineLayout) yOf(v float64) float64 { return l.y.at(v, l.bottom, l.top) }

// Line draws the chart as a complete SVG document.
func Line(c LineChart) []byte {
	l := layoutLine(c)
	cv := newCanvas(l.w, l.h, c.Title)
	if l.title != "" {
		cv.text(l.title, n("x", pad), n("y", l.titleY), n("font-size", titleSize), a("font-weight", "bold"))
	}
	if l.empty {
		drawSlots(cv, l, c.Labels)
		cv.text(c.Empty, n("x", (l.left+l.right)/2), n("y", (l.top+l.bottom)/2), a("text-anchor", "middle"),
			a("font-size", "13"), a("fill", muted))
		return cv.bytes()
	}
	drawLegend(cv, l.legend)
	drawYAxis(cv, l, c.Unit)
	drawSlots(cv, l, c.Labels)
	// The actual figures go on top of the lines they are compared with.
	for _, s := range c.Series {
		if s.Style != Actual {
			drawSeries(cv, l, s, c)
		}
	}
	for _, s := range c.Series {
		if s.Style == Actual {
			drawSeries(cv, l, s, c)
		}
	}
	return cv.bytes()
}
