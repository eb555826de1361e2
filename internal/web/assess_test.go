package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/assess"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/score"
)

func init() { moreRouteRows = append(moreRouteRows, assessRouteRows) }

// schemeID is the adopted 2019 scheme of a demo class.
func (s *site) schemeID(class string) string {
	s.t.Helper()
	st, err := assess.NewStore(s.db).Latest(context.Background(), 2019, class)
	if err != nil {
		s.t.Fatal(err)
	}
	return itoa(st.ID)
}

func assessRouteRows(t *testing.T, s *site) []routeRow {
	xc := s.unitID("XCJD")
	street := s.schemeID("街道")
	q3 := "/assess/2019/results/Q3"
	return []routeRow{
		{"GET /assess", "/assess", nil, expect{toSignin, see, see, see, see, see, see}},
		{"GET /assess/{year}", "/assess/2019", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"GET /assess/{year}/combined", "/assess/2019/combined", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"GET /assess/{year}/results/{period}", q3, nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		// 新城街道's scorecard: the viewer works in 科技创新局, outside its scope.
		{"GET /assess/{year}/results/{period}/units/{unit}", q3 + "/units/" + xc, nil, expect{toSignin, ok, ok, ok, ok, ok, deny}},
		{"GET /assess/{year}/results/{period}/bulletin.xlsx", q3 + "/bulletin.xlsx", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"GET /assess/{year}/results/{period}/changes", q3 + "/changes?class=" + url.QueryEscape("街道") + "&from=1&to=1", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"POST /assess/{year}/results/{period}/publish", q3 + "/publish", func(string) url.Values {
			return url.Values{"class": {"街道"}}
		}, expect{toSignin, see, see, deny, deny, deny, deny}},
		{"GET /assess/{year}/whatif", "/assess/2019/whatif", nil, expect{toSignin, ok, ok, deny, deny, deny, deny}},
		{"POST /assess/{year}/whatif", "/assess/2019/whatif", func(string) url.Values {
			return url.Values{"class": {"街道"}, "period": {"Q3"}, "mode": {"points"}, "points_SZ03": {"20"}}
		}, expect{toSignin, ok, ok, deny, deny, deny, deny}},
		{"GET /assess/{year}/schemes", "/assess/2019/schemes", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"POST /assess/{year}/schemes", "/assess/2019/schemes", func(string) url.Values { return url.Values{"body": {""}} },
			expect{toSignin, bad, bad, deny, deny, deny, deny}},
		{"GET /assess/{year}/schemes/{id}", "/assess/2019/schemes/" + street, nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"GET /assess/{year}/schemes/{id}/file", "/assess/2019/schemes/" + street + "/file", nil, expect{toSignin, ok, ok, ok, ok, ok, ok}},
		{"POST /assess/{year}/schemes/{id}/adopt", "/assess/2019/schemes/" + street + "/adopt", func(string) url.Values { return nil },
			expect{toSignin, see, see, deny, deny, deny, deny}},
	}
}

// The Q3 results page ranks each class with grades, and a unit's scorecard
// explains every item with its figures, as published.
func TestResultsAndScorecard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		published, err := assess.NewResultStore(d).Latest(context.Background(), 2019, "Q3", "街道")
		if err != nil {
			t.Fatal(err)
		}
		r, _ := published.Result()
		first := r.Units[0]
		head := s.signIn("xincheng.fzr")
		res, body := head.get("/assess/2019/results/Q3")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("results: %d", res.StatusCode)
		}
		for _, want := range []string{"经济发展类", "社会管理类", "党群类", "街道", first.Name, score.FormatPoints(first.Total), "badge grade-"} {
			if !strings.Contains(body, want) {
				t.Errorf("the results page lacks %q", want)
			}
		}
		if strings.Contains(body, "/publish") {
			t.Error("a unit head sees the publish form")
		}
		xc := s.unitID("XCJD")
		res, body = head.get("/assess/2019/results/Q3/units/" + xc)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("scorecard: %d", res.StatusCode)
		}
		mine := r.Unit(mustID(t, xc))
		for k, it := range mine.Items {
			if !strings.Contains(body, htmlText(it.Why.ZH)) {
				t.Errorf("the scorecard lacks the explanation of %s: %s", r.Items[k].Code, it.Why.ZH)
			}
		}
		if !strings.Contains(body, score.FormatPoints(mine.Total)) {
			t.Errorf("the scorecard lacks the total %s", score.FormatPoints(mine.Total))
		}
		// The office's draft revision is not shown to a unit.
		drafts, _ := assess.NewStore(d).Drafts(context.Background(), 2019)
		if res, _ := head.get("/assess/2019/schemes/" + itoa(drafts[0].ID)); res.StatusCode != http.StatusNotFound {
			t.Errorf("a draft scheme for a unit head: %d", res.StatusCode)
		}
		if _, body := head.get("/assess/2019/schemes"); strings.Contains(body, "草稿") {
			t.Error("the schemes page shows a unit head the office's draft")
		}
		if res, _ := s.signIn("kaohe").get("/assess/2019/schemes/" + itoa(drafts[0].ID)); res.StatusCode != http.StatusOK {
			t.Errorf("the draft for the office: %d", res.StatusCode)
		}
		// Another street's scorecard is outside the head's scope.
		if res, _ := head.get("/assess/2019/results/Q3/units/" + s.unitID("QCJD")); res.StatusCode != http.StatusForbidden {
			t.Errorf("another street's scorecard: %d", res.StatusCode)
		}
		// Nothing is published for the year yet: readers see that, the office sees it computed.
		if _, body := head.get("/assess/2019/results/Y"); strings.Contains(body, "<table class=\"results\">") || !strings.Contains(body, "尚未发布") {
			t.Error("a unit head sees unpublished results for the year")
		}
		if _, body := s.signIn("kaohe").get("/assess/2019/results/Y"); !strings.Contains(body, "按当前数据计算，尚未发布") || !strings.Contains(body, "<table class=\"results\">") {
			t.Error("the office does not see the year computed now")
		}
	})
}

// htmlText is text as html/template writes it into a page.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}

// The bulletin workbook holds each class ranked, with the published totals.
func TestBulletinWorkbook(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		res, body := s.signIn("lingdao").get("/assess/2019/results/Q3/bulletin.xlsx")
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("bulletin: %d %s", res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows("通报")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(rows[0][0], "2019年前三季度综合考核结果通报") {
			t.Errorf("title %q", rows[0][0])
		}
		published, _ := assess.NewResultStore(d).Latest(context.Background(), 2019, "Q3", "街道")
		r, _ := published.Result()
		found := false
		for _, row := range rows {
			if len(row) >= 8 && row[1] == r.Units[0].Name {
				found = row[0] == "1" && row[6] == score.FormatPoints(r.Units[0].Total) && row[7] == r.Units[0].Grade
			}
		}
		if !found {
			t.Errorf("the bulletin lacks %s ranked 1 with %s", r.Units[0].Name, score.FormatPoints(r.Units[0].Total))
		}
		if items, err := f.GetRows("分项得分"); err != nil || len(items) < 4 {
			t.Errorf("items sheet: %d rows, %v", len(items), err)
		}
	})
}

// The office publishes a new version after a change, sees what changed,
// tries a draft in what-if, and a bad scheme file comes back by line.
func TestPublishWhatIfAndSchemeErrors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office := s.signIn("kaohe")
		// Publishing unchanged results adds no version.
		res, _ := office.post("/assess/2019/results/Q3/publish", url.Values{"class": {"街道"}})
		if loc := res.Header.Get("Location"); !strings.Contains(loc, "done=results_unchanged") {
			t.Fatalf("publish again: %s", loc)
		}
		// A revised street scheme (rank bands worth more) is adopted; Q3 published again becomes v2.
		st, _ := assess.NewStore(d).Latest(context.Background(), 2019, "街道")
		revised, err := assess.WithPoints(st.Body, map[string]string{"SZ03": "25", "MZPJ": "10"})
		if err != nil {
			t.Fatal(err)
		}
		res, body := office.post("/assess/2019/schemes", url.Values{"body": {string(revised)}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save scheme: %d %.300s", res.StatusCode, body)
		}
		res, _ = office.post("/assess/2019/results/Q3/publish", url.Values{"class": {"街道"}, "note": {"按修订方案重新发布"}})
		if loc := res.Header.Get("Location"); !strings.Contains(loc, "done=results_published") {
			t.Fatalf("publish: %s", loc)
		}
		v2, _ := assess.NewResultStore(d).Latest(context.Background(), 2019, "Q3", "街道")
		if v2.Version != 2 || v2.Note != "按修订方案重新发布" {
			t.Fatalf("latest = v%d %q", v2.Version, v2.Note)
		}
		_, body = office.get("/assess/2019/results/Q3/changes?class=" + url.QueryEscape("街道") + "&from=1&to=2")
		if !strings.Contains(body, "民主评议: ") {
			t.Errorf("the changes page does not name the item that changed:\n%.2000s", body)
		}
		// What-if: 民主评议 worth 30 instead of 10, 网格事件 5 instead of 15.
		res, body = office.post("/assess/2019/whatif", url.Values{"class": {"街道"}, "period": {"Q3"}, "mode": {"points"}, "points_MZPJ": {"30"}, "points_ZL01": {"5"}})
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "个单位的排名变化") {
			t.Fatalf("what-if: %d %.500s", res.StatusCode, body)
		}
		// A points value that is not a number is refused with the input kept.
		res, body = office.post("/assess/2019/whatif", url.Values{"class": {"街道"}, "period": {"Q3"}, "mode": {"points"}, "points_MZPJ": {"四十"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="四十"`) || !strings.Contains(body, "不是数字") {
			t.Fatalf("bad points: %d", res.StatusCode)
		}
		// A broken file: the error names the line, and the pasted text stays.
		broken := strings.Replace(string(st.Body), "points: 15", "points: 十五", 1)
		res, body = office.post("/assess/2019/schemes", url.Values{"body": {broken}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "第") || !strings.Contains(body, "十五") {
			t.Fatalf("broken scheme: %d %.500s", res.StatusCode, body)
		}
		// A scheme of another year is refused.
		other := strings.Replace(string(st.Body), "year: 2019", "year: 2020", 1)
		if res, body := office.post("/assess/2019/schemes", url.Values{"body": {other}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "2020 年的方案") {
			t.Fatalf("another year's scheme: %d", res.StatusCode)
		}
	})
}
