package peers

import (
	"strconv"

	"gaoxin/internal/i18n"
)

// exportColumns are the export's columns in order: the import's, then the
// rank it ignores.
var exportColumns = [][]string{colYear, colLevel, colGroup, colMember, colZone, colCode, colName, colUOM,
	colDirection, colPlanCode, colValue, colPeriod, colSource, colRank}

// ExportTable writes groups in the layout Import reads, one row per member
// and indicator, with each member's rank in the group on the indicator.
// Headers and words are in lang; Import reads both languages.
func ExportTable(sheets []*Sheet, lang i18n.Lang) (header []string, rows [][]string) {
	for _, names := range exportColumns {
		if lang == i18n.EN {
			header = append(header, names[len(names)-1])
		} else {
			header = append(header, names[0])
		}
	}
	for _, sh := range sheets {
		for _, in := range sh.Indicators {
			ranks := Ranks(in.Direction, sh.Entries(in))
			for _, m := range sh.Members {
				rows = append(rows, exportRow(sh, in, m, ranks[m.ID], lang))
			}
		}
	}
	return header, rows
}

func exportRow(sh *Sheet, in Indicator, m Member, rank int, lang i18n.Lang) []string {
	zone := ""
	if m.IsZone {
		zone = i18n.T(lang, "common.yes")
	}
	v, _ := sh.Value(in.ID, m.ID)
	place := ""
	if rank > 0 {
		place = strconv.Itoa(rank)
	}
	return []string{strconv.Itoa(sh.Year), i18n.T(lang, "peers.level."+string(sh.Level)), sh.Name, m.Name, zone,
		in.Code, in.Name, in.UOM, i18n.T(lang, "peers.direction."+string(in.Direction)), in.PlanCode,
		v.Amount, v.Period, v.Source, place}
}
