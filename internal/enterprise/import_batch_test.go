package enterprise_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// An import into a registry that already holds some of its firms updates
// those, replaces their figures, skips the grants they hold, and records
// in one audit entry what it did, with what it replaced.
func TestImportOverRegistry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		held := w.firm(t, "潍柴动力股份有限公司", "XC")
		w.grant(t, held, enterprise.HighTech, "2018-01-01")
		rev := 100.0
		if err := w.s.SetYear(ctx, audit.System, enterprise.Year{EnterpriseID: held.ID, Year: 2019, Revenue: &rev}); err != nil {
			t.Fatal(err)
		}
		same := w.firm(t, "歌尔股份有限公司", "QC")
		fresh := w.code()
		rows := [][]string{registerHeader,
			{held.CreditCode, "潍柴动力（总部）", "XC", "", "200", "", "2018-01-01", "", "2019-01-01"},
			{same.CreditCode, same.Name, "QC", "", "", "", "", "", ""},
			{fresh, "海王医药潍坊分公司", "清池街道", "生命健康", "50", "12", "2019-05-01", "", ""},
		}
		sum, err := w.s.Import(ctx, audit.System, 2019, xlsx.Bytes("名录.xlsx", workbook(t, rows)))
		if err != nil {
			t.Fatal(err)
		}
		if sum != (enterprise.ImportSummary{Created: 1, Updated: 1, Unchanged: 1, Tiers: 2, Years: 2}) {
			t.Fatalf("summary = %+v", sum)
		}
		if e, _ := w.s.Get(ctx, held.ID); e.Name != "潍柴动力（总部）" || e.Industry != "高端装备" {
			t.Fatalf("updated firm = %+v (the industry the file leaves empty stays)", e)
		}
		if y, _ := w.s.YearOf(ctx, held.ID, 2019); y.Revenue == nil || *y.Revenue != 200 {
			t.Fatalf("replaced figures = %+v", y)
		}
		if tiers, _ := w.s.Tiers(ctx, held.ID); len(tiers) != 2 {
			t.Fatalf("the firm's tiers = %+v, want its certificate and the new 规上", tiers)
		}
		e, err := w.s.ByCode(ctx, fresh)
		if err != nil {
			t.Fatal(err)
		}
		if tiers, _ := w.s.Tiers(ctx, e.ID); len(tiers) != 1 || tiers[0].ExpiresOn != "2022-05-01" {
			t.Fatalf("the new firm's certificate = %+v, want three years", tiers)
		}
		var after string
		if err := d.QueryRow(ctx, "SELECT after_json FROM audit_log WHERE action = 'enterprise.import'").Scan(&after); err != nil {
			t.Fatal(err)
		}
		var entry struct {
			Created        int                                             `json:"created"`
			CreatedFirms   []string                                        `json:"created_firms"`
			FiguresWritten []string                                        `json:"figures_written"`
			UpdatedFirms   []struct{ Before, After enterprise.Enterprise } `json:"updated_firms"`
			FiguresChanged []struct{ Before, After enterprise.Year }       `json:"figures_changed"`
			Grants         []struct {
				CreditCode string `json:"credit_code"`
				Tier       string `json:"tier"`
			} `json:"grants"`
		}
		if err := json.Unmarshal([]byte(after), &entry); err != nil {
			t.Fatal(err)
		}
		if entry.Created != 1 || len(entry.CreatedFirms) != 1 || entry.CreatedFirms[0] != fresh ||
			len(entry.FiguresWritten) != 1 || entry.FiguresWritten[0] != fresh || len(entry.Grants) != 2 ||
			len(entry.UpdatedFirms) != 1 || entry.UpdatedFirms[0].Before.Name != held.Name || entry.UpdatedFirms[0].After.Name != "潍柴动力（总部）" ||
			len(entry.FiguresChanged) != 1 || *entry.FiguresChanged[0].Before.Revenue != 100 || *entry.FiguresChanged[0].After.Revenue != 200 {
			t.Fatalf("the import's audit entry = %s", after)
		}
		if n, brk, err := audit.Verify(ctx, d); err != nil || brk != nil || n == 0 {
			t.Fatalf("audit trail = %d, %v, %v", n, brk, err)
		}
	})
}

// What Grant and Create refuse one by one, the import refuses for the
// whole file, each in its row and column, before it writes anything.
func TestImportRefusesWhatTheStoreRefuses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		held := w.firm(t, "潍柴动力股份有限公司", "XC")
		w.grant(t, held, enterprise.HighTech, "2018-01-01")
		before, audits := count(t, d, "enterprises"), count(t, d, "audit_log")
		rows := [][]string{registerHeader,
			{held.CreditCode, held.Name, "XC", "", "", "", "2019-06-01", "", ""},
			{w.code(), "未来入库", "XC", "", "", "", "", "", "2020-01-01"},
			{w.code(), "证书倒挂", "QC", "", "", "", "2019-01-01", "2018-12-01", ""},
			{w.code(), strings.Repeat("长", 201), "QC", "", "", "", "", "", ""},
		}
		_, err := w.s.Import(ctx, audit.System, 2019, xlsx.Bytes("名录.xlsx", workbook(t, rows)))
		var ierr *i18n.ImportError
		if !errors.As(err, &ierr) {
			t.Fatalf("err = %v", err)
		}
		want := []struct {
			row         int
			column, key string
		}{
			{2, "高新技术企业认定日期", "enterprise.err.tier_held"},
			{3, "规上入库日期", "enterprise.err.future"},
			{4, "高新证书有效期至", "enterprise.err.expiry"},
			{5, "企业名称", "enterprise.err.name"},
		}
		if len(ierr.Rows) != len(want) {
			t.Fatalf("%d problems, want %d:\n%s", len(ierr.Rows), len(want), ierr.In(i18n.ZH))
		}
		for i, x := range want {
			if got := ierr.Rows[i]; got.Row != x.row || got.Column != x.column || got.Key != x.key {
				t.Errorf("problem %d = row %d %q %s, want row %d %q %s", i, got.Row, got.Column, got.Key, x.row, x.column, x.key)
			}
		}
		if count(t, d, "enterprises") != before || count(t, d, "audit_log") != audits {
			t.Fatal("a refused file wrote something")
		}
	})
}
