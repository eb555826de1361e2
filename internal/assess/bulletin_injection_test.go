package assess_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/assess"
	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
	"gaoxin/internal/xlsx/xlsxtest"
)

// A unit, class or item named like a formula stays text in the bulletin,
// on both sheets; a negative total stays a number.
func TestBulletinFormulaInjection(t *testing.T) {
	const link = `=HYPERLINK("http://x","y")`
	r := &assess.Result{Year: 2019, Period: "annual", Class: "@街道类",
		Items: []assess.ItemHead{{Code: "A1", Name: "-营业收入", Points: score.Int(10)}},
		Units: []assess.UnitResult{{Code: "XCJD", Name: link, Rank: 1, GradeLevel: -1, Total: score.MustDec("-3.5"),
			Items: []assess.ItemScore{{Code: "A1", State: "scored", Points: score.MustDec("-3.5")}}}},
	}
	b := &assess.Bulletin{Zone: "潍坊高新区", Year: 2019, Period: "annual", Results: []*assess.Result{r}, Lang: i18n.ZH}
	var buf bytes.Buffer
	if err := b.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	if n := xlsxtest.Inert(t, buf.Bytes(), link); n != 2 {
		t.Errorf("the unit's name is in %d cells, want 2 (one per sheet)", n)
	}
	xlsxtest.Inert(t, buf.Bytes(), "@街道类")
	xlsxtest.Inert(t, buf.Bytes(), "-营业收入")

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	main := f.GetSheetList()[0]
	// The unit's row follows the title, a blank row, the class and the header.
	if v, _ := f.GetCellValue(main, "B5"); v != link {
		t.Fatalf("B5 = %q, want the unit's name", v)
	}
	if typ, _ := f.GetCellType(main, "G5"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("the total is of type %v, not a number", typ)
	}
	if v, _ := f.GetCellValue(main, "G5", excelize.Options{RawCellValue: true}); v != "-3.5" {
		t.Errorf("the total reads %q, want -3.5", v)
	}
}
