package peers

import (
	"math/big"
	"strconv"
	"strings"

	"gaoxin/internal/i18n"
	"gaoxin/internal/quantity"
)

// ParseAmount reads a value as an office writes it ("1,204", "3.5亿",
// "2000万元", "7.2%") into the indicator's unit of measure and returns it
// as an exact decimal: the shortest text that reads back as the same
// number, so "0.2" and not "0.20000000000000001".
func ParseAmount(text, uom string) (string, *i18n.Error) {
	v, err := quantity.Parse(text, uom)
	if err != nil {
		return "", err
	}
	return strconv.FormatFloat(v, 'f', -1, 64), nil
}

// Rat is an amount as an exact fraction for comparing and subtracting; nil
// when the text is not a decimal (the store never keeps such a value).
func Rat(amount string) *big.Rat {
	r, ok := new(big.Rat).SetString(amount)
	if !ok {
		return nil
	}
	return r
}

// Places counts an amount's decimal places.
func Places(amount string) int {
	_, frac, _ := strings.Cut(amount, ".")
	return len(frac)
}

// FormatAmount writes an amount as offices do, with thousands separators
// and the decimals it was given: "1,204", "7.15".
func FormatAmount(amount string) string {
	r := Rat(amount)
	if r == nil {
		return amount
	}
	return FormatRat(r, Places(amount))
}

// FormatRat writes r with places decimals and thousands separators.
func FormatRat(r *big.Rat, places int) string {
	// FloatString rounds the exact fraction; quantity.Format then only
	// groups the digits of a number that already has the right decimals.
	f, _ := strconv.ParseFloat(r.FloatString(places), 64)
	return quantity.Format(f, places)
}
