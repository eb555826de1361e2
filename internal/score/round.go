package score

import (
	"math/big"
	"strconv"
)

var hundred = Int(100)

// Round rounds x to places decimals, half away from zero (9.215 → 9.22,
// −9.215 → −9.22), as offices round on paper. It is the engine's only
// rounding for display: FormatPoints, FormatPercent and FormatFigure, and
// so every explanation, go through it. Totals, ranks and grades are decided
// on the unrounded values.
func Round(x Num, places int) Num {
	p := int32(max(places, 0))
	if x.s <= p {
		return x
	}
	d := x.s - p
	if x.b == nil && d <= 18 {
		q, r := x.c/pow10[d], x.c%pow10[d]
		if abs64(r) >= uint64(pow10[d])-abs64(r) { // 2|r| ≥ 10^d
			if x.c < 0 {
				q--
			} else {
				q++
			}
		}
		return Num{c: q, s: p}
	}
	z := x.coef()
	neg := z.Sign() < 0
	m := bigPow10(d)
	q, r := z.QuoRem(z.Abs(z), m, new(big.Int))
	if r.Lsh(r, 1).Cmp(m) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return fromBig(q, p)
}

// FormatPoints shows points: two decimals, thousands separators ("9.22").
func FormatPoints(x Num) string { return string(appendPoints(nil, x)) }

// FormatPercent shows a ratio as a percentage with one decimal ("92.2%").
func FormatPercent(r Num) string { return string(appendPercent(nil, r)) }

// FormatFigure shows a figure: at most two decimals, trailing zeros
// dropped, thousands separators ("2,950", "19.8").
func FormatFigure(x Num) string { return string(appendFigure(nil, x)) }

func appendPoints(b []byte, x Num) []byte {
	return appendDigits(b, Round(x, 2), 2, true, false)
}

func appendPercent(b []byte, r Num) []byte {
	b = appendDigits(b, Round(r.Mul(hundred), 1), 1, true, false)
	return append(b, '%')
}

func appendFigure(b []byte, x Num) []byte {
	return appendDigits(b, Round(x, 2), 2, true, true)
}

// appendDigits writes x, whose scale is at most places, with places
// decimals; group adds thousands separators and trim drops trailing zero
// decimals. A value that is zero never carries a minus sign.
func appendDigits(b []byte, x Num, places int, group, trim bool) []byte {
	var buf [24]byte
	var mag []byte
	if x.b == nil {
		mag = strconv.AppendUint(buf[:0], abs64(x.c), 10)
	} else {
		mag = new(big.Int).Abs(x.b).Append(buf[:0], 10)
	}
	for pad := places - int(x.s); pad > 0; pad-- {
		mag = append(mag, '0')
	}
	if x.Sign() < 0 {
		b = append(b, '-')
	}
	n := len(mag) - places // digits before the point; ≤ 0 for |x| < 1
	if n <= 0 {
		b = append(b, '0')
	} else {
		b = appendGrouped(b, mag[:n], group)
	}
	lo, end := max(n, 0), len(mag)
	for trim && end > lo && mag[end-1] == '0' {
		end--
	}
	if end > lo {
		b = append(b, '.')
		for i := n; i < 0; i++ {
			b = append(b, '0')
		}
		b = append(b, mag[lo:end]...)
	}
	return b
}

func appendGrouped(b, digits []byte, group bool) []byte {
	for i, d := range digits {
		if group && i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, d)
	}
	return b
}
