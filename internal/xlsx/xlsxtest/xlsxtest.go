// Package xlsxtest checks, for tests, that a workbook gaoxin wrote shows
// text as text: a cell holding a would-be formula is a string cell, has no
// formula, and carries the quote-prefix flag that keeps it text when edited.
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/xlsx"
)

// Inert finds every cell of the workbook body whose text contains s, and
// fails the test unless each is inert: a string cell without a formula,
// whose style has the quote prefix when its text is formula-like. At least
// one cell must start with s. It returns how many cells it checked.
func Inert(t testing.TB, body []byte, s string) int {
	t.Helper()
	quoted := quotePrefixed(t, body)
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("open the workbook: %v", err)
	}
	defer f.Close()
	found, starts := 0, false
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if !strings.Contains(v, s) {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				checkCell(t, f, quoted, sheet, cell, v)
				found++
				starts = starts || strings.HasPrefix(v, s)
			}
		}
	}
	if !starts {
		t.Fatalf("no cell of the workbook starts with %q (%d contain it)", s, found)
	}
	return found
}

func checkCell(t testing.TB, f *excelize.File, quoted map[int]bool, sheet, cell, v string) {
	t.Helper()
	where := sheet + "!" + cell
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("%s %q is of type %v, not a string", where, v, typ)
	}
	formula, err := f.GetCellFormula(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if formula != "" {
		t.Errorf("%s %q holds the formula %q", where, v, formula)
	}
	if !xlsx.FormulaLike(v) {
		return
	}
	style, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if !quoted[style] {
		t.Errorf("%s %q: its style %d has no quote prefix", where, v, style)
	}
}

// quotePrefixed reads the workbook's style sheet as Excel does and returns
// the cell styles (by index) that have quotePrefix set.
func quotePrefixed(t testing.TB, body []byte) map[int]bool {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatalf("the workbook is not a zip: %v", err)
	}
	rc, err := z.Open("xl/styles.xml")
	if err != nil {
		t.Fatalf("the workbook has no style sheet: %v", err)
	}
	defer rc.Close()
	raw, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	var sheet struct {
		CellXfs struct {
			Xf []struct {
				QuotePrefix string `xml:"quotePrefix,attr"`
			} `xml:"xf"`
		} `xml:"cellXfs"`
	}
	if err := xml.Unmarshal(raw, &sheet); err != nil {
		t.Fatalf("read the style sheet: %v", err)
	}
	out := map[int]bool{}
	for i, xf := range sheet.CellXfs.Xf {
		out[i] = xf.QuotePrefix == "1" || xf.QuotePrefix == "true"
	}
	return out
}
