package quantity_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"gaoxin/internal/quantity"
)

func TestFormat(t *testing.T) {
	cases := []struct {
		v    float64
		p    int
		want string
	}{
		{1204, 0, "1,204"},
		{92.25, 1, "92.3"},
		{-92.25, 1, "-92.3"},
		{-3.5, 1, "-3.5"},
		{0.2, 2, "0.20"},
		{0, 0, "0"},
		{0, 2, "0.00"},
		{math.Copysign(0, -1), 1, "0.0"},
		{-0.04, 1, "0.0"},
		{-0.05, 1, "-0.1"},
		{0.5, 0, "1"},
		{-0.5, 0, "-1"},
		{2.5, 0, "3"},
		{2.675, 2, "2.68"},
		{1.005, 2, "1.01"},
		{999.96, 1, "1,000.0"},
		{999999.5, 0, "1,000,000"},
		{9.995, 2, "10.00"},
		{123, 0, "123"},
		{1234567.891, 2, "1,234,567.89"},
		{-1234567, 0, "-1,234,567"},
		{3200, -1, "3,200"},
		{1e21, 0, "1,000,000,000,000,000,000,000"},
		{0.000123, 3, "0.000"},
		{0.0005, 3, "0.001"},
	}
	for _, c := range cases {
		if got := quantity.Format(c.v, c.p); got != c.want {
			t.Errorf("Format(%v, %d) = %q, want %q", c.v, c.p, got, c.want)
		}
	}
}

// What Format writes, Parse must read back as the same figure, in every
// unit an office would write it in.
func TestFormatParseRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, uom := range []string{"亿元", "件", "家", "个", "座", "人", "个学位"} {
		for range 2000 {
			v := (rng.Float64() - 0.3) * math.Pow(10, float64(rng.IntN(10)))
			p := 0
			if uom == "亿元" {
				p = rng.IntN(4)
			}
			text := quantity.Format(v, p)
			got, err := quantity.Parse(text, uom)
			if err != nil {
				t.Fatalf("Parse(Format(%v, %d) = %q, %q): %v", v, p, text, uom, err)
			}
			if quantity.Format(got, p) != text || math.Abs(got-v) > 0.5*math.Pow(10, -float64(p))+1e-9*math.Abs(v) {
				t.Fatalf("Parse(%q, %q) = %v, from %v", text, uom, got, v)
			}
			if p == 0 && got != math.Round(v) {
				t.Fatalf("Parse(%q, %q) = %v, want the whole number %v", text, uom, got, math.Round(v))
			}
		}
	}
}
