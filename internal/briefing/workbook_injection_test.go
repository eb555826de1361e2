package briefing_test

import (
	"bytes"
	"testing"

	"gaoxin/internal/briefing"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx/xlsxtest"
)

// Names and texts that a spreadsheet would run as formulas stay text in
// the briefing's workbook: a zone (in the title), a red project, a red
// task, a lagging indicator (a bold cell) and a unit's explanation.
func TestWorkbookFormulaInjection(t *testing.T) {
	const link = `=HYPERLINK("http://x","y")`
	b := &briefing.Briefing{Year: 2019, Month: 11, Zone: "@潍坊高新区",
		Lagging:  []briefing.Lag{{Code: "-KJ01", Name: "营业收入", Units: []briefing.LagUnit{{Unit: "新城街道", Explanation: "+1 cmd|' /C calc'!A0"}}}},
		Projects: briefing.Projects{Red: []briefing.RedProject{{Name: link, Code: "XM-01", Unit: "新城街道", Planned: -3.5}}},
		Tasks:    briefing.Tasks{Red: []briefing.RedTask{{Content: "\t=1+1", Code: "DB-01", Unit: "新城街道"}}},
	}
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		var buf bytes.Buffer
		if err := b.WriteXLSX(&buf, lang, briefing.Edition{AsOf: "2019-12-09"}); err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{link, "-KJ01", "+1 cmd|", "\t=1+1"} {
			xlsxtest.Inert(t, buf.Bytes(), s)
		}
		if lang == i18n.ZH {
			xlsxtest.Inert(t, buf.Bytes(), "@潍坊高新区")
		}
	}
}
