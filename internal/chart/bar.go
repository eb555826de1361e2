package chart

import "math"

// Item is one bar.
type Item struct {
	Label  string  // the unit's name
	Value  float64 // math.NaN() when the unit has no figure: no bar is drawn
	Status string  // "ahead", "on_track", "behind", "serious" or "none"; colours the bar
	Text   string  // written at the bar's end; the value, formatted, when empty
}

// BarChart describes horizontal bars comparing units.
type BarChart struct {
	Title          string
	Unit           string // shown under the labels, e.g. "完成率（%）"
	Items          []Item
	Reference      float64 // a vertical line at this value, e.g. 100; none when zero
	ReferenceLabel string  // written above the reference line, e.g. "100%"
	Decimals       int     // decimals of the values written at the bars' ends
	Empty          string  // shown when no item has a figure, e.g. "暂无数据"
	Width          int     // pixels; 720 when zero
	Height         int     // pixels; 26 a bar plus the margins when zero
}

// statusColours are the colours of the status codes, the same as the
// badges on the pages; an unknown status is grey, like "none".
var statusColours = map[string]string{
	"ahead":    "#1e7b45",
	"on_track": "#1f5fa8",
	"behind":   "#b35c00",
	"serious":  "#b42318",
	"none":     "#98a2b3",
}

func colourOf(status string) string {
	if c, ok := statusColours[status]; ok {
		return c
	}
	return statusColours["none"]
}

// Sizes of the bar layout, in pixels.
const (
	labelSize = 12.0
	valueSize = 11.0
	rowHeight = 26.0
	axisRoom  = 22.0 // the tick labels under the bars
)

// barLayout is where everything of a bar chart goes. Bars run from x(0) to
// x(value) inside left–right; row i is centred at rowY(i).
type barLayout struct {
	w, h                     float64
	title                    string
	titleY                   float64
	labelRight, labelWidth   float64
	left, right, top, bottom float64
	x                        scale
	texts                    []string
	empty                    bool
}

// layoutBar works out the barLayout of c: title, reference label, then the
// rows, with the names on the left and room for the values on the right.
func layoutBar(c BarChart) barLayout {
	l := barLayout{w: size(c.Width, 720)}
	y := pad
	if c.Title != "" {
		l.title = truncate(c.Title, titleSize, l.w-2*pad)
		l.titleY = y + titleSize
		y = l.titleY + 8
	}
	if c.Reference != 0 && c.ReferenceLabel != "" {
		y += valueSize + 6 // the reference label sits above the bars
	}
	l.top = y + 4
	l.h = size(c.Height, l.top+rowHeight*float64(max(len(c.Items), 3))+axisRoom+pad)
	l.bottom = l.h - axisRoom - pad
	lo, hi, negative := l.measure(c)
	if l.empty {
		l.left, l.right = pad, l.w-pad
		return l
	}
	l.x = niceTicks(min(lo, c.Reference), max(hi, c.Reference))
	l.labelWidth = l.widestLabel(c.Items)
	l.labelRight = pad + l.labelWidth
	l.left = l.labelRight + 8
	if negative {
		l.left += l.widestText() // a negative bar's text is left of its end
	}
	l.right = l.w - pad - l.widestText()
	return l
}

// measure fills in the texts and returns the range of the figures and
// whether any is negative; with no figure at all the chart is empty.
func (l *barLayout) measure(c BarChart) (lo, hi float64, negative bool) {
	lo, hi, l.empty = math.Inf(1), math.Inf(-1), true
	for _, it := range c.Items {
		text := it.Text
		if text == "" {
			text = formatNumber(it.Value, c.Decimals)
		}
		l.texts = append(l.texts, text)
		if known(it.Value) {
			lo, hi, l.empty = min(lo, it.Value), max(hi, it.Value), false
			negative = negative || it.Value < 0
		}
	}
	return lo, hi, negative
}

// widestLabel is the room the labels take, at most a third of the width:
// longer names are cut short and shown whole in the bar's tooltip.
func (l barLayout) widestLabel(items []Item) float64 {
	w := 0.0
	for _, it := range items {
		w = max(w, TextWidth(it.Label, labelSize))
	}
	return min(w, l.w/3)
}

func (l barLayout) widestText() float64 {
	w := 0.0
	for _, t := range l.texts {
		w = max(w, TextWidth(t, valueSize))
	}
	return w + 6
}

func (l barLayout) xOf(v float64) float64 { return l.x.at(v, l.left, l.right) }

func (l barLayout) rowY(i, rows int) float64 {
	return l.top + (float64(i)+0.5)*(l.bottom-l.top)/float64(rows)
}
