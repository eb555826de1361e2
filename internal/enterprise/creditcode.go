package enterprise

import (
	"strings"
	"unicode"

	"gaoxin/internal/i18n"
)

// The unified social credit code (统一社会信用代码, GB 32100-2015) is 18
// characters from 31: the digits and the capitals but I, O, Z, S and V,
// which read too like digits. The 18th is a check character over the
// first 17, each weighted by 3^i mod 31.
const codeChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var codeWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// ParseCreditCode reads a credit code as offices type it — lower case,
// full-width characters, spaces — and checks it: its length, that every
// character is one the standard allows, that characters 3–8 are the
// digits of an area code, and its check character. The error says which.
func ParseCreditCode(text string) (string, *i18n.Error) {
	code := normalize(text)
	if code == "" {
		return "", i18n.Invalid("credit_code", "enterprise.err.code_missing")
	}
	if n := len([]rune(code)); n != 18 {
		return "", i18n.Invalid("credit_code", "enterprise.err.code_length", code, n)
	}
	for i, r := range code {
		if !strings.ContainsRune(codeChars, r) {
			return "", i18n.Invalid("credit_code", "enterprise.err.code_char", code, i+1, string(r))
		}
		if i >= 2 && i < 8 && (r < '0' || r > '9') {
			return "", i18n.Invalid("credit_code", "enterprise.err.code_area", code)
		}
	}
	if want := CheckChar(code[:17]); rune(code[17]) != want {
		return "", i18n.Invalid("credit_code", "enterprise.err.code_check", code, string(want), code[17:])
	}
	return code, nil
}

// CheckChar is the check character of a code's first 17 characters, which
// must be from the standard's set.
func CheckChar(first17 string) rune {
	sum := 0
	for i, r := range first17[:17] {
		sum += strings.IndexRune(codeChars, r) * codeWeights[i]
	}
	return rune(codeChars[(31-sum%31)%31])
}

// normalize folds full-width characters to ASCII, drops spaces and dashes
// and upper-cases.
func normalize(text string) string {
	var b strings.Builder
	for _, r := range text {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if unicode.IsSpace(r) || r == '-' {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}
