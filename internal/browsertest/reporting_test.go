package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gaoxin/internal/demo"
)

// fillRow types into the value (and explanation) of the grid row whose
// indicator code is code, as a reporter would.
func (b *browser) fillRow(code, value, explanation string) {
	b.t.Helper()
	row := `//tr[td[2]/small[contains(., "` + code + `")]]`
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Clear(chromedp.Search(row + `//input[starts-with(@name, "v_")]`)),
		chromedp.SendKeys(chromedp.Search(row+`//input[starts-with(@name, "v_")]`), value),
	}
	if explanation != "" {
		steps = append(steps, chromedp.SendKeys(chromedp.Search(row+`//textarea`), explanation))
	}
	b.do("fill "+code, steps...)
}

func (b *browser) signOut() {
	b.t.Helper()
	b.click(`form[action="/signout"] button`)
}

// The whole November round of 新城街道 in the browser: the reporter fills
// and submits, the head returns one figure, the reporter fixes it, the head
// confirms and the assessment office approves.
func TestReportingRoundTripInBrowser(t *testing.T) {
	b := start(t)
	b.signIn("xincheng.tb", demo.Password)
	b.visit("/report")
	b.expectContains("my work", b.text("main"), "新城街道", "2019年11月")
	b.expectStatus("open the grid", b.click(`a[href^="/report/2019/11/"]`), 200)
	grid := b.path()
	b.expectContains("grid heading", b.text("main h1"), "新城街道", "2019年11月")

	b.fillRow("CJ03", "1", "")
	b.fillRow("ZL01", "80%", "")
	b.fillRow("ZL02", "98", "")
	b.fillRow("SZ03", "1.2万", "")
	b.expectStatus("submit with a shortfall unexplained", b.click(`button[value="submit"]`), 422)
	b.expectContains("refusal", b.text("main"), "完成情况落后于序时进度，请填写说明后再报送。")
	b.expect("typed value kept", b.value(`input[value="1.2万"]`), "1.2万")
	b.fillRow("ZL01", "80%", "两起事件跨月办理")
	b.expectStatus("submit", b.click(`button[value="submit"]`), 200)
	b.expectContains("after submit", b.text("main"), "已报送，等待单位负责人确认。")
	b.signOut()

	b.signIn("xincheng.fzr", demo.Password)
	b.visit(grid)
	b.do("tick the toilets", chromedp.Click(chromedp.Search(`//tr[td[2]/small[contains(., "CJ03")]]//input[@type="checkbox"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="reason"]`), "公厕数请与综合执法局核对"))
	b.expectStatus("return", b.click(`button[formaction$="/return"]`), 200)
	b.expectContains("after return", b.text("main"), "已退回填报单位。", "公厕数请与综合执法局核对")
	b.signOut()

	b.signIn("xincheng.tb", demo.Password)
	b.visit(grid)
	if n := b.count(`input[name^="v_"]`); n != 1 {
		t.Fatalf("after the return %d cells are open, want only the returned one", n)
	}
	b.fillRow("CJ03", "2", "福东巷新建1座")
	b.expectStatus("resubmit", b.click(`button[value="submit"]`), 200)
	b.signOut()

	b.signIn("xincheng.fzr", demo.Password)
	b.visit(grid)
	b.expectStatus("confirm", b.click(`button[formaction$="/confirm"]`), 200)
	b.signOut()

	b.signIn("kaohe", demo.Password)
	b.visit(grid)
	b.expectStatus("approve", b.click(`button[formaction$="/approve"]`), 200)
	states := b.text("table.grid tbody")
	if strings.Count(states, "审核通过") != 4 {
		t.Fatalf("after approval the grid reads:\n%s", states)
	}
}
