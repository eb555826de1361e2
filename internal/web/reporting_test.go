package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/report"
)

// The reporting round trip of the demo: a street's reporter fills November,
// the head returns a figure, the reporter fixes it, the head confirms and
// the assessment office approves.
func TestReportingRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		grid := "/report/2019/11/" + s.unitID("XCJD")
		a := map[string]string{}
		for _, code := range []string{"CJ03", "ZL01", "ZL02", "MS01", "SZ03"} {
			a[code] = s.assignmentID(code, "XCJD")
		}
		reporter := s.signIn("xincheng.tb")
		_, body := reporter.get("/report")
		if !strings.Contains(body, "新城街道") || !strings.Contains(body, grid) {
			t.Fatalf("my work does not list 新城街道's November grid")
		}
		form := url.Values{"action": {"submit"},
			"v_" + a["CJ03"]: {"1"}, "v_" + a["ZL01"]: {"80%"}, "v_" + a["ZL02"]: {"98.5"},
			"v_" + a["SZ03"]: {"1,2万"}}
		// MS01 is produced by the livelihood programme's pieces: it is not in
		// the grid, and a value posted for it anyway changes nothing.
		// October's is the street's pieces' reports; November's has none yet.
		if october := s.figure(t, a["MS01"], 10); october.Value == nil || *october.Value <= 0 || october.Status != report.Approved {
			t.Fatalf("the programme's October figure for 新城街道 = %+v", october)
		}
		if _, page := reporter.get(grid); strings.Contains(page, `name="v_`+a["MS01"]+`"`) || !strings.Contains(page, `name="v_`+a["CJ03"]+`"`) {
			t.Fatal("the grid offers the bound indicator MS01 for typing")
		}
		form.Set("v_"+a["MS01"], "约400万元")
		// Two values cannot be read: nothing is saved, and everything typed comes back.
		res, body := reporter.post(grid, form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "有 1 处数值无法识别") ||
			!strings.Contains(body, `value="1,2万"`) || !strings.Contains(body, `value="80%"`) {
			t.Fatalf("unreadable values: status %d\n%s", res.StatusCode, body)
		}
		if n := s.figureCount(t, grid); n != 0 {
			t.Fatalf("a refused grid saved %d figures", n)
		}
		// Readable values, but 80% is behind 95% and has no explanation.
		form.Set("v_"+a["MS01"], "400万元")
		form.Set("v_"+a["SZ03"], "1.2万")
		res, body = reporter.post(grid, form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "落后于序时进度，请填写说明") {
			t.Fatalf("unexplained shortfall: status %d", res.StatusCode)
		}
		form.Set("e_"+a["ZL01"], "两起事件跨月办理，12月初办结")
		if res, body = reporter.post(grid, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: status %d\n%s", res.StatusCode, body)
		}
		if v := s.figure(t, a["SZ03"], 11); v.Value == nil || *v.Value != 12000 || v.Status != report.Submitted {
			t.Fatalf("1.2万 = %+v", v)
		}
		if v := s.figure(t, a["MS01"], 11); v.Value != nil {
			t.Fatalf("a value posted for the bound MS01 became its figure: %+v", v)
		}
		// The head returns the toilets with a reason.
		head := s.signIn("xincheng.fzr")
		res, _ = head.post(grid+"/return", url.Values{"sel": {a["CJ03"]}, "reason": {"公厕数应含福东巷新建1座，请核实"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("return: %d", res.StatusCode)
		}
		_, body = reporter.get(grid)
		if !strings.Contains(body, "公厕数应含福东巷新建1座，请核实") || !strings.Contains(body, `name="v_`+a["CJ03"]+`"`) {
			t.Fatal("the returned figure is not open again with its reason")
		}
		if strings.Contains(body, `name="v_`+a["ZL01"]+`"`) {
			t.Fatal("a figure that was not returned became editable")
		}
		if res, _ := reporter.post(grid, url.Values{"action": {"submit"}, "v_" + a["CJ03"]: {"2"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("resubmit: %d", res.StatusCode)
		}
		if res, _ := head.post(grid+"/confirm", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm: %d", res.StatusCode)
		}
		office := s.signIn("kaohe")
		_, body = office.get("/report")
		if !strings.Contains(body, grid) {
			t.Fatal("the office's queue does not show the confirmed grid")
		}
		if res, _ := office.post(grid+"/approve", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d", res.StatusCode)
		}
		v := s.figure(t, a["CJ03"], 11)
		if v.Status != report.Approved || *v.Value != 2 || v.Version != 7 {
			t.Fatalf("toilets after the round trip = %+v", v)
		}
		// The reporter cannot approve; the office cannot fill in.
		if res, _ := reporter.post(grid+"/approve", nil); res.StatusCode != http.StatusForbidden {
			t.Fatalf("reporter approving: %d", res.StatusCode)
		}
	})
}

func (s *site) assignmentID(indicator, unit string) string {
	s.t.Helper()
	var id int64
	err := s.db.QueryRow(context.Background(), `SELECT a.id FROM assignments a JOIN indicators i ON i.id = a.indicator_id
		JOIN units u ON u.id = a.unit_id WHERE i.code = $1 AND u.code = $2`, indicator, unit).Scan(&id)
	if err != nil {
		s.t.Fatal(err)
	}
	return itoa(id)
}

func (s *site) figure(t *testing.T, assignment string, month int) report.Figure {
	t.Helper()
	rs := report.NewStore(s.db)
	p, err := rs.PeriodOf(context.Background(), 2019, month)
	if err != nil {
		t.Fatal(err)
	}
	id := mustID(t, assignment)
	figs, err := rs.Figures(context.Background(), p.ID, []int64{id})
	if err != nil {
		t.Fatal(err)
	}
	return figs[id]
}

func (s *site) figureCount(t *testing.T, grid string) int {
	t.Helper()
	var n int
	parts := strings.Split(grid, "/")
	s.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM figures f JOIN periods p ON p.id = f.period_id
		JOIN assignments a ON a.id = f.assignment_id JOIN indicators i ON i.id = a.indicator_id
		WHERE p.year = 2019 AND p.month = 11 AND a.unit_id = $1 AND COALESCE(i.binding, '') = ''`, mustID(t, parts[len(parts)-1])).Scan(&n)
	return n
}
