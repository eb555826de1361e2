package assess

import "time"

// Periods are the checkpoints a scheme may declare and the month each
// closes: a checkpoint is scored on the figures up to and including its
// month and on the records dated up to its last day.
var Periods = []struct {
	Key, Name, NameEN string
	Month             int
}{
	{"Q1", "一季度", "Q1", 3},
	{"H1", "上半年", "H1", 6},
	{"Q3", "前三季度", "Q1–Q3", 9},
	{"Y", "全年", "Year", 12},
}

// PeriodMonth is the month a checkpoint closes, false for an unknown key.
func PeriodMonth(key string) (int, bool) {
	for _, p := range Periods {
		if p.Key == key {
			return p.Month, true
		}
	}
	return 0, false
}

// PeriodEnd is the last day of a checkpoint, the day through which records
// count. Dates are calendar dates, kept at midnight UTC.
func PeriodEnd(year int, key string) (time.Time, bool) {
	m, ok := PeriodMonth(key)
	if !ok {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC), true
}

// PeriodName is a checkpoint's name in the language asked for.
func PeriodName(key, lang string) string {
	for _, p := range Periods {
		if p.Key == key {
			if lang == "en" {
				return p.NameEN
			}
			return p.Name
		}
	}
	return key
}
