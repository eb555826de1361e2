package quantity

import "strings"

// scan splits s into the number it starts with, stripped of thousands
// separators and ready for strconv, and the rest. A failure comes back as
// a message key.
func scan(s string) (num, rest, key string) {
	var b strings.Builder
	i := 0
	if s[0] == '+' || s[0] == '-' {
		if s[0] == '-' {
			b.WriteByte('-')
		}
		i++
	}
	j := digits(s, i)
	hasInt := j > i
	if !hasInt && !(j < len(s) && s[j] == '.' && digits(s, j+1) > j+1) {
		return "", "", notNumber(s)
	}
	b.WriteString(s[i:j])
	i, key = groups(s, i, j, &b)
	if key != "" {
		return "", "", key
	}
	if i < len(s) && s[i] == '.' {
		j = digits(s, i+1)
		if j == i+1 {
			return "", "", "quantity.not_number" // "5." : a digit is missing or a stray dot
		}
		b.WriteString(s[i:j])
		i = j
	}
	return b.String(), s[i:], ""
}

// groups reads thousands groups after the first run of digits s[start:end]:
// each a separator (comma or space, the same throughout) and exactly three
// digits. It refuses "1234,567" and "0,123", which a European would read
// differently.
func groups(s string, start, end int, b *strings.Builder) (int, string) {
	i := end
	var sep byte
	for i < len(s) && (s[i] == ',' || s[i] == ' ') && (sep == 0 || s[i] == sep) {
		j := digits(s, i+1)
		if j-(i+1) != 3 {
			break
		}
		sep = s[i]
		b.WriteString(s[i+1 : j])
		i = j
	}
	if sep != 0 && (end-start > 3 || s[start] == '0') {
		return i, "quantity.bad_grouping"
	}
	return i, ""
}

// digits returns the end of the run of ASCII digits that starts at i.
func digits(s string, i int) int {
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// notNumber explains text that does not start with a number.
func notNumber(s string) string {
	switch {
	case placeholder(s):
		return "quantity.placeholder"
	case hedged(s, hedgePrefixes, strings.HasPrefix):
		return "quantity.approximate"
	}
	return "quantity.not_number"
}

// placeholder reports text that tables put where a figure is missing.
func placeholder(s string) bool {
	switch strings.ToLower(s) {
	case "无", "暂无", "空", "n/a", "na", "null":
		return true
	}
	return strings.Trim(s, "-—–―─/\\.…·") == ""
}

// Words that make a figure an estimate, before and after the number.
var (
	hedgePrefixes = []string{
		"约", "大约", "大概", "近", "将近", "接近", "超", "逾", "不到", "不足", "至少", "最多", "预计",
		"~", "≈", ">", "<", "≥", "≤",
	}
	hedgeSuffixes = []string{"余", "多", "左右", "以上", "以下", "上下", "许", "+"}
)

func hedged(s string, words []string, match func(s, word string) bool) bool {
	for _, w := range words {
		if match(s, w) {
			return true
		}
	}
	return false
}
