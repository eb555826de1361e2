package score

import "math/big"

// The slow path: coefficients as big.Int, for values that outgrow int64.
// Every function here returns fresh values, so that a Num's big.Int is
// never changed once made.

// coef returns a fresh copy of the coefficient that the caller may modify.
func (x Num) coef() *big.Int {
	if x.b != nil {
		return new(big.Int).Set(x.b)
	}
	return big.NewInt(x.c)
}

// coefAt returns a fresh coefficient of x at scale s ≥ x.s.
func (x Num) coefAt(s int32) *big.Int {
	z := x.coef()
	if s > x.s {
		z.Mul(z, bigPow10(s-x.s))
	}
	return z
}

// fromBig moves a coefficient back to the int64 form when it fits, so that
// one large intermediate does not slow down everything after it.
func fromBig(z *big.Int, s int32) Num {
	if z.IsInt64() {
		return Num{c: z.Int64(), s: s}
	}
	return Num{b: z, s: s}
}

var smallBigPow10 = func() (p [40]*big.Int) {
	for i := range p {
		p[i] = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(i)), nil)
	}
	return p
}()

// bigPow10 returns 10^d; the result must not be modified.
func bigPow10(d int32) *big.Int {
	if int(d) < len(smallBigPow10) {
		return smallBigPow10[d]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil)
}
