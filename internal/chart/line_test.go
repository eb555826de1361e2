package chart

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
)

var (
	nan    = math.NaN()
	months = []string{"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"}
)

// gdp is a typical chart: the figures so far, a gap in April, the
// expected pace and last year.
func gdp() LineChart {
	return LineChart{
		Title: "地区生产总值累计完成情况", Unit: "亿元", Labels: months, Decimals: 1, Empty: "暂无数据",
		Series: []Series{
			{Name: "实际（累计）", Values: []float64{80, 190, 310, nan, 560, 690, 800, 905, nan, nan, nan, nan}},
			{Name: "序时目标", Style: Expected, Values: []float64{100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1204}},
			{Name: "上年同期", Style: Previous, Values: []float64{70, 160, 280, 380, 470, 560, 650, 760, 850, 950, 1050, 1150}},
		},
	}
}

func TestLineIsSVG(t *testing.T) {
	c := gdp()
	svg := parse(t, Line(c))
	font := svg.attr["font-family"]
	if svg.attr["width"] != "720" || svg.attr["height"] != "320" || !strings.HasPrefix(font, "'WenQuanYi Micro Hei'") {
		t.Errorf("root: %v", svg.attr)
	}
	got := strings.Join(svg.texts(), "|")
	for _, want := range []string{"地区生产总值累计完成情况", "实际（累计）|序时目标|上年同期", "亿元", "0|250|500|750|1,000|1,250", "1月|2月", "12月"} {
		if !strings.Contains(got, want) {
			t.Errorf("the chart lacks %q: %s", want, got)
		}
	}
	c.Width, c.Height = 480, 240
	if svg := parse(t, Line(c)); svg.attr["viewBox"] != "0 0 480 240" {
		t.Errorf("viewBox %q", svg.attr["viewBox"])
	}
}

// A figure sits where the scale says: the top tick on the plot's top edge,
// zero on its bottom edge, half the top tick halfway.
func TestLinePointsOnScale(t *testing.T) {
	c := LineChart{Labels: months, Series: []Series{{Values: []float64{0, 2000, 4000, 3200}}}}
	l := layoutLine(c)
	if l.y.hi() != 4000 {
		t.Fatalf("top tick %v", l.y.hi())
	}
	dots := parse(t, Line(c)).class(t, "series actual").all(named("circle"))
	if len(dots) != 4 {
		t.Fatalf("%d dots", len(dots))
	}
	for i, want := range []float64{l.bottom, (l.top + l.bottom) / 2, l.top, l.bottom - 0.8*(l.bottom-l.top)} {
		if cy := dots[i].f(t, "cy"); !near(cy, want) {
			t.Errorf("month %d at y %v, want %v", i+1, cy, want)
		}
		if cx := dots[i].f(t, "cx"); !near(cx, l.left+(float64(i)+0.5)*(l.right-l.left)/12) {
			t.Errorf("month %d at x %v", i+1, cx)
		}
	}
	if title := dots[2].kids[0]; title.name != "title" || title.text != "3月: 4,000" {
		t.Errorf("tooltip %q", title.text)
	}
}

// A missing month breaks the line: the path has one subpath per run of
// months, and nothing is drawn at the missing month, least of all at zero.
func TestLineGaps(t *testing.T) {
	c := gdp()
	l := layoutLine(c)
	svg := parse(t, Line(c))
	d := svg.class(t, "series actual").all(named("path"))[0].attr["d"]
	if strings.Count(d, "M") != 2 {
		t.Errorf("path %q should have two subpaths", d)
	}
	xs := pathXs(t, d)
	if len(xs) != 7 {
		t.Errorf("path %q has %d points, want 7", d, len(xs))
	}
	for _, x := range xs {
		if near(x, l.x(3)) {
			t.Errorf("path %q has a point in April", d)
		}
	}
	if strings.Contains(d, " "+coord(l.bottom)) {
		t.Errorf("path %q drops to zero", d)
	}
	// A lone figure has no line to show it, so it gets a dot.
	c.Series = []Series{{Style: Expected, Values: []float64{nan, 5, nan, 6, 7}}}
	g := parse(t, Line(c)).class(t, "series expected")
	if dots := g.all(named("circle")); len(dots) != 1 || !near(dots[0].f(t, "cx"), layoutLine(c).x(1)) {
		t.Errorf("a lone figure is not shown: %d dots", len(dots))
	}
}

// pathXs lists the x of every point of path data "M x y L x y …".
func pathXs(t *testing.T, d string) []float64 {
	var xs []float64
	f := strings.Fields(d)
	for i := 0; i+1 < len(f); i += 2 {
		x, err := strconv.ParseFloat(strings.TrimLeft(f[i], "ML"), 64)
		if err != nil {
			t.Fatalf("path %q: %v", d, err)
		}
		xs = append(xs, x)
	}
	return xs
}

// Legend entries follow each other without overlapping, by the widths
// TextWidth gives, and wrap rather than run off the chart.
func TestLegendDoesNotOverlap(t *testing.T) {
	for _, width := range []int{720, 360, 200} {
		c := gdp()
		c.Width = width
		c.Series[0].Name = "实际完成（累计，含新入统企业）"
		c.Series[2].Name = "Same period last year (restated)"
		kids := parse(t, Line(c)).class(t, "legend").kids
		if len(kids) != 6 {
			t.Fatalf("%d legend elements", len(kids))
		}
		for i := 0; i < len(kids); i += 2 {
			line, text := kids[i], kids[i+1]
			end := text.f(t, "x") + TextWidth(text.text, legendSize)
			if line.f(t, "x1") < pad || end > float64(width)-pad+0.05 || text.f(t, "x") < line.f(t, "x2") {
				t.Errorf("width %d: entry %q runs from %v to %v", width, text.text, line.f(t, "x1"), end)
			}
			if i+2 < len(kids) && kids[i+3].attr["y"] == text.attr["y"] && kids[i+2].f(t, "x1") < end+entryGap-0.1 {
				t.Errorf("width %d: %q overlaps the next entry", width, text.text)
			}
		}
	}
}

func TestLineEscapes(t *testing.T) {
	const nasty = `<&>"`
	c := gdp()
	c.Title, c.Unit, c.Labels[0], c.Series[0].Name = nasty+"标题", nasty, nasty, nasty+"实际"
	out := Line(c)
	if bytes.Contains(out, []byte(nasty)) {
		t.Error("a caller's string is written unescaped")
	}
	svg := parse(t, out)
	if svg.attr["aria-label"] != nasty+"标题" {
		t.Errorf("aria-label %q", svg.attr["aria-label"])
	}
	got := strings.Join(svg.texts(), "|")
	for _, want := range []string{nasty + "标题", "|" + nasty + "|", nasty + "实际"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q does not read back: %s", want, got)
		}
	}
}

func TestLineTitleTruncated(t *testing.T) {
	c := gdp()
	c.Title = strings.Repeat("高新区重点项目建设年度目标", 8)
	title := parse(t, Line(c)).kids[1]
	if !strings.HasSuffix(title.text, "…") || TextWidth(title.text, titleSize) > 720-2*pad {
		t.Errorf("title %q", title.text)
	}
}

// Without a single figure the chart still draws, with the caller's message
// and no scale to divide by.
func TestLineEmpty(t *testing.T) {
	charts := map[string]LineChart{
		"all missing": {Title: "新增市场主体", Labels: months, Empty: "暂无数据",
			Series: []Series{{Name: "实际", Values: []float64{nan, nan, math.Inf(1)}}}},
		"no series": {Labels: months, Empty: "No data yet"},
		"no months": {Empty: "暂无数据", Series: []Series{{Values: []float64{1, 2}}}},
	}
	for name, c := range charts {
		out := Line(c)
		svg := parse(t, out)
		if !strings.Contains(strings.Join(svg.texts(), "|"), c.Empty) {
			t.Errorf("%s: no empty message", name)
		}
		if len(svg.all(named("path"))) > 0 || bytes.Contains(out, []byte("NaN")) || bytes.Contains(out, []byte("Inf")) {
			t.Errorf("%s: draws a line or an impossible number:\n%s", name, out)
		}
	}
}

// A constant series needs a scale too: it lies at its value, under the
// top tick, not on a flat line through a zero-height axis.
func TestLineConstant(t *testing.T) {
	c := LineChart{Labels: months, Series: []Series{{Values: []float64{100, 100, 100}}}}
	l := layoutLine(c)
	dots := parse(t, Line(c)).class(t, "series actual").all(named("circle"))
	if l.y.hi() != 100 || !near(dots[0].f(t, "cy"), l.top) {
		t.Errorf("ticks %v, dot at %v, top %v", l.y.ticks, dots[0].attr["cy"], l.top)
	}
}

func FuzzLineText(f *testing.F) {
	f.Add("标题", "1月", "实际", "亿元")
	f.Add(`<&>"`, "\x00", "\xff", "]]>")
	f.Fuzz(func(t *testing.T, title, label, name, unit string) {
		c := LineChart{Title: title, Unit: unit, Labels: []string{label, label},
			Series: []Series{{Name: name, Values: []float64{1, 2}}}}
		parse(t, Line(c))
	})
}

func BenchmarkLine(b *testing.B) {
	c := gdp()
	b.ReportAllocs()
	for b.Loop() {
		Line(c)
	}
}
