// Package gridfile turns a unit's reporting grid into an Excel workbook
// that reporters fill in offline, and reads the filled workbook back. The
// workbook says which unit and month it belongs to, so that a file cannot
// be uploaded into the wrong grid; reading is all or nothing, and every
// problem names its sheet, row and column.
//
// It imports internal/dashboard, internal/report, internal/quantity and
// internal/i18n.
package gridfile
