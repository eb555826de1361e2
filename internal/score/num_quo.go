package score

import (
	"math"
	"math/big"
	"math/bits"
)

// DivScale is the number of decimal places a quotient keeps when it does
// not terminate (1/3, 100/90); it is then rounded half away from zero at
// the last place. Twelve places sit ten below the finest figure ever shown
// (0.01 point, 0.1%), so the rounding can move a displayed figure only when
// the true value lies within 10^-12 of a display boundary. A quotient that
// terminates (2,950/3,200 = 0.921875) is exact. Every rule divides at most
// once per item; everything after that division is exact.
const DivScale = 12

// pow10u holds 10^0 … 10^19, the powers of ten that fit in a uint64.
var pow10u = func() (p [20]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// Quo returns x / y as DivScale describes. It panics when y is 0: every
// rule checks its divisor first and turns a zero into "no target", so a
// panic here is a bug in the engine, not bad data.
func (x Num) Quo(y Num) Num {
	if y.IsZero() {
		panic("score: division by zero")
	}
	s := max(DivScale, x.s-y.s)
	k := s - x.s + y.s // x.c × 10^k / y.c has scale s
	if x.b == nil && y.b == nil && k < int32(len(pow10u)) {
		if q, ok := quo64(x.c, y.c, pow10u[k]); ok {
			return strip(Num{c: q, s: s})
		}
	}
	n := x.coef()
	n.Abs(n).Mul(n, bigPow10(k))
	d := y.coef()
	d.Abs(d)
	q, r := n.QuoRem(n, d, new(big.Int))
	if r.Lsh(r, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if x.Sign() != y.Sign() {
		q.Neg(q)
	}
	return stripBig(fromBig(q, s))
}

// quo64 returns a × m / b rounded half away from zero, through a 128-bit
// intermediate, when the quotient fits in an int64.
func quo64(a, b int64, m uint64) (int64, bool) {
	ua, ub := abs64(a), abs64(b)
	hi, lo := bits.Mul64(ua, m)
	if hi >= ub {
		return 0, false
	}
	q, r := bits.Div64(hi, lo, ub)
	if r >= ub-r {
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(q), true
	}
	return int64(q), true
}

// strip drops trailing zero decimals, so that exact quotients keep the
// small scale that keeps later sums in int64.
func strip(x Num) Num {
	if x.b != nil {
		return stripBig(x)
	}
	if x.c == 0 {
		return Num{}
	}
	for x.s >= 4 && x.c%10000 == 0 {
		x.c /= 10000
		x.s -= 4
	}
	for x.s > 0 && x.c%10 == 0 {
		x.c /= 10
		x.s--
	}
	return x
}

func stripBig(x Num) Num {
	if x.b == nil {
		return strip(x)
	}
	z, q, r := new(big.Int).Set(x.b), new(big.Int), new(big.Int)
	ten := big.NewInt(10)
	for x.s > 0 {
		if q.QuoRem(z, ten, r); r.Sign() != 0 {
			break
		}
		z.Set(q)
		x.s--
	}
	return fromBig(z, x.s)
}
