package demo_test

import (
	"testing"

	"gaoxin/internal/db"
)

// checkRegister holds the demo's register to the seed's counts, and the
// bound indicators' November figures to counts the test makes from the
// tier rows itself. TestDemo2019 calls it on the demo it loaded.
func checkRegister(t *testing.T, d *db.DB) {
	t.Helper()
	one := func(q string, args ...any) float64 {
		t.Helper()
		var v *float64
		if err := d.QueryRow(ctx, q, args...).Scan(&v); err != nil || v == nil {
			t.Fatalf("%s: %v", q, err)
		}
		return *v
	}
	// Tiers held at the end of November, and granted in November.
	const held = `SELECT CAST(COUNT(*) AS REAL) FROM enterprise_tiers WHERE tier = $1 AND granted_on <= '2019-11-30'
			AND (expires_on = '' OR expires_on > '2019-11-30') AND (ended_on = '' OR ended_on > '2019-11-30')`
	if n := one("SELECT CAST(COUNT(*) AS REAL) FROM enterprises"); n != 400 {
		t.Errorf("%v firms in the register, want 400", n)
	}
	for tier, want := range map[string]float64{"over_100m": 56, "hidden_champion": 11, "champion_pool": 34, "gazelle": 49, "single_champion": 1} {
		if got := one(held, tier); got != want {
			t.Errorf("%s held at the end of November: %v, want %v", tier, got, want)
		}
	}
	if got := one(`SELECT CAST(COUNT(*) AS REAL) FROM enterprise_tiers WHERE tier = 'over_100m' AND granted_on < '2019-01-01'`); got != 53 {
		t.Errorf("firms over 1 亿 by 2018: %v, want the seed's 53", got)
	}
	figure := func(code string) float64 {
		t.Helper()
		return one(`SELECT SUM(f.value) FROM figures f JOIN periods p ON p.id = f.period_id JOIN assignments a ON a.id = f.assignment_id
				JOIN indicators i ON i.id = a.indicator_id WHERE i.code = $1 AND p.year = 2019 AND p.month = 11 AND f.status = 'approved'`, code)
	}
	for code, tier := range map[string]string{"CY11": "over_100m", "KJ05": "gazelle", "KJ06": "hidden_champion"} {
		if got, want := figure(code), one(held, tier); got != want {
			t.Errorf("%s in November = %v, the register holds %v", code, got, want)
		}
	}
	granted := one(`SELECT CAST(COUNT(*) AS REAL) FROM enterprise_tiers WHERE tier = 'hightech' AND granted_on BETWEEN '2019-11-01' AND '2019-11-30'`)
	if got := figure("KJ04"); got != granted || granted != 27 {
		t.Errorf("KJ04 in November = %v, the register granted %v (want 27)", got, granted)
	}
}
