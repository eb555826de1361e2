package chart

import (
	"strings"
	"unicode"
)

// TextWidth estimates how wide s is drawn at fontSize, in the same unit:
// Chinese, Japanese and Korean characters and full-width forms take a whole
// em, everything else about 0.55 em. The estimate errs wide, since text
// that overlaps is worse than a little air.
func TextWidth(s string, fontSize float64) float64 {
	em := 0.0
	for _, r := range s {
		if wide(r) {
			em++
		} else {
			em += 0.55
		}
	}
	return em * fontSize
}

// wide reports characters that Chinese fonts draw a full em wide.
func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo):
		return true
	case r >= 0x3000 && r <= 0x33FF: // CJK punctuation, enclosed letters and signs
		return true
	case r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6: // full-width forms
		return true
	}
	// Quotation marks, dashes and the ellipsis are full width in Chinese text.
	return strings.ContainsRune("‘’“”—―…", r)
}

// truncate shortens s with "…" until it fits in width at fontSize.
func truncate(s string, fontSize, width float64) string {
	if TextWidth(s, fontSize) <= width {
		return s
	}
	room := width - TextWidth("…", fontSize)
	runes := []rune(s)
	n := 0
	for used := 0.0; n < len(runes); n++ {
		used += TextWidth(string(runes[n]), fontSize)
		if used > room {
			break
		}
	}
	return strings.TrimRight(string(runes[:n]), " ") + "…"
}

// escape makes s safe as XML text or a quoted attribute value. Characters
// XML forbids, which would make the whole chart unreadable, become U+FFFD;
// line breaks become spaces, since SVG text is one line.
func escape(s string) string {
	if plain(s) {
		return s // most labels need nothing, and a chart has hundreds
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"': // attribute values are always in double quotes
			b.WriteString("&quot;")
		case '\t', '\n', '\r':
			b.WriteByte(' ')
		default:
			if !xmlChar(r) {
				r = unicode.ReplacementChar
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports the characters XML 1.0 allows.
func xmlChar(r rune) bool {
	return r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// plain reports text that escape would return unchanged; bytes that are
// not UTF-8 read as U+FFFD here and must be replaced by a real one.
func plain(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == '&' || r == '<' || r == '>' || r == '"' || r == unicode.ReplacementChar || !xmlChar(r) {
			return false
		}
	}
	return true
}
