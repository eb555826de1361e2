package org

import (
	"strconv"

	"gaoxin/internal/i18n"
)

// ExportTable lays units out as the import reads them, headers in lang.
func ExportTable(units []Unit, lang i18n.Lang) (header []string, rows [][]string) {
	pick := func(names []string) string {
		if lang == i18n.EN {
			return names[len(names)-1]
		}
		return names[0]
	}
	header = []string{pick(colCode), pick(colName), pick(colKind), pick(colClass), pick(colParent), pick(colOrder), pick(colActive)}
	codes := map[int64]string{}
	for _, u := range units {
		codes[u.ID] = u.Code
	}
	for _, u := range units {
		active := i18n.T(lang, "common.yes")
		if !u.Active {
			active = i18n.T(lang, "common.no")
		}
		kind := string(u.Kind)
		if lang == i18n.ZH {
			kind = i18n.T(lang, "kind."+kind)
		}
		rows = append(rows, []string{u.Code, u.Name, kind, u.Class, codes[u.ParentID], strconv.Itoa(u.Order), active})
	}
	return header, rows
}
