// Package xlsx reads and writes the tables users exchange with gaoxin: CSV
// (UTF-8 with or without BOM, or GB18030 as Chinese Excel saves it) and
// Excel workbooks. It knows nothing about what the columns mean; domain
// packages map headers to fields.
//
// A CSV's encoding is decided by what its bytes show (encoding.go): a file
// that is mostly UTF-8 but has damaged bytes is refused at the row and
// column of the first one, rather than read as GB18030 into garbled text.
// Every error the reader returns is a *ReadError: a catalogue message in
// the user's language that names the file, the place and what to do, with
// the library's error behind it for the log.
//
// An upload is read where it lies (File: in memory, or on disk where the
// form parser left it) and streamed: Stream reads the header and checks
// what can be checked without holding the file, and Table.All reads the
// rows anew on each pass, so that importing a 30 MB file holds one row at
// a time, not a million. Read holds a table whole, for small files and
// tests.
//
// Of gaoxin's own packages it imports only i18n, for those messages.
package xlsx
