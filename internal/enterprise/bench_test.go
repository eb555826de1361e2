package enterprise_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/xlsx"
)

// benchSet is the data set of bench_data_test.go, opened.
type benchSet struct {
	dir      string
	units    *db.DB // the unit tree alone, copied for every import
	registry *db.DB
	file     []byte // register.xlsx
	zone     string // the path of the zone whose subtree holds the most firms
	inZone   func(unitID int64) bool
}

var (
	benchOnce sync.Once
	benchData *benchSet
	benchErr  error
	benchTemp string // removed after the run; empty when the data set is kept
)

// TestMain removes the data set's temporary directory after the run; it
// adds nothing to a run that benchmarks nothing.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchData != nil {
		benchData.units.Close()
		benchData.registry.Close()
	}
	if benchTemp != "" {
		os.RemoveAll(benchTemp)
	}
	os.Exit(code)
}

func benchSetFor(b *testing.B) *benchSet {
	b.Helper()
	benchOnce.Do(func() { benchData, benchErr = openBenchSet(b) })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchData
}

func openBenchSet(b *testing.B) (*benchSet, error) {
	ctx := context.Background()
	dir := os.Getenv(benchEnvDir)
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "gaoxin-enterprise-bench-"); err != nil {
			return nil, err
		}
		benchTemp = dir
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ready := filepath.Join(dir, "ready")
	if _, err := os.Stat(ready); err != nil {
		for _, name := range []string{"units.db", "registry.db", "register.xlsx"} {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(filepath.Join(dir, name+suffix))
			}
		}
		if err := buildBenchSet(ctx, b, dir); err != nil {
			return nil, err
		}
		if err := os.WriteFile(ready, []byte("complete\n"), 0o644); err != nil {
			return nil, err
		}
	} else {
		b.Logf("using the data set kept in %s", dir)
	}
	s := &benchSet{dir: dir}
	var err error
	if s.units, err = db.Open(ctx, filepath.Join(dir, "units.db")); err != nil {
		return nil, err
	}
	if s.registry, err = db.Open(ctx, filepath.Join(dir, "registry.db")); err != nil {
		return nil, err
	}
	if s.file, err = os.ReadFile(filepath.Join(dir, "register.xlsx")); err != nil {
		return nil, err
	}
	return s, s.chooseZone(ctx)
}

// chooseZone picks the zone (a unit just under the root) whose subtree
// holds the most firms: the unit scope of the filtered benchmarks.
func (s *benchSet) chooseZone(ctx context.Context) error {
	rows, err := s.registry.Query(ctx, "SELECT u.id, u.path, COUNT(e.id) FROM units u LEFT JOIN enterprises e ON e.unit_id = u.id GROUP BY u.id, u.path")
	if err != nil {
		return err
	}
	paths := map[int64]string{}
	byZone := map[string]int{}
	for rows.Next() {
		var id int64
		var path string
		var n int
		if err := rows.Scan(&id, &path, &n); err != nil {
			rows.Close()
			return err
		}
		paths[id] = path
		if parts := strings.Split(strings.Trim(path, "/"), "/"); len(parts) >= 2 {
			byZone["/"+parts[0]+"/"+parts[1]+"/"] += n
		}
	}
	rows.Close()
	for zone, n := range byZone {
		if s.zone == "" || n > byZone[s.zone] || n == byZone[s.zone] && zone < s.zone {
			s.zone = zone
		}
	}
	s.inZone = func(id int64) bool { return strings.HasPrefix(paths[id], s.zone) }
	return rows.Err()
}

func benchStore(d *db.DB) *enterprise.Store {
	s := enterprise.NewStore(d)
	s.SetClock(func() time.Time { return benchToday })
	return s
}

// benchRegistry runs Store.Registry with f, reporting its rows and how
// many of them hold a 高新 certificate.
func benchRegistry(b *testing.B, f enterprise.Filter) {
	s := benchSetFor(b)
	st := benchStore(s.registry)
	b.ReportAllocs()
	var rows []enterprise.Row
	var c enterprise.Counts
	for b.Loop() {
		var err error
		if rows, c, err = st.Registry(benchCtx, benchDay, benchYear, f); err != nil {
			b.Fatal(err)
		}
	}
	if c.Firms != len(rows) {
		b.Fatalf("%d rows counted as %d", len(rows), c.Firms)
	}
	b.ReportMetric(float64(len(rows)), "rows")
	b.ReportMetric(float64(c.ByKind[enterprise.HighTech]), "hightech")
}

// BenchmarkRegistryFiltered is the register page's view of one zone's
// subtree, with and without a search: Store.Registry with a view, the
// zone's units and a word of firm names. Goal: under 150 ms.
func BenchmarkRegistryFiltered(b *testing.B) {
	for _, v := range []enterprise.View{enterprise.LargeNotHighTech, enterprise.GazelleFirms, enterprise.AllFirms} {
		for _, search := range []string{"", benchSearch} {
			name := string(v)
			if name == "" {
				name = "all"
			}
			if search != "" {
				name += "+search"
			}
			b.Run(name, func(b *testing.B) {
				s := benchSetFor(b)
				benchRegistry(b, enterprise.Filter{View: v, Units: s.inZone, Search: search})
			})
		}
	}
}

// BenchmarkRegistryProvince is a view of the whole province, all units in
// scope: what a province-level user's page reads. No goal; for scale.
func BenchmarkRegistryProvince(b *testing.B) {
	every := func(int64) bool { return true }
	for _, c := range []struct {
		name string
		f    enterprise.Filter
	}{
		{"large_not_hightech", enterprise.Filter{View: enterprise.LargeNotHighTech, Units: every}},
		{"gazelle", enterprise.Filter{View: enterprise.GazelleFirms, Units: every}},
		{"search", enterprise.Filter{Search: benchSearch, Units: every}},
		{"all", enterprise.Filter{}},
	} {
		b.Run(c.name, func(b *testing.B) { benchRegistry(b, c.f) })
	}
}

// benchImport imports the register file into a fresh copy of the unit
// tree; the copy is made outside the timer by the caller.
func benchImport(b *testing.B, s *benchSet, d *db.DB) enterprise.ImportSummary {
	sum, err := benchStore(d).Import(benchCtx, audit.System, benchYear, xlsx.Bytes("企业名录.xlsx", s.file))
	if err != nil {
		b.Fatal(err)
	}
	if sum.Created != benchFirms || sum.Years != benchFirms {
		b.Fatalf("import = %+v", sum)
	}
	return sum
}

// freshUnits is a new file database holding only the unit tree.
func freshUnits(b *testing.B, s *benchSet, n int) (*db.DB, string) {
	path := filepath.Join(s.dir, "import-"+strconv.Itoa(n)+".db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	if err := s.units.Backup(benchCtx, path); err != nil {
		b.Fatal(err)
	}
	d, err := db.Open(benchCtx, path)
	if err != nil {
		b.Fatal(err)
	}
	return d, path
}

func dropUnits(d *db.DB, path string) {
	d.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// BenchmarkImport200k is Store.Import of the 200,000-row register file
// into a registry without firms: read, checked and written, all or
// nothing. Goal: at least half the speed of BenchmarkReadXlsx200k.
func BenchmarkImport200k(b *testing.B) {
	s := benchSetFor(b)
	b.ReportAllocs()
	var sum enterprise.ImportSummary
	n := 0
	for b.Loop() {
		b.StopTimer()
		d, path := freshUnits(b, s, n)
		n++
		b.StartTimer()
		sum = benchImport(b, s, d)
		b.StopTimer()
		dropUnits(d, path)
		b.StartTimer()
	}
	b.ReportMetric(float64(sum.Tiers), "grants")
	b.ReportMetric(float64(benchFirms)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadXlsx200k is the import's floor: the same file's rows read
// and nothing done with them, by internal/xlsx (which the import reads
// with) and by excelize's row iterator alone.
func BenchmarkReadXlsx200k(b *testing.B) {
	s := benchSetFor(b)
	b.Run("xlsx.Read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			benchRead(b, s)
		}
	})
	b.Run("excelize.Rows", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			readWithExcelize(b, s)
		}
	})
}

// readWithExcelize reads every row of the file with excelize's row
// iterator and nothing else: the library alone, the import's floor.
func readWithExcelize(b *testing.B, s *benchSet) {
	f, err := excelize.OpenReader(bytes.NewReader(s.file))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if _, err := rows.Columns(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if n != benchFirms+1 {
		b.Fatalf("%d rows", n)
	}
}

func benchRead(b *testing.B, s *benchSet) {
	t, err := xlsx.Read("企业名录.xlsx", bytes.NewReader(s.file))
	if err != nil {
		b.Fatal(err)
	}
	if len(t.Rows) != benchFirms {
		b.Fatalf("%d rows", len(t.Rows))
	}
}

// BenchmarkImportVsRead reads the file with excelize alone and imports it
// in each iteration, one after the other, so that both see the same state
// of a machine whose speed drifts, and reports the median of each and
// their ratio. Goal: a ratio of at most 2 (half the library's speed).
func BenchmarkImportVsRead(b *testing.B) {
	s := benchSetFor(b)
	var reads, imports []time.Duration
	n := 0
	for b.Loop() {
		b.StopTimer()
		d, path := freshUnits(b, s, n)
		n++
		b.StartTimer()
		start := time.Now()
		readWithExcelize(b, s)
		mid := time.Now()
		benchImport(b, s, d)
		reads, imports = append(reads, mid.Sub(start)), append(imports, time.Since(mid))
		b.StopTimer()
		dropUnits(d, path)
		b.StartTimer()
	}
	mi, mr := median(imports), median(reads)
	b.ReportMetric(mi.Seconds(), "s-import")
	b.ReportMetric(mr.Seconds(), "s-read")
	b.ReportMetric(float64(mi)/float64(mr), "ratio")
}

func median(list []time.Duration) time.Duration {
	sorted := slices.Clone(list)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

var benchCtx = context.Background()
