package planio_test

import (
	"math"
	"testing"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/plan"
)

// mtaHandPicked checks months read off the file by hand: the year-to-date
// actual against the year-to-date target in the indicator's direction.
func mtaHandPicked(t *testing.T, boards [13]*dashboard.Board, byCode map[string]plan.Indicator) {
	t.Helper()
	cases := []struct {
		code, unit string
		month      int
		ytd        float64
		status     string
	}{
		{"391690", "L-1", 6, 68.22, "on_track"},            // OTP 1 line: 68.22 / 75.00 = 91.0%
		{"392289", "L-1", 12, 76.43, "on_track"},           // wait assessment 1 line: 76.43 / 82.54 = 92.6%
		{"391690", "NYCT-SUB", 6, 62.70, "behind"},         // the system's OTP: 62.70 / 75.00 = 83.6%
		{"67923", "NYCT-SUB", 11, 2.82, "behind"},          // injuries, lower is better: 2.51 / 2.82 = 89.0%
		{"67966", "NYCT-SIR", 2, 38640.50, "serious"},      // MDBF: 38,640.5 / 80,000 = 48.3%
		{"100360", "NYCT", 2, 3.05, "ahead"},               // lost time, lower is better: 3.36 / 3.05 = 110.2%
		{"103929", "NYCT-SUB", 12, 1727235307, "on_track"}, // ridership: 1,727,235,307 / 1,773,592,000 = 97.4%
		{"374903", "D-100", 12, 98.26, "on_track"},         // 100th Street depot: 98.26 / 99.36 = 98.9%
		{"166724", "NYCT-BUS", 6, 1.31, "none"},            // a target of 0 is no target
		{"374956", "NYCT-BUS", 12, 1432622, "none"},        // not scored
	}
	for _, c := range cases {
		up, ok := unitProgress(boards[c.month], byCode[c.code], c.unit)
		if !ok {
			t.Errorf("%s has no row for %s", c.code, c.unit)
			continue
		}
		if up.YTD.V != c.ytd || up.Status.String() != c.status {
			t.Errorf("%s %s month %d: %v, %s; want %v, %s", c.code, c.unit, c.month, up.YTD.V, up.Status, c.ytd, c.status)
		}
	}
	// The zone of an indicator with a line per unit has no figure of its
	// own: the lines do not add up to the system (aggregation none).
	if z := boards[6].Indicator(byCode["391690"].ID).Zone; z.Status.String() != "none" || z.YTD.OK {
		t.Errorf("the zone of OTP (Terminal) = %+v", z.Result)
	}
	// A top-level indicator's zone is its one unit's figure against the
	// zone's target, spread over the year by time: ridership in January
	// against 1,773,592,000 / 12.
	z := boards[1].Indicator(byCode["103929"].ID).Zone
	if z.YTD.V != 140288294 || math.Abs(z.Expected.V-1773592000.0/12) > 1e-3 || z.Status.String() != "on_track" {
		t.Errorf("the zone's ridership in January = %+v", z.Result)
	}
	if z := boards[6].Indicator(byCode["67816"].ID).Zone; z.YTD.V != 127275.12 || z.Status.String() != "behind" {
		t.Errorf("the zone's subway MDBF in June = %+v", z.Result)
	}
}

// mtaEveryStatus compares every month of every MTA indicator of the year
// with the dashboard: the unit's figure and status, and the zone's status
// where a top-level indicator has one unit.
func mtaEveryStatus(t *testing.T, boards [13]*dashboard.Board, byCode map[string]plan.Indicator, facts *mtaFacts) {
	t.Helper()
	units := mtaUnits(t)
	counts := map[string]int{}
	for _, r := range facts.rows {
		if r.year != mtaYear {
			continue
		}
		code := gaoxinCode(r, facts.seqs)
		want := expectedStatus(r.direction, r.ytdTarget, r.ytdActual)
		counts[want]++
		up, ok := unitProgress(boards[r.month], byCode[code], units[r.seq])
		if !ok || up.YTD.V != r.ytdActual || up.Status.String() != want {
			t.Errorf("%s (%s) month %d: %v %s, want %v %s", r.seq, units[r.seq], r.month, up.YTD.V, up.Status, r.ytdActual, want)
		}
		// The 序时 value is the MTA's own year-to-date target of the month,
		// not a share of the year's: the imported profile is taken literally.
		if r.ytdTarget != 0 && math.Abs(up.Expected.V-r.ytdTarget) > 1e-9*math.Abs(r.ytdTarget) {
			t.Errorf("%s (%s) month %d: expected %v, want the file's target %v", r.seq, units[r.seq], r.month, up.Expected.V, r.ytdTarget)
		}
		if code == r.seq {
			mtaZoneStatus(t, boards[r.month], byCode[code], r, facts)
		}
	}
	// The same count computed by hand from the file, so that a change in
	// either reading shows.
	if counts["ahead"] != 148 || counts["on_track"] != 511 || counts["behind"] != 195 || counts["serious"] != 117 || counts["none"] != 36 {
		t.Errorf("statuses of %d = %v", mtaYear, counts)
	}
}

// mtaZoneStatus checks a top-level indicator's zone: none where lines or
// depots share it (aggregation none), else its unit's year to date against
// the zone's target of the year (the last row's year-to-date target), which
// time spreads: a twelfth a month for a running sum, all of it from January
// for a ratio.
func mtaZoneStatus(t *testing.T, b *dashboard.Board, in plan.Indicator, r mtaRow, facts *mtaFacts) {
	t.Helper()
	z := b.Indicator(in.ID).Zone
	want := "none"
	if in.Aggregation != plan.None {
		target := facts.last[mtaYear][r.seq].ytdTarget
		if in.Semantics == plan.Cumulative {
			target = target * float64(r.month) / 12
		}
		want = expectedStatus(r.direction, target, r.ytdActual)
	}
	if z.Status.String() != want {
		t.Errorf("zone of %s month %d: %s, want %s", r.seq, r.month, z.Status, want)
	}
}
