package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

var recordLocation = regexp.MustCompile(`^/assess/2019/records/(\d+)\?done=record_created$`)

// createRecord posts the record form and returns the new record's page.
func (b *browser) createRecord(form url.Values) string {
	b.s.t.Helper()
	res, body := b.post("/assess/2019/records", form)
	m := recordLocation.FindStringSubmatch(res.Header.Get("Location"))
	if res.StatusCode != http.StatusSeeOther || m == nil {
		b.s.t.Fatalf("create record: %d %q\n%.500s", res.StatusCode, res.Header.Get("Location"), body)
	}
	return "/assess/2019/records/" + m[1]
}

// A unit proposes its own honours only; evidence is served only to those
// who may see the record; approval needs a second person.
func TestRecordClaimsEvidenceAndApproval(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		head, office, leader := s.signIn("xincheng.fzr"), s.signIn("kaohe"), s.signIn("lingdao")
		honour := url.Values{"unit": {s.unitID("XCJD")}, "kind": {"bonus"}, "level": {"province"},
			"name": {"山东省文明街道"}, "event_on": {"2019-10-15"}, "description": {"省文明委通报"}}
		page := head.createRecord(honour)
		// Not for another unit, and no deductions or vetoes from a unit.
		other := url.Values{"unit": {s.unitID("QCJD")}, "kind": {"bonus"}, "level": {"city"}, "name": {"x"}, "event_on": {"2019-10-15"}}
		if res, _ := head.post("/assess/2019/records", other); res.StatusCode != http.StatusForbidden {
			t.Fatalf("a proposal for another street: %d", res.StatusCode)
		}
		veto := url.Values{"unit": {s.unitID("XCJD")}, "kind": {"veto"}, "veto": {"hard"}, "name": {"x"}, "event_on": {"2019-10-15"}}
		if res, _ := head.post("/assess/2019/records", veto); res.StatusCode != http.StatusForbidden {
			t.Fatalf("a unit enters a veto: %d", res.StatusCode)
		}
		pdf := []byte("%PDF-1.4 省文明委通报")
		if res, body := head.upload(page+"/evidence", "通报.pdf", pdf); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("evidence: %d\n%.500s", res.StatusCode, body)
		}
		_, body := office.get(page)
		i := strings.Index(body, `href="`+page+`/evidence/`)
		if i < 0 || !strings.Contains(body, "通报.pdf") || !strings.Contains(body, "待审核") || !strings.Contains(body, "计入全年考核") {
			t.Fatalf("the record page lacks its evidence or status:\n%s", body)
		}
		link := body[i+6 : i+6+strings.Index(body[i+6:], `"`)]
		if res, got := office.get(link); res.StatusCode != http.StatusOK || got != string(pdf) || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("office download: %d", res.StatusCode)
		}
		for _, login := range []string{"chakan", "jingji.fzr"} {
			if res, _ := s.signIn(login).get(link); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s downloads 新城街道's pending evidence: %d", login, res.StatusCode)
			}
		}
		// The head's list holds its own records only; the office's, every unit's.
		if _, all := office.get("/assess/2019/records"); !strings.Contains(all, "盛瑞传动") || !strings.Contains(all, "山东省文明街道") {
			t.Fatal("the office's list lacks the demo's records")
		}
		_, list := s.signIn("xincheng.tb").get("/assess/2019/records")
		if !strings.Contains(list, "山东省文明街道") || strings.Contains(list, "盛瑞传动") {
			t.Fatal("新城街道's list shows other units' records or misses its own")
		}
		// Rejection needs a reason; the leader gives one.
		if res, body := leader.post(page+"/reject", url.Values{"reason": {" "}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写原因") {
			t.Fatalf("reject without a reason: %d", res.StatusCode)
		}
		if res, _ := leader.post(page+"/reject", url.Values{"reason": {"省级通报尚未正式印发"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("reject: %d", res.StatusCode)
		}
		if _, body := head.get(page); !strings.Contains(body, "未通过") || !strings.Contains(body, "省级通报尚未正式印发") {
			t.Fatal("the unit does not see the rejection and its reason")
		}
		if res, _ := head.post(page, honour); res.StatusCode != http.StatusForbidden {
			t.Fatalf("editing a rejected record: %d", res.StatusCode)
		}
	})
}

// Four eyes on the pages: the office's own entry waits for someone else.
// A bad entry comes back with what was typed and why it was refused.
func TestRecordFourEyesOnThePages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		office, leader := s.signIn("kaohe"), s.signIn("lingdao")
		bad := url.Values{"unit": {s.unitID("ZFJ")}, "kind": {"deduction"}, "type": {"执法过错"}, "points": {"两分"},
			"name": {"行政执法案卷评查不合格"}, "event_on": {"2019-08-20"}}
		res, body := office.post("/assess/2019/records", bad)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "扣分分值“两分”应为大于 0") ||
			!strings.Contains(body, `value="两分"`) || !strings.Contains(body, `value="行政执法案卷评查不合格"`) {
			t.Fatalf("bad points: %d\n%s", res.StatusCode, body)
		}
		bad.Set("points", "1.5")
		page := office.createRecord(bad)
		res, body = office.post(page+"/approve", nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "录入或修改该记录的人不能审核它") {
			t.Fatalf("the office approves its own entry: %d", res.StatusCode)
		}
		if _, body := office.get(page); strings.Contains(body, page+"/approve") || !strings.Contains(body, "须由另一位审核人审核") {
			t.Fatal("the office is offered to approve its own entry")
		}
		if res, _ := leader.post(page+"/approve", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the leader approves: %d", res.StatusCode)
		}
		rec := s.record(page)
		if rec.Status != assess.RecordApproved || rec.Points != "1.5" || rec.DecidedName != "管委会领导 李明" {
			t.Fatalf("approved record = %+v", rec)
		}
		// Decided: no edit, no evidence; a revoke with a reason instead.
		if res, _ := office.post(page, bad); res.StatusCode != http.StatusForbidden {
			t.Fatalf("edit after approval: %d", res.StatusCode)
		}
		if res, _ := office.upload(page+"/evidence", "补充.pdf", []byte("%PDF")); res.StatusCode != http.StatusForbidden {
			t.Fatalf("evidence after approval: %d", res.StatusCode)
		}
		if res, _ := office.post(page+"/revoke", url.Values{"reason": {"评查结果复核后撤销"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("revoke: %d", res.StatusCode)
		}
		if _, body := office.get(page); !strings.Contains(body, "已撤销") || !strings.Contains(body, "评查结果复核后撤销") || !strings.Contains(body, "管委会领导 李明") {
			t.Fatal("the record page does not show the revoke, its reason and the approval before it")
		}
		// The viewer of 科技创新局 sees approved records of 科技创新局 only.
		_, list := s.signIn("chakan").get("/assess/2019/records")
		if strings.Contains(list, "行政执法案卷评查不合格") || !strings.Contains(list, "只显示您范围内已审核通过的记录") {
			t.Fatal("the viewer sees records outside scope or not approved")
		}
		office.post("/lang", url.Values{"lang": {"en"}, "back": {"/"}})
		if _, body := office.get("/assess/2019/records?kind=deduction"); !strings.Contains(body, "Bonuses, deductions and vetoes") || !strings.Contains(body, "Revoked") {
			t.Fatal("the records page in English")
		}
	})
}

func (s *site) record(page string) assess.Record {
	s.t.Helper()
	id := page[strings.LastIndex(page, "/")+1:]
	rec, err := assess.NewRecordStore(s.db).Get(context.Background(), mustID(s.t, id))
	if err != nil {
		s.t.Fatal(err)
	}
	return rec
}
