package score

import (
	"math"
	"math/bits"
)

// pow10 holds 10^0 … 10^18, the powers of ten that fit in an int64.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// The operations below try their commonest case first, two int64
// coefficients at one scale, in a few instructions, and leave the rest to
// a function of their own so that the common path stays short.

// Add returns x + y.
func (x Num) Add(y Num) Num {
	if x.b == nil && y.b == nil && x.s == y.s {
		// The sum overflowed when it differs in sign from both terms.
		if z := x.c + y.c; (z^x.c)&(z^y.c) >= 0 {
			return Num{c: z, s: x.s}
		}
	}
	return addSlow(x, y)
}

func addSlow(x, y Num) Num {
	if x.b == nil && y.b == nil {
		if a, b, s, ok := align(x, y); ok {
			if z, ok := add64(a, b); ok {
				return Num{c: z, s: s}
			}
		}
	}
	s := max(x.s, y.s)
	a := x.coefAt(s)
	return fromBig(a.Add(a, y.coefAt(s)), s)
}

// Sub returns x − y.
func (x Num) Sub(y Num) Num { return x.Add(y.Neg()) }

// Mul returns x × y.
func (x Num) Mul(y Num) Num {
	// Coefficients within ±2^31 cannot overflow; most figures are.
	if x.b == nil && y.b == nil && uint64(x.c)+1<<31 < 1<<32 && uint64(y.c)+1<<31 < 1<<32 {
		return Num{c: x.c * y.c, s: x.s + y.s}
	}
	return mulSlow(x, y)
}

func mulSlow(x, y Num) Num {
	if x.b == nil && y.b == nil {
		if z, ok := mul64(x.c, y.c); ok {
			return Num{c: z, s: x.s + y.s}
		}
	}
	z := x.coef()
	return fromBig(z.Mul(z, y.coef()), x.s+y.s)
}

// Neg returns −x.
func (x Num) Neg() Num {
	if x.b == nil && x.c != math.MinInt64 {
		return Num{c: -x.c, s: x.s}
	}
	return negSlow(x)
}

func negSlow(x Num) Num {
	z := x.coef()
	return fromBig(z.Neg(z), x.s)
}

// Abs returns |x|.
func (x Num) Abs() Num {
	if x.Sign() < 0 {
		return x.Neg()
	}
	return x
}

// Sign returns −1, 0 or +1.
func (x Num) Sign() int {
	if x.b != nil {
		return x.b.Sign()
	}
	switch {
	case x.c < 0:
		return -1
	case x.c > 0:
		return 1
	}
	return 0
}

// IsZero reports whether x is 0.
func (x Num) IsZero() bool { return x.b == nil && x.c == 0 }

// Cmp returns −1, 0 or +1 as x is below, equal to or above y.
func (x Num) Cmp(y Num) int {
	if x.b == nil && y.b == nil && x.s == y.s && x.c != y.c {
		if x.c < y.c {
			return -1
		}
		return 1
	}
	return cmpSlow(x, y)
}

func cmpSlow(x, y Num) int {
	if x.b == nil && y.b == nil {
		if a, b, _, ok := align(x, y); ok {
			switch {
			case a < b:
				return -1
			case a > b:
				return 1
			}
			return 0
		}
	}
	s := max(x.s, y.s)
	return x.coefAt(s).Cmp(y.coefAt(s))
}

func minNum(x, y Num) Num {
	if x.Cmp(y) <= 0 {
		return x
	}
	return y
}

func maxNum(x, y Num) Num {
	if x.Cmp(y) >= 0 {
		return x
	}
	return y
}

// align returns the coefficients of x and y at their common scale when
// both still fit in an int64.
func align(x, y Num) (a, b int64, s int32, ok bool) {
	switch {
	case x.s == y.s:
		return x.c, y.c, x.s, true
	case x.s < y.s:
		a, ok = scaleUp(x.c, y.s-x.s)
		return a, y.c, y.s, ok
	}
	b, ok = scaleUp(y.c, x.s-y.s)
	return x.c, b, x.s, ok
}

func scaleUp(c int64, d int32) (int64, bool) {
	if d > 18 {
		return 0, c == 0
	}
	return mul64(c, pow10[d])
}

// add64 adds when the sum fits.
func add64(a, b int64) (int64, bool) {
	z := a + b
	if (b > 0 && z < a) || (b < 0 && z > a) {
		return 0, false
	}
	return z, true
}

// mul64 multiplies when the product fits; math.MinInt64 is left to big.Int
// rather than tell its one case apart.
func mul64(a, b int64) (int64, bool) {
	hi, lo := bits.Mul64(abs64(a), abs64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

func abs64(a int64) uint64 {
	if a < 0 {
		return -uint64(a)
	}
	return uint64(a)
}
