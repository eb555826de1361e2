package project_test

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
	"gaoxin/internal/xlsx/xlsxtest"
)

// ioBadLedger is a ledger CSV of about size bytes, or of rows rows, of
// the required columns only, whose every row starts in a year it cannot
// read and is otherwise right.
func ioBadLedger(size, rows int) []byte {
	var b bytes.Buffer
	b.WriteString("项目编码,项目名称,项目类别,牵头单位,总投资（万元）,开工年份,竣工年份,年度计划投资（万元）\n")
	for i := 0; b.Len() < size || i < rows; i++ {
		fmt.Fprintf(&b, "XM%07d,项目%d,industrial,XC,10000,明年,2020,5000\n", i, i)
	}
	return b.Bytes()
}

// A 30 MB ledger whose every row is wrong is refused with the count of
// all its problems, read from disk a row at a time: the import holds less
// than twice the file in memory at its peak.
func TestRefusedFileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 30 MB file")
	}
	z := ioNewZone(t, dbtest.SQLite(t))
	body := ioBadLedger(30<<20, 0)
	rows := bytes.Count(body, []byte("\n")) - 1
	file := xlsxtest.FileOnDisk(t, "台账.csv", body)
	body = nil
	runtime.GC()
	var err error
	peak := xlsxtest.PeakHeap(func() {
		_, err = z.s.Import(ioCtx, audit.System, 2019, file)
	})
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) || ierr.Count() != rows || len(ierr.Rows) != i18n.MaxStoredProblems {
		t.Fatalf("%d rows, each wrong: %v", rows, err)
	}
	if !ierr.Partial {
		t.Error("the rows past the full list were not checked against the database, yet the count is exact")
	}
	t.Logf("a %d MB file of %d bad rows: peak heap %d MB", file.Size>>20, rows, peak>>20)
	if peak > 2*uint64(file.Size) {
		t.Errorf("the refused file took %d MB of heap, over twice its %d MB", peak>>20, file.Size>>20)
	}
}

// Once the problems kept are full, a code given twice further down is not
// seen: the count says it is a floor. A code given before that still is.
func TestRefusedFileCountIsAFloor(t *testing.T) {
	z := ioNewZone(t, dbtest.SQLite(t))
	body := ioBadLedger(0, i18n.MaxStoredProblems)
	_, err := z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.csv", body))
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) || ierr.Partial || ierr.Count() != i18n.MaxStoredProblems {
		t.Fatalf("a file that just fills the list: %v", err)
	}

	body = append(body, "XM-DUP,新项目,industrial,XC,10000,2019,2020,5000\n"...)
	body = append(body, "XM-DUP,又一个,industrial,XC,10000,2019,2020,5000\n"...) // not seen
	body = append(body, "XM0000001,又一个,industrial,XC,10000,2019,2020,5000\n"...)
	_, err = z.s.Import(ioCtx, audit.System, 2019, xlsx.Bytes("台账.csv", body))
	if !errors.As(err, &ierr) || !ierr.Partial || ierr.Count() != i18n.MaxStoredProblems+1 {
		t.Fatalf("refused with %v", err)
	}
	if n := z.count(t, "projects"); n != 0 {
		t.Errorf("%d projects", n)
	}
}
