package chart

import "bytes"

// fontFamily lists fonts that a Chinese office machine has, so that no
// font is ever fetched.
const fontFamily = "'WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif"

// Colours of the text and the frame.
const (
	ink   = "#344054"
	muted = "#667085"
	grid  = "#eaecf0"
	axis  = "#98a2b3"
)

// canvas writes SVG. Attribute values and text pass through escape, so no
// caller string can break out of them.
type canvas struct{ b bytes.Buffer }

// attr is one attribute of an element.
type attr struct{ name, value string }

// a and n build attributes from a string and from a coordinate.
func a(name, value string) attr     { return attr{name, value} }
func n(name string, v float64) attr { return attr{name, coord(v)} }

func newCanvas(w, h float64, label string) *canvas {
	c := &canvas{}
	c.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	c.start("svg", a("xmlns", "http://www.w3.org/2000/svg"), n("width", w), n("height", h),
		a("viewBox", "0 0 "+coord(w)+" "+coord(h)), a("role", "img"), a("aria-label", label),
		a("font-family", fontFamily), a("font-size", "12"), a("fill", ink))
	c.empty("rect", n("width", w), n("height", h), a("fill", "#ffffff"))
	return c
}

func (c *canvas) tag(name string, attrs []attr) {
	c.b.WriteByte('<')
	c.b.WriteString(name)
	for _, at := range attrs {
		if at.value == "" {
			continue // an empty value means "not set", e.g. a solid line's dash
		}
		c.b.WriteByte(' ')
		c.b.WriteString(at.name)
		c.b.WriteString(`="`)
		c.b.WriteString(escape(at.value))
		c.b.WriteByte('"')
	}
}

// start opens an element, empty writes one without content.
func (c *canvas) start(name string, attrs ...attr) { c.tag(name, attrs); c.b.WriteString(">\n") }
func (c *canvas) empty(name string, attrs ...attr) { c.tag(name, attrs); c.b.WriteString("/>\n") }
func (c *canvas) end(name string)                  { c.b.WriteString("</" + name + ">\n") }

// text writes one text element.
func (c *canvas) text(s string, attrs ...attr) {
	c.tag("text", attrs)
	c.b.WriteByte('>')
	c.b.WriteString(escape(s))
	c.b.WriteString("</text>\n")
}

// title writes a tooltip for the element it is inside.
func (c *canvas) title(s string) {
	c.b.WriteString("<title>")
	c.b.WriteString(escape(s))
	c.b.WriteString("</title>")
}

func (c *canvas) bytes() []byte {
	c.end("svg")
	return c.b.Bytes()
}
