package quantity

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gaoxin/internal/i18n"
)

// Field is the form field an error from Parse names.
const Field = "value"

// Parse reads one figure, as typed into a form or found in a spreadsheet
// cell, and returns it in the unit of measure uom ("亿元", "家", "%", …).
// A magnitude (万, 亿, 万亿) with an optional unit converts into uom, so
// that "2000万元" is 0.2 for an indicator in 亿元. Blank text fails with
// the key "quantity.empty", apart from every other failure, so that a
// caller can take it as "not reported".
func Parse(text, uom string) (float64, *i18n.Error) {
	s := normalise(text)
	if s == "" {
		return 0, i18n.Invalid(Field, "quantity.empty")
	}
	num, rest, key := scan(s)
	if key == "" {
		var exp int
		if exp, key = shift(rest, normalise(uom)); key == "" {
			return value(num, exp, text)
		}
	}
	return 0, failure(key, text, uom)
}

// value converts the digits, shifted by exp powers of ten, in one step so
// that the result is the double nearest the decimal the user wrote: 2000万元
// in 亿元 is exactly 0.2, not 2000 × 0.0001.
func value(num string, exp int, text string) (float64, *i18n.Error) {
	v, err := strconv.ParseFloat(num+"e"+strconv.Itoa(exp), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, failure("quantity.too_large", text, "")
	}
	if v == 0 {
		v = 0 // "-0" is zero; a negative zero would print as "-0"
	}
	return v, nil
}

// failure builds the error of key, quoting the user's text and, where the
// message names it, the indicator's unit.
func failure(key, text, uom string) *i18n.Error {
	if key == "quantity.unit_mismatch" || key == "quantity.percent_not_allowed" {
		return i18n.Invalid(Field, key, quote(text), strings.TrimSpace(uom))
	}
	return i18n.Invalid(Field, key, quote(text))
}

// normalise folds what Chinese input methods and spreadsheets produce into
// plain ASCII where the meaning is the same: full-width digits, signs,
// commas and percent; the minus sign; every kind of space.
func normalise(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '！' && r <= '～': // the full-width block mirrors ASCII
			r -= '！' - '!'
		case r == '−':
			r = '-'
		case unicode.IsSpace(r):
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// quote is the user's text as an error message repeats it: trimmed, and
// cut short so that a pasted paragraph does not swamp the message.
func quote(text string) string {
	const most = 30
	s := strings.TrimSpace(text)
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most]) + "…"
}
