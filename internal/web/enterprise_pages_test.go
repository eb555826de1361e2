package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/xlsx"
)

func (s *site) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The register's views hold the firms SQL finds for them, within the
// user's scope, and export as they show.
func TestRegisterPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office := s.signIn("xiangmu")
		_, body := office.get("/enterprises")
		if got := strings.Count(body, `<td><code>`); got != 400 || !strings.Contains(body, "合计 400 家") {
			t.Fatalf("the register lists %d firms, want 400", got)
		}
		const holds = `SELECT COUNT(DISTINCT enterprise_id) FROM enterprise_tiers WHERE tier = $1 AND granted_on <= '2019-12-09'
			AND (expires_on = '' OR expires_on > '2019-12-09') AND (ended_on = '' OR ended_on > '2019-12-09')`
		for view, tier := range map[string]string{"gazelle": "gazelle", "champion_pool": "champion_pool", "over_100m": "over_100m"} {
			want := s.count(t, holds, tier)
			_, body = office.get("/enterprises?view=" + view)
			if got := strings.Count(body, `<td><code>`); got != want || want == 0 {
				t.Errorf("view %s: %d rows, the tiers hold %d", view, got, want)
			}
		}
		// 高企规模化: high-tech, neither 规模以上 nor 过亿.
		want := s.count(t, `SELECT COUNT(*) FROM enterprises e WHERE EXISTS (SELECT 1 FROM enterprise_tiers t WHERE t.enterprise_id = e.id AND t.tier = 'hightech'
			AND t.granted_on <= '2019-12-09' AND t.expires_on > '2019-12-09' AND t.ended_on = '')
			AND NOT EXISTS (SELECT 1 FROM enterprise_tiers t WHERE t.enterprise_id = e.id AND t.tier IN ('above_scale', 'over_100m') AND t.ended_on = '')`)
		_, body = office.get("/enterprises?view=hightech_not_large")
		if got := strings.Count(body, `<td><code>`); got != want || want == 0 {
			t.Errorf("高企规模化: %d rows, SQL finds %d", got, want)
		}
		if _, body = office.get("/enterprises?view=expiring"); strings.Count(body, `<td><code>`) != 12 || !strings.Contains(body, "高企证书 2019-12-") {
			t.Errorf("certificates expiring this year: %d rows, want the demo's 12", strings.Count(body, `<td><code>`))
		}
		// A department (科技创新局, the viewer's) works with the whole zone's firms.
		if _, body = s.signIn("chakan").get("/enterprises"); strings.Count(body, `<td><code>`) != 400 {
			t.Errorf("科技创新局 sees %d firms of the zone's 400", strings.Count(body, `<td><code>`))
		}
		// A street's head sees its own firms only.
		streetFirms := s.count(t, `SELECT COUNT(*) FROM enterprises e JOIN units u ON u.id = e.unit_id WHERE u.code = 'XCJD'`)
		_, body = s.signIn("xincheng.fzr").get("/enterprises")
		if got := strings.Count(body, `<td><code>`); got != streetFirms || streetFirms == 0 || strings.Contains(body, "潍柴动力") {
			t.Fatalf("新城街道 sees %d firms, holds %d", got, streetFirms)
		}
		res, xl := office.get("/enterprises/export.xlsx?view=gazelle")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("export: %d", res.StatusCode)
		}
		table, err := xlsx.Read("firms.xlsx", bytes.NewReader([]byte(xl)))
		if err != nil || len(table.Rows) != s.count(t, holds, "gazelle") || table.Column("统一社会信用代码") != 0 {
			t.Fatalf("export: %v rows, %v", table, err)
		}
	})
}

// Granting and ending a tier on the firm's page: refusals keep the
// typing, and the bound indicator KJ05 (瞪羚企业) follows at once.
func TestFirmTiers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		var firm string
		if err := d.QueryRow(context.Background(), "SELECT id FROM enterprises WHERE name = '华辰制药股份有限公司'").Scan(&firm); err != nil {
			t.Fatal(err)
		}
		page := "/enterprises/" + firm
		kj05 := func() float64 {
			f := s.figure(t, s.assignmentID("KJ05", "KCJ"), 11)
			if f.Value == nil {
				t.Fatal("KJ05 has no November figure")
			}
			return *f.Value
		}
		before := kj05()
		office := s.signIn("xiangmu")
		held := s.count(t, `SELECT COUNT(*) FROM enterprise_tiers WHERE enterprise_id = $1 AND tier = 'gazelle'`, firm)
		if held != 0 {
			t.Fatal("华辰制药 is a gazelle in the demo already: choose another firm")
		}
		res, body := office.post(page+"/tiers", url.Values{"tier": {"gazelle"}, "granted_on": {"2019-12-20"}, "certificate": {"WF-DL-2019-07"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "晚于今天") || !strings.Contains(body, `value="WF-DL-2019-07"`) {
			t.Fatalf("a grant after today: %d", res.StatusCode)
		}
		if res, _ := office.post(page+"/tiers", url.Values{"tier": {"gazelle"}, "granted_on": {"2019-11-15"}, "certificate": {"WF-DL-2019-07"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("grant: %d", res.StatusCode)
		}
		if got := kj05(); got != before+1 {
			t.Fatalf("KJ05 in November after a gazelle granted on 15 November = %v, was %v", got, before)
		}
		var tier string
		d.QueryRow(context.Background(), "SELECT id FROM enterprise_tiers WHERE enterprise_id = $1 AND tier = 'gazelle'", firm).Scan(&tier)
		res, body = office.post(page+"/tiers/"+tier+"/end", url.Values{"ended_on": {"2019-11-25"}, "reason": {""}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写终止原因") || !strings.Contains(body, `value="2019-11-25"`) {
			t.Fatalf("an end without its reason: %d", res.StatusCode)
		}
		if res, _ := office.post(page+"/tiers/"+tier+"/end", url.Values{"ended_on": {"2019-11-25"}, "reason": {"认定有误"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("end: %d", res.StatusCode)
		}
		if got := kj05(); got != before {
			t.Fatalf("KJ05 after the gazelle ended on 25 November = %v, want %v", got, before)
		}
		_, body = office.get(page)
		if !strings.Contains(body, "2019-11-25 终止：认定有误") {
			t.Fatal("the firm's history does not keep the ended grant")
		}
		// A street's head cannot read the page of a park's firm.
		if res, _ := s.signIn("xincheng.fzr").get(page); res.StatusCode != http.StatusForbidden {
			t.Fatalf("another street's firm: %d", res.StatusCode)
		}
		office.post("/lang", url.Values{"lang": {"en"}, "back": {page}})
		if _, body = office.get(page); !strings.Contains(body, "Tiers and their history") || strings.Contains(body, "培育层级及历史") {
			t.Fatal("the English firm page is not English")
		}
	})
}

// The import page takes an office's file and refuses a bad one whole.
func TestRegisterImportPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office := s.signIn("kaohe")
		before := s.count(t, "SELECT COUNT(*) FROM enterprises")
		bad := "统一社会信用代码,企业名称,所属单位\r\n914403001922038217,错码公司,XCJD\r\n"
		res, body := office.uploadWith("/enterprises/import", "名录.csv", []byte(bad), url.Values{"year": {"2019"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "第 2 行") || !strings.Contains(body, "校验位不对") {
			t.Fatalf("bad file: %d", res.StatusCode)
		}
		good := "统一社会信用代码,企业名称,所属单位,营业收入（万元）\r\n914403001922038216,潍坊新创电子有限公司,XCJD,3200\r\n"
		res, body = office.uploadWith("/enterprises/import", "名录.csv", []byte(good), url.Values{"year": {"2019"}})
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "新建 1 家") {
			t.Fatalf("good file: %d", res.StatusCode)
		}
		if n := s.count(t, "SELECT COUNT(*) FROM enterprises"); n != before+1 {
			t.Fatalf("%d firms after the import, want %d", n, before+1)
		}
		if n := s.count(t, "SELECT COUNT(*) FROM enterprise_years WHERE year = 2019 AND revenue = 3200"); n != 1 {
			t.Fatalf("the 2019 revenue was not kept (%d)", n)
		}
	})
}
