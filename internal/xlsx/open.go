package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"

	"github.com/xuri/excelize/v2"
)

// MaxUnzipped bounds what a workbook may hold once unzipped. A real 32 MB
// workbook unzips to a few hundred MB at most; a zip bomb of a few MB
// claims gigabytes, and is refused before anything is unzipped.
const MaxUnzipped = 512 << 20

// sheetInMemory is the largest worksheet excelize unzips into memory;
// a larger one goes to a temporary file and is read from there row by
// row, so that a big upload does not cost its unzipped size in memory.
const sheetInMemory = 4 << 20

// Open opens an uploaded workbook with the unzipped size bounded. Every
// reader of a user's workbook goes through it; name is for the refusal.
func Open(name string, body []byte) (*excelize.File, error) {
	return openWorkbook(Bytes(name, body))
}

func openWorkbook(f File) (*excelize.File, error) {
	if z, err := zip.NewReader(f.Data, f.Size); err == nil {
		var total uint64
		for _, zf := range z.File {
			total += zf.UncompressedSize64
		}
		if total > MaxUnzipped {
			return nil, refusal(f.Name, nil, "xlsx.err.unzipped_too_large", MaxUnzipped>>20)
		}
	}
	// The declared sizes may lie; excelize counts what it unzips too.
	wb, err := excelize.OpenReader(f.reader(), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: sheetInMemory})
	if err != nil {
		return nil, refusal(f.Name, err, "xlsx.err.not_workbook")
	}
	return wb, nil
}

// UnzippedTooLarge reports whether Open refused a workbook for what it
// would unzip to.
func UnzippedTooLarge(err error) bool {
	var rerr *ReadError
	return errors.As(err, &rerr) && rerr.Key == "xlsx.err.unzipped_too_large"
}

// oleSignature starts a Compound File: an Excel 97–2003 workbook, or an
// .xlsx encrypted with an opening password.
var oleSignature = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

// streamWorkbook opens a workbook's first sheet; the workbook stays open
// until the table is closed.
func streamWorkbook(f File) (*Table, error) {
	head := make([]byte, len(oleSignature))
	if n, _ := f.Data.ReadAt(head, 0); bytes.Equal(head[:n], oleSignature) {
		return nil, refusal(f.Name, nil, "xlsx.err.old_or_locked")
	}
	wb, err := openWorkbook(f)
	if err != nil {
		return nil, err
	}
	sheets := wb.GetSheetList()
	if len(sheets) == 0 {
		// Excel never saves a workbook without a sheet: this is some other
		// zip, a Word document say, named .xlsx.
		wb.Close()
		return nil, refusal(f.Name, nil, "xlsx.err.not_workbook")
	}
	sheet := sheets[0]
	each := func(fn func(line int, cells []string) bool) error {
		rows, err := wb.Rows(sheet)
		if err != nil {
			return refusal(f.Name, err, "xlsx.err.sheet", sheet)
		}
		defer rows.Close()
		for line := 1; rows.Next(); line++ {
			cells, err := rows.Columns()
			if err != nil {
				return refusal(f.Name, err, "xlsx.err.sheet", sheet)
			}
			if !fn(line, cells) {
				return nil
			}
		}
		if err := rows.Error(); err != nil && err != io.EOF {
			return refusal(f.Name, err, "xlsx.err.sheet", sheet)
		}
		return nil
	}
	t, err := rowsOf(f, sheet, each)
	if err != nil {
		wb.Close()
		return nil, err
	}
	t.close = wb.Close
	return t, nil
}
