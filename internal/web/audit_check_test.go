package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

// The administrator verifies the trail from the audit page; a figure
// doubled behind the application's back is named there, the office sees
// the failed check on every page until it is resolved with a reason, and
// a reporter never sees it. The anchor is shown and sent to the groups.
func TestAuditCheckPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newYearSite(t, d)
		admin, office, reporter := s.signIn("admin"), s.signIn("kaohe"), s.signIn("xincheng.tb")

		_, body := admin.get("/audit")
		if !strings.Contains(body, "尚未核验过") {
			t.Fatal("the audit page before any verification does not say so")
		}
		head, err := audit.Head(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(body, head.String()) {
			t.Errorf("the audit page does not show the anchor %s", head)
		}
		res, _ := admin.post("/audit/verify", nil)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("verify: %d", res.StatusCode)
		}
		_, body = admin.get("/audit")
		if !regexp.MustCompile(`审计链完整（\d+ 条），\d+ 条记录全部与之相符`).MatchString(body) {
			t.Fatal("a sound verification is not shown as sound")
		}

		// 新城街道's first approved CJ03 with a value, doubled in the database.
		var id int64
		var value float64
		var month int
		err = d.QueryRow(ctx, `SELECT f.id, f.value, p.month FROM figures f JOIN assignments a ON a.id = f.assignment_id
			JOIN units u ON u.id = a.unit_id JOIN indicators i ON i.id = a.indicator_id JOIN periods p ON p.id = f.period_id
			WHERE u.code = 'XCJD' AND i.code = 'CJ03' AND f.status = 'approved' AND f.value > 0 ORDER BY p.month LIMIT 1`).Scan(&id, &value, &month)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE figures SET value = value * 2 WHERE id = $1", id)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		admin.post("/audit/verify", nil)
		_, body = admin.get("/audit")
		want := "figure " + itoa(id) + " (新城街道 · CJ03 · 2019-" + fmt.Sprintf("%02d", month) + "): value " + trimFloat(2*value) + " in the database, " + trimFloat(value) + " in audit entry"
		if !strings.Contains(body, want) {
			t.Errorf("the doubled figure is not named as %q", want)
		}
		for _, path := range []string{"/plan/2019", "/audit"} {
			if _, body := office.get(path); !strings.Contains(body, "审计核验未通过") {
				t.Errorf("the office does not see the failed check on %s", path)
			}
		}
		if _, body := reporter.get("/plan/2019"); strings.Contains(body, "审计核验未通过") {
			t.Error("a reporter sees the failed check")
		}

		// Resolving needs a reason; the typing is kept when it is refused.
		check := regexp.MustCompile(`/audit/checks/(\d+)/resolve`).FindStringSubmatch(body)
		if check == nil {
			t.Fatal("no resolve form for the failed check")
		}
		res, body = admin.post("/audit/checks/"+check[1]+"/resolve", url.Values{"reason": {"  "}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请写明如何处理") {
			t.Errorf("a resolution without its reason: %d", res.StatusCode)
		}
		if res, _ := admin.post("/audit/checks/"+check[1]+"/resolve", url.Values{"reason": {"已按纸质报表恢复"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("resolve: %d", res.StatusCode)
		}
		if _, body := office.get("/plan/2019"); strings.Contains(body, "审计核验未通过") {
			t.Error("the alarm stays after the check was resolved")
		}
		var reason string
		d.QueryRow(ctx, "SELECT after_json FROM audit_log WHERE action = 'audit.resolve'").Scan(&reason)
		if !strings.Contains(reason, "已按纸质报表恢复") {
			t.Errorf("the resolution is not audited: %q", reason)
		}

		if res, _ := admin.post("/audit/anchor/send", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("send the anchor: %d", res.StatusCode)
		}
		var note string
		d.QueryRow(ctx, "SELECT body FROM notifications WHERE kind = 'audit.anchor'").Scan(&note)
		if !regexp.MustCompile(`当前审计链锚点：\d+:[0-9a-f]{64}`).MatchString(note) {
			t.Errorf("the anchor's notification reads %q", note)
		}
	})
}

// trimFloat writes a value as JSON does.
func trimFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
