package xlsx

import (
	"bytes"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/i18n"
)

// ReadError is why an uploaded file could not be read, written for the
// person who uploaded it: the file, the row and column where the fault
// lies when there is one, and what to do about it, in their language.
// The library error behind it, whose words mean nothing to a user, stays
// reachable through Unwrap for the log.
//
// errors.As finds an *i18n.Error in it (with Field "file"), so pages and
// commands that show an *i18n.Error show this one in the user's language.
type ReadError struct {
	i18n.Msg    // the whole sentence, file and place included
	File        string
	Row, Column int   // 1-based, as a spreadsheet numbers them; 0 when the fault is not in one cell
	Err         error // the cause, nil when the reader found the fault itself
}

// Error is the message in Chinese, the language of most users, because
// callers put it in front of a user.
func (e *ReadError) Error() string { return e.In(i18n.ZH) }

func (e *ReadError) Unwrap() error { return e.Err }

// As lets errors.As find the user's message as an *i18n.Error.
func (e *ReadError) As(target any) bool {
	if t, ok := target.(**i18n.Error); ok {
		*t = &i18n.Error{Field: "file", Msg: e.Msg}
		return true
	}
	return false
}

// refusal is a fault of the whole file; args follow the file name.
func refusal(file string, cause error, key string, args ...any) *ReadError {
	return &ReadError{
		Msg:  i18n.M(key, append([]any{file}, args...)...),
		File: file,
		Err:  cause,
	}
}

// refusalAt is a fault at one byte of a CSV text; the message gets the
// file, row, column number and column letter, then args.
func refusalAt(file string, text []byte, offset int, cause error, key string, args ...any) *ReadError {
	row, column := placeOf(text, offset)
	letter, _ := excelize.ColumnNumberToName(column) // Excel users know columns by letter
	e := refusal(file, cause, key, append([]any{row, column, letter}, args...)...)
	e.Row, e.Column = row, column
	return e
}

// placeOf finds the row and column of the byte at offset in CSV text, the
// way csvFile.each numbers rows: a line break inside a quoted cell is no new
// row, an empty line is one. Quotes, commas and line breaks are ASCII and
// never part of a UTF-8 or GB18030 character, so raw bytes of either
// encoding can be scanned.
func placeOf(text []byte, offset int) (row, column int) {
	offset = min(max(offset, 0), len(text))
	row, column = 1, 1
	quoted := false
	for _, c := range text[:offset] {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			column++
		case c == '\n':
			row, column = row+1, 1
		}
	}
	return row, column
}

// offsetOf turns a 1-based line and byte column, as encoding/csv reports
// them, into an offset in text.
func offsetOf(text []byte, line, column int) int {
	offset := 0
	for ; line > 1; line-- {
		i := bytes.IndexByte(text[offset:], '\n')
		if i < 0 {
			return len(text)
		}
		offset += i + 1
	}
	return min(offset+max(column-1, 0), len(text))
}
