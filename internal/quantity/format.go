package quantity

import (
	"math"
	"strconv"
	"strings"
)

// Format writes v with thousands separators and precision decimals, as a
// Chinese office does: Format(1204, 0) is "1,204", Format(0.2, 2) "0.20".
// It rounds half away from zero, and rounds the decimal v reads as rather
// than its binary approximation, so 2.675 becomes 2.68 as on paper. A
// result of zero never carries a minus sign. NaN and infinities come out as
// strconv writes them, so that a bug shows instead of passing for a figure.
func Format(v float64, precision int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	precision = max(precision, 0)
	whole, frac := round(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), precision)
	s := group(whole)
	if frac != "" {
		s += "." + frac
	}
	if v < 0 && strings.Trim(whole+frac, "0") != "" {
		s = "-" + s
	}
	return s
}

// round cuts the decimal digits to p places, half away from zero, and
// returns the whole and the fractional digits.
func round(digits string, p int) (whole, frac string) {
	whole, frac, _ = strings.Cut(digits, ".")
	if len(frac) <= p {
		return whole, frac + strings.Repeat("0", p-len(frac))
	}
	up := frac[p] >= '5'
	kept := []byte(whole + frac[:p])
	for i := len(kept) - 1; up && i >= 0; i-- {
		kept[i]++
		up = kept[i] > '9'
		if up {
			kept[i] = '0'
		}
	}
	if up {
		kept = append([]byte{'1'}, kept...)
	}
	n := len(kept) - p
	return string(kept[:n]), string(kept[n:])
}

// group puts a comma between every three digits from the right.
func group(whole string) string {
	if len(whole) <= 3 {
		return whole
	}
	var b strings.Builder
	head := len(whole) % 3
	if head > 0 {
		b.WriteString(whole[:head])
	}
	for i := head; i < len(whole); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(whole[i : i+3])
	}
	return b.String()
}
