package briefing_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gaoxin/internal/briefing"
	"gaoxin/internal/db"
	"gaoxin/internal/demo"
	"gaoxin/internal/i18n"
)

// The benchmarks share one data set, built in a SQLite file the first time
// a benchmark asks for it (never by a test): the province data set of
// demo.ProvinceScale — 2,000 units, 2,000 indicators, 100,000 assignments
// and a year of figures — and beside it a province's portfolio of 20,000
// projects reported January to November, 5,000 supervised tasks, 50,000
// enterprise requests over the year, and Q3 published for four classes of
// 480 units. Building it takes a few minutes; with
// GAOXIN_BENCH_BRIEFING_DIR set to a directory the file is kept there and
// used again by the next run.
//
//	go test -run '^$' -bench . -benchtime 5x ./internal/briefing/

const benchEnvDir = "GAOXIN_BENCH_BRIEFING_DIR"

// benchNow is 10:00 China time on 9 December of the generated year:
// November's briefing is being written.
var benchNow = time.Date(demo.ScaleYear, time.December, 9, 2, 0, 0, 0, time.UTC)

var (
	benchOnce sync.Once
	benchDB   *db.DB
	benchErr  error
	benchTemp string // removed after the run; empty when the data set is kept
)

// TestMain closes the data set and removes its temporary directory after
// the run; it adds nothing to a run that benchmarks nothing.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDB != nil {
		benchDB.Close()
	}
	if benchTemp != "" {
		os.RemoveAll(benchTemp)
	}
	os.Exit(code)
}

func benchData(b *testing.B) *db.DB {
	b.Helper()
	benchOnce.Do(func() { benchDB, benchErr = openBench(b) })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDB
}

func openBench(b *testing.B) (*db.DB, error) {
	dir := os.Getenv(benchEnvDir)
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "gaoxin-briefing-bench-"); err != nil {
			return nil, err
		}
		benchTemp = dir
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "province.db")
	if _, err := os.Stat(filepath.Join(dir, "ready")); err == nil {
		b.Logf("using the data set kept in %s", dir)
		return db.Open(ctx, path)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
	d, err := db.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := demo.GenerateScale(ctx, d, demo.ProvinceScale); err != nil {
		return nil, err
	}
	b.Logf("generated the province data set in %s", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	if err := writeBenchModules(d); err != nil {
		return nil, err
	}
	b.Logf("wrote the projects, tasks, requests and results in %s", time.Since(start).Round(time.Millisecond))
	return d, os.WriteFile(filepath.Join(dir, "ready"), []byte("complete\n"), 0o644)
}

// BenchmarkBuildProvince computes November's briefing of the province:
// the board of 100,000 assignments with the explanations of the units
// behind, the published results, the portfolio's lights, the tasks'
// colours and the month's requests. Goal: under 2 s.
func BenchmarkBuildProvince(b *testing.B) {
	d := benchData(b)
	b.ReportAllocs()
	var br *briefing.Briefing
	for b.Loop() {
		var err error
		if br, err = briefing.Build(ctx, d, demo.ScaleYear, 11, benchNow); err != nil {
			b.Fatal(err)
		}
	}
	units := 0
	for _, l := range br.Lagging {
		units += len(l.Units)
	}
	if br.Plan.Indicators != demo.ProvinceScale.Indicators || br.Projects.Count != benchProjects || br.Tasks.Count != benchTasks ||
		len(br.Rankings.Classes) != 4 || br.Requests.Received == 0 {
		b.Fatalf("briefing of %d indicators, %d projects, %d tasks, %d classes, %d requests", br.Plan.Indicators, br.Projects.Count,
			br.Tasks.Count, len(br.Rankings.Classes), br.Requests.Received)
	}
	b.ReportMetric(float64(len(br.Lagging)), "lagging")
	b.ReportMetric(float64(units), "units_behind")
}

// BenchmarkWorkbookProvince writes the province's briefing as a workbook.
func BenchmarkWorkbookProvince(b *testing.B) {
	d := benchData(b)
	br, err := briefing.Build(ctx, d, demo.ScaleYear, 11, benchNow)
	if err != nil {
		b.Fatal(err)
	}
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := br.WriteXLSX(&buf, i18n.ZH, briefing.Edition{AsOf: "2024-12-09"}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes")
}
