package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/audit"
	"gaoxin/internal/briefing"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/supervise"
)

// The briefings list shows the demo's two published months and opens on
// the draft due now; the draft is November's, the same as its published
// version, with the publish button for the office only.
func TestBriefingList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office, street := s.signIn("kaohe"), s.signIn("xincheng.tb")
		_, body := office.get("/briefings")
		published := s.count(t, "SELECT COUNT(*) FROM briefings WHERE year = 2019")
		if got := strings.Count(body, `/v/1">第 1 版</a>`); got != published || published != 2 ||
			!strings.Contains(body, `href="/briefings/2019/11">2019年11月通报草稿</a>`) {
			t.Fatalf("the list shows %d published versions of %d, or no link to November's draft:\n%s", got, published, body)
		}
		// December to January, each with its draft.
		if got := strings.Count(body, `>查看当前草稿</a>`); got != 12 {
			t.Errorf("%d months listed on 9 December, want 12", got)
		}
		_, body = office.get("/briefings/2019/11")
		for _, want := range []string{"潍坊高新区2019年11月工作通报", "草稿：按 2019-12-09 的数据计算", "与已发布的第 1 版内容相同", "发布本月通报",
			"一、年度目标总体情况", "二、滞后序时进度的指标", "三、考核排名", "四、重点项目推进情况", "五、督查督办事项", "六、企业诉求办理情况"} {
			if !strings.Contains(body, want) {
				t.Errorf("November's draft lacks %q", want)
			}
		}
		if _, body = street.get("/briefings/2019/11"); strings.Contains(body, "发布本月通报") || !strings.Contains(body, "二、滞后序时进度的指标") {
			t.Error("a street's reporter is offered the publish button, or sees no briefing")
		}
	})
}

// A published version is read from its snapshot: a request logged late
// changes the draft, not version 1; publishing makes version 2, and
// publishing again nothing. The page's figures are the snapshot's.
func TestBriefingVersions(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office, leader := s.signIn("kaohe"), s.signIn("lingdao")
		received := func(body string) int {
			m := regexp.MustCompile(`11月共受理企业诉求 (\d+) 件`).FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("no count of requests on the page")
			}
			n, _ := strconv.Atoi(m[1])
			return n
		}
		_, v1 := leader.get("/briefings/2019/11/v/1")
		before := received(v1)
		if want := s.count(t, "SELECT COUNT(*) FROM requests WHERE received_on LIKE '2019-11-%'"); before != want {
			t.Fatalf("version 1 counts %d requests, November holds %d", before, want)
		}
		// Red: past the deadline on the day, or on the day the closing was
		// asked for when that came first.
		red := s.count(t, `SELECT COUNT(*) FROM tasks WHERE source_on <= '2019-11-30' AND (status = 'open' AND deadline < '2019-12-09'
			OR status = 'closing' AND CASE WHEN closing_on <> '' AND closing_on < '2019-12-09' THEN closing_on ELSE '2019-12-09' END > deadline)`)
		if got := strings.Count(v1, `<td class="nw"><code>DB-`); got != red || !strings.Contains(v1, "红色（逾期未办结）任务 "+strconv.Itoa(red)+" 项") {
			t.Errorf("version 1 lists %d red tasks; the open tasks past their deadline are %d", got, red)
		}

		requests := supervise.NewStore(d)
		requests.SetClock(func() time.Time { return time.Date(2019, 12, 9, 2, 0, 0, 0, time.UTC) })
		if _, err := requests.Log(t.Context(), audit.System, supervise.Request{FirmName: "潍坊沃华医药科技股份有限公司", Contact: "张经理",
			Phone: "0536-7777777", Category: "finance", Content: "申请协调流动资金贷款", ReceivedOn: "2019-11-29"}); err != nil {
			t.Fatal(err)
		}
		_, draft := office.get("/briefings/2019/11")
		if received(draft) != before+1 || !strings.Contains(draft, "与已发布的第 1 版相比数据已有变化") {
			t.Fatalf("the draft counts %d requests (was %d) or does not say it differs", received(draft), before)
		}
		if _, v1 = leader.get("/briefings/2019/11/v/1"); received(v1) != before {
			t.Errorf("version 1 now counts %d requests, published with %d", received(v1), before)
		}
		if res, _ := leader.post("/briefings/2019/11/publish", nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("a leader publishing: %d", res.StatusCode)
		}
		res, _ := office.post("/briefings/2019/11/publish", nil)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/briefings/2019/11/v/2?done=briefing_published" {
			t.Fatalf("publishing: %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		_, v2 := leader.get("/briefings/2019/11/v/2")
		if received(v2) != before+1 || !strings.Contains(v2, "第 2 版：按 2019-12-09 的数据计算，2019-12-09 发布") {
			t.Errorf("version 2 counts %d requests", received(v2))
		}
		res, _ = office.post("/briefings/2019/11/publish", nil)
		if res.Header.Get("Location") != "/briefings/2019/11/v/2?done=briefing_unchanged" || s.count(t, "SELECT COUNT(*) FROM briefings WHERE month = 11") != 2 {
			t.Errorf("publishing unchanged content: to %q", res.Header.Get("Location"))
		}
		if _, body := office.get("/briefings/2019/11/v/2?done=briefing_unchanged"); !strings.Contains(body, "未生成新版本") {
			t.Error("the page does not say nothing new was published")
		}
		if n := s.count(t, "SELECT COUNT(*) FROM audit_log WHERE action = 'briefing.publish'"); n != 3 {
			t.Errorf("%d publications audited, want the demo's two and version 2", n)
		}
	})
}

// Months that cannot be briefed: December is not over on the demo's
// today, January 2020 has not begun, 2018 has no plan; a version that
// does not exist is not found.
func TestBriefingRefusals(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office := s.signIn("kaohe")
		res, body := office.post("/briefings/2019/12/publish", nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "2019年12月尚未结束") || !strings.Contains(body, "2019年12月工作通报") {
			t.Errorf("publishing December on 9 December: %d", res.StatusCode)
		}
		for path, want := range map[string]string{"/briefings/2020/1": "尚未开始", "/briefings/2018/11": "没有年度目标计划",
			"/briefings/2019/13": "", "/briefings/2019/11/v/9": "", "/briefings/2019/11/v/x/briefing.xlsx": ""} {
			res, body := office.get(path)
			if res.StatusCode != http.StatusNotFound || !strings.Contains(body, want) {
				t.Errorf("%s: %d, want 404 saying %q", path, res.StatusCode, want)
			}
		}
		if n := s.count(t, "SELECT COUNT(*) FROM briefings"); n != 2 {
			t.Errorf("refusals left %d briefings, the demo has 2", n)
		}
	})
}

// The workbook of a published version is its snapshot, in the visitor's
// language, named for its month and version; the page in English is
// English; the style sheet prints the briefing on A4 without the site's
// navigation.
func TestBriefingWorkbookAndPrint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		viewer := s.signIn("chakan")
		res, xl := viewer.get("/briefings/2019/10/v/1/briefing.xlsx")
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "2019-10-") ||
			!strings.HasSuffix(res.Header.Get("Content-Disposition"), `-v1.xlsx`) {
			t.Fatalf("workbook: %d, %q", res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(xl)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		pub, err := briefing.NewStore(d).Version(t.Context(), 2019, 10, 1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := pub.Briefing()
		title, _ := f.GetCellValue("总体情况", "A1")
		requests, _ := f.GetCellValue("企业诉求", "B2", excelize.Options{RawCellValue: true})
		if len(f.GetSheetList()) != 6 || title != "潍坊高新区2019年10月工作通报" || requests != strconv.Itoa(b.Requests.Received) {
			t.Errorf("October's workbook: sheets %v, title %q, %s requests (snapshot %d)", f.GetSheetList(), title, requests, b.Requests.Received)
		}

		viewer.post("/lang", url.Values{"lang": {"en"}, "back": {"/briefings/2019/10/v/1"}})
		_, body := viewer.get("/briefings/2019/10/v/1")
		for _, want := range []string{"潍坊高新区: monthly briefing, Oct 2019", "Version 1, computed from the data of 2019-11-08", "2. Indicators behind schedule",
			"6. Enterprise requests"} {
			if !strings.Contains(body, want) {
				t.Errorf("the English page lacks %q", want)
			}
		}
		if strings.Contains(body, "[briefing.") {
			t.Error("a message key shows on the English page")
		}
		css := regexp.MustCompile(`href="(/static/app\.[^"]+\.css)"`).FindStringSubmatch(body)
		if css == nil || !strings.Contains(body, `<header class="top">`) || !strings.Contains(body, `class="briefing-section"`) {
			t.Fatal("the page has no style sheet, no header to hide or no sections")
		}
		_, sheet := viewer.get(css[1])
		at := strings.Index(sheet, "@media print")
		if at < 0 {
			t.Fatal("the style sheet has no print style")
		}
		print := sheet[at:]
		for _, want := range []string{"size: A4", "header.top", ".briefing-section { break-before: page; }"} {
			if !strings.Contains(print, want) {
				t.Errorf("the print style lacks %q", want)
			}
		}
	})
}
