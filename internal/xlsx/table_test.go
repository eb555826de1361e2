package xlsx_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gaoxin/internal/i18n"
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

// A CSV that breaks the quoting rules is refused at the row and column of
// the cell, counted as Excel shows them, with how such a cell is written.
func TestReadCSVMalformed(t *testing.T) {
	cases := []struct {
		name        string
		body        string
		key         string
		row, column int
	}{
		{"bare quote in a field", "编码,名称\r\nA,甲\r\nB,乙\"丙\r\n", "xlsx.err.csv_bare_quote", 3, 2},
		{"text after a closing quote", "编码,名称\r\n\"A\"x,甲\r\n", "xlsx.err.csv_quote", 2, 1},
		{"quote never closed", "编码,名称\r\nA,甲\r\nB,\"乙\r\nC,丙\r\n", "xlsx.err.csv_quote", 3, 2},
		{"bare quote after a cell with a line break", "编码,名称,备注\r\nA,甲,\"一\r\n二\"\r\nB,乙,x\"y\r\n", "xlsx.err.csv_bare_quote", 3, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tbl, err := save(t, "单位.csv", []byte(c.body))
			if err == nil {
				t.Fatalf("read malformed CSV: no error, table %+v", tbl)
			}
			checkRefusal(t, err, "单位.csv", c.key, c.row, c.column)
		})
	}
}

// checkRefusal checks that err is a *xlsx.ReadError with the message key
// and place wanted, and that both languages name the file and the place.
func checkRefusal(t *testing.T, err error, file, key string, row, column int) *xlsx.ReadError {
	t.Helper()
	var rerr *xlsx.ReadError
	if !errors.As(err, &rerr) {
		t.Fatalf("error %T %v, want a *xlsx.ReadError", err, err)
	}
	if rerr.Key != key || rerr.File != file || rerr.Row != row || rerr.Column != column {
		t.Errorf("refusal %s of %s at row %d column %d, want %s of %s at row %d column %d\n%s",
			rerr.Key, rerr.File, rerr.Row, rerr.Column, key, file, row, column, rerr.In(i18n.EN))
	}
	zhText, enText := rerr.In(i18n.ZH), rerr.In(i18n.EN)
	if !strings.HasPrefix(zhText, file+"：") || !strings.HasPrefix(enText, file+": ") {
		t.Errorf("messages do not start with the file's name:\n%s\n%s", zhText, enText)
	}
	if row > 0 {
		if want := fmt.Sprintf("第 %d 行第 %d 列", row, column); !strings.Contains(zhText, want) {
			t.Errorf("Chinese message lacks %q: %s", want, zhText)
		}
		if want := fmt.Sprintf("row %d, column %d", row, column); !strings.Contains(enText, want) {
			t.Errorf("English message lacks %q: %s", want, enText)
		}
	}
	return rerr
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
		key  string
	}{
		{"Excel 97 workbook", "units.xls", []byte("编码,名称\nA,甲\n"), "xlsx.err.xls"},
		{"JSON", "units.json", []byte(`[{"code":"A"}]`), "xlsx.err.type"},
		{"no extension", "units", []byte("编码,名称\nA,甲\n"), "xlsx.err.type"},
		{"empty CSV", "units.csv", nil, "xlsx.err.empty"},
		{"only a BOM", "units.csv", []byte("\xef\xbb\xbf"), "xlsx.err.empty"},
		{"only blank rows", "units.csv", []byte("\r\n , \r\n,,,\r\n"), "xlsx.err.empty"},
		{"empty workbook", "units.xlsx", empty.Bytes(), "xlsx.err.empty"},
		{"CSV named .xlsx", "units.xlsx", []byte("编码,名称\nA,甲\n"), "xlsx.err.not_workbook"},
		{"Compound File named .xlsx", "units.xlsx", append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 504)...), "xlsx.err.old_or_locked"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tbl, err := save(t, c.file, c.body)
			if err == nil {
				t.Fatalf("no error; table %+v", tbl)
			}
			checkRefusal(t, err, c.file, c.key, 0, 0)
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
		if !c.ok {
			if err == nil {
				t.Fatalf("%d bytes read", c.size)
			}
			rerr := checkRefusal(t, err, "big.csv", "xlsx.err.too_large", 0, 0)
			if !strings.Contains(rerr.In(i18n.EN), "larger than 32 MB") || !strings.Contains(rerr.In(i18n.ZH), "超过 32 MB") {
				t.Errorf("%d bytes: %s / %s", c.size, rerr.In(i18n.ZH), rerr.In(i18n.EN))
			}
		}
	}
}

// A reader that fails must not be mistaken for an empty file.
func TestReadReaderError(t *testing.T) {
	_, err := xlsx.Read("units.csv", io.MultiReader(strings.NewReader("编码,名称\n"), failing{}))
	if !errors.Is(err, errDisk) {
		t.Errorf("error %v, want the reader's", err)
	}
	checkRefusal(t, err, "units.csv", "xlsx.err.read", 0, 0)
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

// The encoding of a CSV is decided by what its bytes show, and a file that
// is UTF-8 with a few damaged bytes is refused where the damage is, not
// read as GB18030 into garbled text.
func TestReadCSVEncodingEvidence(t *testing.T) {
	const text = "编码,名称,类型\r\nGX,潍坊高新区,高新区\r\nJD1,新城街道,街道\r\n"
	header := []string{"编码", "名称", "类型"}
	rows := []row{
		{2, []string{"GX", "潍坊高新区", "高新区"}},
		{3, []string{"JD1", "新城街道", "街道"}},
	}
	withBadByte := strings.Replace(text, "新城", "新\xff城", 1) // row 3, column 2
	read := []struct {
		name   string
		body   []byte
		header []string
		rows   []row
	}{
		{"GB18030 as Excel saves it", gb18030(t, text), header, rows},
		{"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), text...), header, rows},
		{"UTF-8 without BOM", []byte(text), header, rows},
		// Short GB18030 text is where it looks most like UTF-8: three of
		// the name's four characters are valid UTF-8 by accident.
		{"GBK, ASCII but for one name", gb18030(t, "code,name,kind\r\nGX,Weifang Hi-tech Zone,zone\r\nJD1,新城街道,street\r\n"),
			[]string{"code", "name", "kind"}, []row{
				{2, []string{"GX", "Weifang Hi-tech Zone", "zone"}},
				{3, []string{"JD1", "新城街道", "street"}},
			}},
		{"GB18030 that is valid UTF-8", gb18030(t, "code,state\r\nS1,状态\r\n"),
			[]string{"code", "state"}, []row{{2, []string{"S1", "状态"}}}},
		{"UTF-8 in Cyrillic", []byte("code,name\r\nM1,Москва\r\n"),
			[]string{"code", "name"}, []row{{2, []string{"M1", "Москва"}}}},
	}
	for _, c := range read {
		t.Run(c.name, func(t *testing.T) {
			checkTable(t, mustSave(t, "units.csv", c.body), c.header, c.rows)
		})
	}
	if !utf8.Valid(read[4].body) {
		t.Error("the GB18030 sample meant to be valid UTF-8 is not")
	}

	utf8Cut := []byte(strings.TrimSuffix(text, "\r\n"))
	utf8Cut = utf8Cut[:len(utf8Cut)-1] // in the middle of 道
	gbBad := gb18030(t, "编码,名称,类型\r\nGX,潍坊高新区,高新区\r\n")
	gbBad = append(append(gbBad, "JD1,"...), append([]byte{0xff}, gb18030(t, "新城街道,街道\r\n")...)...)
	refused := []struct {
		name        string
		body        []byte
		key         string
		row, column int
	}{
		{"UTF-8 cut in the last character", utf8Cut, "xlsx.err.utf8_damaged", 3, 3},
		{"UTF-8 with a bad byte", []byte(withBadByte), "xlsx.err.utf8_damaged", 3, 2},
		{"UTF-8 with BOM and a bad byte", append([]byte("\xef\xbb\xbf"), withBadByte...), "xlsx.err.utf8_damaged", 3, 2},
		{"GB18030 with a byte of neither", gbBad, "xlsx.err.unknown_encoding", 3, 2},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			tbl, err := save(t, "units.csv", c.body)
			if err == nil {
				t.Fatalf("read: header %q rows %+v", tbl.Header, tbl.Rows)
			}
			rerr := checkRefusal(t, err, "units.csv", c.key, c.row, c.column)
			if c.key == "xlsx.err.utf8_damaged" && (!strings.Contains(rerr.In(i18n.ZH), "UTF-8") || !strings.Contains(rerr.In(i18n.EN), "looks like UTF-8")) {
				t.Errorf("the message does not say the file looks like UTF-8: %s", rerr.In(i18n.EN))
			}
		})
	}
}

// A named encoding is used as named; bad UTF-8 is refused at its place.
func TestReadCSVNamedEncoding(t *testing.T) {
	const text = "编码,名称\r\nGX,潍坊高新区\r\nJD1,新城街道\r\n"
	read := func(body []byte, encoding string) (*xlsx.Table, error) {
		return xlsx.ReadEncoded("units.csv", bytes.NewReader(body), encoding)
	}
	for _, c := range []struct {
		encoding string
		body     []byte
	}{{"utf-8", []byte(text)}, {"UTF8", append([]byte("\xef\xbb\xbf"), text...)}, {"gb18030", gb18030(t, text)}, {"gbk", gb18030(t, text)}} {
		tbl, err := read(c.body, c.encoding)
		if err != nil {
			t.Errorf("%s: %v", c.encoding, err)
			continue
		}
		checkTable(t, tbl, []string{"编码", "名称"}, []row{{2, []string{"GX", "潍坊高新区"}}, {3, []string{"JD1", "新城街道"}}})
	}
	_, err := read([]byte(strings.Replace(text, "新城", "新\xff城", 1)), "utf-8")
	checkRefusal(t, err, "units.csv", "xlsx.err.not_utf8", 3, 2)
	_, err = read(gb18030(t, text), "utf-8")
	checkRefusal(t, err, "units.csv", "xlsx.err.not_utf8", 1, 1)
	_, err = read([]byte(text), "latin-9")
	if rerr := checkRefusal(t, err, "units.csv", "xlsx.err.encoding_name", 0, 0); !strings.Contains(rerr.In(i18n.EN), "latin-9") {
		t.Errorf("the message does not name the encoding: %s", rerr.In(i18n.EN))
	}
}

// mtaFile is public data kept beside the repository (see docs/MTA.md):
// 9,000 rows of English text in Windows-1252, whose only non-ASCII
// character, the no-break space, is in 2,442 descriptions.
const mtaFile = "../../../shared/data/mta/mta_nyct_performance_2008_2018.csv"

// The public file, turned into UTF-8 and into GB18030, reads the same
// whichever way; damaged in one character, its UTF-8 is refused at that
// character's row and column.
func TestReadCSVPublicData(t *testing.T) {
	raw, err := os.ReadFile(mtaFile)
	if os.IsNotExist(err) {
		t.Skipf("the MTA data set is not at %s; see docs/MTA.md", mtaFile)
	}
	if err != nil {
		t.Fatal(err)
	}
	want, err := xlsx.ReadEncoded("mta.csv", bytes.NewReader(raw), "windows-1252")
	if err != nil {
		t.Fatal(err)
	}
	asUTF8, err := charmap.Windows1252.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	asGB := gb18030(t, string(asUTF8))
	if utf8.Valid(asGB) {
		t.Fatal("the GB18030 form is valid UTF-8 and proves nothing")
	}
	for _, c := range []struct {
		name string
		body []byte
	}{{"UTF-8", asUTF8}, {"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), asUTF8...)}, {"GB18030", asGB}} {
		t.Run(c.name, func(t *testing.T) {
			got, err := xlsx.Read("mta.csv", bytes.NewReader(c.body))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Header, want.Header) || len(got.Rows) != len(want.Rows) {
				t.Fatalf("header %q and %d rows, want %q and %d", got.Header, len(got.Rows), want.Header, len(want.Rows))
			}
			for i := range want.Rows {
				if got.Rows[i].Line != want.Rows[i].Line || !slices.Equal(got.Rows[i].Cells, want.Rows[i].Cells) {
					t.Fatalf("row %d: %+v, want %+v", i, got.Rows[i], want.Rows[i])
				}
			}
		})
	}

	const nbsp = "\u00a0"
	first, last := bytes.Index(asUTF8, []byte(nbsp)), bytes.LastIndex(asUTF8, []byte(nbsp))
	firstRow, firstColumn := cellHolding(t, want, nbsp, false)
	lastRow, lastColumn := cellHolding(t, want, nbsp, true)
	damaged := slices.Concat(asUTF8[:first+1], asUTF8[first+2:]) // the no-break space loses its second byte
	_, err = xlsx.Read("mta.csv", bytes.NewReader(damaged))
	checkRefusal(t, err, "mta.csv", "xlsx.err.utf8_damaged", firstRow, firstColumn)
	cut := asUTF8[:last+1]
	_, err = xlsx.Read("mta.csv", bytes.NewReader(cut))
	checkRefusal(t, err, "mta.csv", "xlsx.err.utf8_damaged", lastRow, lastColumn)
}

// cellHolding finds the first (or last) cell of tbl holding s and gives
// its row and 1-based column.
func cellHolding(t *testing.T, tbl *xlsx.Table, s string, last bool) (row, column int) {
	t.Helper()
	for _, r := range tbl.Rows {
		for i, c := range r.Cells {
			if strings.Contains(c, s) {
				row, column = r.Line, i+1
				if !last {
					return row, column
				}
			}
		}
	}
	if row == 0 {
		t.Fatalf("no cell holds %q", s)
	}
	return row, column
}
