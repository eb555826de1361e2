package org_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/xlsx"
	"gaoxin/internal/xlsx/xlsxtest"
)

// badUnits is a units file of about size bytes, or of rows rows, whose
// every row names a kind of unit there is no such thing as.
func badUnits(size, rows int) []byte {
	var b bytes.Buffer
	b.WriteString("编码,名称,类型\n")
	for i := 0; b.Len() < size || i < rows; i++ {
		fmt.Fprintf(&b, "Z%07d,单位%d,castle\n", i, i)
	}
	return b.Bytes()
}

// A 30 MB units file whose every row is wrong is refused with the count
// of all its problems, read from disk a row at a time: the import holds
// less than twice the file in memory at its peak.
func TestRefusedFileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 30 MB file")
	}
	d := dbtest.SQLite(t)
	s := org.NewStore(d)
	body := badUnits(30<<20, 0)
	rows := bytes.Count(body, []byte("\n")) - 1
	file := xlsxtest.FileOnDisk(t, "units.csv", body)
	body = nil
	runtime.GC()
	var err error
	peak := xlsxtest.PeakHeap(func() {
		tbl, terr := file.Table()
		if terr != nil {
			err = terr
			return
		}
		defer tbl.Close()
		_, err = s.Import(context.Background(), audit.System, tbl, false)
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

// Once the problems kept are full, a code given twice further down is not
// seen: the count says it is a floor.
func TestRefusedFileCountIsAFloor(t *testing.T) {
	d := dbtest.SQLite(t)
	s := org.NewStore(d)
	body := badUnits(0, i18n.MaxStoredProblems+10)
	body = append(body, "Z0000001,又一个,street\n"...) // a code the file already has
	tbl, err := xlsx.Read("units.csv", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Import(context.Background(), audit.System, tbl, false)
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) || !ierr.Partial || ierr.Count() != i18n.MaxStoredProblems+10 {
		t.Fatalf("refused with %v", err)
	}

	// Under the bound, the same slip is counted, and the count is exact.
	body = badUnits(0, 10)
	body = append(body, "Z0000001,又一个,street\n"...)
	tbl, _ = xlsx.Read("units.csv", bytes.NewReader(body))
	_, err = s.Import(context.Background(), audit.System, tbl, false)
	if !errors.As(err, &ierr) || ierr.Partial || ierr.Count() != 11 {
		t.Fatalf("refused with %v", err)
	}
}
