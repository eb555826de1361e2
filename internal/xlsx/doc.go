// Package xlsx reads and writes the tables users exchange with gaoxin: CSV
// (UTF-8 with or without BOM, or GB18030 as Chinese Excel saves it) and
// Excel workbooks. It knows nothing about what the columns mean; domain
// packages map headers to fields.
//
// It imports nothing of gaoxin's own.
package xlsx
