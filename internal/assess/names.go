package assess

import "gaoxin/internal/i18n"

// The schemes name items, rater types and grades in Chinese and, when the
// office gives it, in English; these pick the name for a reader's
// language, the Chinese one when there is no English.

func nameIn(zh, en string, lang i18n.Lang) string {
	if lang == i18n.EN && en != "" {
		return en
	}
	return zh
}

// NameIn is the item's name in lang.
func (it Item) NameIn(lang i18n.Lang) string { return nameIn(it.Name, it.NameEN, lang) }

// NameIn is the item's name in lang.
func (h ItemHead) NameIn(lang i18n.Lang) string { return nameIn(h.Name, h.NameEN, lang) }

// GradeIn is the unit's grade in lang.
func (u UnitResult) GradeIn(lang i18n.Lang) string { return nameIn(u.Grade, u.GradeEN, lang) }

// RaterName is a rater type's name in lang, its key when the types lack it.
func RaterName(types []RaterType, key string, lang i18n.Lang) string {
	for _, t := range types {
		if t.Key == key {
			return nameIn(t.Name, t.NameEN, lang)
		}
	}
	return key
}
