package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gaoxin/internal/demo"
)

// fillConversion types the conversion form of a lead's page afresh.
func (b *browser) fillConversion(code, leader, planned string) {
	b.t.Helper()
	b.do("fill the conversion",
		chromedp.Clear(chromedp.CSS(`#convert input[name="code"]`)),
		chromedp.SendKeys(chromedp.CSS(`#convert input[name="code"]`), code),
		chromedp.Clear(chromedp.CSS(`#convert input[name="leader"]`)),
		chromedp.SendKeys(chromedp.CSS(`#convert input[name="leader"]`), leader),
		chromedp.Clear(chromedp.CSS(`#convert input[name="planned_investment"]`)),
		chromedp.SendKeys(chromedp.CSS(`#convert input[name="planned_investment"]`), planned))
}

// The 项目办 finds a signed lead in the pipeline's list and turns it into a
// key project from its page: a code already in use is refused with the
// typing kept, a new one opens the project, which names its lead and
// stands in the year's portfolio with the lead's investment; the lead's
// page then shows the project instead of the form.
func TestConvertLeadInBrowser(t *testing.T) {
	b := start(t)
	b.signIn("xiangmu", demo.Password)
	b.visit("/leads/list?q=" + demo.BrowserLead)
	if n := b.count("table.leads tbody tr td a"); n != 1 {
		t.Fatalf("searching %s lists %d leads", demo.BrowserLead, n)
	}
	name := b.text("table.leads tbody tr td a")
	b.expectStatus("open the lead", b.click("table.leads tbody tr td a"), 200)
	lead := b.path()
	b.expectContains("the lead's stage", b.text("main"), "签约", "转为重点项目")

	b.fillConversion("XM-TCJ-001", "刘志强", "600")
	b.expectStatus("convert to a code in use", b.click(`#convert button[type="submit"]`), 422)
	b.expectContains("refusal", b.text(".error"), "XM-TCJ-001")
	b.expect("leader kept", b.value(`#convert input[name="leader"]`), "刘志强")
	b.expect("planned investment kept", b.value(`#convert input[name="planned_investment"]`), "600")

	b.fillConversion("XM-TCJ-950", "刘志强", "600")
	b.expectStatus("convert", b.click(`#convert button[type="submit"]`), 200)
	b.expectContains("the project's page", b.text("main"), "已转为重点项目", name, "XM-TCJ-950", demo.BrowserLead)
	project, _, _ := strings.Cut(b.path(), "?")

	b.visit("/projects/2019?q=XM-TCJ-950")
	b.expectContains("the portfolio", b.text("table.portfolio tbody"), name, "XM-TCJ-950")

	b.visit(lead)
	b.expectContains("the lead shows its project", b.text("#project"), "XM-TCJ-950", "600")
	if b.count("#convert") != 0 {
		t.Fatal("the converted lead still offers the conversion")
	}
	b.expectStatus("from the lead to its project", b.click(`#project a`), 200)
	b.expect("the project opened from the lead", b.path(), project)
}
