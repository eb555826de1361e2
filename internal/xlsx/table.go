package xlsx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strings"
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
// out: UTF-8 (with or without BOM), else GB18030. Every error is a
// *ReadError, which speaks the user's language.
func Read(name string, r io.Reader) (*Table, error) { return ReadEncoded(name, r, "auto") }

// ReadEncoded is Read with a CSV's text encoding named: "auto", "utf-8",
// "gb18030" or "windows-1252" (files from English-language Windows).
func ReadEncoded(name string, r io.Reader, encoding string) (*Table, error) {
	body, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return nil, refusal(name, err, "xlsx.err.read")
	}
	if len(body) > maxImportBytes {
		return nil, refusal(name, nil, "xlsx.err.too_large", maxImportBytes>>20)
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
	case ".xls":
		return nil, refusal(name, nil, "xlsx.err.xls")
	}
	return nil, refusal(name, nil, "xlsx.err.type")
}

func readCSV(name string, text []byte) (*Table, error) {
	cr := csv.NewReader(bytes.NewReader(text))
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
			return nil, csvRefusal(name, text, err)
		}
		for i, cell := range rec {
			rec[i] = unquoteCSV(cell)
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

// csvRefusal says where a CSV breaks the quoting rules and how cells with
// quotes are written.
func csvRefusal(name string, text []byte, err error) *ReadError {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return refusal(name, err, "xlsx.err.csv_broken")
	}
	offset := offsetOf(text, pe.Line, pe.Column)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return refusalAt(name, text, offset, err, "xlsx.err.csv_bare_quote")
	case errors.Is(pe.Err, csv.ErrQuote):
		// Either text after a closing quote or a quote never closed: the
		// cell is found where its quote opened, which placeOf gives.
		return refusalAt(name, text, offset, err, "xlsx.err.csv_quote")
	}
	return refusalAt(name, text, offset, err, "xlsx.err.csv_at")
}

// oleSignature starts a Compound File: an Excel 97–2003 workbook, or an
// .xlsx encrypted with an opening password.
var oleSignature = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

func readXLSX(name string, body []byte) (*Table, error) {
	if bytes.HasPrefix(body, oleSignature) {
		return nil, refusal(name, nil, "xlsx.err.old_or_locked")
	}
	f, err := Open(name, body)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		// Excel never saves a workbook without a sheet: this is some other
		// zip, a Word document say, named .xlsx.
		return nil, refusal(name, nil, "xlsx.err.not_workbook")
	}
	records, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, refusal(name, err, "xlsx.err.sheet", sheets[0])
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
		return nil, refusal(name, nil, "xlsx.err.empty")
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
