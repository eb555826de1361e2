package chart

import (
	"bytes"
	"strings"
	"testing"
)

// completion is a typical comparison of units against 100%.
func completion() BarChart {
	return BarChart{
		Title: "各单位固定资产投资完成率", Unit: "完成率（%）", Reference: 100, ReferenceLabel: "100%", Decimals: 1, Empty: "暂无数据",
		Items: []Item{
			{Label: "经济发展局", Value: 112.4, Status: "ahead"},
			{Label: "新城街道", Value: 98.25, Status: "on_track"},
			{Label: "清池街道", Value: 76, Status: "behind"},
			{Label: "光电产业园", Value: 41.3, Status: "serious"},
			{Label: "综合保税区", Value: nan, Status: "none", Text: "未填报"},
			{Label: "双创中心", Value: 150, Status: "no such status"},
		},
	}
}

func TestBarColoursAndValues(t *testing.T) {
	c := completion()
	l := layoutBar(c)
	svg := parse(t, Bar(c))
	bars := svg.class(t, "bars").all(named("rect"))
	want := []string{"#1e7b45", "#1f5fa8", "#b35c00", "#b42318", "#98a2b3"}
	if len(bars) != len(want) {
		t.Fatalf("%d bars, want %d: a unit without a figure has none", len(bars), len(want))
	}
	for i, bar := range bars {
		if bar.attr["fill"] != want[i] {
			t.Errorf("bar %d is %s, want %s", i, bar.attr["fill"], want[i])
		}
		if !near(bar.f(t, "x"), l.xOf(0)) {
			t.Errorf("bar %d starts at %v, not at zero", i, bar.attr["x"])
		}
	}
	if l.x.hi() != 150 || !near(bars[4].f(t, "x")+bars[4].f(t, "width"), l.right) {
		t.Errorf("a bar at the top tick should reach the plot's right edge %v", l.right)
	}
	values := svg.class(t, "values").all(named("text"))
	for i, text := range []string{"112.4", "98.3", "76.0", "41.3", "未填报", "150.0"} {
		if values[i].text != text {
			t.Errorf("value %d reads %q, want %q", i, values[i].text, text)
		}
	}
	if x := values[0].f(t, "x"); !near(x, l.xOf(112.4)+4) {
		t.Errorf("value at %v, not at the bar's end", x)
	}
}

// The names are right-aligned in a column as wide as the widest of them,
// by TextWidth, and the bars start to its right.
func TestBarLabels(t *testing.T) {
	c := completion()
	c.Items[1].Label = strings.Repeat("高新区管委会", 20)
	l := layoutBar(c)
	labels := parse(t, Bar(c)).class(t, "bars").all(named("text"))
	if l.labelWidth != 720.0/3 || l.left < l.labelRight+8 {
		t.Errorf("labels %v wide, ending at %v, bars from %v", l.labelWidth, l.labelRight, l.left)
	}
	for _, label := range labels {
		if w := TextWidth(label.text, labelSize); w > l.labelWidth || label.f(t, "x")-w < pad-0.05 {
			t.Errorf("label %q is %v wide, in %v", label.text, w, l.labelWidth)
		}
	}
	if !strings.HasSuffix(labels[1].text, "…") {
		t.Errorf("a long name is not cut: %q", labels[1].text)
	}
	c.Items = c.Items[:1]
	if l := layoutBar(c); !near(l.labelWidth, TextWidth("经济发展局", labelSize)) {
		t.Errorf("one label: %v wide", l.labelWidth)
	}
}

func TestBarReference(t *testing.T) {
	c := completion()
	l := layoutBar(c)
	ref := parse(t, Bar(c)).class(t, "reference")
	line := ref.all(named("line"))[0]
	if !near(line.f(t, "x1"), l.xOf(100)) || line.attr["x1"] != line.attr["x2"] {
		t.Errorf("reference at %v, want %v", line.attr["x1"], l.xOf(100))
	}
	if ref.all(named("text"))[0].text != "100%" {
		t.Error("reference label missing")
	}
	c.Reference = 0
	if svg := parse(t, Bar(c)); len(svg.all(func(n *node) bool { return n.attr["class"] == "reference" })) != 0 {
		t.Error("a reference line without a reference")
	}
}

// A negative figure, a fall on last year say, runs left from zero, and its
// value is written at its left end.
func TestBarNegative(t *testing.T) {
	c := BarChart{Items: []Item{{Label: "甲", Value: 20, Status: "ahead"}, {Label: "乙", Value: -12, Status: "serious"}}}
	l := layoutBar(c)
	svg := parse(t, Bar(c))
	bar := svg.class(t, "bars").all(named("rect"))[1]
	if !near(bar.f(t, "x"), l.xOf(-12)) || !near(bar.f(t, "x")+bar.f(t, "width"), l.xOf(0)) {
		t.Errorf("negative bar from %v, width %v", bar.attr["x"], bar.attr["width"])
	}
	value := svg.class(t, "values").all(named("text"))[1]
	start := value.f(t, "x") - TextWidth("-12", valueSize)
	if value.attr["text-anchor"] != "end" || value.text != "-12" || start < l.labelRight {
		t.Errorf("negative value %q at %v runs into the names", value.text, value.attr["x"])
	}
}

func TestBarEscapesAndEmpty(t *testing.T) {
	const nasty = `<&>"`
	c := completion()
	c.Items[0].Label, c.Unit, c.Items[0].Text = nasty, nasty, nasty
	out := Bar(c)
	if bytes.Contains(out, []byte(nasty)) {
		t.Error("a caller's string is written unescaped")
	}
	if texts := strings.Join(parse(t, out).texts(), "|"); strings.Count(texts, nasty) != 3 {
		t.Errorf("escaped strings do not read back: %s", texts)
	}
	for _, items := range [][]Item{nil, {{Label: "甲", Value: nan}}} {
		c.Items = items
		svg := parse(t, Bar(c))
		if len(svg.all(named("rect"))) != 1 || !strings.Contains(strings.Join(svg.texts(), "|"), "暂无数据") {
			t.Errorf("empty chart with %d items", len(items))
		}
	}
}
