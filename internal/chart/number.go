package chart

import (
	"math"
	"strconv"
	"strings"
)

// formatNumber writes v with thousands separators and the given decimals,
// rounding half away from zero on the decimal v reads as. It matches
// quantity.Format, which this package may not import, so that a chart and
// the table beside it show the same figure.
func formatNumber(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	whole, frac, _ := strings.Cut(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), ".")
	digits := roundDigits(whole+frac+strings.Repeat("0", max(0, decimals-len(frac))), len(whole)+decimals)
	whole, frac = digits[:len(digits)-decimals], digits[len(digits)-decimals:]
	s := groupThousands(whole)
	if frac != "" {
		s += "." + frac
	}
	if v < 0 && strings.Trim(digits, "0") != "" {
		s = "-" + s
	}
	return s
}

// roundDigits keeps the first n digits, rounding on the next one; a carry
// out of the first digit adds a digit in front.
func roundDigits(digits string, n int) string {
	kept := []byte(digits[:n])
	up := n < len(digits) && digits[n] >= '5'
	for i := n - 1; up && i >= 0; i-- {
		kept[i]++
		if up = kept[i] > '9'; up {
			kept[i] = '0'
		}
	}
	if up {
		return "1" + string(kept)
	}
	return string(kept)
}

// groupThousands puts a comma between every three digits from the right.
func groupThousands(whole string) string {
	var b strings.Builder
	for i, d := range []byte(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(d)
	}
	return b.String()
}

// coord writes a coordinate to a tenth of a pixel, which no screen shows,
// keeping the SVG small; it never writes "-0".
func coord(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
