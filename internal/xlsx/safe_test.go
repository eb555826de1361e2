package xlsx_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/xlsx"
	"gaoxin/internal/xlsx/xlsxtest"
)

const hyperlink = `=HYPERLINK("http://x","y")`

func TestFormulaLike(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{hyperlink, true},
		{"=1+1", true},
		{"+86 536 8888888", true},
		{"-2+3+cmd|' /C calc'!A0", true},
		{"@SUM(A1:A2)", true},
		{"\t=1+1", true},
		{"\r=1+1", true},
		{"-同比下降", true},
		{"=", true},
		{"-", true},
		{"-3.5亿", true}, // not a number to a spreadsheet: it would try a formula
		{"-1E5", true},  // a number to Excel, but not one the exports write; quoting is harmless
		// Numbers as the exports write them read as numbers, never formulas.
		{"-3.5", false},
		{"+12", false},
		{"-1,204.50", false},
		{"-12%", false},
		{"0", false},
		// Safe text.
		{"", false},
		{"新城街道", false},
		{"a=b", false},
		{" =1+1", false},
		{"'=1+1", false},
		{"＝1+1", false}, // the full-width sign is text
		{"\n=1+1", false},
	}
	for _, c := range cases {
		if got := xlsx.FormulaLike(c.in); got != c.want {
			t.Errorf("FormulaLike(%q) = %v, want %v", c.in, got, c.want)
		}
		want := c.in
		if c.want {
			want = "'" + c.in
		}
		if got := xlsx.SafeCSV(c.in); got != want {
			t.Errorf("SafeCSV(%q) = %q, want %q", c.in, got, want)
		}
	}
}

// A CSV export quotes formula-like text and nothing else, and leaves the
// caller's rows as they were.
func TestWriteCSVNeutralisesFormulas(t *testing.T) {
	header := []string{"编码", "名称", "数值"}
	rows := [][]string{
		{"A1", hyperlink, "-3.5"},
		{"A2", "@SUM(1)", "-1,204.5"},
		{"A3", "\t=1+1", ""},
		{"-X", "新城街道", "+2"},
	}
	before := slices.Clone(rows[0])
	var buf bytes.Buffer
	if err := xlsx.WriteCSV(&buf, header, rows); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], before) {
		t.Errorf("WriteCSV changed the caller's row: %q", rows[0])
	}
	want := [][]string{
		{"A1", "'" + hyperlink, "-3.5"},
		{"A2", "'@SUM(1)", "-1,204.5"},
		{"A3", "'\t=1+1", ""},
		{"'-X", "新城街道", "+2"},
	}
	// Read as any CSV reader would, after the BOM.
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(records[0], header) {
		t.Errorf("header %q", records[0])
	}
	for i, w := range want {
		if !slices.Equal(records[i+1], w) {
			t.Errorf("row %d = %q, want %q", i+1, records[i+1], w)
		}
	}
	// And as gaoxin reads an upload: the quote was the export's, not the
	// text's, so the list imports again as it was.
	tbl := mustSave(t, "export.csv", buf.Bytes())
	if got := tbl.Rows[0].Cells[1]; got != hyperlink {
		t.Errorf("read back %q", got)
	}
}

// A workbook keeps the text as typed, in a string cell with no formula and
// the quote prefix; numbers as text and other cells keep no prefix.
func TestWriteXLSXNeutralisesFormulas(t *testing.T) {
	header := []string{"编码", "名称", "数值"}
	rows := [][]string{
		{"A1", hyperlink, "-3.5"},
		{"A2", "@SUM(1)", "新城街道"},
	}
	var buf bytes.Buffer
	if err := xlsx.WriteXLSX(&buf, "单位", header, rows); err != nil {
		t.Fatal(err)
	}
	body := buf.Bytes()
	if n := xlsxtest.Inert(t, body, hyperlink); n != 1 {
		t.Errorf("%d cells hold the formula text, want 1", n)
	}
	xlsxtest.Inert(t, body, "@SUM(1)")
	// The text reads back unchanged, so that an import of the export
	// gets what was exported.
	checkTable(t, mustSave(t, "export.xlsx", body), header, []row{{2, rows[0]}, {3, rows[1]}})

	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	plain, _ := f.GetCellStyle("单位", "C2") // "-3.5"
	named, _ := f.GetCellStyle("单位", "B2") // the formula text
	if plain == named {
		t.Errorf("a number as text shares the quoted style %d", named)
	}
	bold, _ := f.GetCellStyle("单位", "A1")
	if bold == named || bold == 0 {
		t.Errorf("the header's style %d, the quoted style %d", bold, named)
	}
}

// A stream writer's cells: text is quoted, an excelize.Cell keeps its style
// in the quoted copy, numbers and formulas are left alone.
func TestQuoterCell(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		t.Fatal(err)
	}
	q := xlsx.NewQuoter(f)
	for _, v := range []any{-3.5, -2, "-3.5", "新城街道", nil, excelize.Cell{StyleID: bold, Value: 1.5}, excelize.Cell{Formula: "=1+1"}} {
		got, err := q.Cell(v)
		if err != nil {
			t.Fatal(err)
		}
		if !sameValue(got, v) {
			t.Errorf("Cell(%#v) = %#v, want it unchanged", v, got)
		}
	}
	a, _ := q.Cell(hyperlink)
	b, _ := q.Cell(excelize.Cell{StyleID: bold, Value: "=1"})
	c, _ := q.Cell("+1+1")
	ca, cb, cc := a.(excelize.Cell), b.(excelize.Cell), c.(excelize.Cell)
	if ca.Value != hyperlink || cb.Value != "=1" {
		t.Errorf("the text changed: %#v %#v", ca, cb)
	}
	if ca.StyleID == 0 || ca.StyleID != cc.StyleID || cb.StyleID == ca.StyleID || cb.StyleID == bold {
		t.Errorf("styles: plain text %d and %d, bold text %d (bold is %d)", ca.StyleID, cc.StyleID, cb.StyleID, bold)
	}
	if st, _ := f.GetStyle(cb.StyleID); st == nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("the quoted copy of bold is not bold: %+v", st)
	}
	// A style asked for later is the original, not its quoted copy.
	again, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if again != bold {
		t.Errorf("NewStyle(bold) = %d, want %d", again, bold)
	}
}

func sameValue(a, b any) bool {
	ca, ok1 := a.(excelize.Cell)
	cb, ok2 := b.(excelize.Cell)
	if ok1 && ok2 {
		return ca.StyleID == cb.StyleID && ca.Formula == cb.Formula && ca.Value == cb.Value
	}
	return a == b
}

// Sheets quotes the text cells of a sheet written cell by cell, keeping
// their style, and leaves numbers alone.
func TestQuoterSheet(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	fill, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{"FFF8DC"}, Pattern: 1},
		Protection: &excelize.Protection{Locked: false}})
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("Sheet1", "A1", hyperlink)
	f.SetCellValue("Sheet1", "B1", -3.5)
	f.SetCellStr("Sheet1", "C1", "-同比下降")
	f.SetCellStyle("Sheet1", "C1", "C1", fill)
	f.SetCellStr("Sheet1", "D1", "新城街道")
	if err := xlsx.NewQuoter(f).Sheets("Sheet1"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	xlsxtest.Inert(t, buf.Bytes(), hyperlink)
	xlsxtest.Inert(t, buf.Bytes(), "-同比下降")
	back, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if typ, _ := back.GetCellType("Sheet1", "B1"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("the number became text")
	}
	if v, _ := back.GetCellValue("Sheet1", "B1"); v != "-3.5" {
		t.Errorf("the number reads %q", v)
	}
	if s, _ := back.GetCellStyle("Sheet1", "B1"); s != 0 {
		t.Errorf("the number got style %d", s)
	}
	if s, _ := back.GetCellStyle("Sheet1", "D1"); s != 0 {
		t.Errorf("safe text got style %d", s)
	}
	s, _ := back.GetCellStyle("Sheet1", "C1")
	st, _ := back.GetStyle(s)
	if s == fill || st == nil || st.Protection == nil || st.Protection.Locked || len(st.Fill.Color) == 0 {
		t.Errorf("the quoted copy of the input style lost it: style %d %+v", s, st)
	}
}
