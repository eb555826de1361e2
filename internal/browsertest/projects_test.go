package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gaoxin/internal/demo"
)

// fillProject types a project's November line of the report form, found by
// its code: the month's investment, and the 形象进度 and problems when given.
func (b *browser) fillProject(code, invest, progress, problems string) {
	b.t.Helper()
	row := `//tr[td[2]/small[contains(., "` + code + `")]]`
	b.clearField(code, "i_")
	steps := []chromedp.Action[chromedp.Void]{chromedp.SendKeys(chromedp.Search(row+`//input[starts-with(@name, "i_")]`), invest)}
	if progress != "" {
		b.clearField(code, "g_")
		steps = append(steps, chromedp.SendKeys(chromedp.Search(row+`//textarea[starts-with(@name, "g_")]`), progress))
	}
	if problems != "" {
		steps = append(steps, chromedp.SendKeys(chromedp.Search(row+`//textarea[starts-with(@name, "q_")]`), problems))
	}
	b.do("fill "+code, steps...)
}

// clearField empties the field of a project's line whose name starts with
// prefix, as selecting all and deleting would.
func (b *browser) clearField(code, prefix string) {
	b.t.Helper()
	b.eval(`(() => {
		const row = [...document.querySelectorAll("table.grid tbody tr")].find(tr => {
			const small = tr.querySelector("td:nth-child(2) small");
			return small && small.textContent.includes(` + jsString(code) + `);
		});
		row.querySelector('[name^="` + prefix + `"]').value = "";
		return "";
	})()`)
}

// lightOf is the light a project shows in the portfolio list.
func (b *browser) lightOf(code string) string {
	b.t.Helper()
	b.visit("/projects/2019?q=" + code)
	return b.text("table.portfolio tbody tr td:last-child")
}

// 投资促进局's reporter fills the November report of a project that is
// yellow because its investment to October is behind 序时; a wrong amount
// keeps it yellow, the 项目办 returns it with a reason, the reporter fixes
// it, and the project turns green on the portfolio page.
func TestProjectReportInBrowser(t *testing.T) {
	b := start(t)
	code := demo.BrowserProject
	b.signIn("touzi.tb", demo.Password)
	b.expectContains("light before", b.lightOf(code), "黄灯", "落后于序时")
	b.visit("/projects/mine")
	b.expectContains("my projects", b.text("main"), "投资促进局", "2019年11月")
	b.expectStatus("open the form", b.click(`a.button[href^="/projects/2019/report/11/"]`), 200)
	form := b.path()
	b.expectContains("form heading", b.text("main h1"), "投资促进局", "2019年11月")

	// 400 万元 instead of 4,000: behind 序时, so it needs its problems.
	b.fillProject(code, "400", "二期厂房设备安装中", "")
	b.expectStatus("submit behind 序时 without its problems", b.click(`button[value="submit"]`), 422)
	b.expectContains("refusal", b.text("main"), "有 1 个项目未能报送")
	b.expect("typed amount kept", b.value(`input[value="400"]`), "400")
	b.fillProject(code, "400", "", "设备款支付延后")
	b.expectStatus("submit", b.click(`button[value="submit"]`), 200)
	b.expectContains("after submit", b.text("main"), "项目月报已报送")
	b.expectContains("light with 400", b.lightOf(code), "黄灯")
	b.signOut()

	b.signIn("xiangmu", demo.Password)
	b.visit(form)
	b.do("tick the project and give the reason",
		chromedp.Click(chromedp.Search(`//tr[td[2]/small[contains(., "`+code+`")]]//input[@type="checkbox"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="reason"]`), "本月投资与监理月报 4000 万元不符，请核实"))
	b.expectStatus("return", b.click(`button[formaction$="/return"]`), 200)
	b.expectContains("after return", b.text("main"), "本月投资与监理月报 4000 万元不符，请核实")
	b.signOut()

	b.signIn("touzi.tb", demo.Password)
	b.visit(form)
	if n := b.count(`input[name^="i_"]`); n != 1 {
		t.Fatalf("after the return %d lines are open, want only the returned one", n)
	}
	b.fillProject(code, "4000", "", "")
	b.expectStatus("resubmit", b.click(`button[value="submit"]`), 200)
	light := b.lightOf(code)
	b.expectContains("light after the fix", light, "绿灯")
	if strings.Contains(light, "落后") {
		t.Fatalf("the green light still explains a lag: %s", light)
	}
}
