package api_test

import (
	"context"
	"net/http"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// The register through the API: a view's firms and counts as SQL finds
// them, the caller's scope, one firm's history.
func TestEnterprisesAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		count := func(q string) int {
			var n int
			if err := d.QueryRow(ctx, q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		status, out := f.get("kaohe", "/api/v1/enterprises?view=gazelle")
		want := count(`SELECT COUNT(*) FROM enterprise_tiers WHERE tier = 'gazelle' AND granted_on <= '2019-12-09' AND ended_on = ''`)
		list, _ := out["enterprises"].([]any)
		totals, _ := out["totals"].(map[string]any)
		byTier, _ := totals["by_tier"].(map[string]any)
		if status != http.StatusOK || len(list) != want || want == 0 || int(byTier["gazelle"].(float64)) != want {
			t.Fatalf("gazelles: %d, %d listed, want %d; totals %v", status, len(list), want, totals)
		}
		if status, out := f.get("kaohe", "/api/v1/enterprises?view=unicorns"); status != http.StatusBadRequest {
			t.Fatalf("an unknown view: %d %v", status, out)
		}
		// 新城街道's head sees its own firms only.
		status, out = f.get("xincheng.fzr", "/api/v1/enterprises")
		list, _ = out["enterprises"].([]any)
		if want := count(`SELECT COUNT(*) FROM enterprises e JOIN units u ON u.id = e.unit_id WHERE u.code = 'XCJD'`); status != http.StatusOK || len(list) != want {
			t.Fatalf("新城街道 sees %d firms, holds %d", len(list), want)
		}
		var weichai string
		d.QueryRow(ctx, "SELECT credit_code FROM enterprises WHERE name = '潍柴动力股份有限公司'").Scan(&weichai)
		if status, _ := f.get("xincheng.fzr", "/api/v1/enterprises/"+weichai); status != http.StatusForbidden {
			t.Fatalf("a park's firm for a street's head: %d", status)
		}
		var tianrui string
		d.QueryRow(ctx, "SELECT credit_code FROM enterprises WHERE name = '天瑞重工有限公司'").Scan(&tianrui)
		status, out = f.get("xincheng.fzr", "/api/v1/enterprises/"+tianrui)
		history, _ := out["history"].([]any)
		if status != http.StatusOK || len(history) != count(`SELECT COUNT(*) FROM enterprise_tiers t JOIN enterprises e ON e.id = t.enterprise_id WHERE e.name = '天瑞重工有限公司'`) {
			t.Fatalf("天瑞重工: %d, history %v", status, history)
		}
		found := false
		for _, h := range history {
			m := h.(map[string]any)
			if m["tier"] == "single_champion" && m["granted_on"] == "2018-11-26" && m["holds"] == true {
				found = true
			}
		}
		if !found {
			t.Fatalf("天瑞重工's 制造业单项冠军 of 2018 is not in its history: %v", history)
		}
		if status, _ := f.get("kaohe", "/api/v1/enterprises/914403001922038216"); status != http.StatusNotFound {
			t.Fatalf("an unknown code: %d", status)
		}
	})
}

// get calls a GET route as a demo account.
func (f *fixture) get(login, path string) (int, map[string]any) {
	f.t.Helper()
	return f.call(http.MethodGet, path, f.tokens[login], "")
}
