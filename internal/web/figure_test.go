package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// An approved October figure of 科技创新局: evidence, a correction with its
// reason, and the history that keeps every value.
func TestFigureEvidenceAndCorrection(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		page := "/report/2019/10/" + s.unitID("KCJ") + "/figures/" + s.assignmentID("KJ01", "KCJ")
		office := s.signIn("kaohe")
		res, body := office.get(page)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "专利申请量") || !strings.Contains(body, "审核通过") {
			t.Fatalf("figure page: %d", res.StatusCode)
		}
		before := s.figure(t, s.assignmentID("KJ01", "KCJ"), 10)
		// Scripts are not evidence.
		if res, body := office.upload(page+"/attach", "note.html", []byte("<script>alert(1)</script>")); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "不接受 .html 文件") {
			t.Fatalf("html evidence: %d", res.StatusCode)
		}
		pdf := []byte("%PDF-1.4 统计局核对表")
		if res, _ := office.upload(page+"/attach", "核对表.pdf", pdf); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("attach: %d", res.StatusCode)
		}
		_, body = office.get(page)
		i := strings.Index(body, `href="/attachments/`)
		if i < 0 || !strings.Contains(body, "核对表.pdf") {
			t.Fatal("the evidence is not listed")
		}
		link := body[i+6 : i+6+strings.Index(body[i+6:], `"`)]
		res, got := office.get(link)
		if res.StatusCode != http.StatusOK || got != string(pdf) || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("download: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		// Someone outside 科技创新局's scope may not download it.
		street := s.signIn("xincheng.tb")
		if res, _ := street.get(link); res.StatusCode != http.StatusForbidden {
			t.Fatalf("download outside scope: %d", res.StatusCode)
		}
		// A correction needs a reason; with one, the old value stays in the history.
		res, body = office.post(page+"/correct", url.Values{"value": {"300"}, "reason": {""}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写原因") {
			t.Fatalf("correction without reason: %d", res.StatusCode)
		}
		if res, _ := office.post(page+"/correct", url.Values{"value": {"300"}, "reason": {"统计局核对后更正"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("correct: %d", res.StatusCode)
		}
		after := s.figure(t, s.assignmentID("KJ01", "KCJ"), 10)
		if *after.Value != 300 || after.Version != before.Version+1 || after.Reason != "统计局核对后更正" {
			t.Fatalf("after correction = %+v", after)
		}
		_, body = office.get(page)
		if !strings.Contains(body, "更正数据") || !strings.Contains(body, "统计局核对后更正") {
			t.Fatal("the history does not show the correction")
		}
		// A reporter of another unit cannot even open the page.
		if res, _ := street.get(page); res.StatusCode != http.StatusForbidden {
			t.Fatalf("figure page outside scope: %d", res.StatusCode)
		}
	})
}
