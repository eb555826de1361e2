package planio_test

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// mtaFile is the MTA's NYC Transit indicator feed, kept outside the
// repository (see shared/data/mta/SOURCE.md beside it), relative to this package.
const mtaFile = "../../../shared/data/mta/mta_nyct_performance_2008_2018.csv"

// mtaBytes reads the MTA file, or skips the test where it is absent.
func mtaBytes(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(mtaFile)
	if os.IsNotExist(err) {
		t.Skipf("the MTA data set is not at %s; see docs/MTA.md", mtaFile)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rawCSV splits a CSV file the plain way, byte by byte: commas and line
// feeds outside double quotes end fields and records, and "" inside quotes
// is a quote. It shares no code with gaoxin's reader, so it can check it.
// It also counts the file's physical lines.
func rawCSV(b []byte) (records [][]string, lines int) {
	var rec []string
	var field []byte
	quoted := false
	end := func() { rec = append(rec, string(field)); field = field[:0] }
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\n':
			lines++
			if quoted {
				field = append(field, c)
				continue
			}
			field = []byte(strings.TrimSuffix(string(field), "\r"))
			end()
			records, rec = append(records, rec), nil
		case c == '"' && quoted && i+1 < len(b) && b[i+1] == '"':
			field = append(field, '"')
			i++
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			end()
		default:
			field = append(field, c)
		}
	}
	return records, lines
}

// mtaRow is one record of the MTA file as the test reads it.
type mtaRow struct {
	seq, parent, name, description, direction string
	year, month                               int
	ytdTarget, ytdActual, monthlyActual       float64
	monthlyMissing                            bool
}

// parseMTA reads the records into rows; the header must be the one
// SOURCE.md describes.
func parseMTA(t *testing.T, records [][]string) []mtaRow {
	t.Helper()
	want := "INDICATOR_SEQ,PARENT_SEQ,AGENCY_NAME,INDICATOR_NAME,DESCRIPTION,CATEGORY,FREQUENCY,DESIRED_CHANGE," +
		"INDICATOR_UNIT,DECIMAL_PLACES,PERIOD_YEAR,PERIOD_MONTH,YTD_TARGET,YTD_ACTUAL,MONTHLY_TARGET,MONTHLY_ACTUAL"
	if got := strings.Join(records[0], ","); got != want {
		t.Fatalf("header = %s", got)
	}
	var rows []mtaRow
	for _, r := range records[1:] {
		if len(r) != 16 {
			t.Fatalf("a record of %d fields: %q", len(r), r)
		}
		row := mtaRow{seq: r[0], parent: r[1], name: latin1(r[3]), description: latin1(r[4]), direction: r[7],
			year: atoi(t, r[10]), month: atoi(t, r[11]), ytdTarget: atof(t, r[12]), ytdActual: atof(t, r[13])}
		if r[15] == "" {
			row.monthlyMissing = true
		} else {
			row.monthlyActual = atof(t, r[15])
		}
		rows = append(rows, row)
	}
	return rows
}

// latin1 decodes bytes one to one. That is Windows-1252 exactly for this
// file, whose only byte above 0x7F is 0xA0 (a no-break space in both); the
// file test checks that.
func latin1(s string) string {
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not a whole number: %q", s)
	}
	return n
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

// gaoxinCode is the indicator a row becomes: a child's is its parent's
// when the parent is in the file, else its own.
func gaoxinCode(r mtaRow, seqs map[string]bool) string {
	if r.parent != "0" && seqs[r.parent] {
		return r.parent
	}
	return r.seq
}

// runningSum reports, per indicator, whether every year-to-date actual is
// the sum of the year's monthly actuals so far (to half a unit): the YTD
// rule of ridership, as against running means and rolling figures.
func runningSum(rows []mtaRow) map[string]bool {
	out := map[string]bool{}
	sum := map[string]float64{}
	for _, r := range rows {
		k := r.seq + "/" + strconv.Itoa(r.year)
		if r.month == 1 {
			sum[k] = 0
		}
		sum[k] += r.monthlyActual
		if _, seen := out[r.seq]; !seen {
			out[r.seq] = true
		}
		if r.monthlyMissing || math.Abs(sum[k]-r.ytdActual) > 0.5 {
			out[r.seq] = false
		}
	}
	return out
}

// expectedStatus is the status gaoxin should give a year-to-date actual
// against a year-to-date target, computed here from the definition: the
// completion ratio in the indicator's direction (a lower-is-better ratio
// capped at 1.2, reached at zero) against the default thresholds 1.00,
// 0.90 and 0.75; no status without a target or for an unscored indicator.
func expectedStatus(direction string, target, actual float64) string {
	if direction == "N" || target == 0 {
		return "none"
	}
	ratio := max(actual/target, 0)
	if direction == "D" {
		ratio = 1.2
		if actual > 0 {
			ratio = min(target/actual, 1.2)
		}
	}
	switch r := ratio + 1e-9; {
	case r >= 1:
		return "ahead"
	case r >= 0.9:
		return "on_track"
	case r >= 0.75:
		return "behind"
	}
	return "serious"
}

// mtaUnits reads, from the figure mapping as plain JSON, which gaoxin unit
// each MTA indicator's figures belong to.
func mtaUnits(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("testdata/mta_figures.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Values struct {
			Unit map[string]string `json:"unit"`
		} `json:"values"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m.Values.Unit
}

func TestMTAFileIsTheOneDescribed(t *testing.T) {
	raw := mtaBytes(t)
	records, lines := rawCSV(raw)
	rows := parseMTA(t, records)
	seqs, months, broken, padded := map[string]bool{}, map[[2]int]bool{}, 0, map[string]bool{}
	for _, r := range rows {
		seqs[r.seq], months[[2]int{r.year, r.month}] = true, true
		if strings.Contains(r.description, "\n") {
			broken++
		}
		if r.name != strings.TrimSpace(r.name) {
			padded[r.seq] = true
		}
	}
	high := 0
	for _, c := range raw {
		if c >= 0x80 && c != 0xA0 {
			t.Fatalf("byte %#x: the file holds more than no-break spaces above ASCII", c)
		}
		if c == 0xA0 {
			high++
		}
	}
	if len(rows) != 9213 || len(seqs) != 86 || len(months) != 125 || lines != 9454 || broken != 120 || high != 2442 {
		t.Errorf("%d records, %d indicators, %d months, %d lines, %d with line breaks, %d bytes 0xA0; "+
			"SOURCE.md says 9213, 86, 125, 9454, 120 (and 2442)", len(rows), len(seqs), len(months), lines, broken, high)
	}
	if len(padded) != 7 {
		t.Errorf("%d indicators have names with spaces around them, want 7", len(padded))
	}
	units := mtaUnits(t)
	byUnit := map[string]int{}
	for seq := range seqs {
		if units[seq] == "" {
			t.Errorf("the figure mapping gives indicator %s no unit", seq)
		}
		byUnit[units[seq][:2]]++
	}
	// 24 lines with two indicators each, 20 depots with one, 18 top-level indicators.
	if byUnit["L-"] != 48 || byUnit["D-"] != 20 || byUnit["NY"] != 18 {
		t.Errorf("indicators by kind of unit = %v", byUnit)
	}
}
