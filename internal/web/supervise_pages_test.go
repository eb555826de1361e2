package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo"
	"gaoxin/internal/xlsx"
)

// taskRows counts the lines of a task list page.
func taskRows(body string) int { return strings.Count(body, `<td><code>DB-`) }

// tabCount is the count a colour's tab shows ("" for all).
func tabCount(t *testing.T, body, colour string) int {
	t.Helper()
	pattern := `aria-label="按颜色"><a href="[^"]*"[^>]*>全部 <b>(\d+)</b>`
	if colour != "" {
		pattern = `<span class="dot tc-` + colour + `"></span>[^<]* <b>(\d+)</b>`
	}
	m := regexp.MustCompile(pattern).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no tab of %q on the page", colour)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// The task list shows every task in scope with its colour, tabs that count
// what each colour's list holds, and an export of what it shows.
func TestTaskListPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office := s.signIn("kaohe")
		_, body := office.get("/tasks")
		all := s.count(t, "SELECT COUNT(*) FROM tasks")
		if taskRows(body) != all || tabCount(t, body, "") != all || all != 60 {
			t.Fatalf("the list shows %d tasks, the tab says %d, the demo holds %d", taskRows(body), tabCount(t, body, ""), all)
		}
		red := tabCount(t, body, "red")
		_, redList := office.get("/tasks?colour=red")
		if got := taskRows(redList); got != red || red == 0 || strings.Count(redList, `class="badge tc-red"`) != red {
			t.Errorf("the red tab says %d, its list shows %d", red, got)
		}
		if closed := s.count(t, "SELECT COUNT(*) FROM tasks WHERE status = 'closed'"); tabCount(t, body, "done") != closed {
			t.Errorf("the closed tab says %d, the table holds %d closed", tabCount(t, body, "done"), closed)
		}
		res, xl := office.get("/tasks/export.xlsx?colour=red")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("export: %d", res.StatusCode)
		}
		table, err := xlsx.Read("tasks.xlsx", bytes.NewReader([]byte(xl)))
		if err != nil || len(table.Rows) != red || table.Column("编号") != 0 || !strings.Contains(table.Rows[0].Cell(2), "已逾期") {
			t.Fatalf("the red export: %v rows (want %d), %v", table, red, err)
		}
		// 新城街道 sees the tasks it leads or cooperates on, and nothing else.
		own := s.count(t, `SELECT COUNT(*) FROM tasks t WHERE t.lead_unit_id = (SELECT id FROM units WHERE code = 'XCJD')
			OR t.id IN (SELECT task_id FROM task_cooperators WHERE unit_id = (SELECT id FROM units WHERE code = 'XCJD'))`)
		street := s.signIn("xincheng.tb")
		if _, body = street.get("/tasks"); taskRows(body) != own || own == 0 {
			t.Errorf("新城街道 sees %d tasks, is in %d", taskRows(body), own)
		}
		var browserTask string
		d.QueryRow(t.Context(), "SELECT id FROM tasks WHERE code = $1", demo.BrowserTask).Scan(&browserTask)
		if res, _ := street.get("/tasks/" + browserTask); res.StatusCode != http.StatusForbidden {
			t.Errorf("经济发展局's task opened by 新城街道: %d", res.StatusCode)
		}
		// The leader's list: the red tasks past the escalation days.
		_, body = s.signIn("lingdao").get("/tasks?escalated=1")
		if n := taskRows(body); n == 0 || n > red || strings.Count(body, "已提级") != n {
			t.Errorf("the leader's list holds %d tasks of %d red", n, red)
		}
		office.post("/lang", url.Values{"lang": {"en"}, "back": {"/tasks"}})
		if _, body = office.get("/tasks"); !strings.Contains(body, "Supervision") || !strings.Contains(body, "overdue by") {
			t.Error("the English task list is not English")
		}
	})
}

// A red task is closed through the lead unit's request and the office's
// approval: a request without evidence keeps what was typed, the unit
// cannot approve its own, and the approved task leaves the red list.
func TestTaskClosingPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		var id string
		if err := d.QueryRow(t.Context(), "SELECT id FROM tasks WHERE code = $1", demo.BrowserTask).Scan(&id); err != nil {
			t.Fatal(err)
		}
		page := "/tasks/" + id
		office, unit := s.signIn("kaohe"), s.signIn("jingji.tb")
		_, body := office.get("/tasks?colour=red")
		if !strings.Contains(body, demo.BrowserTask) {
			t.Fatalf("%s is not on the red list", demo.BrowserTask)
		}
		res, body := unit.post(page+"/close-request", url.Values{"on": {"2019-12-06"}, "note": {"已全部办结"}, "evidence": {""}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "须附办结证明") || !strings.Contains(body, `value="已全部办结"`) {
			t.Fatalf("a closing without evidence: %d", res.StatusCode)
		}
		if res, _ = unit.post(page+"/close-request", url.Values{"on": {"2019-12-06"}, "evidence": {"验收意见书（潍高经发〔2019〕88号）"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the closing request: %d", res.StatusCode)
		}
		if res, _ = unit.post(page+"/close", url.Values{"decision": {"approve"}}); res.StatusCode != http.StatusForbidden {
			t.Fatalf("the unit approving its own closing: %d", res.StatusCode)
		}
		if res, body = office.post(page+"/close", url.Values{"decision": {"refuse"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写理由") {
			t.Fatalf("a refusal without its reason: %d", res.StatusCode)
		}
		if res, _ = office.post(page+"/close", url.Values{"decision": {"approve"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d", res.StatusCode)
		}
		_, body = office.get(page)
		if !strings.Contains(body, "已于 2019-12-09 销号") || !strings.Contains(body, "验收意见书（潍高经发〔2019〕88号）") {
			t.Error("the closed task's page lacks its closing and evidence")
		}
		if _, body = office.get("/tasks?colour=red"); strings.Contains(body, demo.BrowserTask) {
			t.Error("the closed task is still on the red list")
		}
		// Reopened with its reason, it is red again, and a deduction can be proposed.
		if res, _ = office.post(page+"/reopen", url.Values{"reason": {"回头看发现企业反映仍未解决"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("reopen: %d", res.StatusCode)
		}
		before := s.count(t, "SELECT COUNT(*) FROM assessment_records WHERE status = 'pending'")
		if res, _ = office.post(page+"/deduction", url.Values{"points": {"0.5"}, "note": {"重新办理"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("deduction: %d", res.StatusCode)
		}
		if after := s.count(t, "SELECT COUNT(*) FROM assessment_records WHERE status = 'pending'"); after != before+1 {
			t.Fatalf("pending records %d → %d", before, after)
		}
		if _, body = office.get(page); !strings.Contains(body, "考核扣分建议") || !strings.Contains(body, "待审核") {
			t.Error("the timeline does not link the proposed deduction")
		}
	})
}

// A firm sends a request through the public form; a flood from one address
// is refused with the typing kept; the office routes it, the street answers
// it, the office closes it and the firm rates it once through its link.
func TestRequestPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		firm := s.browser()
		send := url.Values{"firm_name": {"潍坊华辰制药股份有限公司"}, "contact": {"刘经理"}, "phone": {"0536-8888888"}, "category": {"infrastructure"},
			"content": {"厂区东侧道路积水，影响货车通行"}}
		res, body := firm.post("/public/requests/new", send)
		code := regexp.MustCompile(`受理编号 (SQ-2019-\d{4})`).FindStringSubmatch(body)
		if res.StatusCode != http.StatusOK || code == nil {
			t.Fatalf("the public form: %d", res.StatusCode)
		}
		for i := 0; i < 4; i++ {
			firm.post("/public/requests/new", send)
		}
		res, body = firm.post("/public/requests/new", send)
		if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "提交过于频繁") || !strings.Contains(body, "厂区东侧道路积水") {
			t.Fatalf("the sixth send within the hour: %d", res.StatusCode)
		}
		var id string
		d.QueryRow(t.Context(), "SELECT id FROM requests WHERE code = $1", code[1]).Scan(&id)
		page := "/requests/" + id
		office := s.signIn("kaohe")
		street := s.signIn("xincheng.tb")
		if res, _ := street.get(page); res.StatusCode != http.StatusForbidden {
			t.Fatalf("a request not routed yet, opened by a street: %d", res.StatusCode)
		}
		if res, _ := office.post(page+"/assign", url.Values{"unit": {s.unitID("XCJD")}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("assign: %d", res.StatusCode)
		}
		if res, body = street.post(page+"/answer", url.Values{"answer": {""}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写答复内容") {
			t.Fatalf("an empty answer: %d", res.StatusCode)
		}
		if res, _ = street.post(page+"/answer", url.Values{"answer": {"已安排市政疏通排水，12 月 10 日完成"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("answer: %d", res.StatusCode)
		}
		res, body = office.post(page+"/close", nil)
		link := regexp.MustCompile(`<code>(/public/requests/rate/[0-9a-f]+)</code>`).FindStringSubmatch(body)
		if res.StatusCode != http.StatusOK || link == nil {
			t.Fatalf("close: %d, no rating link", res.StatusCode)
		}
		if _, body = office.get(page); strings.Contains(body, link[1]) {
			t.Fatal("the rating link is shown again")
		}
		rater := s.browser()
		if res, body = rater.post(link[1], url.Values{"comment": {"很及时"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "很及时") {
			t.Fatalf("a rating without stars: %d", res.StatusCode)
		}
		if res, body = rater.post(link[1], url.Values{"rating": {"5"}, "comment": {"很及时"}}); res.StatusCode != http.StatusOK || !strings.Contains(body, "感谢您的评价") {
			t.Fatalf("rate: %d", res.StatusCode)
		}
		if res, _ = rater.get(link[1]); res.StatusCode != http.StatusNotFound {
			t.Fatalf("the used link: %d", res.StatusCode)
		}
		if n := s.count(t, "SELECT rating FROM requests WHERE id = $1", id); n != 5 {
			t.Fatalf("rating stored %d", n)
		}
		// 205 requests: the list shows 200 and the counts all of them.
		_, body = office.get("/requests")
		if n := strings.Count(body, "<td><code>SQ-"); n != 200 || !strings.Contains(body, "诉求 <b>205</b>") || !strings.Contains(body, "第 1 / 2 页") {
			t.Errorf("the first page shows %d requests", n)
		}
		if _, body = office.get("/requests?page=2"); strings.Count(body, "<td><code>SQ-") != 5 {
			t.Errorf("the second page shows %d requests, want 5", strings.Count(body, "<td><code>SQ-"))
		}
		// The street's counts on the list include its answered, rated request.
		_, body = street.get("/requests")
		if !strings.Contains(body, code[1]) || !strings.Contains(body, `id="by-unit"`) {
			t.Error("the street's request list lacks its request or its counts")
		}
	})
}

// "My work" lists what waits in supervision: the unit's open tasks, the
// leader's escalated ones, the requests the office must route.
func TestSupervisionOnMyWork(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		_, body := s.signIn("jingji.tb").get("/report")
		if !strings.Contains(body, `id="tasks"`) || !strings.Contains(body, demo.BrowserTask) {
			t.Error("经济发展局's reporter does not find its red task on my work")
		}
		escalated := s.count(t, "SELECT COUNT(*) FROM tasks WHERE status = 'open' AND deadline <= '2019-12-06'")
		_, body = s.signIn("lingdao").get("/report")
		if !strings.Contains(body, `id="escalated"`) || escalated == 0 || !strings.Contains(body, demo.BrowserTask) {
			t.Error("the leader's my work lacks the escalated tasks")
		}
		unrouted := s.count(t, "SELECT COUNT(*) FROM requests WHERE status = 'new'")
		_, body = s.signIn("kaohe").get("/report")
		if i := strings.Index(body, `id="route"`); i < 0 || strings.Count(body[i:], `href="/requests/`) != unrouted || unrouted == 0 {
			t.Errorf("the office's requests to route: want %d", unrouted)
		}
	})
}
