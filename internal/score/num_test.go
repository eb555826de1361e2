package score

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
)

func TestDec(t *testing.T) {
	for in, want := range map[string]string{
		"2950": "2950", "-3.50": "-3.5", "+0.15": "0.15", "007": "7", "0.000": "0",
		"123456789012345678901234567890.5": "123456789012345678901234567890.5",
		"-9223372036854775808":             "-9223372036854775808",
	} {
		if got, err := Dec(in); err != nil || got.String() != want {
			t.Errorf("Dec(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-", ".5", "5.", "1,204", "1e3", "3.5亿", " 1", "--1"} {
		if _, err := Dec(bad); !errors.Is(err, ErrSyntax) {
			t.Errorf("Dec(%q) accepted", bad)
		}
	}
}

func TestFloat(t *testing.T) {
	for f, want := range map[float64]string{2950: "2950", 0.1: "0.1", -3.2: "-3.2", 1e20: "100000000000000000000"} {
		if got, err := Float(f); err != nil || got.String() != want {
			t.Errorf("Float(%v) = %v, %v", f, got, err)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1)} {
		if _, err := Float(f); err == nil {
			t.Errorf("Float(%v) accepted", f)
		}
	}
}

// randNum draws decimals from small to far beyond int64, so that both the
// fast and the big paths, and the moves between them, are exercised.
func randNum(rng *rand.Rand) Num {
	digits := 1 + rng.IntN(30)
	b := make([]byte, 0, digits+2)
	if rng.IntN(2) == 0 {
		b = append(b, '-')
	}
	for range digits {
		b = append(b, byte('0'+rng.IntN(10)))
	}
	if s := rng.IntN(digits + 1); s > 0 && s < digits {
		b = append(b[:len(b)-s], append([]byte{'.'}, b[len(b)-s:]...)...)
	}
	return MustDec(string(b))
}

func toRat(x Num) *big.Rat {
	r, _ := new(big.Rat).SetString(x.String())
	return r
}

func TestArithmeticAgainstBigRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(2019, 3200))
	for range 20000 {
		x, y := randNum(rng), randNum(rng)
		rx, ry := toRat(x), toRat(y)
		for name, c := range map[string]struct {
			got  Num
			want *big.Rat
		}{
			"+": {x.Add(y), new(big.Rat).Add(rx, ry)},
			"-": {x.Sub(y), new(big.Rat).Sub(rx, ry)},
			"*": {x.Mul(y), new(big.Rat).Mul(rx, ry)},
		} {
			if toRat(c.got).Cmp(c.want) != 0 {
				t.Fatalf("%v %s %v = %v, want %s", x, name, y, c.got, c.want.FloatString(40))
			}
		}
		if got := x.Cmp(y); got != rx.Cmp(ry) {
			t.Fatalf("Cmp(%v, %v) = %d", x, y, got)
		}
		if y.IsZero() {
			continue
		}
		// The quotient is within half a unit of its last place of the truth.
		q := x.Quo(y)
		exact := new(big.Rat).Quo(rx, ry)
		err := new(big.Rat).Sub(toRat(q), exact)
		half := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Mul(big.NewInt(2), bigPow10(max(DivScale, x.s-y.s))))
		if err.Abs(err).Cmp(half) > 0 {
			t.Fatalf("%v / %v = %v, off by %s", x, y, q, err.FloatString(30))
		}
	}
}

func TestQuo(t *testing.T) {
	for _, c := range []struct{ x, y, want string }{
		{"2950", "3200", "0.921875"},   // terminates: exact
		{"1", "3", "0.333333333333"},   // 12 places
		{"2", "3", "0.666666666667"},   // half away from zero
		{"-2", "3", "-0.666666666667"}, // and symmetric
		{"100", "70", "1.428571428571"},
		{"1", "0.0000000000001", "10000000000000"},
		{"123456789012345678901234567890", "7", "17636684144620811271604938270"},
	} {
		if got := d(c.x).Quo(d(c.y)); got.Cmp(d(c.want)) != 0 {
			t.Errorf("%s / %s = %v, want %s", c.x, c.y, got, c.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("division by zero did not panic")
		}
	}()
	d("1").Quo(Num{})
}

func TestRoundAndFormat(t *testing.T) {
	for _, c := range []struct {
		x              string
		points, figure string
	}{
		{"9.21875", "9.22", "9.22"},
		{"9.215", "9.22", "9.22"},
		{"-9.215", "-9.22", "-9.22"},
		{"9.2149999", "9.21", "9.21"},
		{"-0.001", "0.00", "0"},
		{"2950", "2,950.00", "2,950"},
		{"1204000.5", "1,204,000.50", "1,204,000.5"},
		{"0.05", "0.05", "0.05"},
		{"999.995", "1,000.00", "1,000"},
		{"123456789012345678901234.565", "123,456,789,012,345,678,901,234.57", "123,456,789,012,345,678,901,234.57"},
	} {
		if got := FormatPoints(d(c.x)); got != c.points {
			t.Errorf("FormatPoints(%s) = %s, want %s", c.x, got, c.points)
		}
		if got := FormatFigure(d(c.x)); got != c.figure {
			t.Errorf("FormatFigure(%s) = %s, want %s", c.x, got, c.figure)
		}
	}
	for x, want := range map[string]string{"0.921875": "92.2%", "1": "100.0%", "-0.03": "-3.0%", "0.00049": "0.0%", "12.3456": "1,234.6%"} {
		if got := FormatPercent(d(x)); got != want {
			t.Errorf("FormatPercent(%s) = %s, want %s", x, got, want)
		}
	}
	if got := Round(d("2.5"), 0); got.String() != "3" {
		t.Errorf("Round(2.5) = %v", got)
	}
	if got := Round(d("-2.5"), 0); got.String() != "-3" {
		t.Errorf("Round(-2.5) = %v", got)
	}
}

func TestIntExtremes(t *testing.T) {
	m := Int(math.MinInt64)
	if m.Neg().String() != strconv.FormatUint(1<<63, 10) || m.Abs().Cmp(m.Neg()) != 0 {
		t.Fatalf("%v", m.Neg())
	}
	for _, c := range []struct {
		got  Num
		want string
	}{
		{m.Add(Int(-1)), "-9223372036854775809"},
		{m.Mul(Int(-1)), "9223372036854775808"},
		{m.Sub(Int(1)).Add(Int(1)), "-9223372036854775808"},
		{Int(math.MaxInt64).Add(Int(1)), "9223372036854775808"},
		{Int(math.MaxInt64).Mul(Int(2)), "18446744073709551614"},
		{Int(1 << 31).Mul(Int(1 << 31)), "4611686018427387904"},
		{Int(-1 << 31).Mul(Int(-1 << 31)), "4611686018427387904"},
		{m.Quo(Int(-1)), "9223372036854775808"},
		{Round(MustDec("-922337203685477580.85"), 1), "-922337203685477580.9"},
	} {
		if c.got.String() != c.want {
			t.Errorf("got %v, want %s", c.got, c.want)
		}
	}
	back := Int(math.MaxInt64).Add(Int(1)).Sub(Int(1))
	if back.Cmp(Int(math.MaxInt64)) != 0 || back.b != nil {
		t.Fatalf("round trip through big.Int: %v", back)
	}
}

func TestNumTextRoundTrip(t *testing.T) {
	for _, s := range []string{"0", "-3.5", "9.21875", "123456789012345678901234567890.5"} {
		b, err := MustDec(s).MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("MarshalText(%s) = %q, %v", s, b, err)
		}
		var n Num
		if err := n.UnmarshalText(b); err != nil || n.Cmp(MustDec(s)) != 0 {
			t.Fatalf("UnmarshalText(%s) = %v, %v", s, n, err)
		}
	}
	var n Num
	if err := n.UnmarshalText([]byte("1,5")); err == nil {
		t.Fatal("1,5 read as a number")
	}
}
