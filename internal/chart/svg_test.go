package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
)

// node is an element of a parsed chart.
type node struct {
	name string
	attr map[string]string
	text string
	kids []*node
}

// parse reads a chart with encoding/xml, failing the test when it is not
// well-formed or not a self-contained SVG document.
func parse(t testing.TB, svg []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			el := &node{name: tok.Name.Local, attr: map[string]string{}}
			for _, at := range tok.Attr {
				el.attr[at.Name.Local] = at.Value
			}
			top.kids = append(top.kids, el)
			stack = append(stack, el)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += string(tok)
		}
	}
	if len(root.kids) != 1 || root.kids[0].name != "svg" || root.kids[0].attr["xmlns"] != "http://www.w3.org/2000/svg" {
		t.Fatalf("not an SVG document:\n%s", svg)
	}
	selfContained(t, svg)
	noHandlers(t, root)
	return root.kids[0]
}

// selfContained fails when a chart could run code or fetch anything, which
// a Content Security Policy of default-src 'self' would block or an
// offline intranet could not serve.
func selfContained(t testing.TB, svg []byte) {
	t.Helper()
	for _, bad := range []string{"<script", "<style", "style=", "href", "url(", "@import", "<image", "<foreignObject"} {
		if bytes.Contains(svg, []byte(bad)) {
			t.Errorf("the chart contains %q", bad)
		}
	}
}

// noHandlers fails when an element has an event handler such as onload.
func noHandlers(t testing.TB, n *node) {
	t.Helper()
	for _, el := range n.all(func(*node) bool { return true }) {
		for name := range el.attr {
			if strings.HasPrefix(strings.ToLower(name), "on") {
				t.Errorf("<%s> has the handler %s", el.name, name)
			}
		}
	}
}

// all returns every element below n, depth first, that match accepts.
func (n *node) all(match func(*node) bool) []*node {
	var found []*node
	for _, k := range n.kids {
		if match(k) {
			found = append(found, k)
		}
		found = append(found, k.all(match)...)
	}
	return found
}

// class returns the group of the given class, failing when there is none.
func (n *node) class(t testing.TB, class string) *node {
	t.Helper()
	found := n.all(func(k *node) bool { return k.attr["class"] == class })
	if len(found) != 1 {
		t.Fatalf("%d groups of class %q", len(found), class)
	}
	return found[0]
}

func named(name string) func(*node) bool { return func(k *node) bool { return k.name == name } }

// f reads a numeric attribute.
func (n *node) f(t testing.TB, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attr[name], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.name, name, n.attr[name], err)
	}
	return v
}

// texts lists the text of every text element below n.
func (n *node) texts() []string {
	var s []string
	for _, k := range n.all(named("text")) {
		s = append(s, k.text)
	}
	return s
}

// near compares coordinates, which the SVG rounds to a tenth of a pixel.
func near(a, b float64) bool { return a-b < 0.051 && b-a < 0.051 }

func TestEscape(t *testing.T) {
	cases := map[string]string{
		`<&>"`:    "&lt;&amp;&gt;&quot;",
		"a\x00b":  "a\uFFFDb",
		"a\nb\tc": "a b c",
		"高新'区":    "高新'区",
		"\xff":    "\uFFFD",
	}
	for in, want := range cases {
		if got := escape(in); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	cases := []struct {
		v    float64
		d    int
		want string
	}{
		{1204, 0, "1,204"}, {92.25, 1, "92.3"}, {-3.5, 1, "-3.5"}, {0.2, 2, "0.20"},
		{-0.04, 1, "0.0"}, {999.96, 1, "1,000.0"}, {1234567.891, 2, "1,234,567.89"}, {2.5, 0, "3"},
	}
	for _, c := range cases {
		if got := formatNumber(c.v, c.d); got != c.want {
			t.Errorf("formatNumber(%v, %d) = %q, want %q", c.v, c.d, got, c.want)
		}
	}
	for v, want := range map[float64]string{0: "0", -0.04: "0", 12.345: "12.3", -7.25: "-7.2", 300: "300"} {
		if got := coord(v); got != want && !(v == -7.25 && got == "-7.3") {
			t.Errorf("coord(%v) = %q, want %q", v, got, want)
		}
	}
	if strings.Contains(coord(-0.01), "-") {
		t.Error("coord writes -0")
	}
}
