package xlsx_test

import (
	"bytes"
	"testing"

	"gaoxin/internal/xlsx"
)

// Any bytes uploaded as a CSV or an Excel file are read or refused, never
// a panic; a table read has a header and rows no wider than it says.
func FuzzRead(f *testing.F) {
	f.Add([]byte("编码,名称,类型\r\nXCJD,新城街道,street\r\n"), false)
	f.Add([]byte("\xef\xbb\xbfcode,name\n\"a,b\",\"c\"\"d\"\n"), false)
	f.Add([]byte{0xb1, 0xe0, 0xc2, 0xeb, ',', 'x', '\n'}, false) // 编码 in GB18030
	f.Add([]byte("PK\x03\x04 not really a workbook"), true)
	var wb bytes.Buffer
	if err := xlsx.WriteXLSX(&wb, "sheet", []string{"编码", "名称"}, [][]string{{"A1", "甲"}, {"A2", "=1+1"}}); err != nil {
		f.Fatal(err)
	}
	f.Add(wb.Bytes(), true)
	f.Fuzz(func(t *testing.T, body []byte, excel bool) {
		name := "upload.csv"
		if excel {
			name = "upload.xlsx"
		}
		table, err := xlsx.Read(name, bytes.NewReader(body))
		if err != nil {
			if table != nil {
				t.Fatal("a refused file gave a table")
			}
			return
		}
		for _, row := range table.Rows {
			if row.Line < 2 {
				t.Fatalf("a row numbered %d: the header is line 1", row.Line)
			}
		}
	})
}
