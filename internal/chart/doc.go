// Package chart draws the dashboard's charts on the server as SVG: a line
// chart of a year's monthly figures against the expected pace, and
// horizontal bars comparing units. Every string a chart shows comes from
// the caller, already translated; the package only lays it out.
//
// The SVG carries no script, no style sheet and no external reference, only
// presentation attributes, so it works offline and under a Content Security
// Policy of default-src 'self', inlined or as an image.
//
// It imports nothing but the standard library.
package chart
