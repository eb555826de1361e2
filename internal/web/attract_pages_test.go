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

// leadRows counts the lines of a lead list page.
func leadRows(body string) int { return strings.Count(body, `<td><code>ZS-`) }

// pipelineFoot is the pipeline's footer total of leads.
var pipelineFoot = regexp.MustCompile(`<td class="num"><b>(\d+)</b></td><td class="num">[^<]*</td><td class="num">[^<]*</td><td></td><td></td></tr></tfoot>`)

// The pipeline and the list hold the leads SQL finds, within the user's
// scope, and the list exports as it shows.
func TestPipelineAndListPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office := s.signIn("kaohe")
		_, body := office.get("/leads")
		m := pipelineFoot.FindStringSubmatch(body)
		if all := s.count(t, "SELECT COUNT(*) FROM leads"); m == nil || m[1] != strconv.Itoa(all) || all < 80 {
			t.Fatalf("the pipeline's total is %v, the demo holds %d leads", m, all)
		}
		// The 签约 row's "reached" column counts every lead at 签约 or past it.
		reached := s.count(t, "SELECT COUNT(*) FROM leads WHERE stage IN ('signed', 'starting', 'funded', 'producing')")
		if !strings.Contains(body, "<td class=\"num\">"+strconv.Itoa(reached)+"</td>") {
			t.Errorf("no row of the pipeline shows the %d leads that reached 签约", reached)
		}
		agency := s.count(t, "SELECT COUNT(*) FROM leads WHERE channel = 'agency'")
		_, body = office.get("/leads/list?channel=agency")
		if got := leadRows(body); got != agency || agency == 0 || !strings.Contains(body, "共 "+strconv.Itoa(agency)+" 条") {
			t.Errorf("the list of 中介招商 shows %d leads, SQL finds %d", got, agency)
		}
		res, xl := office.get("/leads/export.xlsx?channel=agency")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("export: %d", res.StatusCode)
		}
		table, err := xlsx.Read("leads.xlsx", bytes.NewReader([]byte(xl)))
		if err != nil || len(table.Rows) != agency || table.Column("编号") != 0 {
			t.Fatalf("export of 中介招商: %v rows (want %d), %v", table, agency, err)
		}
		// A street sees the leads it owns, and nothing of 投资促进局's.
		own := s.count(t, "SELECT COUNT(*) FROM leads l JOIN units u ON u.id = l.owner_unit_id WHERE u.code = 'XCJD'")
		_, body = s.signIn("xincheng.tb").get("/leads/list")
		if got := leadRows(body); got != own || strings.Contains(body, "ZS-2019-TCJ-") {
			t.Errorf("新城街道 sees %d leads, owns %d", got, own)
		}
		office.post("/lang", url.Values{"lang": {"en"}, "back": {"/leads"}})
		if _, body = office.get("/leads"); !strings.Contains(body, "Signed") || strings.Contains(body, "签约</th>") {
			t.Error("the English pipeline is not English")
		}
	})
}

// A signed lead becomes a key project from its page without retyping: a
// refused conversion keeps the typing, the project and the lead link to
// each other, the project is in the portfolio with the lead's figures,
// and neither an unsigned lead nor a converted one converts.
func TestConvertLeadPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		var id, name string
		var expected float64
		if err := d.QueryRow(t.Context(), "SELECT id, name, expected_investment FROM leads WHERE code = $1", demo.BrowserLead).Scan(&id, &name, &expected); err != nil {
			t.Fatal(err)
		}
		page := "/leads/" + id
		office := s.signIn("xiangmu")
		if _, body := office.get(page); !strings.Contains(body, `action="/leads/`+id+`/convert"`) {
			t.Fatal("the signed lead's page offers no conversion")
		}
		if _, body := s.signIn("touzi.tb").get(page); strings.Contains(body, "/convert") {
			t.Fatal("a reporter is offered the conversion")
		}
		form := url.Values{"code": {"XM-TCJ-001"}, "category": {"industrial"}, "leader": {"王副主任"}, "location": {"光电产业园"}, "planned_investment": {"600"}}
		res, body := office.post(page+"/convert", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="王副主任"`) || !strings.Contains(body, `value="光电产业园"`) ||
			!strings.Contains(errorsOf(body), "XM-TCJ-001") {
			t.Fatalf("a conversion to a code in use: %d, %s, typing kept: %v", res.StatusCode, errorsOf(body), strings.Contains(body, `value="王副主任"`))
		}
		if n := s.count(t, "SELECT COUNT(*) FROM leads WHERE code = $1 AND project_id IS NOT NULL", demo.BrowserLead); n != 0 {
			t.Fatal("a refused conversion linked the lead")
		}
		form.Set("code", "XM-TCJ-901")
		res, body = office.post(page+"/convert", form)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/projects/2019/") {
			t.Fatalf("convert: %d to %q: %s", res.StatusCode, res.Header.Get("Location"), errorsOf(body))
		}
		var total float64
		var investor string
		if err := d.QueryRow(t.Context(), "SELECT total_investment, investor FROM projects WHERE code = 'XM-TCJ-901'").Scan(&total, &investor); err != nil {
			t.Fatal(err)
		}
		if total != expected || investor == "" {
			t.Errorf("the project's total is %v (the lead expects %v), investor %q", total, expected, investor)
		}
		_, body = office.get(res.Header.Get("Location"))
		if !strings.Contains(body, `href="`+page+`" id="source-lead"`) || !strings.Contains(body, demo.BrowserLead) {
			t.Error("the project's page does not link to its lead")
		}
		_, body = office.get(page)
		if !strings.Contains(body, `id="project"`) || !strings.Contains(body, "XM-TCJ-901") || strings.Contains(body, `/convert"`) {
			t.Error("the lead's page does not show its project, or still offers the conversion")
		}
		if res, _ := office.post(page+"/convert", form); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a second conversion: %d", res.StatusCode)
		}
		_, body = office.get("/projects/2019?q=XM-TCJ-901")
		if !strings.Contains(body, name) {
			t.Error("the converted project is not in the portfolio")
		}
		var unsigned string
		d.QueryRow(t.Context(), "SELECT id FROM leads WHERE code = 'ZS-2019-TCJ-050'").Scan(&unsigned)
		form.Set("code", "XM-TCJ-902")
		res, body = office.post("/leads/"+unsigned+"/convert", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "尚未签约") {
			t.Errorf("an unsigned lead's conversion: %d", res.StatusCode)
		}
	})
}

// errorsOf is the error messages of a page, for a test's failure.
func errorsOf(body string) string {
	var out []string
	for _, m := range regexp.MustCompile(`class="(?:error|errors)[^"]*"[^>]*>([^<]*)`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return strings.Join(out, "; ")
}
