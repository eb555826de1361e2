package i18n

// Messages of the file reader shared by every import (CSV and Excel),
// merged into en. Each names the file; those with a place give the row,
// the column's number and the column's letter as Excel shows it.
var enXlsx = map[string]string{
	"xlsx.err.read":               "%s: the file's contents could not be read; check that the file is whole and upload it again.",
	"xlsx.err.too_large":          "%s: the file is larger than %d MB; split it into several files and upload them one by one.",
	"xlsx.err.xls":                "%s: this is an old Excel file (.xls); save it from Excel as .xlsx or CSV and upload it again.",
	"xlsx.err.type":               "%s: files of this kind cannot be read; upload an Excel workbook (.xlsx) or a CSV file (.csv).",
	"xlsx.err.encoding_name":      "%s: the encoding “%s” is unknown; use auto, utf-8, gb18030 or windows-1252.",
	"xlsx.err.not_utf8":           "%s: row %d, column %d (%s) holds bytes that are not UTF-8, though the file was to be read as UTF-8. If the file is in GB18030 (GBK), read it as GB18030; otherwise save it again as UTF-8 (in Excel: “CSV UTF-8 (Comma delimited)”).",
	"xlsx.err.utf8_damaged":       "%s: row %d, column %d (%s) holds damaged bytes. The file looks like UTF-8, but some of its bytes are broken (it may have been cut short); read in any other encoding it would only be garbled. Save it again as UTF-8 from the program that made it (in Excel: “CSV UTF-8 (Comma delimited)”) and upload it again.",
	"xlsx.err.unknown_encoding":   "%s: the bytes at row %d, column %d (%s) are neither UTF-8 nor GB18030 (GBK), so the file's encoding cannot be told. Save it from Excel as “CSV UTF-8 (Comma delimited)” or as .xlsx and upload it again.",
	"xlsx.err.decode":             "%s: the text cannot be read as %s; save it from Excel as “CSV UTF-8 (Comma delimited)” and upload it again.",
	"xlsx.err.csv_broken":         "%s: this is not a well-formed CSV file; save it from Excel as CSV or .xlsx and upload it again.",
	"xlsx.err.csv_bare_quote":     "%s: the cell at row %d, column %d (%s) holds a double quote (\"), but the cell is not enclosed in double quotes. A cell with double quotes must be enclosed in double quotes, each quote inside written twice (a CSV saved by Excel is written so); or upload the .xlsx instead.",
	"xlsx.err.csv_quote":          "%s: the quotes of the cell at row %d, column %d (%s) do not pair up: there is text after its closing quote, or the quote is never closed. Check that cell, or save the file from Excel as CSV or .xlsx and upload it again.",
	"xlsx.err.csv_at":             "%s: row %d, column %d (%s) breaks the CSV format; save the file from Excel as CSV or .xlsx and upload it again.",
	"xlsx.err.old_or_locked":      "%s: this workbook has an opening password, or it is an old Excel file (.xls). Remove the password in Excel, save it as .xlsx and upload it again.",
	"xlsx.err.unzipped_too_large": "%s: over %d MB once unzipped, which no ordinary workbook is (it may be a zip bomb); it was not read. Remove extra sheets or save it as CSV, and upload it again.",
	"xlsx.err.not_workbook":       "%s: not a readable Excel workbook (.xlsx); save it again from Excel as .xlsx or CSV and upload it again.",
	"xlsx.err.sheet":              "%s: the sheet “%s” cannot be read; the file may be damaged. Open it in Excel, save it as .xlsx and upload it again.",
	"xlsx.err.empty":              "%s: the file is empty. Its first row should be the header (the names of the columns), with one record in each row below.",
}

func init() {
	for k, v := range enXlsx {
		en[k] = v
	}
}
