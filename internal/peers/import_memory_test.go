package peers_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/peers"
	"gaoxin/internal/xlsx"
	"gaoxin/internal/xlsx/xlsxtest"
)

// badLevels is a peer file of about size bytes, or of rows rows, whose
// every row gives a level there is no such thing as: one problem a row,
// each of a member of its own, so that no two rows disagree.
func badLevels(size, rows int) []byte {
	var b bytes.Buffer
	b.WriteString(header + "\n")
	for i := 0; b.Len() < size || i < rows; i++ {
		fmt.Fprintf(&b, "2019,县级,潍坊市县市区,成员%07d,,GDP,地区生产总值增速,%%,越大越好,,7.6,2019年1-9月,潍坊市统计局\n", i)
	}
	return b.Bytes()
}

// A 30 MB peer file whose every row is wrong is refused with the count
// of all its problems, read from disk a row at a time: the import holds
// less than twice the file in memory at its peak.
func TestRefusedFileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 30 MB file")
	}
	s := peers.NewStore(dbtest.SQLite(t))
	body := badLevels(30<<20, 0)
	rows := bytes.Count(body, []byte("\n")) - 1
	file := xlsxtest.FileOnDisk(t, "peers.csv", body)
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
		_, err = s.Import(context.Background(), office, tbl, 2019, false)
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

// Once the problems kept are full, a value given twice further down is
// not seen, nor is the new group's missing zone: the count says it is a
// floor.
func TestRefusedFileCountIsAFloor(t *testing.T) {
	s := peers.NewStore(dbtest.SQLite(t))
	twice := "2019,市级,潍坊市县市区,成员0000001,,GDP,,,,,7.7,,\n" // a value the file already gives
	body := append(badLevels(0, i18n.MaxStoredProblems+10), twice...)
	_, err := s.Import(context.Background(), office, streamed(t, body), 2019, false)
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) || !ierr.Partial || ierr.Count() != i18n.MaxStoredProblems+10 {
		t.Fatalf("refused with %v", err)
	}

	// Under the bound, the same slips are counted, and the count is exact:
	// ten levels, the value given twice, the zone.
	body = append(badLevels(0, 10), twice...)
	_, err = s.Import(context.Background(), office, streamed(t, body), 2019, false)
	if !errors.As(err, &ierr) || ierr.Partial || ierr.Count() != 12 {
		t.Fatalf("refused with %v", err)
	}
}

// streamed is a CSV body as an upload is read, a row at a time.
func streamed(t *testing.T, body []byte) *xlsx.Table {
	t.Helper()
	tbl, err := xlsx.Bytes("peers.csv", body).Table()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tbl.Close() })
	return tbl
}
