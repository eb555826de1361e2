package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// 新城街道's reporter saves and submits November through the API: a
// submit with figures missing is refused whole and names them; a unit the
// reporter does not report for is 403; the full month lands submitted with
// the values sent.
func TestPutFigures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		var street int64
		if err := d.QueryRow(ctx, "SELECT id FROM units WHERE code = 'XCJD'").Scan(&street); err != nil {
			t.Fatal(err)
		}
		g, err := dashboard.LoadGrid(ctx, d, 2019, 11, street)
		if err != nil || len(g.Rows) < 2 {
			t.Fatalf("the grid: %v, %d rows", err, len(g.Rows))
		}
		body := func(submit bool, n int) string {
			var entries []string
			for i, row := range g.Rows[:n] {
				entries = append(entries, fmt.Sprintf(`{"indicator": %q, "value": %d, "explanation": "按计划推进"}`, row.Indicator.Code, 100+i))
			}
			return fmt.Sprintf(`{"year": 2019, "month": 11, "unit": "XCJD", "submit": %v, "entries": [%s]}`, submit, strings.Join(entries, ", "))
		}
		post := func(login, b string) (int, map[string]any) {
			return f.call(http.MethodPost, "/api/v1/figures", f.tokens[login], b)
		}
		before := count(t, d, "SELECT COUNT(*) FROM figures f JOIN periods p ON p.id = f.period_id WHERE p.year = 2019 AND p.month = 11 AND f.status = 'submitted'")
		status, out := post("xincheng.tb", body(true, 1))
		refused, _ := out["error"].(map[string]any)["figures"].([]any)
		if status != http.StatusUnprocessableEntity || len(refused) != len(g.Rows)-1 {
			t.Fatalf("a submit with %d of %d figures: %d, %d refused", 1, len(g.Rows), status, len(refused))
		}
		if after := count(t, d, "SELECT COUNT(*) FROM figures f JOIN periods p ON p.id = f.period_id WHERE p.year = 2019 AND p.month = 11 AND f.status = 'submitted'"); after != before {
			t.Fatal("a refused submit submitted figures")
		}
		if status, _ := post("qingchi.fzr", body(false, 1)); status != http.StatusForbidden {
			t.Fatalf("清池街道's head reporting for 新城街道: %d", status)
		}
		status, out = post("xincheng.tb", body(true, len(g.Rows)))
		figs, _ := out["figures"].([]any)
		if status != http.StatusOK || len(figs) != len(g.Rows) {
			t.Fatalf("the full month: %d %v", status, out)
		}
		for i, fig := range figs {
			m := fig.(map[string]any)
			if m["status"] != "submitted" || m["value"] != float64(100+i) {
				t.Errorf("figure %d: %v", i, m)
			}
		}
		// Reviewed as the grid page reviews: the head confirms, the office approves.
		review := func(login, action, reason string) (int, map[string]any) {
			return f.call(http.MethodPost, "/api/v1/figures/review", f.tokens[login],
				fmt.Sprintf(`{"year": 2019, "month": 11, "unit": "XCJD", "action": %q, "reason": %q}`, action, reason))
		}
		if status, _ := review("xincheng.tb", "confirm", ""); status != http.StatusForbidden {
			t.Fatalf("a reporter confirming: %d", status)
		}
		if status, _ := review("kaohe", "approve", ""); status != http.StatusUnprocessableEntity {
			t.Fatalf("approving what is not confirmed: %d", status)
		}
		if status, out := review("xincheng.fzr", "confirm", ""); status != http.StatusOK || out["figures"].([]any)[0].(map[string]any)["status"] != "confirmed" {
			t.Fatalf("the head's confirm: %d %v", status, out)
		}
		if status, _ := review("kaohe", "return", " "); status != http.StatusUnprocessableEntity {
			t.Fatalf("a return without its reason: %d", status)
		}
		if status, out := review("kaohe", "approve", ""); status != http.StatusOK || out["figures"].([]any)[0].(map[string]any)["status"] != "approved" {
			t.Fatalf("the office's approval: %d %v", status, out)
		}
		var actor string
		d.QueryRow(ctx, "SELECT actor FROM audit_log WHERE action = 'figure.submit' ORDER BY seq DESC LIMIT 1").Scan(&actor)
		if actor != "xincheng.tb" {
			t.Errorf("the submit is audited as %q, not as the token's user", actor)
		}
	})
}

func count(t *testing.T, d *db.DB, q string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The office gives a task through the API; a task without its deadline is
// refused naming the field, in the language asked for.
func TestCreateTaskAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		task := map[string]any{"source": "meeting", "source_title": "十二月调度会", "source_number": "纪要〔2019〕22号", "source_on": "2019-12-06",
			"content": "完成年度目标考核材料报送", "lead_unit": "JFJ", "cooperators": []string{"XCJD"}, "leader": "lingdao",
			"frequency": "weekly", "milestones": []map[string]string{{"title": "材料初稿", "due_on": "2019-12-15"}}}
		body, _ := json.Marshal(task)
		req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/api/v1/tasks", strings.NewReader(string(body)))
		req.Header.Set("Authorization", "Bearer "+f.tokens["kaohe"])
		req.Header.Set("Accept-Language", "zh-CN")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		json.NewDecoder(res.Body).Decode(&out)
		res.Body.Close()
		e, _ := out["error"].(map[string]any)
		if res.StatusCode != http.StatusUnprocessableEntity || e["field"] != "deadline" || !strings.Contains(fmt.Sprint(e["message"]), "办结时限") {
			t.Fatalf("a task without its deadline: %d %v", res.StatusCode, out)
		}
		task["deadline"] = "2019-12-31"
		body, _ = json.Marshal(task)
		status, out := f.call(http.MethodPost, "/api/v1/tasks", f.tokens["kaohe"], string(body))
		if status != http.StatusCreated || out["lead_unit"].(map[string]any)["code"] != "JFJ" || out["leader"] != "管委会领导 李明" {
			t.Fatalf("create: %d %v", status, out)
		}
		code := out["code"].(string)
		status, out = f.get("lingdao", "/api/v1/tasks/"+code)
		if status != http.StatusOK || out["task"].(map[string]any)["content"] != "完成年度目标考核材料报送" {
			t.Fatalf("the created task %s: %d %v", code, status, out)
		}
		if status, _ := f.call(http.MethodPost, "/api/v1/tasks", f.tokens["xincheng.fzr"], string(body)); status != http.StatusForbidden {
			t.Fatalf("a street's head giving a task: %d", status)
		}
	})
}

// Two scripts write one figure: the second, which read it before the first
// wrote, gets a conflict naming the version it now has; reading again and
// writing with that version goes through.
func TestFiguresConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		status, out := f.get("xincheng.tb", "/api/v1/figures?year=2019&month=11&unit=XCJD")
		figs, _ := out["figures"].([]any)
		if status != http.StatusOK || len(figs) == 0 {
			t.Fatalf("read: %d %v", status, out)
		}
		first := figs[0].(map[string]any)
		code, version := first["indicator"].(string), int(first["version"].(float64))
		write := func(login string, value, version int) (int, map[string]any) {
			body := fmt.Sprintf(`{"year": 2019, "month": 11, "unit": "XCJD", "entries": [{"indicator": %q, "value": %d, "version": %d}]}`, code, value, version)
			return f.call(http.MethodPost, "/api/v1/figures", f.tokens[login], body)
		}
		if status, out := write("xincheng.tb", 7, version); status != http.StatusOK {
			t.Fatalf("the first write: %d %v", status, out)
		}
		status, out = write("xincheng.fzr", 9, version)
		refused, _ := out["error"].(map[string]any)["figures"].([]any)
		if status != http.StatusUnprocessableEntity || len(refused) != 1 ||
			!strings.Contains(refused[0].(map[string]any)["message"].(string), fmt.Sprintf("现为第 %d 版", version+1)) {
			t.Fatalf("the stale write: %d %v", status, out)
		}
		_, out = f.get("xincheng.fzr", "/api/v1/figures?year=2019&month=11&unit=XCJD")
		now := out["figures"].([]any)[0].(map[string]any)
		if now["value"] != float64(7) {
			t.Fatalf("the first write was overwritten: %v", now)
		}
		if status, _ := write("xincheng.fzr", 9, int(now["version"].(float64))); status != http.StatusOK {
			t.Fatalf("writing with the version read again: %d", status)
		}
	})
}

// 投资促进局's reporter reports November's key projects through the API:
// XM-TCJ-001 left blank refuses the submit, naming it; with its month's
// investment and 形象进度 the unit's reports go in submitted; another
// unit's reporter is 403.
func TestPutProjectReports(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		post := func(login, body string) (int, map[string]any) {
			return f.call(http.MethodPost, "/api/v1/projects/reports", f.tokens[login], body)
		}
		status, out := post("touzi.tb", `{"year": 2019, "month": 11, "unit": "TCJ", "submit": true, "entries": [{"project": "XM-TCJ-001", "invest_month": null}]}`)
		refused, _ := out["error"].(map[string]any)["projects"].([]any)
		named := false
		for _, p := range refused {
			named = named || p.(map[string]any)["project"] == "XM-TCJ-001"
		}
		if status != http.StatusUnprocessableEntity || !named {
			t.Fatalf("a submit with XM-TCJ-001 blank: %d %v", status, out)
		}
		if status, _ := post("xincheng.tb", `{"year": 2019, "month": 11, "unit": "TCJ", "entries": []}`); status != http.StatusForbidden {
			t.Fatalf("新城街道 reporting 投资促进局's projects: %d", status)
		}
		status, out = post("touzi.tb", `{"year": 2019, "month": 11, "unit": "TCJ", "submit": true,
			"entries": [{"project": "XM-TCJ-001", "invest_month": 4000, "progress": "二期厂房设备安装中"}]}`)
		if status != http.StatusOK {
			t.Fatalf("the submit: %d %v", status, out)
		}
		for _, rp := range out["reports"].([]any) {
			m := rp.(map[string]any)
			if m["status"] != "submitted" {
				t.Errorf("%v is %v after the submit", m["project"], m["status"])
			}
			if m["project"] == "XM-TCJ-001" && m["invest_month"] != float64(4000) {
				t.Errorf("XM-TCJ-001's month: %v", m["invest_month"])
			}
		}
	})
}
