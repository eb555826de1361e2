package planio_test

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/planio"
	"gaoxin/internal/xlsx"
	"gaoxin/internal/xlsx/xlsxtest"
)

// badFigures is a figures file of about size bytes, or of rows rows, whose
// every row gives a figure of ZL01 for the zone itself, which the
// indicator is not shared to, and a value that is not a number: two
// problems a row, each found by the row alone.
func badFigures(size, rows int) []byte {
	var b bytes.Buffer
	b.WriteString("指标编码,单位编码,月份,数值,说明\n")
	for i := 0; b.Len() < size || i < rows; i++ {
		fmt.Fprintf(&b, "ZL01,GX,1,不详,第%d条：统计局月报尚未发布\n", i)
	}
	return b.Bytes()
}

// A 30 MB figures file whose every row is wrong is refused with the count
// of all its problems, read from disk a row at a time: the import holds
// less than twice the file in memory at its peak.
func TestRefusedFileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 30 MB file")
	}
	d := dbtest.SQLite(t)
	figurePlan(t, d)
	body := badFigures(30<<20, 0)
	rows := bytes.Count(body, []byte("\n")) - 1
	file := xlsxtest.FileOnDisk(t, "figures.csv", body)
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
		_, err = planio.ImportFigures(ctx, d, office, 2019, tbl, planio.Mapping{}, false)
	})
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) || ierr.Count() != 2*rows || len(ierr.Rows) != i18n.MaxStoredProblems || ierr.Partial {
		t.Fatalf("%d rows, each wrong twice: %v", rows, err)
	}
	t.Logf("a %d MB file of %d bad rows: peak heap %d MB", file.Size>>20, rows, peak>>20)
	if peak > 2*uint64(file.Size) {
		t.Errorf("the refused file took %d MB of heap, over twice its %d MB", peak>>20, file.Size>>20)
	}
	if n := figureCount(t, d); n != 0 {
		t.Errorf("a refused file wrote %d figures", n)
	}
}

// What the figures import remembers of the rows before is bounded by the
// plan (a repeat is an assignment and a month), so it keeps checking
// repeats past the problems it keeps: a repeat far down is counted, and
// the count stays exact.
func TestRefusedFiguresCountIsExact(t *testing.T) {
	d := dbtest.SQLite(t)
	figurePlan(t, d)
	body := badFigures(0, i18n.MaxStoredProblems/2)
	body = append(body, "ZL01,KCJ,1,10,\nZL01,KCJ,1,11,\n"...)
	tbl, err := xlsx.Read("figures.csv", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	_, err = planio.ImportFigures(ctx, d, office, 2019, tbl, planio.Mapping{}, false)
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) || ierr.Partial || ierr.Count() != i18n.MaxStoredProblems+1 || len(ierr.Rows) != i18n.MaxStoredProblems {
		t.Fatalf("refused with %v", err)
	}
}

// Once the problems kept are full, the indicators import no longer
// remembers which units an indicator was shared to: a unit given twice
// further down is not seen, and the count says it is a floor.
func TestRefusedIndicatorsCountIsAFloor(t *testing.T) {
	d := dbtest.SQLite(t)
	zone(t, d)
	// Five columns a new indicator needs are missing (row 1), and every
	// row names a unit there is none of.
	const missing = 5
	var b bytes.Buffer
	b.WriteString("指标编码,指标名称,单位编码\n")
	for i := range i18n.MaxStoredProblems - missing {
		fmt.Fprintf(&b, "ZL01,专利申请量,U%06d\n", i)
	}
	b.WriteString("ZL01,,KCJ\nZL01,,KCJ\n")
	tbl, err := xlsx.Read("plan.csv", &b)
	if err != nil {
		t.Fatal(err)
	}
	_, err = planio.ImportIndicators(ctx, d, office, 2019, tbl, planio.Mapping{}, false)
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) || !ierr.Partial || ierr.Count() != i18n.MaxStoredProblems {
		t.Fatalf("refused with %v", err)
	}
}

// A streamed file broken further down than its header is refused with the
// reader's own error, whichever import reads it.
func TestStreamedFileBrokenFurtherDown(t *testing.T) {
	d := dbtest.SQLite(t)
	figurePlan(t, d)
	body := []byte("指标编码,单位编码,月份,数值\nZL01,KCJ,1,10\nZL01,KCJ,2,\"1\"0\n")
	for name, run := range map[string]func(*xlsx.Table) error{
		"figures": func(tbl *xlsx.Table) error {
			_, err := planio.ImportFigures(ctx, d, office, 2019, tbl, planio.Mapping{}, false)
			return err
		},
		"indicators": func(tbl *xlsx.Table) error {
			_, err := planio.ImportIndicators(ctx, d, office, 2019, tbl, planio.Mapping{}, false)
			return err
		},
	} {
		tbl, err := xlsx.Bytes("broken.csv", body).Table()
		if err != nil {
			t.Fatal(err)
		}
		var rerr *xlsx.ReadError
		if err := run(tbl); !errors.As(err, &rerr) {
			t.Errorf("%s: a file broken on row 3 gave %v, want the reader's error", name, err)
		}
		tbl.Close()
	}
}
