package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// 新城街道's reporter and head open November's grid at once; the reporter
// saves first; the head's save, made from the page as it was, is refused
// for that cell with the version it now has and the head's typing kept;
// saved again from the refused page, which now knows that version, it goes
// through.
func TestGridRefusesAStaleEdit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		grid := "/report/2019/11/" + s.unitID("XCJD")
		cj03 := s.assignmentID("CJ03", "XCJD")
		reporter, head := s.signIn("xincheng.tb"), s.signIn("xincheng.fzr")
		_, page := head.get(grid)
		if !strings.Contains(page, `name="s_`+cj03+`" value="0"`) {
			t.Fatal("the grid does not carry the version each cell was made from")
		}
		if res, _ := reporter.post(grid, url.Values{"action": {"save"}, "v_" + cj03: {"2"}, "s_" + cj03: {"0"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the reporter's save: %d", res.StatusCode)
		}
		res, body := head.post(grid, url.Values{"action": {"save"}, "v_" + cj03: {"3"}, "s_" + cj03: {"0"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "已被他人修改（现为第 1 版）") || !strings.Contains(body, `value="3"`) {
			t.Fatalf("the head's stale save: %d", res.StatusCode)
		}
		if f := s.figure(t, cj03, 11); f.Value == nil || *f.Value != 2 {
			t.Fatalf("the reporter's value was overwritten: %+v", f.Value)
		}
		if !strings.Contains(body, `name="s_`+cj03+`" value="1"`) {
			t.Fatal("the refused page does not carry the version it now shows")
		}
		if res, _ := head.post(grid, url.Values{"action": {"save"}, "v_" + cj03: {"3"}, "s_" + cj03: {"1"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the head's save, knowing the new version: %d", res.StatusCode)
		}
		if f := s.figure(t, cj03, 11); *f.Value != 3 || f.Version != 2 {
			t.Fatalf("after the knowing save: %v v%d", *f.Value, f.Version)
		}
	})
}
