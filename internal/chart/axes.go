package chart

// drawYAxis writes the gridlines with their labels and the unit above them.
func drawYAxis(cv *canvas, l lineLayout, unit string) {
	cv.start("g", a("class", "y-axis"), n("font-size", tickSize), a("fill", muted))
	if unit != "" {
		cv.text(truncate(unit, tickSize, l.w-2*pad), n("x", pad), n("y", l.unitY))
	}
	for _, t := range l.y.ticks {
		y := l.yOf(t)
		colour := grid
		if t == 0 {
			colour = axis // zero is the line figures rise from
		}
		cv.empty("line", n("x1", l.left), n("x2", l.right), n("y1", y), n("y2", y), a("stroke", colour))
		cv.text(formatNumber(t, l.y.decimals), n("x", l.left-6), n("y", y+4), a("text-anchor", "end"))
	}
	cv.end("g")
}

// drawSlots writes the month labels under the plot, each cut to the width
// of its slot so that "September" cannot run into "October".
func drawSlots(cv *canvas, l lineLayout, labels []string) {
	cv.start("g", a("class", "x-axis"), n("font-size", tickSize), a("fill", muted), a("text-anchor", "middle"))
	cv.empty("line", n("x1", l.left), n("x2", l.right), n("y1", l.bottom), n("y2", l.bottom), a("stroke", axis))
	slot := (l.right - l.left) / float64(max(l.slots, 1))
	for i, s := range labels {
		cv.text(truncate(s, tickSize, slot-2), n("x", l.x(i)), n("y", l.bottom+16))
	}
	cv.end("g")
}
