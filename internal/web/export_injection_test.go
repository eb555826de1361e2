package web_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/xlsx"
	"gaoxin/internal/xlsx/xlsxtest"
)

// injectedLink is a unit name that Excel would run as a formula, linking
// to another site, if an export wrote it as it is.
const injectedLink = `=HYPERLINK("http://x","y")`

// A unit named like a formula, created through the form, is downloaded in
// the CSV export after a quote and in the Excel export as text with the
// quote prefix; a task's content and a firm's request, typed elsewhere,
// are text in their exports too.
func TestExportFormulaInjection(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newYearSite(t, d)
		admin := s.signIn("admin")
		res, body := admin.post("/units", url.Values{"parent": {s.unitID("WFGX")}, "code": {"INJ"}, "name": {injectedLink}, "kind": {"department"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create the unit: %d\n%s", res.StatusCode, body)
		}

		res, body = admin.get("/units/export?format=csv")
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("CSV export: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		if got := csvName(t, body, "INJ"); got != "'"+injectedLink {
			t.Errorf("the CSV export writes the name as %q, want it after a quote", got)
		}

		res, body = admin.get("/units/export")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("Excel export: %d", res.StatusCode)
		}
		if n := xlsxtest.Inert(t, []byte(body), injectedLink); n != 1 {
			t.Errorf("%d cells hold the name, want 1", n)
		}
		// The workbook keeps the name as typed, so that it imports back.
		tbl, err := xlsx.Read("units.xlsx", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if got := tableName(tbl, "INJ"); got != injectedLink {
			t.Errorf("the Excel export reads back %q", got)
		}

		// A task's content and a firm's request (the public form's text).
		err = d.Write(t.Context(), func(tx *db.Tx) error {
			if _, err := tx.Exec(t.Context(), "UPDATE tasks SET content = $1 WHERE id = (SELECT MIN(id) FROM tasks)", "-2+3+cmd|' /C calc'!A0"); err != nil {
				return err
			}
			_, err := tx.Exec(t.Context(), "UPDATE requests SET content = $1, phone = $2 WHERE id = (SELECT MIN(id) FROM requests)",
				"@SUM(1+1)*cmd|' /C calc'!A0", "+86 536 8888888")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		office := s.signIn("kaohe")
		if res, body = office.get("/tasks/export.xlsx"); res.StatusCode != http.StatusOK {
			t.Fatalf("task export: %d", res.StatusCode)
		}
		xlsxtest.Inert(t, []byte(body), "-2+3+cmd|")
		if res, body = office.get("/requests/export.xlsx"); res.StatusCode != http.StatusOK {
			t.Fatalf("request export: %d", res.StatusCode)
		}
		xlsxtest.Inert(t, []byte(body), "@SUM(1+1)")
		xlsxtest.Inert(t, []byte(body), "+86 536 8888888")
	})
}

// csvName reads a units CSV export as any CSV reader would and returns the
// name of the unit with the code, failing when it is not there.
func csvName(t *testing.T, body, code string) string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil || len(records) < 2 {
		t.Fatalf("the CSV export does not read: %v", err)
	}
	name := -1
	for i, h := range records[0] {
		if h == "名称" || h == "name" {
			name = i
		}
	}
	for _, r := range records[1:] {
		if r[0] == code && name >= 0 {
			return r[name]
		}
	}
	t.Fatalf("no unit %s in the CSV export (header %q)", code, records[0])
	return ""
}

// tableName is the name of the unit with the code in an export read back
// as gaoxin reads an upload.
func tableName(tbl *xlsx.Table, code string) string {
	for _, r := range tbl.Rows {
		if r.Cell(0) == code {
			return r.Cell(tbl.Column("名称", "name"))
		}
	}
	return ""
}
