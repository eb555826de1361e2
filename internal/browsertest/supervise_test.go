package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"

	"gaoxin/internal/demo"
)

// 经济发展局's reporter finds the unit's red task on "my work", asks to
// close it — refused without evidence, the typing kept — and then with
// its evidence; the office approves the closing on the task's page and
// the task leaves the red list.
func TestCloseTaskInBrowser(t *testing.T) {
	b := start(t)
	b.signIn("kaohe", demo.Password)
	b.visit("/tasks?colour=red")
	b.expectContains("the red list", b.text("table.tasks tbody"), demo.BrowserTask)
	b.signOut()

	b.signIn("jingji.tb", demo.Password)
	b.visit("/report")
	b.expectContains("my work", b.text("main"), demo.BrowserTask, "红色")
	row := `//h2[@id="tasks"]/following-sibling::table[1]//tr[td/code[text()="` + demo.BrowserTask + `"]]//a`
	b.expectStatus("open the task", b.load("open "+demo.BrowserTask, chromedp.Click(chromedp.Search(row))), 200)
	task := b.path()
	b.expectContains("the task's reasons", b.text("#why"), "已逾期")
	b.do("ask to close without evidence",
		chromedp.SendKeys(chromedp.CSS(`#close-request input[name="note"]`), "企业培育任务全部完成"))
	b.expectStatus("refused", b.click(`#close-request button[type="submit"]`), 422)
	b.expectContains("why", b.text(".error"), "办结证明")
	b.expect("note kept", b.value(`#close-request input[name="note"]`), "企业培育任务全部完成")
	b.do("give the evidence",
		chromedp.SendKeys(chromedp.CSS(`#close-request textarea[name="evidence"]`), "新增规上企业名单（潍高经发〔2019〕95号）"))
	b.expectStatus("ask to close", b.click(`#close-request button[type="submit"]`), 200)
	b.expectContains("asked", b.text("main"), "已申请销号", "新增规上企业名单")
	if b.count("#decide") != 0 {
		t.Fatal("the unit is offered the office's decision")
	}
	b.signOut()

	b.signIn("kaohe", demo.Password)
	b.visit("/report")
	b.expectContains("the office's closings to decide", b.text("#closings + table"), demo.BrowserTask)
	b.visit(task)
	b.expectStatus("approve", b.click(`#decide button[value="approve"]`), 200)
	b.expectContains("closed", b.text("main"), "已销号")
	b.visit("/tasks?colour=red")
	if text := b.text("main"); contains(text, demo.BrowserTask) {
		t.Fatalf("%s is still on the red list", demo.BrowserTask)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
