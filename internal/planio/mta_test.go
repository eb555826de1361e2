package planio_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/planio"
	"gaoxin/internal/xlsx"
)

// mtaYear is the year whose figures the test imports: the last complete one.
const mtaYear = 2017

// mtaFacts is what the test's own reading of the file says of it.
type mtaFacts struct {
	rows       []mtaRow
	seqs       map[string]bool           // every indicator of the file
	byYear     map[int]map[string]bool   // the indicators reported in each year
	codes      map[int]map[string]bool   // the gaoxin indicators each year needs
	last       map[int]map[string]mtaRow // each indicator's last row of a year
	tops       map[int]int               // top-level indicators reported in a year
	topRows    map[int]int               // and their rows
	runningSum map[string]bool
}

func mtaFactsOf(rows []mtaRow) *mtaFacts {
	f := &mtaFacts{rows: rows, seqs: map[string]bool{}, byYear: map[int]map[string]bool{}, codes: map[int]map[string]bool{},
		last: map[int]map[string]mtaRow{}, tops: map[int]int{}, topRows: map[int]int{}, runningSum: runningSum(rows)}
	for _, r := range rows {
		f.seqs[r.seq] = true
	}
	for _, r := range rows {
		if f.byYear[r.year] == nil {
			f.byYear[r.year], f.codes[r.year], f.last[r.year] = map[string]bool{}, map[string]bool{}, map[string]mtaRow{}
		}
		top := gaoxinCode(r, f.seqs) == r.seq
		if top && !f.byYear[r.year][r.seq] {
			f.tops[r.year]++
		}
		if top {
			f.topRows[r.year]++
		}
		f.byYear[r.year][r.seq], f.codes[r.year][gaoxinCode(r, f.seqs)] = true, true
		f.last[r.year][r.seq] = r
	}
	return f
}

// mtaTable reads the file through gaoxin's reader, as the command does
// with --encoding windows-1252.
func mtaTable(t *testing.T, raw []byte) *xlsx.Table {
	t.Helper()
	tbl, err := xlsx.ReadEncoded("mta_nyct_performance_2008_2018.csv", bytes.NewReader(raw), "windows-1252")
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

func mtaMapping(t *testing.T, name string, year int) planio.Mapping {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := planio.ReadMapping(f)
	if err != nil {
		t.Fatal(err)
	}
	m.Filter = map[string]planio.List{"PERIOD_YEAR": {strconv.Itoa(year)}}
	return m
}

func TestMTAImport(t *testing.T) {
	raw := mtaBytes(t)
	records, _ := rawCSV(raw)
	facts := mtaFactsOf(parseMTA(t, records))
	tbl := mtaTable(t, raw)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		mtaUnitsImport(t, d)
		mtaEveryYear(t, d, tbl, facts)
		res := mustFigures(t, d, mtaYear, tbl, mtaMapping(t, "mta_figures.json", mtaYear))
		if want := (planio.Result{Rows: 1007, Skipped: 9213 - 1007, Targets: 84, Periods: 12, Figures: planio.Counts{Created: 1007}}); res != want {
			t.Fatalf("figures of %d = %+v, want %+v", mtaYear, res, want)
		}
		_, byCode, _ := planOf(t, d, mtaYear)
		mtaText(t, byCode, facts)
		mtaSemantics(t, byCode, facts)
		boards := mtaBoards(t, d)
		mtaHandPicked(t, boards, byCode)
		mtaEveryStatus(t, boards, byCode, facts)
	})
}

// mtaUnitsImport creates NYC Transit, its three divisions, 24 subway lines
// and 20 bus depots through the unit import.
func mtaUnitsImport(t *testing.T, d *db.DB) {
	t.Helper()
	f, err := os.Open("testdata/mta_units.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tbl, err := xlsx.Read("mta_units.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	s := org.NewStore(d)
	if res, err := s.Import(ctx, office, tbl, false); err != nil || res.Created != 48 {
		t.Fatalf("units import = %+v, %v", res, err)
	}
	units, _ := s.All(ctx)
	under := map[string]int{}
	byID := map[int64]string{}
	for _, u := range units {
		byID[u.ID] = u.Code
	}
	for _, u := range units {
		under[byID[u.ParentID]]++
	}
	if len(units) != 48 || under["NYCT-SUB"] != 24 || under["NYCT-BUS"] != 20 || under["NYCT"] != 3 {
		t.Fatalf("%d units, by parent %v", len(units), under)
	}
}

// mtaEveryYear imports the indicators of every year of the file, a plan
// each, and checks that every MTA indicator arrives: 86 in all, each one a
// gaoxin indicator shared to one unit, under 18 indicator codes.
func mtaEveryYear(t *testing.T, d *db.DB, tbl *xlsx.Table, facts *mtaFacts) {
	t.Helper()
	codes := map[string]bool{}
	for year := 2008; year <= 2018; year++ {
		res := mustIndicators(t, d, year, tbl, mtaMapping(t, "mta_indicators.json", year))
		// A top-level indicator's row is both the zone's row and its
		// division's; "repeats": "last" keeps one row of each per year.
		seqs, zoneRows := len(facts.byYear[year]), facts.tops[year]
		want := planio.Result{Rows: seqs + zoneRows, Skipped: 9213 + facts.topRows[year] - seqs - zoneRows, PlanCreated: true,
			Nodes: 3, Indicators: planio.Counts{Created: len(facts.codes[year])}, Assignments: seqs, Targets: seqs + zoneRows}
		if res != want {
			t.Errorf("indicators of %d = %+v, want %+v", year, res, want)
		}
		_, byCode, _ := planOf(t, d, year)
		for code := range byCode {
			codes[code] = true
		}
	}
	if len(facts.byYear[mtaYear]) != 84 || len(facts.codes[mtaYear]) != 17 {
		t.Errorf("%d: %d MTA indicators under %d codes, want 84 under 17", mtaYear, len(facts.byYear[mtaYear]), len(facts.codes[mtaYear]))
	}
	if n := mtaPairs(t, d); n != 86 || len(codes) != 18 {
		t.Errorf("over every year: %d indicators shared to a unit (want the file's 86) under %d codes (want 18)", n, len(codes))
	}
}

// mtaPairs counts the distinct indicator codes and units shared over every plan.
func mtaPairs(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	err := d.QueryRow(ctx, `SELECT COUNT(*) FROM (SELECT DISTINCT i.code, a.unit_id FROM assignments a
		JOIN indicators i ON i.id = a.indicator_id) pairs`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// mtaText checks the file's text traps: the encoding, a quoted description
// with line breaks, and names with spaces around them.
func mtaText(t *testing.T, byCode map[string]plan.Indicator, facts *mtaFacts) {
	t.Helper()
	otp := byCode["391690"].Description
	if !strings.Contains(otp, "service plan\u00a0in effect") || strings.ContainsRune(otp, 'Â') || strings.ContainsRune(otp, '\uFFFD') {
		t.Errorf("a no-break space read wrong: %q", otp)
	}
	ride := facts.last[mtaYear]["103929"].description
	if !strings.Contains(ride, "review.\n") || byCode["103929"].Description != strings.TrimSpace(ride) ||
		!strings.HasSuffix(byCode["103929"].Description, "adjustments warranted by annual audit review.") {
		t.Errorf("the ridership description, quoted across lines, reads %q", byCode["103929"].Description)
	}
	if a, b := byCode["204043"].Name, byCode["374956"].Name; a != "Total Ridership - NYCT Bus" || b != "Bus Passenger Wheelchair Lift Usage - NYCT Bus" {
		t.Errorf("names not trimmed: %q, %q", a, b)
	}
	if in := byCode["391690"]; in.UOM != "%" || in.Precision != 1 || in.Direction != plan.Higher || in.Aggregation != plan.None {
		t.Errorf("OTP (Terminal) = %+v", in)
	}
	if in := byCode["100360"]; in.UOM != "" || in.Direction != plan.Lower || in.Precision != 2 {
		t.Errorf("Employee Lost Time = %+v", in)
	}
}

// mtaSemantics checks the mapping's YTD rule against the data: the
// indicators whose year-to-date actual is a running sum are cumulative,
// every other one a ratio (a running mean or a rolling figure).
func mtaSemantics(t *testing.T, byCode map[string]plan.Indicator, facts *mtaFacts) {
	t.Helper()
	for code, in := range byCode {
		want := plan.Ratio
		if facts.runningSum[code] {
			want = plan.Cumulative
		}
		if in.Semantics != want {
			t.Errorf("%s %s is %s, but its YTD rule says %s", code, in.Name, in.Semantics, want)
		}
	}
}

// mtaBoards loads the dashboard at every month of the year.
func mtaBoards(t *testing.T, d *db.DB) [13]*dashboard.Board {
	t.Helper()
	var boards [13]*dashboard.Board
	for m := 1; m <= 12; m++ {
		b, err := dashboard.Load(ctx, d, mtaYear, m)
		if err != nil {
			t.Fatal(err)
		}
		boards[m] = b
	}
	return boards
}

// unitProgress finds one unit's progress on an indicator.
func unitProgress(b *dashboard.Board, in plan.Indicator, unit string) (dashboard.UnitProgress, bool) {
	for _, up := range b.Indicator(in.ID).ByUnit {
		if up.Unit.Code == unit {
			return up, true
		}
	}
	return dashboard.UnitProgress{}, false
}
