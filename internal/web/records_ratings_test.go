package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/score"
)

var roundLocation = regexp.MustCompile(`^/assess/2020/ratings/(\d+)\?done=round_opened$`)

// The office opens a round on a rating item only and invites raters who
// rate; a peer does not rate its own unit; bad scores come back with the
// input and a message per unit; a submitted form is final and the
// office's summary counts only submitted forms.
func TestRatingRoundOnThePages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		if _, _, err := assess.NewStore(d).Save(context.Background(), audit.System, "street.yaml", []byte(streetScheme2020)); err != nil {
			t.Fatal(err)
		}
		office := s.signIn("kaohe")
		res, body := office.post("/assess/2020/ratings", url.Values{"period": {"Q1"}, "class": {"街道"}, "item": {"GZ01"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "指标 GZ01（重点工作）不是按“评议”计分的指标") || !strings.Contains(body, `value="GZ01"`) {
			t.Fatalf("a round on a counted item: %d\n%s", res.StatusCode, body)
		}
		res, _ = office.post("/assess/2020/ratings", url.Values{"period": {"Q1"}, "class": {"街道"}, "item": {"MZPJ"}})
		m := roundLocation.FindStringSubmatch(res.Header.Get("Location"))
		if m == nil {
			t.Fatalf("open: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		round := "/assess/2020/ratings/" + m[1]
		if res, body := office.post(round+"/invite", url.Values{"rater": {s.userID("chakan")}, "type": {"peer"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "可参加测评的用户") {
			t.Fatalf("a viewer invited: %d", res.StatusCode)
		}
		for login, kind := range map[string]string{"lingdao": "leader", "xincheng.fzr": "peer", "jingji.fzr": "peer"} {
			if res, _ := office.post(round+"/invite", url.Values{"rater": {s.userID(login)}, "type": {kind}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("invite %s: %d", login, res.StatusCode)
			}
		}
		peer := s.signIn("xincheng.fzr")
		xc, qc, bh := "score_"+s.unitID("XCJD"), "score_"+s.unitID("QCJD"), "score_"+s.unitID("BHJD")
		_, form := peer.get(round)
		if strings.Contains(form, `name="`+xc+`"`) || !strings.Contains(form, `name="`+qc+`"`) || !strings.Contains(form, "清池街道") {
			t.Fatal("新城街道's form offers its own unit, or lacks the others")
		}
		res, body = peer.post(round, url.Values{qc: {"101"}, bh: {"良好"}, "action": {"save"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "“清池街道”的评分“101”应为 0 到 100 之间的数字") ||
			!strings.Contains(body, "“北海街道”的评分“良好”") || !strings.Contains(body, `value="101"`) || !strings.Contains(body, "有 2 处评分需要修改") {
			t.Fatalf("bad scores: %d\n%s", res.StatusCode, body)
		}
		scores := url.Values{xc: {"100"}, "action": {"submit"}}
		for code, v := range map[string]string{"QCJD": "88", "BHJD": "90.5", "DMJD": "86", "SYJD": "84", "BTJD": "82"} {
			scores.Set("score_"+s.unitID(code), v)
		}
		if res, _ := peer.post(round, scores); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d", res.StatusCode)
		}
		if _, body := peer.get(round); !strings.Contains(body, "测评表已提交，不能再修改") || !strings.Contains(body, `value="90.5" disabled`) {
			t.Fatal("a submitted form is not shown as final")
		}
		if res, body := peer.post(round, scores); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "测评表已提交") {
			t.Fatalf("a second submit: %d", res.StatusCode)
		}
		leader := s.signIn("lingdao")
		scores.Del("csrf") // each browser sends its own
		scores.Set(xc, "95")
		scores.Set(qc, "90")
		if res, _ := leader.post(round, scores); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the leader submits: %d", res.StatusCode)
		}
		scores.Set("action", "save")
		scores.Del("csrf")
		if res, _ := s.signIn("jingji.fzr").post(round, scores); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("a draft: %d", res.StatusCode)
		}
		if res, _ := s.signIn("xincheng.tb").get(round); res.StatusCode != http.StatusForbidden {
			t.Fatalf("someone not invited opens the round: %d", res.StatusCode)
		}
		checkRoundSummary(t, s, office, round)
	})
}

// checkRoundSummary: 清池街道 is scored 90 by the leader and 88 by 新城街道
// (经济发展局's draft does not count): 0.6 × 90 + 0.4 × 88 = 89.2.
func checkRoundSummary(t *testing.T, s *site, office *browser, round string) {
	t.Helper()
	_, body := office.get(round)
	row := body[strings.Index(body, "<td>清池街道</td>"):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, "90.00（1）") || !strings.Contains(row, "88.00（1）") || !strings.Contains(row, "89.20") {
		t.Fatalf("清池街道's summary row: %s", row)
	}
	if strings.Count(body, "已提交") < 2 || !strings.Contains(body, "已暂存") {
		t.Fatal("the summary does not show who submitted")
	}
	got, err := assess.NewRatingStore(s.db).Scores(context.Background(), 2020, "Q1")
	if err != nil {
		t.Fatal(err)
	}
	if peers := got[mustID(t, s.unitID("XCJD"))]["MZPJ"]["peer"]; len(peers) != 0 {
		t.Fatalf("新城街道 rated itself: %v", peers)
	}
	if bh := got[mustID(t, s.unitID("BHJD"))]["MZPJ"]["peer"]; len(bh) != 1 || bh[0].Cmp(score.MustDec("90.5")) != 0 {
		t.Fatalf("北海街道's peer scores: %v", bh)
	}
	if res, _ := office.post(round+"/close", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: %d", res.StatusCode)
	}
	if _, body := s.signIn("jingji.fzr").get(round); !strings.Contains(body, "本轮测评已结束") {
		t.Fatal("a closed round still takes the draft")
	}
}
