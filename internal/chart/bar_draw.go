package chart

import "math"

// Bar draws the chart as a complete SVG document.
func Bar(c BarChart) []byte {
	l := layoutBar(c)
	cv := newCanvas(l.w, l.h, c.Title)
	if l.title != "" {
		cv.text(l.title, n("x", pad), n("y", l.titleY), n("font-size", titleSize), a("font-weight", "bold"))
	}
	if l.empty {
		cv.text(c.Empty, n("x", l.w/2), n("y", (l.top+l.bottom)/2), a("text-anchor", "middle"),
			a("font-size", "13"), a("fill", muted))
		return cv.bytes()
	}
	drawValueAxis(cv, l, c.Unit)
	drawBars(cv, l, c.Items)
	drawReference(cv, l, c)
	drawValues(cv, l, c.Items)
	return cv.bytes()
}

// drawValueAxis writes the vertical gridlines with their labels under the
// bars, and the unit under the unit names.
func drawValueAxis(cv *canvas, l barLayout, unit string) {
	cv.start("g", a("class", "x-axis"), n("font-size", tickSize), a("fill", muted))
	baseline := l.bottom + 14
	for _, t := range l.x.ticks {
		x := l.xOf(t)
		colour := grid
		if t == 0 {
			colour = axis
		}
		cv.empty("line", n("x1", x), n("x2", x), n("y1", l.top), n("y2", l.bottom), a("stroke", colour))
		cv.text(formatNumber(t, l.x.decimals), n("x", x), n("y", baseline), a("text-anchor", "middle"))
	}
	if unit != "" {
		cv.text(truncate(unit, tickSize, l.labelWidth), n("x", l.labelRight), n("y", baseline), a("text-anchor", "end"))
	}
	cv.end("g")
}

// drawBars writes each row's name and its bar in the status colour.
func drawBars(cv *canvas, l barLayout, items []Item) {
	cv.start("g", a("class", "bars"))
	thick := min((l.bottom-l.top)/float64(len(items))*0.6, 18)
	for i, it := range items {
		y := l.rowY(i, len(items))
		cv.text(truncate(it.Label, labelSize, l.labelWidth), n("x", l.labelRight), n("y", y+4),
			a("text-anchor", "end"), n("font-size", labelSize))
		if !known(it.Value) {
			continue
		}
		x0, x1 := l.xOf(min(0, it.Value)), l.xOf(max(0, it.Value))
		cv.start("rect", n("x", x0), n("y", y-thick/2), n("width", math.Max(x1-x0, 1)), n("height", thick),
			a("fill", colourOf(it.Status)))
		cv.title(tooltip("", it.Label, l.texts[i], ""))
		cv.end("rect")
	}
	cv.end("g")
}

// drawValues writes each value at its bar's end, outside the bar so that
// it reads on any colour, and with a white halo so that it reads across the
// reference line too.
func drawValues(cv *canvas, l barLayout, items []Item) {
	cv.start("g", a("class", "values"), n("font-size", valueSize), a("stroke", "#ffffff"),
		a("stroke-width", "3"), a("paint-order", "stroke"), a("stroke-linejoin", "round"))
	for i, it := range items {
		x, anchor := l.xOf(0)+4, "start"
		if known(it.Value) && it.Value < 0 {
			x, anchor = l.xOf(it.Value)-4, "end"
		} else if known(it.Value) {
			x = l.xOf(it.Value) + 4
		}
		cv.text(l.texts[i], n("x", x), n("y", l.rowY(i, len(items))+4), a("text-anchor", anchor))
	}
	cv.end("g")
}

// drawReference writes the dashed line at the reference value, e.g. 100%.
func drawReference(cv *canvas, l barLayout, c BarChart) {
	if c.Reference == 0 {
		return
	}
	x := l.xOf(c.Reference)
	cv.start("g", a("class", "reference"), a("stroke", ink))
	cv.empty("line", n("x1", x), n("x2", x), n("y1", l.top-2), n("y2", l.bottom), a("stroke-dasharray", "4 3"),
		a("stroke-width", "1.25"))
	if c.ReferenceLabel != "" {
		cv.text(c.ReferenceLabel, n("x", x), n("y", l.top-6), a("text-anchor", "middle"), n("font-size", valueSize),
			a("stroke", "none"), a("fill", ink))
	}
	cv.end("g")
}
