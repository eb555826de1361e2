package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/report"
	"gaoxin/internal/xlsx"
)

// The portfolio list: scope, filters, sort, footer sums and the export,
// each checked against the rows in the database.
func TestPortfolioPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office := s.signIn("xiangmu")
		_, body := office.get("/projects/2019")
		if got := rowCount(body); got != 441 {
			t.Fatalf("the 项目办 sees %d projects, want 441", got)
		}
		if !strings.Contains(body, "合计 441 个项目") || !strings.Contains(body, "12,778,000") {
			t.Fatalf("footer lacks the count or the total investment 12,778,000 万元")
		}
		_, body = office.get("/projects/2019?category=infrastructure")
		if got := rowCount(body); got != 152 || !strings.Contains(body, "<b>540,000</b>") {
			t.Fatalf("infrastructure: %d rows, want 152 worth 540,000 万元", got)
		}
		// The colour filter keeps as many rows as the footer counts of that colour.
		_, all := office.get("/projects/2019")
		for _, c := range []struct{ code, name string }{{"red", "红灯"}, {"yellow", "黄灯"}, {"green", "绿灯"}} {
			m := regexp.MustCompile(c.name+` (\d+)`).FindAllStringSubmatch(all, -1)
			if len(m) == 0 {
				t.Fatalf("footer has no %s count", c.name)
			}
			want, _ := strconv.Atoi(m[len(m)-1][1])
			_, body = office.get("/projects/2019?color=" + c.code)
			if got := rowCount(body); got != want || want == 0 {
				t.Errorf("%s: %d rows, footer says %d", c.code, got, want)
			}
		}
		// Sorted by total investment, largest first: the largest project by SQL.
		var biggest string
		if err := d.QueryRow(context.Background(), "SELECT code FROM projects ORDER BY total_investment DESC, code LIMIT 1").Scan(&biggest); err != nil {
			t.Fatal(err)
		}
		_, body = office.get("/projects/2019?sort=total&dir=desc")
		if first := firstCode(body); first != biggest {
			t.Fatalf("sorted by total, the first row is %q, want %q", first, biggest)
		}
		_, body = office.get("/projects/2019?q=" + url.QueryEscape("华德智慧健康园"))
		if rowCount(body) != 1 || !strings.Contains(body, "630,000") {
			t.Fatalf("search for 华德智慧健康园: %d rows", rowCount(body))
		}
		// A street's head sees its own projects only.
		var streetCount int
		d.QueryRow(context.Background(), `SELECT COUNT(*) FROM projects p JOIN units u ON u.id = p.lead_unit_id WHERE u.code = 'XCJD'`).Scan(&streetCount)
		_, body = s.signIn("xincheng.fzr").get("/projects/2019")
		if got := rowCount(body); got != streetCount || streetCount == 0 || strings.Contains(body, "XM-TCJ") {
			t.Fatalf("新城街道 sees %d projects, leads %d", got, streetCount)
		}
		// The export is the list as filtered, amounts as numbers that add up.
		res, xl := office.get("/projects/2019/export.xlsx?category=infrastructure")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("export: %d", res.StatusCode)
		}
		table, err := xlsx.Read("projects.xlsx", bytes.NewReader([]byte(xl)))
		if err != nil {
			t.Fatal(err)
		}
		col := table.Column("总投资")
		sum := 0.0
		for _, r := range table.Rows {
			v, _ := strconv.ParseFloat(r.Cell(col), 64)
			sum += v
		}
		if len(table.Rows) != 152 || sum != 540000 || table.Column("原因") < 0 {
			t.Fatalf("export: %d rows summing to %v, header %v", len(table.Rows), sum, table.Header)
		}
	})
}

// rowCount counts the project rows of a list page.
func rowCount(body string) int {
	tbody := body
	if i := strings.Index(body, `<table class="portfolio">`); i >= 0 {
		tbody = body[i:]
	}
	if i := strings.Index(tbody, "<tfoot>"); i >= 0 {
		tbody = tbody[:i]
	}
	return strings.Count(tbody, "<tr>\n<td><code>")
}

var codeCell = regexp.MustCompile(`<tr>\n<td><code>([^<]+)</code>`)

func firstCode(body string) string {
	if m := codeCell.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	return ""
}

// A street reports its livelihood pieces for November: a bad amount and a
// missing 形象进度 refuse the form and keep the typing; the submitted
// investment flows at once into the bound indicator MS01; the 项目办
// returns one report with its reason.
func TestProjectReportRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		ctx := context.Background()
		form := "/projects/2019/report/11/" + s.unitID("XCJD")
		rows, err := d.Query(ctx, `SELECT p.id FROM projects p JOIN units u ON u.id = p.lead_unit_id WHERE u.code = 'XCJD' ORDER BY p.code`)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for rows.Next() {
			var id string
			rows.Scan(&id)
			ids = append(ids, id)
		}
		rows.Close()
		if len(ids) < 3 {
			t.Fatalf("新城街道 leads %d pieces", len(ids))
		}
		reporter := s.signIn("xincheng.tb")
		// Saving an untouched form keeps nothing.
		if res, _ := reporter.post(form, url.Values{"action": {"save"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("untouched save: %d", res.StatusCode)
		}
		if n := reportCount(t, d, ids); n != 0 {
			t.Fatalf("an untouched save wrote %d reports", n)
		}
		values := url.Values{"action": {"submit"}}
		want := 0.0
		for i, id := range ids {
			amount := 10 * (i + 1)
			values.Set("i_"+id, strconv.Itoa(amount))
			values.Set("g_"+id, "主体完工，室外配套施工中")
			values.Set("q_"+id, "受降温天气影响，室外工程放缓。")
			want += float64(amount)
		}
		values.Set("i_"+ids[0], "约10万")
		values.Del("g_" + ids[1])
		res, body := reporter.post(form, values)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="约10万"`) ||
			!strings.Contains(body, "主体完工，室外配套施工中") {
			t.Fatalf("bad form: %d", res.StatusCode)
		}
		if n := reportCount(t, d, ids); n != 0 {
			t.Fatalf("a refused form wrote %d reports", n)
		}
		values.Set("i_"+ids[0], "10")
		res, body = reporter.post(form, values)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "有 1 个项目未能报送") {
			t.Fatalf("a report without its 形象进度: %d", res.StatusCode)
		}
		values.Set("g_"+ids[1], "主体完工")
		if res, body := reporter.post(form, values); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d\n%s", res.StatusCode, body)
		}
		// MS01 of 新城街道 in November is the street's pieces' investment, in 亿元.
		f := s.figure(t, s.assignmentID("MS01", "XCJD"), 11)
		if f.Value == nil || abs(*f.Value-want/10000) > 1e-9 || f.Status != report.Approved {
			t.Fatalf("MS01 after the street's reports = %+v, want %v 亿元", f, want/10000)
		}
		head := s.signIn("xincheng.fzr")
		if res, _ := head.post(form+"/confirm", url.Values{}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm: %d", res.StatusCode)
		}
		office := s.signIn("xiangmu")
		if res, _ := office.post(form+"/return", url.Values{"sel": {ids[0]}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a return without a reason: %d", res.StatusCode)
		}
		if res, _ := office.post(form+"/return", url.Values{"sel": {ids[0]}, "reason": {"投资额与监理月报不符，请核实"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("return: %d", res.StatusCode)
		}
		_, body = reporter.get(form)
		if !strings.Contains(body, "投资额与监理月报不符，请核实") || !strings.Contains(body, `name="i_`+ids[0]+`"`) ||
			strings.Contains(body, `name="i_`+ids[1]+`"`) {
			t.Fatal("the returned report is not open again with its reason, or another one is")
		}
		// A returned report no longer counts: MS01 drops by its amount.
		f = s.figure(t, s.assignmentID("MS01", "XCJD"), 11)
		if f.Value == nil || abs(*f.Value-(want-10)/10000) > 1e-9 {
			t.Fatalf("MS01 after the return = %+v, want %v", f, (want-10)/10000)
		}
		if res, _ := office.post(form+"/approve", url.Values{}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve the rest: %d", res.StatusCode)
		}
		// The viewer of 科技创新局 cannot see the street's form.
		if res, _ := s.signIn("chakan").get(form); res.StatusCode != http.StatusForbidden {
			t.Fatalf("viewer on another unit's form: %d", res.StatusCode)
		}
	})
}

func reportCount(t *testing.T, d *db.DB, ids []string) int {
	t.Helper()
	var n int
	err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM project_reports r JOIN periods p ON p.id = r.period_id
		WHERE p.year = 2019 AND p.month = 11 AND r.project_id IN (`+strings.Join(ids, ",")+`)`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// The project page: its light explains itself, nodes and problems are
// kept by the 项目办 with their rules, and a refused form keeps the typing.
func TestProjectPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		ctx := context.Background()
		var id, lead string
		if err := d.QueryRow(ctx, `SELECT p.id, u.id FROM projects p JOIN units u ON u.id = p.lead_unit_id WHERE p.code = 'XM-TCJ-001'`).Scan(&id, &lead); err != nil {
			t.Fatal(err)
		}
		page := "/projects/2019/" + id
		office := s.signIn("xiangmu")
		_, body := office.get(page)
		for _, want := range []string{"山东银轮热管理系统产业园（二期）", "黄灯", "落后于序时", "开工", "2018-05-08", "二期厂房配套电力增容未到位", "已解决"} {
			if !strings.Contains(body, want) {
				t.Errorf("project page lacks %q", want)
			}
		}
		if res, svg := office.get(page + "/chart.svg"); res.StatusCode != http.StatusOK || !strings.Contains(svg, "<svg") {
			t.Fatalf("chart: %d", res.StatusCode)
		}
		// 主体完工 done without its evidence is refused, as typed.
		res, body := office.post(page+"/nodes", url.Values{"stage": {"topped"}, "planned_on": {"2020-04-30"}, "actual_on": {"2019-12-01"}, "done": {"1"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="2019-12-01"`) {
			t.Fatalf("a node done without evidence: %d", res.StatusCode)
		}
		// A date after "today" (2019-12-09) is refused too.
		res, _ = office.post(page+"/nodes", url.Values{"stage": {"topped"}, "planned_on": {"2020-04-30"}, "actual_on": {"2019-12-20"}, "done": {"1"}, "evidence": {"验收记录.pdf"}})
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a node done in the future: %d", res.StatusCode)
		}
		if res, _ := office.post(page+"/nodes", url.Values{"stage": {"topped"}, "planned_on": {"2020-04-30"}, "actual_on": {"2019-12-06"}, "done": {"1"}, "evidence": {"主体结构验收记录.pdf"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("node: %d", res.StatusCode)
		}
		var done bool
		d.QueryRow(ctx, "SELECT done FROM project_nodes WHERE project_id = $1 AND stage = 'topped'", id).Scan(&done)
		if !done {
			t.Fatal("主体完工 is not stored as done")
		}
		// A problem past its deadline turns the project red, with the reason.
		res, body = office.post(page+"/problems", url.Values{"title": {""}, "owner_unit": {lead}, "leader": {"孙志强"}, "deadline": {"2019-12-01"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="孙志强"`) {
			t.Fatalf("a problem without a title: %d", res.StatusCode)
		}
		if res, _ := office.post(page+"/problems", url.Values{"title": {"设备进口报关延误"}, "owner_unit": {lead}, "leader": {"孙志强"}, "deadline": {"2019-12-01"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add problem: %d", res.StatusCode)
		}
		_, body = office.get(page)
		if !strings.Contains(body, "红灯") || !strings.Contains(body, "设备进口报关延误") || !strings.Contains(body, "已逾期 8 天") {
			t.Fatal("an overdue open problem does not turn the project red with its reason")
		}
		var pid string
		d.QueryRow(ctx, "SELECT id FROM project_problems WHERE project_id = $1 AND title = '设备进口报关延误'", id).Scan(&pid)
		if res, _ := office.post(page+"/problems/"+pid+"/close", url.Values{"resolution": {" "}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("closing without a resolution: %d", res.StatusCode)
		}
		if res, _ := office.post(page+"/problems/"+pid+"/close", url.Values{"resolution": {"海关开通绿色通道，设备已到厂。"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("close: %d", res.StatusCode)
		}
		_, body = office.get(page)
		if strings.Contains(body, "<b>红灯</b>") {
			t.Fatal("the project stays red after its problem closed")
		}
		// The unit's own reporter may read the page but not keep its nodes.
		reporter := s.signIn("touzi.tb")
		if res, _ := reporter.get(page); res.StatusCode != http.StatusOK {
			t.Fatalf("lead unit's reporter on its project: %d", res.StatusCode)
		}
		if res, _ := reporter.post(page+"/nodes", url.Values{"stage": {"complete"}}); res.StatusCode != http.StatusForbidden {
			t.Fatalf("reporter keeping a node: %d", res.StatusCode)
		}
		// In English the page is English.
		office.post("/lang", url.Values{"lang": {"en"}, "back": {page}})
		_, body = office.get(page)
		if !strings.Contains(body, "Stage nodes") || !strings.Contains(body, "Problem list") || strings.Contains(body, "问题清单") {
			t.Fatal("the English project page is not English")
		}
	})
}

// The leaders' watch list holds every red and yellow project in scope and
// no green one; the programme page holds the seed's 7/32/106 and 19.8 亿元.
func TestWatchAndProgrammePages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		leader := s.signIn("lingdao")
		_, list := leader.get("/projects/2019")
		red := footerCount(t, list, "红灯")
		yellow := footerCount(t, list, "黄灯")
		_, body := leader.get("/projects/2019/watch")
		if !strings.Contains(body, "红灯 <b>"+strconv.Itoa(red)+"</b>") || !strings.Contains(body, "黄灯 <b>"+strconv.Itoa(yellow)+"</b>") {
			t.Fatalf("watch list does not count %d red and %d yellow", red, yellow)
		}
		if n := strings.Count(body, `<td><span class="dot st-ahead">`); n != 0 {
			t.Fatalf("watch list shows %d green projects", n)
		}
		_, body = leader.get("/programmes/2019")
		for _, want := range []string{"2019年第一批民生实事", "<td class=\"num\">7</td>", "<td class=\"num\">32</td>", "<td class=\"num\">106</td>", "198,000"} {
			if !strings.Contains(body, want) {
				t.Errorf("programmes page lacks %q", want)
			}
		}
	})
}

func footerCount(t *testing.T, body, colour string) int {
	t.Helper()
	m := regexp.MustCompile(colour+` (\d+)`).FindAllStringSubmatch(body, -1)
	if len(m) == 0 {
		t.Fatalf("no %s count on the page", colour)
	}
	n, _ := strconv.Atoi(m[len(m)-1][1])
	return n
}

// A bound indicator says so on its page and in the plan's table.
func TestBoundIndicatorShown(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		b := s.signIn("kaohe")
		_, body := b.get("/plan/2019/indicators/" + s.indicatorID("CJ02"))
		if !strings.Contains(body, "自动生成") || !strings.Contains(body, "由重点项目月报汇总") ||
			!strings.Contains(body, `href="/projects/2019?category=infrastructure"`) {
			t.Fatal("CJ02's page does not say its figures come from the projects")
		}
		_, body = b.get("/plan/2019/indicators/" + s.indicatorID("KJ01"))
		if strings.Contains(body, "自动生成") {
			t.Fatal("an indicator that is typed is shown as produced")
		}
		_, body = b.get("/plan/2019")
		if n := strings.Count(body, ">自动生成</span>"); n != 12 {
			t.Fatalf("the plan's table marks %d indicators as produced, want the demo's 6 from projects, 4 from the register, 1 from the leads and 1 from the tasks", n)
		}
		_, body = b.get("/plan/2019/indicators/" + s.indicatorID("ZF01"))
		if !strings.Contains(body, "由督办任务统计") || !strings.Contains(body, `href="/tasks"`) {
			t.Fatal("ZF01's page does not say its figures come from the supervised tasks")
		}
		_, body = b.get("/plan/2019/indicators/" + s.indicatorID("SZ04"))
		if !strings.Contains(body, "由招商线索统计") || !strings.Contains(body, "attract:signed") || !strings.Contains(body, `href="/leads"`) {
			t.Fatal("SZ04's page does not say its figures come from the leads")
		}
		_, body = b.get("/plan/2019/indicators/" + s.indicatorID("KJ04"))
		if !strings.Contains(body, "当月新认定“高新技术企业”") || !strings.Contains(body, "enterprise:granted hightech") {
			t.Fatal("KJ04's page does not say its figures come from the register")
		}
	})
}
