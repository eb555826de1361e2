package quantity

import (
	"strings"
	"unicode"
)

// magnitudes are the multipliers written after a number, as powers of ten,
// longest first so that 万亿 is not read as 万.
var magnitudes = []struct {
	word string
	exp  int
}{{"万亿", 12}, {"亿", 8}, {"万", 4}}

// split separates a unit into its magnitude and its base: 亿元 is 10^8 元,
// 万人 is 10^4 人, 家 is 10^0 家.
func split(unit string) (exp int, base string) {
	for _, m := range magnitudes {
		if rest, ok := strings.CutPrefix(unit, m.word); ok {
			return m.exp, rest
		}
	}
	return 0, unit
}

// shift says by how many powers of ten a number written with the suffix
// rest must move to be in uom, or why the suffix does not fit uom.
func shift(rest, uom string) (int, string) {
	suffix := strings.ReplaceAll(rest, " ", "")
	if suffix == "" || suffix == uom {
		return 0, ""
	}
	if key := stray(rest); key != "" {
		return 0, key
	}
	exp, base := split(suffix)
	uomExp, uomBase := split(uom)
	switch {
	case uom == "%" && exp != 0:
		return 0, "quantity.magnitude_on_percent"
	case suffix == "%":
		return 0, "quantity.percent_not_allowed"
	case uom != "%" && (base == "" || base == uomBase):
		return exp - uomExp, ""
	case strings.ContainsFunc(suffix, latin):
		return 0, "quantity.not_number"
	case hedged(suffix, hedgeSuffixes, strings.Contains):
		return 0, "quantity.approximate"
	}
	return 0, "quantity.unit_mismatch"
}

// stray explains a second number after the first: a range, misplaced
// separators, or simply two figures in one cell.
func stray(rest string) string {
	if !strings.ContainsFunc(rest, func(r rune) bool { return r >= '0' && r <= '9' }) {
		return ""
	}
	switch {
	case strings.ContainsAny(rest, "-~〜—–―至到"):
		return "quantity.range"
	case strings.ContainsAny(rest[:1], ",.") && len(rest) > 1 && rest[1] >= '0' && rest[1] <= '9':
		return "quantity.bad_grouping"
	case strings.ContainsFunc(rest, latin):
		return "quantity.not_number"
	}
	return "quantity.several_numbers"
}

// latin reports letters of the Latin script: "30k" and "3.5e3" are not
// figures this package reads, while Chinese units are letters too.
func latin(r rune) bool { return unicode.Is(unicode.Latin, r) }
