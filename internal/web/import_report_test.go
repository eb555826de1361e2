package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/settings"
)

// A units file whose every row is wrong is refused with the first
// problems listed (import.max_problems) and the count of all of them; the
// error report gives every problem back on its row of the user's file,
// to the user who uploaded it only.
func TestRefusedImportIsBoundedWithItsReport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := newSite(t, d)
		if err := settings.Set(ctx, d, audit.System, settings.ImportMaxProblems, "10"); err != nil {
			t.Fatal(err)
		}
		var csv strings.Builder
		csv.WriteString("编码,名称,类型,上级\n")
		for i := range 1500 {
			fmt.Fprintf(&csv, "Z%04d,单位%d,castle,WFGX\n", i, i) // no such kind of unit
		}
		admin := s.signIn("admin")
		res, page := admin.upload("/units/import", "units.csv", []byte(csv.String()))
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("upload: %d", res.StatusCode)
		}
		if !strings.Contains(page, "共 1,500 处问题，显示前 10 处") {
			t.Error("the page does not give the count of all problems and how many it shows")
		}
		if n := strings.Count(page, "castle"); n < 10 || n > 12 {
			t.Errorf("the page lists %d problems naming the bad kind, want 10", n)
		}
		admin.post("/lang", url.Values{"lang": {"en"}, "back": {"/units/import"}})
		if _, en := admin.upload("/units/import", "units.csv", []byte(csv.String())); !strings.Contains(en, "1,500 problems in all, the first 10 shown") {
			t.Error("the English page does not give the count of all problems")
		}
		admin.post("/lang", url.Values{"lang": {"zh"}, "back": {"/units/import"}})
		res, page = admin.upload("/units/import", "units.csv", []byte(csv.String()))
		link := regexp.MustCompile(`href="(/import-reports/[0-9a-f]+)"`).FindStringSubmatch(page)
		if link == nil {
			t.Fatal("no link to the error report")
		}
		if res, _ := s.signIn("kaohe").get(link[1]); res.StatusCode != http.StatusNotFound {
			t.Errorf("another user fetched the report: %d", res.StatusCode)
		}
		res, body := admin.get(link[1])
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "units-errors.xlsx") {
			t.Fatalf("report: %d %s", res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetName(0))
		if len(rows) != 1501 || rows[0][4] != "问题" {
			t.Fatalf("report: %d rows, header %v", len(rows), rows[0])
		}
		for i, row := range rows[1:] {
			if len(row) != 5 || row[0] != fmt.Sprintf("Z%04d", i) || !strings.Contains(row[4], "castle") || !strings.Contains(row[4], fmt.Sprintf("第 %d 行", i+2)) {
				t.Fatalf("report row %d: %v", i+2, row)
			}
		}
	})
}
