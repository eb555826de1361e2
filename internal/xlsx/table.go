package xlsx

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Table is one sheet of an imported file: a header row and data rows.
type Table struct {
	File   string
	Sheet  string // "" for CSV
	Header []string
	Rows   []Row
}

// Row is one data row with its number as a spreadsheet shows it.
type Row struct {
	Line  int
	Cells []string
}

// Cell returns the cell in column i, "" when the row is short.
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

// Column finds the first header matching any of names (case and spaces
// ignored) and returns its index, or -1.
func (t *Table) Column(names ...string) int {
	for i, h := range t.Header {
		h = strings.ToLower(strings.TrimSpace(h))
		for _, n := range names {
			if h == strings.ToLower(n) {
				return i
			}
		}
	}
	return -1
}

// maxImportBytes bounds what an upload may hold.
const maxImportBytes = 32 << 20

// Read reads the first sheet of an .xlsx file or a .csv file, chosen by the
// file name's extension. Blank rows are dropped. A CSV's encoding is found
// out: UTF-8 (with or without BOM), else GB18030.
func Read(name string, r io.Reader) (*Table, error) { return ReadEncoded(name, r, "auto") }

// ReadEncoded is Read with a CSV's text encoding named: "auto", "utf-8",
// "gb18030" or "windows-1252" (files from English-language Windows).
func ReadEncoded(name string, r io.Reader, encoding string) (*Table, error) {
	body, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxImportBytes {
		return nil, fmt.Errorf("%s: file larger than %d MB", name, maxImportBytes>>20)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".txt":
		text, err := decodeText(name, body, encoding)
		if err != nil {
			return nil, err
		}
		return readCSV(name, text)
	case ".xlsx", ".xlsm":
		return readXLSX(name, body)
	}
	return nil, fmt.Errorf("%s: unsupported file type, expected .csv or .xlsx", name)
}

// decodeText turns a CSV's bytes into UTF-8.
func decodeText(name string, body []byte, encoding string) ([]byte, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	switch strings.ToLower(encoding) {
	case "", "auto":
		if utf8.Valid(body) {
			return body, nil
		}
		// Excel on a Chinese Windows saves CSV in GB18030 (a superset of GBK).
		decoded, err := simplifiedchinese.GB18030.NewDecoder().Bytes(body)
		if err != nil {
			return nil, fmt.Errorf("%s: text is neither UTF-8 nor GB18030; name the encoding", name)
		}
		return decoded, nil
	case "utf-8", "utf8":
		if !utf8.Valid(body) {
			return nil, fmt.Errorf("%s: text is not valid UTF-8", name)
		}
		return body, nil
	case "gb18030", "gbk":
		return simplifiedchinese.GB18030.NewDecoder().Bytes(body)
	case "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Bytes(body)
	}
	return nil, fmt.Errorf("unknown encoding %q: use auto, utf-8, gb18030 or windows-1252", encoding)
}

func readCSV(name string, body []byte) (*Table, error) {
	cr := csv.NewReader(bytes.NewReader(body))
	cr.FieldsPerRecord = -1
	var records [][]string
	var rows []int
	row, lastLine := 0, 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if asParseError(err, &pe) {
				return nil, fmt.Errorf("%s: row %d, character %d: %v", name, row+pe.StartLine-lastLine, pe.Column, pe.Err)
			}
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		// encoding/csv skips empty lines, but a spreadsheet shows each as a
		// row; a line break inside a quoted cell, though, is no new row.
		start, _ := cr.FieldPos(0)
		row += start - lastLine
		end, _ := cr.FieldPos(len(rec) - 1)
		lastLine = end + strings.Count(rec[len(rec)-1], "\n")
		records = append(records, rec)
		rows = append(rows, row)
	}
	return fromRecords(name, "", records, rows)
}

func asParseError(err error, target **csv.ParseError) bool {
	pe, ok := err.(*csv.ParseError)
	if ok {
		*target = pe
	}
	return ok
}

func readXLSX(name string, body []byte) (*Table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable Excel workbook: %v", name, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%s: the workbook has no sheets", name)
	}
	records, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("%s: sheet %s: %v", name, sheets[0], err)
	}
	return fromRecords(name, sheets[0], records, nil)
}

// fromRecords makes a table; rows gives each record's spreadsheet row
// number, or is nil when records are already one per row.
func fromRecords(name, sheet string, records [][]string, rows []int) (*Table, error) {
	t := &Table{File: name, Sheet: sheet}
	for i, rec := range records {
		line := i + 1
		if rows != nil {
			line = rows[i]
		}
		if blank(rec) {
			continue
		}
		if t.Header == nil {
			t.Header = rec
			continue
		}
		t.Rows = append(t.Rows, Row{Line: line, Cells: rec})
	}
	if t.Header == nil {
		return nil, fmt.Errorf("%s: the file is empty, expected a header row", name)
	}
	return t, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
