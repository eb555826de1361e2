package planio

import (
	"strconv"
	"strings"

	"gaoxin/internal/i18n"
	"gaoxin/internal/plan"
)

// Words an office writes for each value, besides the English code and the
// label gaoxin shows (direction.higher → 越大越好). Keys are lower case.
var (
	directionWords = map[string]plan.Direction{"越大越好": plan.Higher, "正向": plan.Higher, "越小越好": plan.Lower,
		"逆向": plan.Lower, "区间": plan.Band, "区间内为好": plan.Band, "不计分": plan.NotScored, "监测": plan.NotScored}
	frequencyWords = map[string]plan.Frequency{"月": plan.Monthly, "月度": plan.Monthly, "按月": plan.Monthly,
		"季": plan.Quarterly, "季度": plan.Quarterly, "按季": plan.Quarterly, "年": plan.Yearly, "年度": plan.Yearly, "按年": plan.Yearly}
	semanticsWords = map[string]plan.Semantics{"当期": plan.Flow, "当期量": plan.Flow, "累计": plan.Cumulative,
		"累计值": plan.Cumulative, "存量": plan.Stock, "比率": plan.Ratio, "水平值": plan.Ratio}
	aggregationWords = map[string]plan.Aggregation{"求和": plan.Sum, "合计": plan.Sum, "平均": plan.Mean,
		"最大": plan.Max, "最小": plan.Min, "不汇总": plan.None}
)

// enum reads one of a plan enumeration's values: its English code or one
// of the words above.
func enum[T ~string](text string, words map[string]T, valid []T) (T, bool) {
	s := strings.ToLower(strings.TrimSpace(text))
	for _, v := range valid {
		if s == string(v) {
			return v, true
		}
	}
	v, ok := words[s]
	return v, ok
}

// parseDirection also takes the label gaoxin itself shows, so that an
// exported sheet imports back.
func parseDirection(text string) (plan.Direction, bool) {
	for _, d := range plan.Directions {
		if strings.TrimSpace(text) == i18n.T(i18n.ZH, "direction."+string(d)) {
			return d, true
		}
	}
	return enum(text, directionWords, plan.Directions)
}

// parseMonth reads a month of year: 11, 11月, 2019-11, 2019/11, 2019-11-30
// or 2019年11月. A date in another year is refused rather than filed under
// the wrong plan.
func parseMonth(text string, year int) (int, bool) {
	s := strings.TrimSuffix(strings.TrimSpace(text), "月")
	var parts []string
	if y, m, ok := strings.Cut(s, "年"); ok {
		parts = []string{y, m}
	} else {
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	}
	if len(parts) == 0 || len(parts) > 3 {
		return 0, false
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return 0, false
		}
		n[i] = v
	}
	month := n[0]
	if len(n) > 1 {
		if n[0] != year {
			return 0, false
		}
		month = n[1]
	}
	return month, month >= 1 && month <= 12
}

// parseNodePath splits "科技创新 / 专利" into its levels; every level must
// have a name.
func parseNodePath(text string) ([]string, bool) {
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == '/' || r == '／' })
	if len(parts) == 0 || strings.Count(text, "/")+strings.Count(text, "／") != len(parts)-1 {
		return nil, false
	}
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		if parts[i] == "" {
			return nil, false
		}
	}
	return parts, true
}
