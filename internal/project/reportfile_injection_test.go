package project_test

import (
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/project"
	"gaoxin/internal/xlsx/xlsxtest"
)

// A unit, a project, progress and problems written like formulas stay text
// in the monthly report workbook, and the workbook reads back as written.
func TestReportWorkbookFormulaInjection(t *testing.T) {
	const link = `=HYPERLINK("http://x","y")`
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		z := ioNewReporting(t, d)
		err := d.Write(ioCtx, func(tx *db.Tx) error {
			if _, err := tx.Exec(ioCtx, "UPDATE units SET name = $1 WHERE id = $2", "@新城街道", z.xc); err != nil {
				return err
			}
			_, err := tx.Exec(ioCtx, "UPDATE projects SET name = $1 WHERE id = $2", link, z.ids["XM2019-001"])
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		typed := []project.Entry{
			{ProjectID: z.ids["XM2019-001"], InvestMonth: ioNum(12000.5), Progress: "-主体结构施工至 12 层", Problems: "+1 cmd|' /C calc'!A0"},
			{ProjectID: z.ids["XM2019-003"]},
		}
		if err := z.s.SaveDrafts(ioCtx, audit.System, z.periods[5], typed[:1]); err != nil {
			t.Fatal(err)
		}
		body, err := z.s.ReportWorkbook(ioCtx, 2019, 6, z.xc, i18n.ZH)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{link, "@新城街道", "-主体结构", "+1 cmd|"} {
			xlsxtest.Inert(t, body, s)
		}
		entries, err := z.s.ReadReportWorkbook(ioCtx, 2019, 6, z.xc, "新城6月.xlsx", body)
		if err != nil {
			t.Fatal(err)
		}
		ioSameEntries(t, entries, typed)
	})
}
