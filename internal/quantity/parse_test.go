package quantity_test

import (
	"math"
	"strings"
	"testing"

	"gaoxin/internal/i18n"
	"gaoxin/internal/quantity"
)

// parseCases are figures as users type them, each with the value Parse
// must return or the key of the error it must give.
var parseCases = []struct {
	text, uom string
	want      float64
	key       string
}{
	// Plain numbers, separators and full-width forms.
	{"1204", "亿元", 1204, ""},
	{"1,204", "亿元", 1204, ""},
	{"1，204", "亿元", 1204, ""},
	{"3 200", "件", 3200, ""},
	{"1,234,567.89", "元", 1234567.89, ""},
	{"１２０４", "件", 1204, ""},
	{"１，２０４．５", "万元", 1204.5, ""},
	{"  30  ", "家", 30, ""},
	{"\u300030\u3000", "家", 30, ""},
	{"3.5", "亿元", 3.5, ""},
	{".5", "亿元", 0.5, ""},
	{"+12", "%", 12, ""},
	{"-3.5", "%", -3.5, ""},
	{"－3.5", "%", -3.5, ""},
	{"−3.5", "%", -3.5, ""},
	{"-0", "件", 0, ""},
	{"007", "件", 7, ""},
	// Magnitudes converted into the indicator's unit.
	{"3.5亿", "亿元", 3.5, ""},
	{"3.5亿元", "亿元", 3.5, ""},
	{"2000万元", "亿元", 0.2, ""},
	{"2000万", "亿元", 0.2, ""},
	{"1.2万亿元", "亿元", 12000, ""},
	{"3.5亿", "万元", 35000, ""},
	{"1.2万", "万元", 1.2, ""},
	{"1.2万元", "万元", 1.2, ""},
	{"12000元", "万元", 1.2, ""},
	{"1.2万", "元", 12000, ""},
	{"3.5 亿 元", "元", 350000000, ""},
	{"1.2万", "件", 12000, ""},
	{"1.2万", "家", 12000, ""},
	{"1.2万家", "家", 12000, ""},
	{"1.2万个学位", "个学位", 12000, ""},
	{"35000人", "万人", 3.5, ""},
	{"3.5万人", "万人", 3.5, ""},
	{"3.5万", "人", 35000, ""},
	// The number followed by exactly the unit.
	{"1204亿元", "亿元", 1204, ""},
	{"30家", "家", 30, ""},
	{"92.5%", "%", 92.5, ""},
	{"92％", "%", 92, ""},
	{"92 %", "%", 92, ""},
	{"8座", "座", 8, ""},
	// Blank is apart from every other failure.
	{"", "亿元", 0, "quantity.empty"},
	{"   ", "家", 0, "quantity.empty"},
	{"\u3000", "家", 0, "quantity.empty"},
	// Percentages only where the indicator is one.
	{"92%", "亿元", 0, "quantity.percent_not_allowed"},
	{"92%", "家", 0, "quantity.percent_not_allowed"},
	{"1.2万", "%", 0, "quantity.magnitude_on_percent"},
	{"3亿元", "%", 0, "quantity.magnitude_on_percent"},
	{"92家", "%", 0, "quantity.unit_mismatch"},
	// Units that do not fit.
	{"30万元", "家", 0, "quantity.unit_mismatch"},
	{"30元", "件", 0, "quantity.unit_mismatch"},
	{"30家", "件", 0, "quantity.unit_mismatch"},
	{"30个", "个学位", 0, "quantity.unit_mismatch"},
	{"3.5亿人", "亿元", 0, "quantity.unit_mismatch"},
	{"2019年", "件", 0, "quantity.unit_mismatch"},
	// Not a number at all.
	{"abc", "件", 0, "quantity.not_number"},
	{"30k", "件", 0, "quantity.not_number"},
	{"3.5e3", "件", 0, "quantity.not_number"},
	{"1.2E+10", "元", 0, "quantity.not_number"},
	{"NaN", "件", 0, "quantity.not_number"},
	{"Inf", "件", 0, "quantity.not_number"},
	{"5.", "件", 0, "quantity.not_number"},
	{"+-3", "件", 0, "quantity.not_number"},
	{"(30)", "件", 0, "quantity.not_number"},
	{"三十", "件", 0, "quantity.not_number"},
	// Placeholders for a missing figure.
	{"—", "件", 0, "quantity.placeholder"},
	{"——", "件", 0, "quantity.placeholder"},
	{"-", "件", 0, "quantity.placeholder"},
	{"/", "件", 0, "quantity.placeholder"},
	{"无", "件", 0, "quantity.placeholder"},
	{"N/A", "件", 0, "quantity.placeholder"},
	// Estimates.
	{"约30", "件", 0, "quantity.approximate"},
	{"近3亿元", "亿元", 0, "quantity.approximate"},
	{"~30", "件", 0, "quantity.approximate"},
	{"30余", "件", 0, "quantity.approximate"},
	{"30余万元", "万元", 0, "quantity.approximate"},
	{"30多家", "家", 0, "quantity.approximate"},
	{"30左右", "件", 0, "quantity.approximate"},
	{"30+", "件", 0, "quantity.approximate"},
	// Ranges and several numbers.
	{"30-40", "件", 0, "quantity.range"},
	{"30～40", "件", 0, "quantity.range"},
	{"30—40", "件", 0, "quantity.range"},
	{"30至40家", "家", 0, "quantity.range"},
	{"30万-40万", "万元", 0, "quantity.range"},
	{"30 40", "件", 0, "quantity.several_numbers"},
	{"30、40", "件", 0, "quantity.several_numbers"},
	// Separators a reader could take two ways.
	{"12,04", "件", 0, "quantity.bad_grouping"},
	{"1,2345", "件", 0, "quantity.bad_grouping"},
	{"1234,567", "件", 0, "quantity.bad_grouping"},
	{"0,123", "件", 0, "quantity.bad_grouping"},
	{"3,5", "%", 0, "quantity.bad_grouping"},
	{"1.204,5", "元", 0, "quantity.bad_grouping"},
	{"1.204.567", "元", 0, "quantity.bad_grouping"},
	// Beyond a float64.
	{"1" + strings.Repeat("0", 400), "件", 0, "quantity.too_large"},
	{"1" + strings.Repeat("0", 305) + "亿", "件", 0, "quantity.too_large"},
}

func TestParse(t *testing.T) {
	for _, c := range parseCases {
		got, err := quantity.Parse(c.text, c.uom)
		switch {
		case c.key == "" && err != nil:
			t.Errorf("Parse(%q, %q): %s", c.text, c.uom, err.In(i18n.ZH))
		case c.key == "" && got != c.want:
			t.Errorf("Parse(%q, %q) = %v, want %v", c.text, c.uom, got, c.want)
		case c.key != "" && err == nil:
			t.Errorf("Parse(%q, %q) = %v, want error %s", c.text, c.uom, got, c.key)
		case c.key != "" && (err.Key != c.key || err.Field != "value"):
			t.Errorf("Parse(%q, %q) fails with %s on %q, want %s on value", c.text, c.uom, err.Key, err.Field, c.key)
		case c.key != "" && got != 0:
			t.Errorf("Parse(%q, %q) returns %v with its error", c.text, c.uom, got)
		}
	}
}

func TestParseNeverNegativeZero(t *testing.T) {
	for _, text := range []string{"-0", "-0.000", "－０"} {
		v, err := quantity.Parse(text, "件")
		if err != nil || math.Signbit(v) {
			t.Errorf("Parse(%q) = %v, %v; want plain zero", text, v, err)
		}
	}
}

// Every message must read as a sentence in both languages, with the user's
// text and, where it matters, the indicator's unit in it.
func TestParseMessages(t *testing.T) {
	checks := []struct{ text, uom, zh, en string }{
		{"30万元", "家", "“30万元”的单位与指标单位“家”不符。", "“30万元” is not in the indicator's unit, “家”."},
		{"92%", "亿元", "“92%”带有百分号，但该指标的单位是“亿元”，不是百分比。",
			"“92%” has a percent sign, but this indicator is measured in “亿元”, not as a percentage."},
		{"abc", "件", "“abc”不是数字。", "“abc” is not a number."},
		{"", "件", "请填写数值。", "Enter a value."},
		{" 约30 ", "件", "“约30”是约数，请填写确切数值。", "“约30” is an estimate; enter the exact figure."},
	}
	for _, c := range checks {
		_, err := quantity.Parse(c.text, c.uom)
		if err == nil {
			t.Fatalf("Parse(%q, %q) accepted", c.text, c.uom)
		}
		if got := err.In(i18n.ZH); got != c.zh {
			t.Errorf("Chinese: %q, want %q", got, c.zh)
		}
		if got := err.In(i18n.EN); got != c.en {
			t.Errorf("English: %q, want %q", got, c.en)
		}
	}
	for _, c := range parseCases {
		if c.key != "" && (!i18n.Has(i18n.ZH, c.key) || !i18n.Has(i18n.EN, c.key)) {
			t.Errorf("%s is missing from a catalogue", c.key)
		}
	}
}

func TestParseQuotesLongTextShort(t *testing.T) {
	_, err := quantity.Parse(strings.Repeat("很长的说明", 20), "件")
	if err == nil || len([]rune(err.In(i18n.ZH))) > 50 {
		t.Errorf("long text is repeated in full: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.text, c.uom)
	}
	f.Fuzz(func(t *testing.T, text, uom string) {
		v, err := quantity.Parse(text, uom)
		if err != nil {
			if v != 0 || !i18n.Has(i18n.ZH, err.Key) || err.Field != "value" {
				t.Errorf("Parse(%q, %q) = %v, %v", text, uom, v, err)
			}
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("Parse(%q, %q) = %v", text, uom, v)
		}
	})
}
