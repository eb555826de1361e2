package api_test

import (
	"context"
	"net/http"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// The pipeline through the API: the leads and counts SQL finds, the
// caller's scope, one lead's timeline with its move back and reason.
func TestLeadsAPI(t *testing.T) {
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
		status, out := f.get("kaohe", "/api/v1/leads")
		list, _ := out["leads"].([]any)
		if status != http.StatusOK || len(list) != count("SELECT COUNT(*) FROM leads") {
			t.Fatalf("all leads: %d, %d listed", status, len(list))
		}
		pl, _ := out["pipeline"].(map[string]any)
		byStage, _ := pl["by_stage"].(map[string]any)
		if n, _ := byStage["signed"].(float64); int(n) != count("SELECT COUNT(*) FROM leads WHERE stage = 'signed'") {
			t.Errorf("signed in the pipeline: %v", byStage["signed"])
		}
		// Three leads of this week unanswered, one answered but not assessed.
		if n, _ := pl["overdue"].(float64); n != 4 {
			t.Errorf("overdue %v, want 4", pl["overdue"])
		}
		status, out = f.get("kaohe", "/api/v1/leads?overdue=1&unit=TCJ")
		if list, _ := out["leads"].([]any); status != http.StatusOK || len(list) != 2 {
			t.Errorf("投资促进局's overdue leads: %d, %v", status, out["leads"])
		}
		if status, _ := f.get("kaohe", "/api/v1/leads?stage=built"); status != http.StatusBadRequest {
			t.Errorf("an unknown stage: %d", status)
		}
		status, out = f.get("xincheng.fzr", "/api/v1/leads")
		if list, _ := out["leads"].([]any); status != http.StatusOK || len(list) != 0 {
			t.Errorf("新城街道 sees %d leads", len(list))
		}
		status, out = f.get("kaohe", "/api/v1/leads/ZS-2019-TCJ-010")
		timeline, _ := out["timeline"].([]any)
		back := 0
		for _, e := range timeline {
			if m := e.(map[string]any); m["move_from"] == "signed" && m["move_to"] == "talks" && m["reason"] != "" {
				back++
			}
		}
		if status != http.StatusOK || back != 1 {
			t.Errorf("ZS-2019-TCJ-010: %d, %d moves back with a reason in %v", status, back, timeline)
		}
	})
}
