package org_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/xlsx"
)

const zhHeader = "编码,名称,类型,考核类别,上级编码,排序,启用"

// readTable reads a file the way an upload is read: by its base name.
func readTable(t *testing.T, path string) *xlsx.Table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tbl, err := xlsx.Read(filepath.Base(path), f)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return tbl
}

// csvFile writes lines as a CSV file (CRLF, as Excel saves it) and reads it back.
func csvFile(t *testing.T, name string, lines ...string) *xlsx.Table {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\r\n")+"\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return readTable(t, path)
}

func xlsxFile(t *testing.T, name, sheet string, header []string, rows [][]string) *xlsx.Table {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.WriteXLSX(&buf, sheet, header, rows); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return readTable(t, path)
}

func mustImport(t *testing.T, s *org.Store, tbl *xlsx.Table, want org.ImportResult) {
	t.Helper()
	res, err := s.Import(ctx, clerk, tbl, false)
	if err != nil {
		if ie, ok := err.(*i18n.ImportError); ok {
			t.Fatalf("import %s: %s", tbl.File, ie.In(i18n.EN))
		}
		t.Fatalf("import %s: %v", tbl.File, err)
	}
	if res != want {
		t.Fatalf("import %s = %+v, want %+v", tbl.File, res, want)
	}
}

// problem is one RowError reduced to what a test compares.
type problem struct {
	Row    int
	Column string
	Key    string
	Args   string
}

func p(row int, column, key string, args ...any) problem {
	return problem{row, column, key, argList(args)}
}

// argList shows message arguments as fmt shows a slice: [BJ 3].
func argList(args []any) string { return fmt.Sprint(args) }

func wantImportError(t *testing.T, err error, file string, want []problem) *i18n.ImportError {
	t.Helper()
	var ie *i18n.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error = %v (%T), want *i18n.ImportError", err, err)
	}
	if ie.File != file {
		t.Errorf("ImportError.File = %q, want %q", ie.File, file)
	}
	var got []problem
	for _, r := range ie.Rows {
		got = append(got, problem{r.Row, r.Column, r.Key, argList(r.Args)})
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", listProblems(got), listProblems(want))
	}
	return ie
}

func listProblems(ps []problem) string {
	var b strings.Builder
	for _, x := range ps {
		fmt.Fprintf(&b, "  row %d column %q %s %s\n", x.Row, x.Column, x.Key, x.Args)
	}
	return b.String()
}

// unitLine is what an import sets on a unit, with the parent as a code.
func unitLine(t *testing.T, s *org.Store, code string) string {
	t.Helper()
	u := mustByCode(t, s, code)
	parent := ""
	if u.ParentID != 0 {
		parent = mustGet(t, s, u.ParentID).Code
	}
	return fmt.Sprintf("%s|%s|%s|%s|%s|%d|%t", u.Code, u.Name, u.Kind, u.Class, parent, u.Order, u.Active)
}

func TestImportHeaders(t *testing.T) {
	// Rows in canonical column order: code, name, kind, class, parent, order, active.
	// SQ1 comes before its street and JF before the zone above it.
	rows := func(yes, no string) [][]string {
		return [][]string{
			{"SQ1", "东方社区", "other", "", "JD1", "1", no},
			{"JF", "经济发展局", "部门", "经济发展类", "GX", "2", yes},
			{"GX", "潍坊高新区", "高新区", "", "", "0", yes},
			{"JD1", "新城街道", "街道", "街道类", "GX", "1", yes},
			{"CZ", "财政局", "department", "综合类", "GX", "1", ""},
		}
	}
	cases := []struct {
		name    string
		header  []string // canonical order
		perm    []int    // column order in the file, as canonical indexes
		yes, no string
	}{
		{"Chinese", []string{"编码", "名称", "类型", "考核类别", "上级编码", "排序", "启用"}, nil, "是", "否"},
		{"Chinese alternatives", []string{"单位编码", "单位名称", "单位类型", "考核分类", "上级单位编码", "排序", "启用"}, nil, "启用", "停用"},
		{"English", []string{"code", "name", "kind", "class", "parent", "order", "active"}, nil, "yes", "no"},
		{"English capitalised and padded", []string{"Code", " Name ", "KIND", "Class", "Parent", "Order", "Active"}, nil, "Y", "FALSE"},
		{"columns shuffled", []string{"编码", "名称", "类型", "考核类别", "上级编码", "排序", "启用"}, []int{6, 1, 4, 0, 3, 2, 5}, "1", "0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				s := org.NewStore(d)
				perm := c.perm
				if perm == nil {
					perm = []int{0, 1, 2, 3, 4, 5, 6}
				}
				pick := func(rec []string) string {
					out := make([]string, len(perm))
					for i, j := range perm {
						out[i] = rec[j]
					}
					return strings.Join(out, ",")
				}
				lines := []string{pick(c.header)}
				for _, r := range rows(c.yes, c.no) {
					lines = append(lines, pick(r))
				}
				mustImport(t, s, csvFile(t, "units.csv", lines...), org.ImportResult{Created: 5})

				all, err := s.All(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := codes(all), []string{"GX", "CZ", "JD1", "SQ1", "JF"}; !slices.Equal(got, want) {
					t.Errorf("All = %v, want %v", got, want)
				}
				checkPaths(t, all)
				for _, want := range []string{
					"GX|潍坊高新区|zone|||0|true",
					"JF|经济发展局|department|经济发展类|GX|2|true",
					"JD1|新城街道|street|街道类|GX|1|true",
					"CZ|财政局|department|综合类|GX|1|true",
					"SQ1|东方社区|other||JD1|1|false",
				} {
					code, _, _ := strings.Cut(want, "|")
					if got := unitLine(t, s, code); got != want {
						t.Errorf("unit %s = %s, want %s", code, got, want)
					}
				}
				// Five creations and one deactivation.
				if n := auditCount(t, d); n != 6 {
					t.Errorf("audit entries %d, want 6", n)
				}
				if h, _ := s.History(ctx, mustByCode(t, s, "SQ1").ID); len(h) != 2 || h[0].Action != "unit.create" || h[1].Action != "unit.deactivate" {
					t.Errorf("SQ1 history %+v", h)
				}
			})
		})
	}
}

func TestImportUpdatesAndMoves(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		mustImport(t, s, csvFile(t, "first.csv",
			zhHeader,
			"GX,潍坊高新区,高新区,,,0,是",
			"JF,经济发展局,部门,经济发展类,GX,2,是",
			"JD1,新城街道,街道,街道类,GX,1,是",
			"CZ,财政局,department,综合类,GX,1,是",
		), org.ImportResult{Created: 4})
		cz := mustByCode(t, s, "CZ")
		audits := auditCount(t, d)

		// GX and JF as they are; JD1 renamed; CZ moved under JF by its
		// 上级编码; SQ1 new under JD1. Units not in the file stay.
		mustImport(t, s, csvFile(t, "second.csv",
			zhHeader,
			"GX,潍坊高新区,高新区,,,0,是",
			"JF,经济发展局,部门,经济发展类,GX,2,是",
			"JD1,新城街道办事处,街道,街道类,GX,1,是",
			"CZ,财政局,部门,综合类,JF,1,是",
			"SQ1,东方社区,其他,,JD1,1,是",
		), org.ImportResult{Created: 1, Updated: 2, Unchanged: 2})

		if got, want := unitLine(t, s, "JD1"), "JD1|新城街道办事处|street|街道类|GX|1|true"; got != want {
			t.Errorf("JD1 = %s, want %s", got, want)
		}
		if got, want := unitLine(t, s, "CZ"), "CZ|财政局|department|综合类|JF|1|true"; got != want {
			t.Errorf("CZ = %s, want %s", got, want)
		}
		if got := mustByCode(t, s, "CZ"); got.ID != cz.ID || !got.CreatedAt.Equal(cz.CreatedAt) {
			t.Errorf("CZ was recreated: id %d (was %d)", got.ID, cz.ID)
		}
		all, _ := s.All(ctx)
		checkPaths(t, all)
		if got, want := codes(all), []string{"GX", "JD1", "SQ1", "JF", "CZ"}; !slices.Equal(got, want) {
			t.Errorf("All = %v, want %v", got, want)
		}
		// One rename, one move, one creation.
		if n := auditCount(t, d); n != audits+3 {
			t.Errorf("audit entries %d, want %d", n, audits+3)
		}
		h, _ := s.History(ctx, cz.ID)
		if len(h) != 2 || h[1].Action != "unit.move" || h[1].Parent != "经济发展局" {
			t.Errorf("CZ history %+v", h)
		}
		jdHist, _ := s.History(ctx, mustByCode(t, s, "JD1").ID)
		if len(jdHist) != 2 || jdHist[0].Name != "新城街道" || jdHist[1].Name != "新城街道办事处" {
			t.Errorf("JD1 history %+v", jdHist)
		}

		t.Run("move back to the root and change order", func(t *testing.T) {
			mustImport(t, s, csvFile(t, "third.csv",
				zhHeader,
				"CZ,财政局,部门,综合类,,7,是",
			), org.ImportResult{Updated: 1})
			if got, want := unitLine(t, s, "CZ"), "CZ|财政局|department|综合类||7|true"; got != want {
				t.Errorf("CZ = %s, want %s", got, want)
			}
			all, _ := s.All(ctx)
			checkPaths(t, all)
		})
	})
}

func TestImportActivation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		z := buildZone(t, s)
		audits := auditCount(t, d)

		// The street comes before its communities in the file, yet it can
		// only be deactivated after them.
		mustImport(t, s, csvFile(t, "off.csv",
			zhHeader,
			"JD1,新城街道,街道,,GX,1,否",
			"SQ1,东方社区,其他,,JD1,1,否",
			"SQ2,西营社区,其他,,JD1,2,否",
			"CZ,财政局,部门,,GX,1,是",
		), org.ImportResult{Updated: 3, Unchanged: 1})
		for _, u := range []org.Unit{z.jd1, z.sq1, z.sq2} {
			if mustGet(t, s, u.ID).Active {
				t.Errorf("%s still active", u.Code)
			}
		}
		if !mustGet(t, s, z.cz.ID).Active {
			t.Errorf("CZ deactivated")
		}
		if n := auditCount(t, d); n != audits+3 {
			t.Errorf("audit entries %d, want %d", n, audits+3)
		}
		entries, err := audit.List(ctx, d, audit.Filter{Action: "unit.deactivate"})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 3 || entries[0].EntityID != fmt.Sprint(z.jd1.ID) {
			t.Errorf("the street was not deactivated last: %+v", entries)
		}

		// Importing the same file again changes nothing.
		before := stateOf(t, d)
		mustImport(t, s, csvFile(t, "off-again.csv",
			zhHeader,
			"JD1,新城街道,街道,,GX,1,否",
			"SQ1,东方社区,其他,,JD1,1,否",
		), org.ImportResult{Unchanged: 2})
		unchanged(t, d, before)

		// Back on: the street and one community; the other stays off.
		mustImport(t, s, csvFile(t, "on.csv",
			zhHeader,
			"SQ1,东方社区,其他,,JD1,1,是",
			"JD1,新城街道,街道,,GX,1,是",
		), org.ImportResult{Updated: 2})
		if !mustGet(t, s, z.jd1.ID).Active || !mustGet(t, s, z.sq1.ID).Active || mustGet(t, s, z.sq2.ID).Active {
			t.Errorf("after reactivation: JD1 %t SQ1 %t SQ2 %t",
				mustGet(t, s, z.jd1.ID).Active, mustGet(t, s, z.sq1.ID).Active, mustGet(t, s, z.sq2.ID).Active)
		}
		if h, _ := s.History(ctx, z.jd1.ID); len(h) != 3 || h[2].Action != "unit.reactivate" {
			t.Errorf("JD1 history %+v", h)
		}
	})
}

func TestExportTable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		z := buildZone(t, s)
		if _, err := s.Update(ctx, clerk, z.jd1.ID, org.Fields{Code: "JD1", Name: "新城街道", Kind: org.KindStreet, Class: "街道类", Order: 1}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetActive(ctx, clerk, z.sq2.ID, false); err != nil {
			t.Fatal(err)
		}
		all, _ := s.All(ctx)

		header, rows := org.ExportTable(all, i18n.ZH)
		if want := []string{"编码", "名称", "类型", "考核类别", "上级编码", "排序", "启用"}; !slices.Equal(header, want) {
			t.Errorf("ZH header %v, want %v", header, want)
		}
		wantZH := [][]string{
			{"GX", "潍坊高新区", "高新区", "", "", "0", "是"},
			{"CZ", "财政局", "部门", "", "GX", "1", "是"},
			{"JD1", "新城街道", "街道", "街道类", "GX", "1", "是"},
			{"SQ1", "东方社区", "其他", "", "JD1", "1", "是"},
			{"SQ2", "西营社区", "其他", "", "JD1", "2", "否"},
			{"JF", "经济发展局", "部门", "", "GX", "2", "是"},
			{"YQ", "光电产业园", "园区", "", "GX", "3", "是"},
		}
		if len(rows) != len(wantZH) {
			t.Fatalf("ZH rows %v", rows)
		}
		for i := range rows {
			if !slices.Equal(rows[i], wantZH[i]) {
				t.Errorf("ZH row %d = %v, want %v", i, rows[i], wantZH[i])
			}
		}

		header, rows = org.ExportTable(all, i18n.EN)
		if want := []string{"code", "name", "kind", "class", "parent", "order", "active"}; !slices.Equal(header, want) {
			t.Errorf("EN header %v, want %v", header, want)
		}
		if want := []string{"JD1", "新城街道", "street", "街道类", "GX", "1", "yes"}; !slices.Equal(rows[2], want) {
			t.Errorf("EN row 2 = %v, want %v", rows[2], want)
		}
		if want := []string{"SQ2", "西营社区", "other", "", "JD1", "2", "no"}; !slices.Equal(rows[4], want) {
			t.Errorf("EN row 4 = %v, want %v", rows[4], want)
		}
	})
}

// exportFile exports every unit of s into a file of the given format.
func exportFile(t *testing.T, s *org.Store, lang i18n.Lang, format string) *xlsx.Table {
	t.Helper()
	all, err := s.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	header, rows := org.ExportTable(all, lang)
	var buf bytes.Buffer
	switch format {
	case "csv":
		err = xlsx.WriteCSV(&buf, header, rows)
	case "xlsx":
		err = xlsx.WriteXLSX(&buf, "units", header, rows)
	}
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "units-"+string(lang)+"."+format)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return readTable(t, path)
}

// richZone is buildZone with classes, a deactivated branch and a unit at
// the root of its own, so that an export carries every kind of value.
func richZone(t *testing.T, s *org.Store) zoneTree {
	t.Helper()
	z := buildZone(t, s)
	for _, c := range []struct {
		u     org.Unit
		class string
	}{{z.jf, "经济发展类"}, {z.jd1, "街道类"}, {z.yq, "园区类"}} {
		f := org.Fields{Code: c.u.Code, Name: c.u.Name, Kind: c.u.Kind, Class: c.class, Order: c.u.Order}
		if _, err := s.Update(ctx, clerk, c.u.ID, f); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []org.Unit{z.sq1, z.sq2, z.jd1} {
		if _, err := s.SetActive(ctx, clerk, u.ID, false); err != nil {
			t.Fatal(err)
		}
	}
	mustCreate(t, s, "GS", "高新控股集团", org.KindCompany, 9, 0)
	return z
}

func TestImportExportRoundTrip(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		for _, format := range []string{"csv", "xlsx"} {
			t.Run(string(lang)+" "+format, func(t *testing.T) {
				dbtest.Each(t, func(t *testing.T, d *db.DB) {
					s := org.NewStore(d)
					richZone(t, s)
					before := stateOf(t, d)
					mustImport(t, s, exportFile(t, s, lang, format), org.ImportResult{Unchanged: 8})
					unchanged(t, d, before)
				})
			})
		}
	}
}

func TestImportExportIntoEmptyDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		richZone(t, s)
		tbl := exportFile(t, s, i18n.ZH, "csv")

		var d2 *db.DB
		if d.Dialect() == db.Postgres {
			d2 = dbtest.Postgres(t)
		} else {
			d2 = dbtest.SQLite(t)
		}
		s2 := org.NewStore(d2)
		mustImport(t, s2, tbl, org.ImportResult{Created: 8})
		all, _ := s.All(ctx)
		all2, _ := s2.All(ctx)
		if !slices.Equal(codes(all), codes(all2)) {
			t.Fatalf("copy holds %v, want %v", codes(all2), codes(all))
		}
		checkPaths(t, all2)
		for _, u := range all {
			if got, want := unitLine(t, s2, u.Code), unitLine(t, s, u.Code); got != want {
				t.Errorf("copy of %s = %s, want %s", u.Code, got, want)
			}
		}
		// The copy exports to the same file.
		again := exportFile(t, s2, i18n.ZH, "csv")
		if !slices.Equal(again.Header, tbl.Header) || len(again.Rows) != len(tbl.Rows) {
			t.Fatalf("second export differs: %v %d rows", again.Header, len(again.Rows))
		}
		for i := range tbl.Rows {
			if !slices.Equal(again.Rows[i].Cells, tbl.Rows[i].Cells) {
				t.Errorf("row %d: %v, want %v", i, again.Rows[i].Cells, tbl.Rows[i].Cells)
			}
		}
	})
}

func TestImportRowProblems(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		buildZone(t, s)
		before := stateOf(t, d)
		tbl := csvFile(t, "units.csv",
			zhHeader,               // 1
			"NEW1,新部门,部门,,GX,5,是",  // 2 fine
			"BJ,商务局,局,,GX,1,是",     // 3 unknown kind
			"BJ,商务局,部门,,GX,一,是",    // 4 order not a number, code repeated
			"ZW,政务服务局,部门,,GX,2,也许", // 5 neither yes nor no
			",无编码,部门,,GX,3,是",      // 6 no code
			"SQ9,社区,其他,,SQ9,1,是",   // 7 its own parent
			"N2,,部门,,GX,1,是",       // 8 no name
			"A B,甲,部门,,GX,1,是",     // 9 bad code
			"C1,丙,,,GX,1,是",        // 10 no kind
			"JF,经济发展局,部门,"+strings.Repeat("类", 51)+",GX,2,是", // 11 class too long
			"NEW1,新部门,部门,,GX,5.5,true",                       // 12 order not whole, NEW1 repeated
		)
		for _, dry := range []bool{false, true} {
			_, err := s.Import(ctx, clerk, tbl, dry)
			wantImportError(t, err, "units.csv", []problem{
				p(3, "类型", "unit.err.kind_value", "局"),
				p(4, "排序", "import.not_integer", "一"),
				p(4, "编码", "import.duplicate_code", "BJ", 3),
				p(5, "启用", "import.not_yes_no", "也许"),
				p(6, "编码", "unit.err.code_required"),
				p(7, "上级编码", "unit.err.parent_self"),
				p(8, "名称", "unit.err.name_required"),
				p(9, "编码", "unit.err.code_format"),
				p(10, "类型", "unit.err.kind_value", ""),
				p(11, "考核类别", "unit.err.class_long"),
				p(12, "排序", "import.not_integer", "5.5"),
				p(12, "编码", "import.duplicate_code", "NEW1", 2),
			})
			unchanged(t, d, before)
		}
		if _, err := s.ByCode(ctx, "NEW1"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("NEW1 from the refused file exists: %v", err)
		}
	})
}

func TestImportParentProblems(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		want  []problem
	}{
		{"unknown parent and a cycle in the file", []string{
			zhHeader,
			"A1,甲,部门,,NOPE,1,是",
			"C1,丙,部门,,C2,1,是",
			"C2,丁,部门,,C3,1,是",
			"C3,戊,部门,,C1,1,是",
			"OK,新单位,部门,,GX,1,是",
		}, []problem{
			p(2, "上级编码", "import.unknown_parent", "NOPE"),
			p(3, "上级编码", "import.parent_cycle", "C1"),
			p(4, "上级编码", "import.parent_cycle", "C2"),
			p(5, "上级编码", "import.parent_cycle", "C3"),
		}},
		{"zone under its own community", []string{
			zhHeader,
			"GX,潍坊高新区,高新区,,SQ1,0,是",
		}, []problem{p(2, "上级编码", "import.parent_cycle", "GX")}},
		{"street under its community, both in the file", []string{
			zhHeader,
			"SQ1,东方社区,其他,,GX,1,是",
			"JD1,新城街道,街道,,SQ2,1,是",
			"SQ2,西营社区,其他,,JD1,2,是",
		}, []problem{
			p(3, "上级编码", "import.parent_cycle", "JD1"),
			p(4, "上级编码", "import.parent_cycle", "SQ2"),
		}},
		{"English header", []string{
			"code,name,kind,parent",
			"X1,甲,department,nope",
		}, []problem{p(2, "parent", "import.unknown_parent", "nope")}},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		buildZone(t, s)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := stateOf(t, d)
				res, err := s.Import(ctx, clerk, csvFile(t, "units.csv", c.lines...), false)
				wantImportError(t, err, "units.csv", c.want)
				if res != (org.ImportResult{}) {
					t.Errorf("result %+v for a refused file", res)
				}
				unchanged(t, d, before)
			})
		}
	})
}

func TestImportMissingColumns(t *testing.T) {
	cases := []struct {
		name   string
		header string
		want   []problem
	}{
		{"no kind", "编码,名称,上级编码", []problem{p(1, "", "import.missing_column", "类型/kind")}},
		{"only a parent", "上级编码", []problem{
			p(1, "", "import.missing_column", "编码/code"),
			p(1, "", "import.missing_column", "名称/name"),
			p(1, "", "import.missing_column", "类型/kind"),
		}},
		{"English without name", "code,kind,parent", []problem{p(1, "", "import.missing_column", "名称/name")}},
		{"near misses", "编号,名字,种类", []problem{
			p(1, "", "import.missing_column", "编码/code"),
			p(1, "", "import.missing_column", "名称/name"),
			p(1, "", "import.missing_column", "类型/kind"),
		}},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		buildZone(t, s)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := stateOf(t, d)
				_, err := s.Import(ctx, clerk, csvFile(t, "units.csv", c.header, "NEW,新单位,部门"), false)
				wantImportError(t, err, "units.csv", c.want)
				unchanged(t, d, before)
			})
		}
		t.Run("no data rows", func(t *testing.T) {
			before := stateOf(t, d)
			_, err := s.Import(ctx, clerk, csvFile(t, "units.csv", zhHeader, ",,,,,,"), false)
			wantImportError(t, err, "units.csv", []problem{p(2, "", "import.no_rows")})
			unchanged(t, d, before)
		})
	})
}

// A file with a bad kind on one row and an unknown parent or a cycle on
// others reports all of them in one go: the user fixes the file once.
func TestImportReportsEveryProblemAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		buildZone(t, s)
		before := stateOf(t, d)
		_, err := s.Import(ctx, clerk, csvFile(t, "units.csv",
			zhHeader,
			"BJ,商务局,局,,GX,1,是",
			"A1,甲,部门,,NOPE,1,是",
			"C1,丙,部门,,C2,1,是",
			"C2,丁,部门,,C1,1,是",
		), false)
		wantImportError(t, err, "units.csv", []problem{
			p(2, "类型", "unit.err.kind_value", "局"),
			p(3, "上级编码", "import.unknown_parent", "NOPE"),
			p(4, "上级编码", "import.parent_cycle", "C1"),
			p(5, "上级编码", "import.parent_cycle", "C2"),
		})
		unchanged(t, d, before)
	})
}

func TestImportApplyFailureWritesNothing(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		row   int
		count int
	}{
		// Every row is fine on its own: a creation, a rename, then a
		// deactivation the database refuses because SQ1 and SQ2, not in
		// the file, stay active.
		{"a child outside the file stays active", []string{
			zhHeader,
			"NEW1,新部门,部门,,GX,5,是",
			"GX,潍坊高新区管委会,高新区,,,0,是",
			"CZ,财政局,部门,,JF,1,是",
			"JD1,新城街道,街道,,GX,1,否",
		}, 5, 2},
		{"a child in the file stays active", []string{
			zhHeader,
			"NEW1,新部门,部门,,GX,5,是",
			"SQ1,东方社区,其他,,JD1,1,否",
			"JD1,新城街道,街道,,GX,1,否",
			"SQ2,西营社区,其他,,JD1,2,是",
		}, 4, 1},
		{"a new child under a parent switched off", []string{
			zhHeader,
			"YQ,光电产业园,园区,,GX,3,否",
			"YQ1,园区服务中心,其他,,YQ,1,是",
		}, 2, 1},
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		buildZone(t, s)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := stateOf(t, d)
				for _, dry := range []bool{true, false} {
					_, err := s.Import(ctx, clerk, csvFile(t, "units.csv", c.lines...), dry)
					var ie *i18n.ImportError
					if !errors.As(err, &ie) {
						t.Fatalf("dry %t: error %v (%T), want *i18n.ImportError", dry, err, err)
					}
					if len(ie.Rows) != 1 || ie.Rows[0].Row != c.row || ie.Rows[0].Key != "unit.err.active_children" ||
						fmt.Sprint(ie.Rows[0].Args) != fmt.Sprint([]any{c.count}) {
						t.Errorf("dry %t: problems %+v, want row %d unit.err.active_children [%d]", dry, ie.Rows, c.row, c.count)
					}
					unchanged(t, d, before)
				}
				if _, err := s.ByCode(ctx, "NEW1"); !errors.Is(err, db.ErrNotFound) {
					t.Errorf("NEW1 was created: %v", err)
				}
			})
		}
	})
}

func TestImportDryRun(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		buildZone(t, s)
		tbl := csvFile(t, "units.csv",
			zhHeader,
			"NEW2,新科室,其他,,NEW1,1,是",
			"GX,潍坊高新区,高新区,,,0,是",
			"JD1,新城街道,街道,,GX,1,是",
			"SQ1,东方社区,其他,,JD1,1,否",
			"CZ,财政局,部门,,NEW1,1,是",
			"NEW1,新部门,部门,,GX,5,是",
		)
		want := org.ImportResult{Created: 2, Updated: 2, Unchanged: 2}
		before := stateOf(t, d)
		for range 2 {
			res, err := s.Import(ctx, clerk, tbl, true)
			if err != nil {
				t.Fatal(err)
			}
			if res != want {
				t.Errorf("dry run = %+v, want %+v", res, want)
			}
			unchanged(t, d, before)
		}
		mustImport(t, s, tbl, want)
		// Two creations, a move, a deactivation.
		if n := auditCount(t, d); n != before.audit+4 {
			t.Errorf("audit entries %d, want %d", n, before.audit+4)
		}
		if got, want := unitLine(t, s, "CZ"), "CZ|财政局|department||NEW1|1|true"; got != want {
			t.Errorf("CZ = %s, want %s", got, want)
		}
		if got, want := unitLine(t, s, "NEW2"), "NEW2|新科室|other||NEW1|1|true"; got != want {
			t.Errorf("NEW2 = %s, want %s", got, want)
		}
	})
}

func TestImportErrorMessages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		buildZone(t, s)
		lines := []string{zhHeader, "NEW1,新部门,部门,,GX,5,是", "BJ,商务局,局,,GX,x,是"}

		t.Run("csv", func(t *testing.T) {
			_, err := s.Import(ctx, clerk, csvFile(t, "单位.csv", lines...), false)
			ie := wantImportError(t, err, "单位.csv", []problem{
				p(3, "类型", "unit.err.kind_value", "局"),
				p(3, "排序", "import.not_integer", "x"),
			})
			zh := ie.In(i18n.ZH)
			for _, want := range []string{
				"文件 单位.csv 未导入（共 2 处问题",
				"\n  第 3 行“类型”列：“局”不是单位类型",
				"\n  第 3 行“排序”列：“x”不是整数。",
			} {
				if !strings.Contains(zh, want) {
					t.Errorf("Chinese message lacks %q:\n%s", want, zh)
				}
			}
			en := ie.Error()
			for _, want := range []string{"单位.csv was not imported (problems: 2;", "row 3, column “类型”: “局” is not a kind of unit"} {
				if !strings.Contains(en, want) {
					t.Errorf("English message lacks %q:\n%s", want, en)
				}
			}
		})
		t.Run("xlsx", func(t *testing.T) {
			var rows [][]string
			for _, l := range lines[1:] {
				rows = append(rows, strings.Split(l, ","))
			}
			tbl := xlsxFile(t, "单位.xlsx", "单位", strings.Split(zhHeader, ","), rows)
			_, err := s.Import(ctx, clerk, tbl, false)
			ie := wantImportError(t, err, "单位.xlsx", []problem{
				p(3, "类型", "unit.err.kind_value", "局"),
				p(3, "排序", "import.not_integer", "x"),
			})
			if ie.Rows[0].Sheet != "单位" {
				t.Errorf("sheet %q, want 单位", ie.Rows[0].Sheet)
			}
			if zh := ie.In(i18n.ZH); !strings.Contains(zh, "工作表“单位”第 3 行“类型”列：") {
				t.Errorf("Chinese message:\n%s", zh)
			}
		})
	})
}

// A workbook as a person would make it in Excel: numbers typed as numbers,
// TRUE/FALSE as booleans, a blank row in the middle.
func TestImportExcelWorkbook(t *testing.T) {
	write := func(t *testing.T, cells map[string]any) *xlsx.Table {
		t.Helper()
		f := excelize.NewFile()
		defer f.Close()
		for i, h := range strings.Split(zhHeader, ",") {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			f.SetCellValue("Sheet1", cell, h)
		}
		for cell, v := range cells {
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(t.TempDir(), "单位.xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return readTable(t, path)
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		buildZone(t, s)
		t.Run("fine", func(t *testing.T) {
			tbl := write(t, map[string]any{
				"A2": "NEW1", "B2": "新部门", "C2": "部门", "E2": "GX", "F2": 12, "G2": true,
				// row 3 left blank
				"A4": "NEW2", "B4": "新科室", "C4": "其他", "E4": "NEW1", "F4": 3, "G4": false,
			})
			mustImport(t, s, tbl, org.ImportResult{Created: 2})
			if got, want := unitLine(t, s, "NEW1"), "NEW1|新部门|department||GX|12|true"; got != want {
				t.Errorf("NEW1 = %s, want %s", got, want)
			}
			if got, want := unitLine(t, s, "NEW2"), "NEW2|新科室|other||NEW1|3|false"; got != want {
				t.Errorf("NEW2 = %s, want %s", got, want)
			}
		})
		t.Run("rows numbered as Excel shows them", func(t *testing.T) {
			before := stateOf(t, d)
			tbl := write(t, map[string]any{
				"A2": "NEW3", "B2": "甲", "C2": "部门", "E2": "GX",
				"A5": "NEW4", "B5": "乙", "C5": "部", "E5": "GX", "F5": 1.5,
			})
			wantImportError(t, func() error { _, err := s.Import(ctx, clerk, tbl, false); return err }(), "单位.xlsx", []problem{
				p(5, "类型", "unit.err.kind_value", "部"),
				p(5, "排序", "import.not_integer", "1.5"),
			})
			unchanged(t, d, before)
		})
	})
}

// A file that leaves out an optional column leaves that field of existing
// units alone: no moving to the top, no cleared class, no reset order.
func TestImportAbsentColumnsKeepValues(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		zone, err := s.Create(ctx, clerk, org.Fields{Code: "Z", Name: "高新区", Kind: org.KindZone}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Create(ctx, clerk, org.Fields{Code: "JF", Name: "经发局", Kind: org.KindDepartment, Class: "经济发展类", Order: 30}, zone.ID); err != nil {
			t.Fatal(err)
		}
		res, err := s.Import(ctx, clerk, csvFile(t, "rename.csv", "编码,名称,类型", "JF,经济发展局,部门"), false)
		if err != nil || res.Updated != 1 {
			t.Fatalf("Import = %+v, %v", res, err)
		}
		u, _ := s.ByCode(ctx, "JF")
		if u.Name != "经济发展局" || u.ParentID != zone.ID || u.Class != "经济发展类" || u.Order != 30 || !u.Active {
			t.Fatalf("after a rename-only file: %+v", u)
		}
	})
}

// A unit cannot be created, moved or reactivated beneath a deactivated one.
func TestInactiveParents(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := org.NewStore(d)
		zone, _ := s.Create(ctx, clerk, org.Fields{Code: "Z", Name: "高新区", Kind: org.KindZone}, 0)
		park, _ := s.Create(ctx, clerk, org.Fields{Code: "P", Name: "老园区", Kind: org.KindPark}, zone.ID)
		dept, _ := s.Create(ctx, clerk, org.Fields{Code: "D", Name: "部门", Kind: org.KindDepartment}, zone.ID)
		if _, err := s.SetActive(ctx, clerk, park.ID, false); err != nil {
			t.Fatal(err)
		}
		_, err := s.Create(ctx, clerk, org.Fields{Code: "N", Name: "新", Kind: org.KindOther}, park.ID)
		wantInvalid(t, err, "parent", "unit.err.parent_inactive")
		_, err = s.Move(ctx, clerk, dept.ID, park.ID)
		wantInvalid(t, err, "parent", "unit.err.parent_inactive")
		// The file reactivates the park and puts a new unit under it: parents first, so it works.
		res, err := s.Import(ctx, clerk, csvFile(t, "units.csv", "编码,名称,类型,上级编码,启用", "N,新,其他,P,是", "P,老园区,园区,Z,是"), false)
		if err != nil || res.Created != 1 || res.Updated != 1 {
			t.Fatalf("Import = %+v, %v", res, err)
		}
	})
}
