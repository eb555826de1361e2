package xlsx

import (
	"bytes"
	"io"
	"iter"
	"path/filepath"
	"strings"
)

// Table is one sheet of an imported file: a header row and data rows.
//
// A table read whole (Read) holds its rows in Rows. A streamed table
// (Stream) holds only its header and reads its rows from the file each
// time All is ranged over, so that a file of a million rows costs the
// memory of one row at a time; close it when done.
type Table struct {
	File   string
	Sheet  string // "" for CSV
	Header []string
	Rows   []Row // every row of a table read whole; nil when streamed

	stream func(yield func(Row, error) bool)
	close  func() error
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

// All yields the data rows in order, blank rows left out. A streamed
// table can be ranged over again, and reads the file afresh; where the
// file turns out broken further down than its header, the last pair
// yielded carries the *ReadError, which the caller must refuse the file
// with: rows already yielded are not the whole file.
func (t *Table) All() iter.Seq2[Row, error] {
	if t.stream != nil {
		return t.stream
	}
	return func(yield func(Row, error) bool) {
		for _, r := range t.Rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// Close lets go of what a streamed table holds open; a table read whole
// holds nothing.
func (t *Table) Close() error {
	if t.close == nil {
		return nil
	}
	return t.close()
}

// File is an uploaded file to read: its name, whose extension tells
// its kind and which messages name, and its bytes, in memory or on disk.
type File struct {
	Name string
	Data io.ReaderAt
	Size int64
}

// Bytes is a file held in memory.
func Bytes(name string, body []byte) File {
	return File{Name: name, Data: bytes.NewReader(body), Size: int64(len(body))}
}

// Table opens the file's first sheet for reading row by row, its CSV
// encoding found out; close the table when done.
func (f File) Table() (*Table, error) { return Stream(f, "auto") }

// reader reads the file from its start.
func (f File) reader() *io.SectionReader { return io.NewSectionReader(f.Data, 0, f.Size) }

// maxImportBytes bounds what an upload may hold.
const maxImportBytes = 32 << 20

// Read reads the first sheet of an .xlsx file or a .csv file, chosen by the
// file name's extension, whole. Blank rows are dropped. A CSV's encoding
// is found out: UTF-8 (with or without BOM), else GB18030. Every error is
// a *ReadError, which speaks the user's language.
func Read(name string, r io.Reader) (*Table, error) { return ReadEncoded(name, r, "auto") }

// ReadEncoded is Read with a CSV's text encoding named: "auto", "utf-8",
// "gb18030" or "windows-1252" (files from English-language Windows).
func ReadEncoded(name string, r io.Reader, encoding string) (*Table, error) {
	body, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return nil, refusal(name, err, "xlsx.err.read")
	}
	t, err := Stream(Bytes(name, body), encoding)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	whole := &Table{File: t.File, Sheet: t.Sheet, Header: t.Header}
	for row, err := range t.All() {
		if err != nil {
			return nil, err
		}
		whole.Rows = append(whole.Rows, row)
	}
	return whole, nil
}

// Stream opens the first sheet of an .xlsx or .csv file for reading row
// by row: the header is read now, and the file checked as far as can be
// without holding it (a CSV's encoding; a workbook's zip), the rows when
// All is ranged over. encoding is as ReadEncoded's.
func Stream(f File, encoding string) (*Table, error) {
	if f.Size > maxImportBytes {
		return nil, refusal(f.Name, nil, "xlsx.err.too_large", maxImportBytes>>20)
	}
	switch strings.ToLower(filepath.Ext(f.Name)) {
	case ".csv", ".txt":
		return streamCSV(f, encoding)
	case ".xlsx", ".xlsm":
		return streamWorkbook(f)
	case ".xls":
		return nil, refusal(f.Name, nil, "xlsx.err.xls")
	}
	return nil, refusal(f.Name, nil, "xlsx.err.type")
}

// rowsOf makes a table of a source that yields every row with its
// number, blank ones too: the first row with text is the header.
func rowsOf(f File, sheet string, each func(fn func(line int, cells []string) bool) error) (*Table, error) {
	t := &Table{File: f.Name, Sheet: sheet}
	err := each(func(_ int, cells []string) bool {
		if blank(cells) {
			return true
		}
		t.Header = cells
		return false
	})
	if err != nil {
		return nil, err
	}
	if t.Header == nil {
		return nil, refusal(f.Name, nil, "xlsx.err.empty")
	}
	t.stream = func(yield func(Row, error) bool) {
		header, stopped := false, false
		err := each(func(line int, cells []string) bool {
			if blank(cells) {
				return true
			}
			if !header {
				header = true
				return true
			}
			stopped = !yield(Row{Line: line, Cells: cells}, nil)
			return !stopped
		})
		if err != nil && !stopped {
			yield(Row{}, err)
		}
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
