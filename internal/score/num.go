package score

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Num is an exact decimal number: a coefficient × 10^-scale. Addition,
// subtraction, multiplication and comparison are exact; Quo is exact when
// the quotient terminates within DivScale places and rounded there when it
// does not. The coefficient lives in an int64 while it fits, which covers
// every figure an office reports, and moves to a big.Int when it does not,
// so that no value is ever silently truncated. The zero value is 0.
type Num struct {
	c int64    // the coefficient while b is nil
	b *big.Int // the coefficient once it outgrew int64; never modified after creation
	s int32    // the scale, never negative
}

// ErrSyntax is returned for text that is not a plain decimal number.
var ErrSyntax = errors.New("score: not a decimal number")

// Int returns i as a Num.
func Int(i int64) Num { return Num{c: i} }

// Dec reads a plain decimal: an optional sign, digits, and optionally a
// point followed by digits ("2950", "-3.5", "0.15"). Thousands separators,
// exponents and units are refused: reading figures as offices write them is
// the job of the caller (package quantity), not of the scoring engine.
func Dec(text string) (Num, error) {
	s, neg := text, false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || (dot && frac == "") || !isDigits(whole) || !isDigits(frac) {
		return Num{}, fmt.Errorf("%w: %q", ErrSyntax, text)
	}
	// Trailing zeros carry no value; dropping them keeps coefficients small.
	frac = strings.TrimRight(frac, "0")
	n := Num{s: int32(len(frac))}
	if c, ok := digits64(whole, frac); ok {
		n.c = c
	} else {
		n.b, _ = new(big.Int).SetString(whole+frac, 10)
	}
	if neg {
		n = n.Neg()
	}
	return n, nil
}

// MustDec is Dec for literals known to be right; it panics otherwise.
func MustDec(text string) Num {
	n, err := Dec(text)
	if err != nil {
		panic(err)
	}
	return n
}

// Float converts f through its shortest decimal form, so that 2950.0 is
// exactly 2950 and 0.1 is one tenth, not the binary fraction nearest to it.
// NaN and infinities are refused.
func Float(f float64) (Num, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Num{}, fmt.Errorf("%w: %v", ErrSyntax, f)
	}
	return Dec(strconv.FormatFloat(f, 'f', -1, 64))
}

// Ref returns a pointer to a copy of n, for the optional fields of Input.
func Ref(n Num) *Num { return &n }

// String writes n exactly, without separators, rounding or trailing zero
// decimals ("9.21875").
func (x Num) String() string {
	x = strip(x)
	return string(appendDigits(nil, x, int(x.s), false, false))
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// digits64 reads whole and frac as one integer when it has at most 18
// significant digits, the most that always fit in an int64.
func digits64(whole, frac string) (int64, bool) {
	var c int64
	n := 0
	for _, part := range [2]string{whole, frac} {
		for i := 0; i < len(part); i++ {
			if c == 0 && part[i] == '0' {
				continue // a leading zero takes no room
			}
			if n++; n > 18 {
				return 0, false
			}
			c = c*10 + int64(part[i]-'0')
		}
	}
	return c, true
}
