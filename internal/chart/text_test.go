package chart

import (
	"strings"
	"testing"
)

func TestTextWidth(t *testing.T) {
	cases := []struct {
		s    string
		size float64
		want float64
	}{
		{"高新区", 1, 3},
		{"ab", 1, 1.1},
		{"高新区", 12, 36},
		{"1月", 1, 1.55},
		{"“”（），。：", 1, 7},
		{"１２ＧＤＰ", 1, 5},
		{"カナ한글", 1, 4},
		{"GDP (亿元)", 10, 10 * (6*0.55 + 2)},
		{"", 12, 0},
	}
	for _, c := range cases {
		if got := TextWidth(c.s, c.size); !near(got, c.want) {
			t.Errorf("TextWidth(%q, %v) = %v, want %v", c.s, c.size, got, c.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	long := strings.Repeat("潍坊高新技术产业开发区", 10)
	got := truncate(long, 15, 300)
	if !strings.HasSuffix(got, "…") || TextWidth(got, 15) > 300 || TextWidth(got, 15) < 300-2*15 {
		t.Errorf("truncate gives %q, %v wide", got, TextWidth(got, 15))
	}
	if got := truncate("1月", 11, 50); got != "1月" {
		t.Errorf("a short text is cut: %q", got)
	}
	if got := truncate("September", 11, 40); !strings.HasSuffix(got, "…") || TextWidth(got, 11) > 40 {
		t.Errorf("truncate gives %q", got)
	}
}
