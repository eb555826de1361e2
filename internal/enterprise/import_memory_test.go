package enterprise_test

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
	"gaoxin/internal/xlsx/xlsxtest"
)

// badRegister is a register of about size bytes, or of rows rows, each a
// firm of its own valid credit code whose revenue is not a number.
func badRegister(size, rows int) []byte {
	var b bytes.Buffer
	b.WriteString("统一社会信用代码,企业名称,所属单位,营业收入（万元）\n")
	for i := 0; b.Len() < size || i < rows; i++ {
		fmt.Fprintf(&b, "%s,企业%d,XC,很多\n", numberedCode(i), i)
	}
	return b.Bytes()
}

// numberedCode is the i-th of a run of valid credit codes.
func numberedCode(i int) string {
	first := fmt.Sprintf("91370700%09d", i)
	return first + string(enterprise.CheckChar(first))
}

// A 30 MB register whose every row is wrong is refused with the count of
// all its problems, read from disk a row at a time: the import holds less
// than twice the file in memory at its peak.
func TestRefusedFileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 30 MB file")
	}
	w := newWorld(t, dbtest.SQLite(t))
	body := badRegister(30<<20, 0)
	rows := bytes.Count(body, []byte("\n")) - 1
	file := xlsxtest.FileOnDisk(t, "名录.csv", body)
	body = nil
	runtime.GC()
	var err error
	peak := xlsxtest.PeakHeap(func() {
		_, err = w.s.Import(ctx, audit.System, 2019, file)
	})
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) || ierr.Count() != rows || len(ierr.Rows) != i18n.MaxStoredProblems {
		t.Fatalf("%d rows, each wrong: %v", rows, err)
	}
	t.Logf("a %d MB file of %d bad rows: peak heap %d MB", file.Size>>20, rows, peak>>20)
	if peak > 2*uint64(file.Size) {
		t.Errorf("the refused file took %d MB of heap, over twice its %d MB", peak>>20, file.Size>>20)
	}
}

// Once the problems kept are full, a credit code given twice further down
// is not seen: the count says it is a floor.
func TestRefusedFileCountIsAFloor(t *testing.T) {
	w := newWorld(t, dbtest.SQLite(t))
	twice := fmt.Sprintf("%s,又一家,XC,\n%[1]s,又一家,XC,\n", w.code()) // a firm right but for its code given twice
	body := append(badRegister(0, i18n.MaxStoredProblems+10), twice...)
	_, err := w.s.Import(ctx, audit.System, 2019, xlsx.Bytes("名录.csv", body))
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) || !ierr.Partial || ierr.Count() != i18n.MaxStoredProblems+10 {
		t.Fatalf("refused with %v", err)
	}

	// Under the bound, the same slip is counted, and the count is exact.
	body = append(badRegister(0, 10), twice...)
	_, err = w.s.Import(ctx, audit.System, 2019, xlsx.Bytes("名录.csv", body))
	if !errors.As(err, &ierr) || ierr.Partial || ierr.Count() != 11 {
		t.Fatalf("refused with %v", err)
	}
}
