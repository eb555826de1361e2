package gridfile_test

import (
	"bytes"
	"testing"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/gridfile"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/progress"
	"gaoxin/internal/report"
	"gaoxin/internal/xlsx/xlsxtest"
)

// A unit, an indicator and an explanation written like formulas stay text
// in the grid's workbook, and the workbook still reads back as written: the
// explanation unchanged, a negative figure as that figure.
func TestWriteFormulaInjection(t *testing.T) {
	const link = `=HYPERLINK("http://x","y")`
	value := -3.5
	g := &dashboard.Grid{
		Plan:   plan.Plan{Year: 2019},
		Period: report.Period{Year: 2019, Month: 11, DueOn: "2019-12-05"},
		Unit:   org.Unit{Code: "XCJD", Name: link},
		Rows: []dashboard.GridRow{{
			Indicator:    plan.Indicator{Code: "KJ01", Name: "@专利授权量", UOM: "件", Precision: 1},
			AssignmentID: 7,
			Figure:       &report.Figure{Value: &value, Explanation: "-同比下降，见=SUM", Status: report.Draft},
			Previous:     progress.Value{V: -1.5, OK: true},
		}},
	}
	var buf bytes.Buffer
	if err := gridfile.Write(&buf, g, i18n.ZH); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{link, "@专利授权量", "-同比下降，见=SUM"} {
		xlsxtest.Inert(t, buf.Bytes(), s)
	}
	entries, err := gridfile.Read("grid.xlsx", bytes.NewReader(buf.Bytes()), g)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Value == nil || *entries[0].Value != value || entries[0].Explanation != "-同比下降，见=SUM" {
		t.Fatalf("read back %+v", entries)
	}
}
