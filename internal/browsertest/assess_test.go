package browsertest

import (
	"testing"

	"gaoxin/internal/demo"
)

// The done-when of the assessment in the browser: the office opens 2019's
// Q3 results, sees each class ranked with grades, opens a street's
// scorecard and follows an item's points back to its figures and rule.
func TestScorecardInBrowser(t *testing.T) {
	b := start(t)
	b.signIn("kaohe", demo.Password)
	b.expectStatus("assessment", b.visit("/assess"), 200)
	b.expectContains("overview", b.text("main"), "前三季度", "已发布 第1版", "街道")
	b.expectStatus("Q3 results", b.click(`a[href="/assess/2019/results/Q3"]`), 200)
	b.expectContains("classes", b.text("main"), "经济发展类", "社会管理类", "党群类", "街道")
	if n := b.count(`table.results span.badge[class*="grade-"]`); n < 26 {
		t.Fatalf("%d graded units on the Q3 page, want all 26", n)
	}
	b.expectStatus("a scorecard", b.click(`h2[id="class-街道"] + table a, h2[id="class-街道"] ~ table.results a`), 200)
	b.expectContains("scorecard heading", b.text("main h1"), "前三季度", "街道")
	b.expectContains("explanations", b.text("table.scorecard"), "新建改造公厕 完成", "按比例得", "民主评议")
	b.expectContains("how the total is made", b.text("main"), "总分", "评为")
	// From the item to the indicator whose figures it scored.
	b.expectStatus("the indicator", b.click(`tr#item-CJ03 a[href^="/plan/2019/indicators/"]`), 200)
	b.expectContains("indicator page", b.text("main h1"), "新建改造公厕")
}
