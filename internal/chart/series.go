package chart

import "strings"

// look is how a Style is drawn.
type look struct {
	class, stroke, dash string
	width               float64
	dots                bool // a dot on every figure, not only on lone ones
}

func lookOf(s Style) look {
	switch s {
	case Expected:
		return look{class: "expected", stroke: "#475467", dash: "6 4", width: 2}
	case Previous:
		return look{class: "previous", stroke: axis, dash: "2 3", width: 1.5}
	}
	return look{class: "actual", stroke: "#1f5fa8", width: 2.5, dots: true}
}

// drawSeries writes one series as a path and its dots. A missing month
// breaks the path, so a gap shows as a gap and not as a fall to zero.
func drawSeries(cv *canvas, l lineLayout, s Series, c LineChart) {
	lk := lookOf(s.Style)
	cv.start("g", a("class", "series "+lk.class), a("stroke", lk.stroke), n("stroke-width", lk.width))
	runs := runsOf(s.Values, l.slots)
	if d := pathData(l, s.Values, runs); d != "" {
		cv.empty("path", a("d", d), a("fill", "none"), a("stroke-dasharray", lk.dash),
			a("stroke-linejoin", "round"), a("stroke-linecap", "round"))
	}
	for _, run := range runs {
		if !lk.dots && len(run) > 1 {
			continue
		}
		for _, i := range run {
			cv.start("circle", n("cx", l.x(i)), n("cy", l.yOf(s.Values[i])), a("r", "3"), a("fill", "#ffffff"))
			cv.title(tooltip(c.Labels[i], s.Name, formatNumber(s.Values[i], c.Decimals), c.Unit))
			cv.end("circle")
		}
	}
	cv.end("g")
}

// runsOf splits the slots into runs of consecutive known figures.
func runsOf(values []float64, slots int) [][]int {
	var runs [][]int
	var run []int
	for i := range min(len(values), slots) {
		if known(values[i]) {
			run = append(run, i)
			continue
		}
		if run != nil {
			runs, run = append(runs, run), nil
		}
	}
	if run != nil {
		runs = append(runs, run)
	}
	return runs
}

// pathData draws each run of two or more figures as its own subpath.
func pathData(l lineLayout, values []float64, runs [][]int) string {
	var b strings.Builder
	for _, run := range runs {
		if len(run) < 2 {
			continue
		}
		for k, i := range run {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			if k == 0 {
				b.WriteString("M")
			} else {
				b.WriteString("L")
			}
			b.WriteString(coord(l.x(i)) + " " + coord(l.yOf(values[i])))
		}
	}
	return b.String()
}

// tooltip reads like "3月 实际（累计）: 1,204 亿元".
func tooltip(label, name, value, unit string) string {
	s := strings.TrimSpace(label + " " + name)
	if s != "" {
		s += ": "
	}
	return strings.TrimSpace(s + value + " " + unit)
}
