package peers_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/peers"
	"gaoxin/internal/xlsx"
	"gaoxin/internal/xlsx/xlsxtest"
)

const header = "年度,层级,对标组,成员,本区,指标编码,指标名称,计量单位,方向,对应目标指标,数值,期间,来源"

// goodFile is two groups: the zone is second of four on growth in the city
// and first of three on patents in the province (with a value in 万件 and
// one member still without a value).
var goodFile = []string{
	header,
	"2019,市级,潍坊市县市区,潍坊高新区,是,GDP,地区生产总值增速,%,越大越好,,7.6,2019年1-9月,潍坊市统计局",
	"2019,市级,潍坊市县市区,寿光市,,GDP,,,,,8.1,2019年1-9月,潍坊市统计局",
	"2019,市级,潍坊市县市区,诸城市,,GDP,,,,,7.6%,2019年1-9月,潍坊市统计局",
	"2019,,潍坊市县市区,青州市,,GDP,,,,,6.9,2019年1-9月,潍坊市统计局",
	"2019,省级,山东省国家级高新区,潍坊高新区,是,ZLSQ,专利申请量,件,越大越好,KJ01,\"2,735\",2019年1-9月,省科技厅",
	"2019,省级,山东省国家级高新区,济南高新区,,ZLSQ,,,,,0.26万,2019年1-9月,省科技厅",
	"2019,省级,山东省国家级高新区,青岛高新区,,ZLSQ,,,,,,,",
}

func csvTable(t *testing.T, name string, lines ...string) *xlsx.Table {
	t.Helper()
	return readFile(t, name, []byte(strings.Join(lines, "\r\n")+"\r\n"))
}

// readFile is a file as an upload is read: from disk, a row at a time.
func readFile(t *testing.T, name string, body []byte) *xlsx.Table {
	t.Helper()
	tbl, err := xlsxtest.FileOnDisk(t, name, body).Table()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tbl.Close() })
	return tbl
}

func TestImportCreatesGroupsValuesAndRanks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := peers.NewStore(d)
		res, err := s.Import(ctx, office, csvTable(t, "peers.csv", goodFile...), 2019, false)
		want := peers.ImportResult{Rows: 7, Groups: 2, Members: 7, Indicators: 2, Values: 6}
		if err != nil || res != want {
			t.Fatalf("import = %+v, %v; want %+v", res, err, want)
		}
		sheets, err := s.Year(ctx, 2019)
		if err != nil || len(sheets) != 2 || sheets[0].Level != peers.City || sheets[1].Level != peers.Province {
			t.Fatalf("sheets = %v, %v", sheets, err)
		}
		city, prov := sheets[0], sheets[1]
		gdp, _ := city.Indicator("GDP")
		if st := city.Standing(gdp); st.Rank != 2 || st.Count != 4 || !st.Tied {
			t.Errorf("city GDP standing = %+v", st)
		}
		patents, _ := prov.Indicator("ZLSQ")
		if patents.PlanCode != "KJ01" || patents.UOM != "件" {
			t.Errorf("patents = %+v", patents)
		}
		jinan := prov.Members[1]
		if v, _ := prov.Value(patents.ID, jinan.ID); v.Amount != "2600" || v.Source != "省科技厅" {
			t.Errorf("济南 patents = %+v", v)
		}
		if st := prov.Standing(patents); st.Rank != 1 || st.Count != 2 {
			t.Errorf("province patents standing = %+v", st)
		}
		if z, _ := prov.Zone(); z.Name != "潍坊高新区" || len(prov.Members) != 3 {
			t.Errorf("province members = %+v", prov.Members)
		}
		// The same file again changes nothing.
		res, err = s.Import(ctx, office, csvTable(t, "peers.csv", goodFile...), 2019, false)
		if err != nil || res != (peers.ImportResult{Rows: 7, Unchanged: 6}) {
			t.Errorf("second import = %+v, %v", res, err)
		}
	})
}

func TestImportExportRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := peers.NewStore(d)
		if _, err := s.Import(ctx, office, csvTable(t, "peers.csv", goodFile...), 2019, false); err != nil {
			t.Fatal(err)
		}
		sheets, _ := s.Year(ctx, 2019)
		for _, lang := range i18n.Langs {
			header, rows := peers.ExportTable(sheets, lang)
			if len(rows) != 7 || len(header) != 14 {
				t.Fatalf("%s export: %d rows, header %v", lang, len(rows), header)
			}
			var buf bytes.Buffer
			if err := xlsx.WriteXLSX(&buf, "peers", header, rows); err != nil {
				t.Fatal(err)
			}
			// The year column names the year, so none need be given.
			res, err := s.Import(ctx, office, readFile(t, "peers.xlsx", buf.Bytes()), 0, false)
			if err != nil || res != (peers.ImportResult{Rows: 7, Unchanged: 6}) {
				t.Errorf("%s round trip = %+v, %v", lang, res, err)
			}
		}
		header, rows := peers.ExportTable(sheets, i18n.ZH)
		if got := strings.Join(header, ","); got != header0+",排名" {
			t.Errorf("header = %s", got)
		}
		if got := strings.Join(rows[1], ","); got != "2019,市级,潍坊市县市区,寿光市,,GDP,地区生产总值增速,%,越大越好,,8.1,2019年1-9月,潍坊市统计局,1" {
			t.Errorf("row = %s", got)
		}
	})
}

const header0 = header

func TestImportRefusesABadFileWhole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := peers.NewStore(d)
		bad := csvTable(t, "bad.csv",
			header,
			"2019,县级,潍坊市县市区,潍坊高新区,是,GDP,地区生产总值增速,%,越大越好,,7.6,,",
			"2019,市级,潍坊市县市区,寿光市,是,GDP,,,,,约8,,",
			"2018,市级,潍坊市县市区,诸城市,,GDP,,亿元,,,7,,",
			"2019,国家级,全国国家级高新区,武汉东湖高新区,,ZL 01,专利申请量,件,越大越好,,100,,",
			"2019,国家级,全国国家级高新区,西安高新区,,YY,营业收入增速,%,向上,,12,,",
			"2019,市级,潍坊市县市区,寿光市,,GDP,,,,,8.1,,",
		)
		_, err := s.Import(ctx, office, bad, 2019, false)
		var ierr *i18n.ImportError
		if !errors.As(err, &ierr) {
			t.Fatalf("err = %v", err)
		}
		text := ierr.In(i18n.ZH)
		for _, want := range []string{
			"文件 bad.csv 未导入（共 9 处问题",
			"第 2 行“层级”列：层级“县级”应为 市级、省级 或 国家级。",
			"第 3 行“本区”列：第 2 行已标明“潍坊高新区”为本区，一个对标组只能有一个本区。",
			"第 3 行“数值”列：“约8”是约数，请填写确切数值。",
			"第 4 行“年度”列：年度 2018 与本次导入的年度 2019 不符。",
			"第 4 行“计量单位”列：与第 2 行所写的“%”不一致。",
			"第 5 行“指标编码”列：编码“ZL 01”须由字母",
			"第 6 行“方向”列：方向“向上”应为 越大越好 或 越小越好。",
			// Row 5 is left out (its code is unreadable), so nothing marks the new group's zone.
			"第 6 行“本区”列：新对标组“全国国家级高新区”须标明本区",
			"第 7 行“数值”列：同一对标组、成员和指标已在第 3 行出现。",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("refusal lacks %q:\n%s", want, text)
			}
		}
		if en := ierr.In(i18n.EN); !strings.Contains(en, "row 6, column “方向”: The direction “向上” should be higher or lower") {
			t.Errorf("English refusal:\n%s", en)
		}
		if sheets, _ := s.Year(ctx, 2019); len(sheets) != 0 {
			t.Errorf("a refused file left %d groups", len(sheets))
		}
	})
}

func TestImportHoldsTheFileAgainstWhatIsStored(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := peers.NewStore(d)
		if _, err := s.Import(ctx, office, csvTable(t, "peers.csv", goodFile...), 2019, false); err != nil {
			t.Fatal(err)
		}
		_, err := s.Import(ctx, office, csvTable(t, "change.csv",
			header,
			"2019,省级,潍坊市县市区,寿光市,是,GDP,,亿元,,,8.3,,",
			"2019,,全国国家级高新区,武汉东湖高新区,,YY,,%,,,12,,",
		), 2019, false)
		var ierr *i18n.ImportError
		if !errors.As(err, &ierr) {
			t.Fatalf("err = %v", err)
		}
		text := ierr.In(i18n.ZH)
		for _, want := range []string{
			"第 2 行“层级”列：对标组“潍坊市县市区”已是市级对标组，层级不能改。",
			"第 2 行“本区”列：对标组“潍坊市县市区”的本区已是“潍坊高新区”。",
			"第 2 行“计量单位”列：指标“GDP”已有数值，计量单位“%”不能改。",
			"第 3 行“层级”列：新对标组“全国国家级高新区”须写明层级",
			"第 3 行“本区”列：新对标组“全国国家级高新区”须标明本区",
			"第 3 行“指标名称”列：新指标“YY”须写明指标名称。",
			"第 3 行“方向”列：新指标“YY”须写明方向",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("refusal lacks %q:\n%s", want, text)
			}
		}
		if strings.Contains(text, "须写明方向") != strings.Contains(text, "YY") {
			t.Errorf("a new indicator without a direction:\n%s", text)
		}
	})
}

func TestImportDryRunAndEncodings(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := peers.NewStore(d)
		body, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(strings.Join(goodFile, "\r\n") + "\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Import(ctx, office, readFile(t, "gbk.csv", body), 2019, true)
		if err != nil || res.Groups != 2 || res.Values != 6 {
			t.Fatalf("dry run = %+v, %v", res, err)
		}
		if sheets, _ := s.Year(ctx, 2019); len(sheets) != 0 {
			t.Fatalf("a dry run kept %d groups", len(sheets))
		}
		bom := append([]byte("\xef\xbb\xbf"), []byte(strings.Join(goodFile, "\n"))...)
		if _, err := s.Import(ctx, office, readFile(t, "bom.csv", bom), 2019, false); err != nil {
			t.Fatal(err)
		}
		sheets, _ := s.Year(ctx, 2019)
		if len(sheets) != 2 || sheets[0].Name != "潍坊市县市区" || sheets[0].Members[1].Name != "寿光市" {
			t.Errorf("after a BOM file: %+v", sheets)
		}
		// Without a year column or a year given, the file cannot say which year it is.
		_, err = s.Import(ctx, office, csvTable(t, "noyear.csv", "对标组,成员,指标编码", "潍坊市县市区,寿光市,GDP"), 0, false)
		var ierr *i18n.ImportError
		if !errors.As(err, &ierr) || !strings.Contains(ierr.In(i18n.ZH), "第 1 行：缺少“年度”列") {
			t.Errorf("no year: %v", err)
		}
	})
}

// A file that breaks further down than its header is refused with the
// reader's error, whatever its rows before the break say.
func TestImportRefusesAFileBrokenFurtherDown(t *testing.T) {
	d := dbtest.SQLite(t)
	lines := append([]string{}, goodFile...)
	lines[3] = `2019,市级,潍坊市县市区,诸城"市,,GDP,,,,,7.6,,`
	_, err := peers.NewStore(d).Import(context.Background(), office, csvTable(t, "broken.csv", lines...), 2019, false)
	var rerr *xlsx.ReadError
	if !errors.As(err, &rerr) || !strings.Contains(rerr.In(i18n.ZH), "broken.csv") {
		t.Fatalf("a broken file refused with %v", err)
	}
	if sheets, _ := peers.NewStore(d).Year(context.Background(), 2019); len(sheets) != 0 {
		t.Errorf("a broken file left %d groups", len(sheets))
	}
}
