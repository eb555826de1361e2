package org

import (
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/i18n"
)

// Kind is what sort of organisation a unit is.
type Kind string

const (
	KindZone       Kind = "zone"       // 高新区 / 管委会: the root of a zone
	KindDepartment Kind = "department" // 部门
	KindStreet     Kind = "street"     // 街道
	KindPark       Kind = "park"       // 园区
	KindCompany    Kind = "company"    // 国有公司、平台公司
	KindOther      Kind = "other"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindZone, KindDepartment, KindStreet, KindPark, KindCompany, KindOther}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// ParseKind accepts the English code or the Chinese name of a kind.
func ParseKind(s string) (Kind, bool) {
	s = strings.TrimSpace(s)
	for _, k := range Kinds {
		if strings.EqualFold(s, string(k)) || s == i18n.T(i18n.ZH, "kind."+string(k)) {
			return k, true
		}
	}
	return "", false
}

// Unit is one node of the organisation tree.
type Unit struct {
	ID        int64
	Code      string
	Name      string
	Kind      Kind
	Class     string // assessment class (分类考核), e.g. 经济发展类
	ParentID  int64  // 0 for a root
	Path      string // "/1/4/12/": ids from the root down to this unit
	Order     int
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Depth is 0 for a root, 1 for its children and so on.
func (u Unit) Depth() int { return strings.Count(u.Path, "/") - 2 }

// Within reports whether u is scope or lies beneath it.
func (u Unit) Within(scope Unit) bool {
	return scope.Path != "" && strings.HasPrefix(u.Path, scope.Path)
}

// Fields are what a user may set on a unit.
type Fields struct {
	Code  string
	Name  string
	Kind  Kind
	Class string
	Order int
}

// Validate checks the fields and returns the first problem as a message key.
func (f *Fields) Validate() *i18n.Error {
	f.Code = strings.TrimSpace(f.Code)
	f.Name = strings.TrimSpace(f.Name)
	f.Class = strings.TrimSpace(f.Class)
	switch {
	case f.Code == "":
		return i18n.Invalid("code", "unit.err.code_required")
	case utf8.RuneCountInString(f.Code) > 32 || strings.ContainsAny(f.Code, " \t/\\,;\"'<>"):
		return i18n.Invalid("code", "unit.err.code_format")
	case f.Name == "":
		return i18n.Invalid("name", "unit.err.name_required")
	case utf8.RuneCountInString(f.Name) > 100:
		return i18n.Invalid("name", "unit.err.name_long")
	case !f.Kind.Valid():
		return i18n.Invalid("kind", "unit.err.kind")
	case utf8.RuneCountInString(f.Class) > 50:
		return i18n.Invalid("class", "unit.err.class_long")
	}
	return nil
}
