package briefing_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/briefing"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/demo/demotest"
	"gaoxin/internal/i18n"
)

// The workbook of the demo's published November briefing: a sheet per
// section in each language, the title and edition on the first, every
// lagging unit and red project and task on its line, numbers as numbers.
func TestWorkbook(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		demotest.Year(t, d)
		pub, err := briefing.NewStore(d).Latest(ctx, 2019, 11)
		if err != nil {
			t.Fatal(err)
		}
		b, err := pub.Briefing()
		if err != nil {
			t.Fatal(err)
		}
		ed := briefing.Edition{AsOf: pub.AsOf, Version: pub.Version, PublishedOn: "2019-12-09"}
		sheets := map[i18n.Lang][]string{
			i18n.ZH: {"总体情况", "滞后指标", "考核排名", "重点项目", "督查督办", "企业诉求"},
			i18n.EN: {"Overall status", "Lagging indicators", "Rankings", "Key projects", "Supervision", "Enterprise requests"},
		}
		for lang, names := range sheets {
			var buf bytes.Buffer
			if err := b.WriteXLSX(&buf, lang, ed); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(names, "|") {
				t.Fatalf("%s sheets %v", lang, got)
			}
			rows := func(sheet string) [][]string {
				r, err := f.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				return r
			}
			first := rows(names[0])
			if first[0][0] != b.Title(lang) || !strings.Contains(first[1][0], "2019-12-09") {
				t.Errorf("%s: title %q, edition %q", lang, first[0][0], first[1][0])
			}
			if lang == i18n.ZH && first[0][0] != "潍坊高新区2019年11月工作通报" {
				t.Errorf("the title reads %q", first[0][0])
			}
			lines := 0
			for _, l := range b.Lagging {
				lines += 1 + len(l.Units)
			}
			if got := len(rows(names[1])) - 1; got != lines || lines == 0 {
				t.Errorf("%s: %d lines of lagging indicators and units, want %d", lang, got, lines)
			}
			// The red projects follow the counts, a line each, to the end.
			projects := rows(names[3])
			if last := projects[len(projects)-1]; last[1] != b.Projects.Red[len(b.Projects.Red)-1].Code {
				t.Errorf("%s: the last project line is %v", lang, last)
			}
			if v, _ := f.GetCellValue(names[3], "B2", excelize.Options{RawCellValue: true}); v != strconv.Itoa(b.Projects.Count) {
				t.Errorf("%s: %s projects in B2, want %d", lang, v, b.Projects.Count)
			}
			tasks := rows(names[4])
			if got := len(tasks) - (len(b.Tasks.Colours) + 5); got != len(b.Tasks.Red) {
				t.Errorf("%s: %d red task lines, want %d", lang, got, len(b.Tasks.Red))
			}
			if v, _ := f.GetCellValue(names[5], "B2", excelize.Options{RawCellValue: true}); v != strconv.Itoa(b.Requests.Received) {
				t.Errorf("%s: %s requests received, want %d", lang, v, b.Requests.Received)
			}
			f.Close()
		}
	})
}
