package api_test

import (
	"context"
	"net/http"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
)

// Supervision through the API: every task, the red ones as the counts
// say, a street's scope, and one task's timeline.
func TestTasksAPI(t *testing.T) {
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
		status, out := f.get("kaohe", "/api/v1/tasks")
		list, _ := out["tasks"].([]any)
		if status != http.StatusOK || len(list) != count("SELECT COUNT(*) FROM tasks") {
			t.Fatalf("all tasks: %d, %d listed", status, len(list))
		}
		counts, _ := out["counts"].(map[string]any)
		byColour, _ := counts["by_colour"].(map[string]any)
		red, _ := byColour["red"].(float64)
		if done, _ := byColour["done"].(float64); int(done) != count("SELECT COUNT(*) FROM tasks WHERE status = 'closed'") || red == 0 {
			t.Errorf("by colour %v", byColour)
		}
		status, out = f.get("kaohe", "/api/v1/tasks?colour=red")
		list, _ = out["tasks"].([]any)
		if status != http.StatusOK || len(list) != int(red) {
			t.Fatalf("red: %d listed, the counts say %v", len(list), red)
		}
		first := list[0].(map[string]any)
		reasons, _ := first["reasons"].([]any)
		if first["colour"] != "red" || len(reasons) == 0 || reasons[0].(map[string]any)["en"] == "" {
			t.Errorf("a red task: %v", first)
		}
		if status, _ := f.get("kaohe", "/api/v1/tasks?colour=purple"); status != http.StatusBadRequest {
			t.Errorf("an unknown colour: %d", status)
		}
		own := count(`SELECT COUNT(*) FROM tasks t WHERE t.lead_unit_id = (SELECT id FROM units WHERE code = 'XCJD')
			OR t.id IN (SELECT task_id FROM task_cooperators WHERE unit_id = (SELECT id FROM units WHERE code = 'XCJD'))`)
		status, out = f.get("xincheng.fzr", "/api/v1/tasks")
		if list, _ := out["tasks"].([]any); status != http.StatusOK || len(list) != own || own == 0 {
			t.Errorf("新城街道 sees %d tasks, is in %d", len(list), own)
		}
		if status, _ := f.get("xincheng.fzr", "/api/v1/tasks/"+demo.BrowserTask); status != http.StatusForbidden {
			t.Errorf("经济发展局's task for 新城街道: %d", status)
		}
		status, out = f.get("lingdao", "/api/v1/tasks/"+demo.BrowserTask)
		task, _ := out["task"].(map[string]any)
		timeline, _ := out["timeline"].([]any)
		if status != http.StatusOK || task["colour"] != "red" || task["escalated"] != true || len(timeline) < 2 ||
			timeline[0].(map[string]any)["event"] != "created" {
			t.Errorf("%s: %d %v %v", demo.BrowserTask, status, task, timeline)
		}
	})
}
