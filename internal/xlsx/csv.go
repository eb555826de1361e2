package xlsx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// csvFile is a CSV being read: where its text starts (after a BOM) and
// how its bytes decode, or nil for UTF-8.
type csvFile struct {
	File
	start int64
	enc   encoding.Encoding
	label string // the encoding's name, for messages
}

func streamCSV(f File, named string) (*Table, error) {
	c, err := openCSV(f, named)
	if err != nil {
		return nil, err
	}
	return rowsOf(f, "", c.each)
}

// text reads the file's text as UTF-8, from its start.
func (c *csvFile) text() io.Reader {
	r := io.Reader(io.NewSectionReader(c.Data, c.start, c.Size-c.start))
	if c.enc != nil {
		r = transform.NewReader(r, c.enc.NewDecoder())
	}
	return r
}

// each yields every record with its row number as a spreadsheet shows
// the file: encoding/csv skips empty lines, but a spreadsheet shows each
// as a row; a line break inside a quoted cell, though, is no new row.
func (c *csvFile) each(fn func(line int, cells []string) bool) error {
	cr := csv.NewReader(c.text())
	cr.FieldsPerRecord = -1
	row, lastLine := 0, 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return c.refusal(err)
		}
		for i, cell := range rec {
			rec[i] = unquoteCSV(cell)
		}
		start, _ := cr.FieldPos(0)
		row += start - lastLine
		end, _ := cr.FieldPos(len(rec) - 1)
		lastLine = end + strings.Count(rec[len(rec)-1], "\n")
		if !fn(row, rec) {
			return nil
		}
	}
}

// refusal says where a CSV breaks the quoting rules and how cells with
// quotes are written. Only now is the text read whole, to find the place.
func (c *csvFile) refusal(err error) *ReadError {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		if c.enc != nil {
			return refusal(c.Name, err, "xlsx.err.decode", c.label)
		}
		return refusal(c.Name, err, "xlsx.err.csv_broken")
	}
	text, rerr := io.ReadAll(c.text())
	if rerr != nil {
		return refusal(c.Name, rerr, "xlsx.err.read")
	}
	offset := offsetOf(text, pe.Line, pe.Column)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return refusalAt(c.Name, text, offset, err, "xlsx.err.csv_bare_quote")
	case errors.Is(pe.Err, csv.ErrQuote):
		// Either text after a closing quote or a quote never closed: the
		// cell is found where its quote opened, which placeOf gives.
		return refusalAt(c.Name, text, offset, err, "xlsx.err.csv_quote")
	}
	return refusalAt(c.Name, text, offset, err, "xlsx.err.csv_at")
}

// chunkSize is how much of a file the encoding's evidence is gathered
// from at a time.
var chunkSize = 1 << 20

// eachChunk reads r in pieces of about chunkSize that end at a line break
// (or at the end), so that no character of UTF-8, GB18030 or GB2312 is
// cut in two: none has the byte of a line break inside it. base is where
// the piece starts in r.
func eachChunk(r io.Reader, fn func(chunk []byte, base int64)) error {
	block := make([]byte, chunkSize)
	var carry []byte
	var base int64
	for {
		n, err := io.ReadFull(r, block)
		data := append(carry, block[:n]...)
		end := len(data)
		if err == nil {
			end = bytes.LastIndexByte(data, '\n') + 1
		}
		if end > 0 {
			fn(data[:end], base)
		}
		base += int64(end)
		carry = append([]byte(nil), data[end:]...)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
