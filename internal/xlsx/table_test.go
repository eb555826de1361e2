package xlsx_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gaoxin/internal/xlsx"
)

// save writes body into a temporary folder under name and reads it back
// with xlsx.Read, as an upload is read.
func save(t *testing.T, name string, body []byte) (*xlsx.Table, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return xlsx.Read(name, f)
}

func mustSave(t *testing.T, name string, body []byte) *xlsx.Table {
	t.Helper()
	tbl, err := save(t, name, body)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return tbl
}

// row is what a test expects of one data row.
type row struct {
	line  int
	cells []string
}

func checkTable(t *testing.T, tbl *xlsx.Table, header []string, rows []row) {
	t.Helper()
	if !slices.Equal(tbl.Header, header) {
		t.Errorf("header %q, want %q", tbl.Header, header)
	}
	if len(tbl.Rows) != len(rows) {
		t.Fatalf("%d rows %+v, want %d %+v", len(tbl.Rows), tbl.Rows, len(rows), rows)
	}
	for i, want := range rows {
		got := tbl.Rows[i]
		if got.Line != want.line {
			t.Errorf("row %d: line %d, want %d (cells %q)", i, got.Line, want.line, got.Cells)
		}
		if !slices.Equal(got.Cells, want.cells) {
			t.Errorf("row %d: cells %q, want %q", i, got.Cells, want.cells)
		}
	}
}

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadCSVEncodings(t *testing.T) {
	// 䶮 lies outside GBK and needs GB18030's four-byte form.
	const text = "编码,名称,类型\r\nGX,潍坊高新区,高新区\r\nJD1,新城街道（䶮）,街道\r\n"
	header := []string{"编码", "名称", "类型"}
	rows := []row{
		{2, []string{"GX", "潍坊高新区", "高新区"}},
		{3, []string{"JD1", "新城街道（䶮）", "街道"}},
	}
	cases := []struct {
		name string
		body []byte
	}{
		{"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), text...)},
		{"UTF-8 without BOM", []byte(text)},
		{"UTF-8 with LF only", []byte(strings.ReplaceAll(text, "\r\n", "\n"))},
		{"GB18030", gb18030(t, text)},
		{"GB18030 with LF only", gb18030(t, strings.ReplaceAll(text, "\r\n", "\n"))},
	}
	if utf8.Valid(cases[3].body) {
		t.Fatal("the GB18030 sample is valid UTF-8 and proves nothing")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tbl := mustSave(t, "units.csv", c.body)
			checkTable(t, tbl, header, rows)
			if tbl.File != "units.csv" || tbl.Sheet != "" {
				t.Errorf("file %q sheet %q", tbl.File, tbl.Sheet)
			}
			// The BOM must not stick to the first header.
			if i := tbl.Column("编码"); i != 0 {
				t.Errorf("Column(编码) = %d, want 0", i)
			}
		})
	}
}

func TestReadCSVQuotedFields(t *testing.T) {
	body := "编码,名称,备注\r\n" +
		"\"A,1\",\"名称含\"\"引号\"\"\",\"第一行\r\n第二行\"\r\n" +
		"B,乙,\"逗号, 和\n换行\"\r\n" +
		"C,丙,普通\r\n"
	tbl := mustSave(t, "units.csv", []byte(body))
	// A cell holding a line break is still one spreadsheet row: C is row 4
	// although it is on the sixth line of the file.
	checkTable(t, tbl, []string{"编码", "名称", "备注"}, []row{
		{2, []string{"A,1", `名称含"引号"`, "第一行\n第二行"}},
		{3, []string{"B", "乙", "逗号, 和\n换行"}},
		{4, []string{"C", "丙", "普通"}},
	})
}

func TestReadCSVRaggedRows(t *testing.T) {
	tbl := mustSave(t, "units.csv", []byte("编码,名称,类型\nA,甲\nB,乙,部门,多余\n"))
	checkTable(t, tbl, []string{"编码", "名称", "类型"}, []row{
		{2, []string{"A", "甲"}},
		{3, []string{"B", "乙", "部门", "多余"}},
	})
	if got := tbl.Rows[0].Cell(2); got != "" {
		t.Errorf("missing cell = %q, want empty", got)
	}
	if got := tbl.Rows[1].Cell(3); got != "多余" {
		t.Errorf("extra cell = %q", got)
	}
}

// Blank rows are dropped, but the rows after them keep the number the
// spreadsheet shows, so that an error names the row the user sees.
func TestReadCSVBlankLines(t *testing.T) {
	cases := []struct {
		name string
		body string
		rows []row
	}{
		{"rows of empty cells", "编码,名称\r\nA,甲\r\n,\r\n , \r\nB,乙\r\n", []row{
			{2, []string{"A", "甲"}},
			{5, []string{"B", "乙"}},
		}},
		{"trailing empty lines", "编码,名称\r\nA,甲\r\n\r\n\r\n", []row{
			{2, []string{"A", "甲"}},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkTable(t, mustSave(t, "units.csv", []byte(c.body)), []string{"编码", "名称"}, c.rows)
		})
	}
}

// encoding/csv drops empty lines without returning a record, but Excel
// shows each as a row: rows after an empty line must keep the number Excel
// gives them, or import errors would point at the wrong row.
func TestReadCSVEmptyLinesKeepRowNumbers(t *testing.T) {
	cases := []struct {
		name string
		body string
		rows []row
	}{
		{"an empty line between rows", "编码,名称\r\nA,甲\r\n\r\nB,乙\r\n", []row{
			{2, []string{"A", "甲"}},
			{4, []string{"B", "乙"}},
		}},
		{"empty lines above the header", "\r\n\r\n编码,名称\r\nA,甲\r\n", []row{
			{4, []string{"A", "甲"}},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkTable(t, mustSave(t, "units.csv", []byte(c.body)), []string{"编码", "名称"}, c.rows)
		})
	}
}

func TestReadCSVMalformed(t *testing.T) {
	cases := []struct {
		name string
		body string
		want []string
	}{
		{"bare quote in a field", "编码,名称\r\nA,甲\r\nB,乙\"丙\r\n", []string{"单位.csv", "row 3", "bare \" in non-quoted-field"}},
		{"text after a closing quote", "编码,名称\r\n\"A\"x,甲\r\n", []string{"单位.csv", "row 2", "extraneous or missing \" in quoted-field"}},
		{"quote never closed", "编码,名称\r\nA,甲\r\nB,\"乙\r\nC,丙\r\n", []string{"单位.csv", "row 3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tbl, err := save(t, "单位.csv", []byte(c.body))
			if err == nil {
				t.Fatalf("read malformed CSV: no error, table %+v", tbl)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestReadXLSXRoundTrip(t *testing.T) {
	header := []string{"编码", "名称", "类型", "考核类别", "备注"}
	rows := [][]string{
		{"GX", "潍坊高新区", "高新区", "", "含,逗号"},
		{"JD1", "新城街道", "街道", "街道类", "第一行\n第二行"},
		{"007", "=1+1", "其他", "  留空格  ", `"引号"`},
	}
	var buf bytes.Buffer
	if err := xlsx.WriteXLSX(&buf, "单位", header, rows); err != nil {
		t.Fatal(err)
	}
	tbl := mustSave(t, "单位.xlsx", buf.Bytes())
	checkTable(t, tbl, header, []row{
		{2, rows[0]},
		{3, rows[1]},
		{4, rows[2]},
	})
	if tbl.Sheet != "单位" || tbl.File != "单位.xlsx" {
		t.Errorf("sheet %q file %q", tbl.Sheet, tbl.File)
	}

	// The header is bold and frozen.
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	panes, err := f.GetPanes("单位")
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v, want the first row frozen", panes)
	}
	styleID, err := f.GetCellStyle("单位", "C1")
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(styleID)
	if err != nil {
		t.Fatal(err)
	}
	if style.Font == nil || !style.Font.Bold {
		t.Errorf("header style %+v, want bold", style)
	}
}

// A workbook as Excel users make it: a title-less sheet with a blank row,
// numbers and booleans, and a second sheet that is not read.
func TestReadXLSXFromExcel(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	set := func(sheet, cell string, v any) {
		t.Helper()
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("Sheet1", "A1", "编码")
	set("Sheet1", "B1", "排序")
	set("Sheet1", "C1", "启用")
	set("Sheet1", "A2", "GX")
	set("Sheet1", "B2", 10)
	set("Sheet1", "C2", true)
	set("Sheet1", "A4", "JD1")
	set("Sheet1", "B4", 2.5)
	set("Sheet1", "C4", false)
	if _, err := f.NewSheet("说明"); err != nil {
		t.Fatal(err)
	}
	set("说明", "A1", "不读这一页")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"units.xlsx", "UNITS.XLSX", "units.xlsm"} {
		t.Run(name, func(t *testing.T) {
			tbl := mustSave(t, name, buf.Bytes())
			if tbl.Sheet != "Sheet1" {
				t.Errorf("sheet %q, want Sheet1", tbl.Sheet)
			}
			checkTable(t, tbl, []string{"编码", "排序", "启用"}, []row{
				{2, []string{"GX", "10", "TRUE"}},
				{4, []string{"JD1", "2.5", "FALSE"}},
			})
		})
	}
}

func TestWriteCSVRoundTrip(t *testing.T) {
	header := []string{"编码", "名称", "备注"}
	rows := [][]string{
		{"GX", "潍坊高新区", "含,逗号"},
		{"JD1", "新城街道", "第一行\n第二行"},
		{"X", `"引号"`, " 前后空格 "},
	}
	var buf bytes.Buffer
	if err := xlsx.WriteCSV(&buf, header, rows); err != nil {
		t.Fatal(err)
	}
	body := buf.Bytes()
	if !bytes.HasPrefix(body, []byte("\xef\xbb\xbf编码,名称,备注\r\n")) {
		t.Errorf("CSV does not start with a BOM and a CRLF header: %q", body[:min(len(body), 40)])
	}
	checkTable(t, mustSave(t, "units.csv", body), header, []row{
		{2, rows[0]},
		{3, rows[1]},
		{4, rows[2]},
	})
}

func TestReadRefuses(t *testing.T) {
	var empty bytes.Buffer
	if err := excelize.NewFile().Write(&empty); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		file string
		body []byte
		want string
	}{
		{"Excel 97 workbook", "units.xls", []byte("编码,名称\nA,甲\n"), "unsupported file type"},
		{"JSON", "units.json", []byte(`[{"code":"A"}]`), "unsupported file type"},
		{"no extension", "units", []byte("编码,名称\nA,甲\n"), "unsupported file type"},
		{"empty CSV", "units.csv", nil, "the file is empty"},
		{"only a BOM", "units.csv", []byte("\xef\xbb\xbf"), "the file is empty"},
		{"only blank rows", "units.csv", []byte("\r\n , \r\n,,,\r\n"), "the file is empty"},
		{"empty workbook", "units.xlsx", empty.Bytes(), "the file is empty"},
		{"CSV named .xlsx", "units.xlsx", []byte("编码,名称\nA,甲\n"), "not a readable Excel workbook"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tbl, err := save(t, c.file, c.body)
			if err == nil {
				t.Fatalf("no error; table %+v", tbl)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.file+": ") {
				t.Errorf("error %q, want %q naming %s", err, c.want, c.file)
			}
		})
	}
}

func TestReadTooLarge(t *testing.T) {
	const limit = 32 << 20
	for _, c := range []struct {
		size int
		ok   bool
	}{{limit, true}, {limit + 1, false}} {
		body := []byte("编码\n")
		body = append(body, bytes.Repeat([]byte("x"), c.size-len(body))...)
		tbl, err := xlsx.Read("big.csv", bytes.NewReader(body))
		if c.ok && (err != nil || len(tbl.Rows) != 1 || len(tbl.Rows[0].Cells[0]) != c.size-len("编码\n")) {
			t.Errorf("%d bytes: %v", c.size, err)
		}
		if !c.ok && (err == nil || err.Error() != "big.csv: file larger than 32 MB") {
			t.Errorf("%d bytes: error %v, want file larger than 32 MB", c.size, err)
		}
	}
}

// A reader that fails must not be mistaken for an empty file.
func TestReadReaderError(t *testing.T) {
	_, err := xlsx.Read("units.csv", io.MultiReader(strings.NewReader("编码,名称\n"), failing{}))
	if !errors.Is(err, errDisk) {
		t.Errorf("error %v, want the reader's", err)
	}
}

var errDisk = errors.New("disk on fire")

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errDisk }

func TestColumn(t *testing.T) {
	tbl := &xlsx.Table{Header: []string{" 编码 ", "Name", "KIND", "code", ""}}
	cases := []struct {
		names []string
		want  int
	}{
		{[]string{"编码"}, 0},
		{[]string{"name"}, 1},
		{[]string{"NAME"}, 1},
		{[]string{"kind"}, 2},
		{[]string{"单位编码", "编码", "code"}, 0},
		// The first matching header wins, whatever the order of names.
		{[]string{"code", "编码"}, 0},
		{[]string{"类型"}, -1},
		{nil, -1},
	}
	for _, c := range cases {
		if got := tbl.Column(c.names...); got != c.want {
			t.Errorf("Column(%q) = %d, want %d", c.names, got, c.want)
		}
	}
}

func TestCell(t *testing.T) {
	r := xlsx.Row{Line: 2, Cells: []string{" GX ", "", "\t街道\n"}}
	cases := []struct {
		i    int
		want string
	}{{-1, ""}, {0, "GX"}, {1, ""}, {2, "街道"}, {3, ""}, {100, ""}}
	for _, c := range cases {
		if got := r.Cell(c.i); got != c.want {
			t.Errorf("Cell(%d) = %q, want %q", c.i, got, c.want)
		}
	}
}
