package enterprise_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// workbook writes rows as the first sheet of an .xlsx file, every cell as text.
func workbook(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, cells := range rows {
		for c, v := range cells {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellStr("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func csvText(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ","))
		b.WriteString("\r\n")
	}
	return b.String()
}

var registerHeader = []string{"统一社会信用代码", "企业名称", "所属单位", "行业", "营业收入（万元）", "从业人员", "高新技术企业认定日期", "高新证书有效期至", "规上入库日期"}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportRegister(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		rows := [][]string{registerHeader,
			{"914403001922038216", "潍柴动力股份有限公司", "XC", "新能源动力", "1,250,000", "12000", "2018-11-30", "", "2010/1/1"},
			{"9144030071526726XG", "歌尔股份有限公司", "清池街道", "新一代信息技术", "", "", "2016.12.15", "2019-12-15", ""},
			{"91330100799655058b", "华辰制药有限公司", "QC", "生命健康", "8600", "420", "", "", "2016-01-01"},
		}
		sum, err := w.s.Import(ctx, audit.System, 2019, xlsx.Bytes("企业名录.xlsx", workbook(t, rows)))
		if err != nil {
			t.Fatal(err)
		}
		if sum != (enterprise.ImportSummary{Created: 3, Tiers: 4, Years: 2}) {
			t.Fatalf("summary = %+v", sum)
		}
		e, err := w.s.ByCode(ctx, "91330100799655058B")
		if err != nil || e.Name != "华辰制药有限公司" || e.UnitID != w.street["QC"] {
			t.Fatalf("华辰制药 = %+v, %v", e, err)
		}
		y, err := w.s.YearOf(ctx, e.ID, 2019)
		if err != nil || *y.Revenue != 8600 || *y.Employees != 420 {
			t.Fatalf("its 2019 = %+v, %v", y, err)
		}
		goer, _ := w.s.ByCode(ctx, "9144030071526726XG")
		tiers, _ := w.s.Tiers(ctx, goer.ID)
		if len(tiers) != 1 || tiers[0].ExpiresOn != "2019-12-15" || tiers[0].GrantedOn != "2016-12-15" {
			t.Fatalf("歌尔's tiers = %+v", tiers)
		}
		// The same file again changes nothing.
		sum, err = w.s.Import(ctx, audit.System, 2019, xlsx.Bytes("企业名录.xlsx", workbook(t, rows)))
		if err != nil || sum != (enterprise.ImportSummary{Unchanged: 3, Years: 2}) {
			t.Fatalf("again = %+v, %v", sum, err)
		}
		// A CSV saved by Excel on a Chinese Windows, in GB18030, renames a firm.
		gb, err := simplifiedchinese.GB18030.NewEncoder().String(csvText([][]string{registerHeader[:3],
			{"914403001922038216", "潍柴动力股份有限公司（总部）", "XC"}}))
		if err != nil {
			t.Fatal(err)
		}
		sum, err = w.s.Import(ctx, audit.System, 2019, xlsx.Bytes("名录.csv", []byte(gb)))
		if err != nil || sum.Updated != 1 {
			t.Fatalf("GB18030 CSV = %+v, %v", sum, err)
		}
		if e, _ := w.s.ByCode(ctx, "914403001922038216"); e.Name != "潍柴动力股份有限公司（总部）" || e.Industry != "新能源动力" {
			t.Fatalf("after the CSV = %+v (the industry the CSV leaves out stays)", e)
		}
	})
}

// A file with bad rows is refused whole, every problem named by row and
// column, and nothing of it is written.
func TestImportRefusesBadRows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		before := count(t, d, "enterprises")
		rows := [][]string{registerHeader,
			{"914403001922038216", "潍柴动力股份有限公司", "XC", "", "", "", "", "", ""},
			{"914403001922038217", "错一位", "XC", "", "", "", "", "", ""},
			{"914403001922038216", "重复", "XC", "", "", "", "", "", ""},
			{"9144030071526726XG", "无此单位", "东风街道", "", "", "", "", "", ""},
			{"91330100799655058B", "日期错", "QC", "", "-5", "", "2019-13-01", "", ""},
		}
		_, err := w.s.Import(ctx, audit.System, 2019, xlsx.Bytes("名录.xlsx", workbook(t, rows)))
		var ierr *i18n.ImportError
		if !errors.As(err, &ierr) {
			t.Fatalf("err = %v", err)
		}
		want := []struct {
			row    int
			column string
			text   string
		}{
			{3, "统一社会信用代码", "校验位不对"},
			{4, "统一社会信用代码", "重复（第 2 行已有）"},
			{5, "所属单位", "单位“东风街道”不存在"},
			{6, "营业收入（万元）", "不是数字"},
			{6, "高新技术企业认定日期", "格式不对"},
		}
		if len(ierr.Rows) != len(want) {
			t.Fatalf("%d problems, want %d:\n%s", len(ierr.Rows), len(want), ierr.In(i18n.ZH))
		}
		for i, x := range want {
			got := ierr.Rows[i]
			if got.Row != x.row || got.Column != x.column || !strings.Contains(got.In(i18n.ZH), x.text) {
				t.Errorf("problem %d = row %d %q %q, want row %d %q with %q", i, got.Row, got.Column, got.In(i18n.ZH), x.row, x.column, x.text)
			}
		}
		if n := count(t, d, "enterprises"); n != before {
			t.Fatalf("a refused file wrote %d firms", n-before)
		}
		// A file without the code column is refused at its header.
		_, err = w.s.Import(ctx, audit.System, 2019, xlsx.Bytes("名录.csv", []byte("企业名称,所属单位\r\n某公司,XC\r\n")))
		if !errors.As(err, &ierr) || len(ierr.Rows) != 1 || !strings.Contains(ierr.In(i18n.ZH), "缺少“统一社会信用代码/credit_code”列") {
			t.Fatalf("no code column: %v", err)
		}
	})
}
