package attract

import (
	"strconv"
	"strings"

	"gaoxin/internal/i18n"
)

// column is one column of the lead list as exported and imported: its
// field, and the headers it is known by (Chinese first, as offices write
// them, then English).
type column struct {
	field    string
	names    []string
	required bool
}

var columns = []column{
	{"code", []string{"编号", "code"}, true},
	{"name", []string{"名称", "name"}, true},
	{"kind", []string{"类型", "kind"}, true},
	{"channel", []string{"来源渠道", "channel"}, true},
	{"agency", []string{"中介机构", "agency"}, false},
	{"flags", []string{"标签", "flags"}, false},
	{"industry", []string{"行业", "industry"}, false},
	{"expected_investment", []string{"预计投资（万元）", "预计投资", "expected investment"}, false},
	{"arrived_investment", []string{"到资（万元）", "到资", "arrived"}, false},
	{"owner_unit", []string{"责任单位", "owner unit"}, true},
	{"owner", []string{"责任人", "owner"}, false},
	{"contact", []string{"联系人", "contact"}, false},
	{"stage", []string{"阶段", "stage"}, false},
	{"stage_on", []string{"阶段日期", "stage date"}, false},
	{"signed_on", []string{"签约日期", "signed on"}, false},
	{"received_on", []string{"接收日期", "received"}, true},
	{"note", []string{"备注", "note"}, false},
}

// Header is the lead list's header row in lang.
func Header(lang i18n.Lang) []string {
	h := make([]string, len(columns))
	for i, c := range columns {
		h[i] = c.names[0]
		if lang == i18n.EN {
			h[i] = c.names[len(c.names)-1]
		}
	}
	return h
}

// Table writes leads as the rows of the lead list in lang, the way Import
// reads them back; unitName names an owner unit by id (its code reads back
// too, its name is what an office reads).
func Table(lang i18n.Lang, leads []Lead, unitName func(int64) string) [][]string {
	rows := make([][]string, 0, len(leads))
	for _, l := range leads {
		flags := make([]string, len(l.Flags))
		for i, f := range l.Flags {
			flags[i] = i18n.T(lang, "attract.flag."+string(f))
		}
		rows = append(rows, []string{l.Code, l.Name, i18n.T(lang, "attract.kind."+string(l.Kind)),
			i18n.T(lang, "attract.channel."+string(l.Channel)), l.Agency, strings.Join(flags, "、"), l.Industry,
			amount(l.ExpectedInvestment), amount(l.ArrivedInvestment), unitName(l.OwnerUnitID), l.OwnerName, l.Contact,
			i18n.T(lang, "attract.stage."+string(l.Stage)), l.StageOn, l.SignedOn, l.ReceivedOn, l.Note})
	}
	return rows
}

func amount(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// labelled finds the value whose label (in either language) or code is
// text.
func labelled[T ~string](text, prefix string, values []T) (T, bool) {
	text = strings.TrimSpace(text)
	for _, v := range values {
		if strings.EqualFold(text, string(v)) || text == i18n.T(i18n.ZH, prefix+string(v)) ||
			strings.EqualFold(text, i18n.T(i18n.EN, prefix+string(v))) {
			return v, true
		}
	}
	var zero T
	return zero, false
}
