package xlsx_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// zipBomb is a small zip that unzips to more than the bound: one sheet of
// zeros, as a workbook a few hundred KB in size can claim gigabytes.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, err := z.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range xlsx.MaxUnzipped>>20 + 1 {
		w.Write(zeros)
	}
	z.Close()
	return buf.Bytes()
}

func TestZipBombIsRefusedUnread(t *testing.T) {
	bomb := zipBomb(t)
	if len(bomb) > 2<<20 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	_, err := xlsx.Read("bomb.xlsx", bytes.NewReader(bomb))
	var verr *i18n.Error
	if !xlsx.UnzippedTooLarge(err) || !errors.As(err, &verr) {
		t.Fatalf("a zip bomb: %v", err)
	}
	if zh := verr.In(i18n.ZH); !strings.Contains(zh, "bomb.xlsx") || !strings.Contains(zh, "512 MB") {
		t.Errorf("zh: %s", zh)
	}
	if en := verr.In(i18n.EN); !strings.Contains(en, "zip bomb") {
		t.Errorf("en: %s", en)
	}
}

// A list exported to CSV imports again as it was: the quote that keeps a
// spreadsheet from running a cell is dropped on the way back in, and only
// that quote.
func TestCSVRoundTripUndoesTheQuote(t *testing.T) {
	cells := []string{`=HYPERLINK("http://x","y")`, "+86 536 1234567", "@sum", "'plain", "-3.5", "'-3.5"}
	var buf bytes.Buffer
	if err := xlsx.WriteCSV(&buf, []string{"a", "b", "c", "d", "e", "f"}, [][]string{cells}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"'=HYPERLINK(""http://x"",""y"")"`) {
		t.Fatalf("the export is not neutralised: %s", buf.String())
	}
	tab, err := xlsx.Read("back.csv", &buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range cells {
		if got := tab.Rows[0].Cells[i]; got != want {
			t.Errorf("cell %d reads back %q, want %q", i, got, want)
		}
	}
}
