package enterprise_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/xlsx"
)

// Any text is a credit code or refused; a code taken reads back as itself,
// 18 characters of the code's alphabet.
func FuzzParseCreditCode(f *testing.F) {
	for _, s := range []string{"914403001922038216", "9144030071526726XG", "９１４４０３００１９２２０３８２１６", "91330100799655058b ", "", "IOSVZ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		code, verr := enterprise.ParseCreditCode(text)
		if verr != nil {
			return
		}
		if len(code) != 18 {
			t.Fatalf("%q taken as %q", text, code)
		}
		again, verr := enterprise.ParseCreditCode(code)
		if verr != nil || again != code {
			t.Fatalf("%q taken as %q, which reads back as %q, %v", text, code, again, verr)
		}
	})
}

// Any register file is imported whole or refused whole, and nothing
// panics. A refused file leaves the firms, their figures, their tiers and
// the audit trail as they were, and says why in the user's language: an
// import error naming its rows, a reader's refusal or a field's error. An
// accepted file adds no more firms than it has rows, as many as it says
// it created, each with a credit code that passes the check. yearless
// imports the file without a year, so that any figures in it are refused.
func FuzzImportRegister(f *testing.F) {
	header := "统一社会信用代码,企业名称,所属单位,行业,营业收入（万元）,从业人员,高新技术企业认定日期,高新证书有效期至,规上入库日期"
	lines := func(rows ...string) []byte { return []byte(strings.Join(rows, "\r\n") + "\r\n") }
	for _, body := range [][]byte{
		// Accepted: a firm by a unit's code, one by its name, a lower-case check character.
		lines(header,
			`914403001922038216,潍柴动力股份有限公司,XC,新能源动力,"1,250,000",12000,,,`,
			"9144030071526726XG,歌尔股份有限公司,清池街道,新一代信息技术,,,,,",
			"91330100799655058b,华辰制药有限公司,QC,生命健康,8600,420,,,"),
		// A check character wrong.
		lines(header, "914403001922038217,错一位,XC,,,,,,"),
		// A code twice.
		lines(header,
			"914403001922038216,潍柴动力股份有限公司,XC,,,,,,",
			"９１４４０３００１９２２０３８２１６,重复,XC,,,,,,"),
		// Tier grant dates, written three ways, and a certificate's expiry.
		lines(header,
			"914403001922038216,潍柴动力股份有限公司,XC,,,,2018-11-30,,2010/1/1",
			"9144030071526726XG,歌尔股份有限公司,QC,,,,2016.12.15,2019-12-15,"),
		// A month that is none.
		lines(header, "91330100799655058B,华辰制药有限公司,QC,,,,2019-13-01,,"),
		// English headers and only the required columns.
		lines("credit_code,name,unit", "914403001922038216,Weichai Power,XC"),
		// No credit code column.
		lines("企业名称,所属单位", "某公司,XC"),
	} {
		f.Add(body, false)
		f.Add(body, true)
	}
	// One database serves every input, set up once: a zone with two
	// streets, the firms of earlier inputs left in it.
	d := dbtest.SQLite(f) // fuzzing wants speed; the import itself is tested on both engines
	units := org.NewStore(d)
	zone, err := units.Create(ctx, audit.System, org.Fields{Code: "GX", Name: "高新区", Kind: org.KindZone}, 0)
	if err != nil {
		f.Fatal(err)
	}
	for _, u := range []struct{ code, name string }{{"XC", "新城街道"}, {"QC", "清池街道"}} {
		if _, err := units.Create(ctx, audit.System, org.Fields{Code: u.code, Name: u.name, Kind: org.KindStreet}, zone.ID); err != nil {
			f.Fatal(err)
		}
	}
	s := enterprise.NewStore(d)
	s.SetClock(func() time.Time { return time.Date(2019, 12, 9, 2, 0, 0, 0, time.UTC) })
	f.Fuzz(func(t *testing.T, body []byte, yearless bool) {
		year := 2019
		if yearless {
			year = 0
		}
		before := registerState(t, d)
		sum, err := s.Import(ctx, audit.System, year, xlsx.Bytes("firms.csv", body))
		after := registerState(t, d)
		if err != nil {
			if after != before {
				t.Fatalf("a refused file changed the registry:\n%s\nwas\n%s\n(%v)", after, before, err)
			}
			var ierr *i18n.ImportError
			var rerr *xlsx.ReadError
			var verr *i18n.Error
			if !errors.As(err, &ierr) && !errors.As(err, &rerr) && !errors.As(err, &verr) {
				t.Fatalf("a file refused with a bare error: %T %v", err, err)
			}
			if ierr != nil && len(ierr.Rows) == 0 {
				t.Fatalf("a refusal names no problem: %+v", ierr)
			}
			return
		}
		rows := dataRows(t, body)
		if grown := after.firms - before.firms; grown < 0 || grown > rows || grown != sum.Created {
			t.Fatalf("%d firms after a file of %d rows that created %d, were %d: %+v", after.firms, rows, sum.Created, before.firms, sum)
		}
		if sum.Created+sum.Updated+sum.Unchanged > rows {
			t.Fatalf("%d firms counted of %d rows: %+v", sum.Created+sum.Updated+sum.Unchanged, rows, sum)
		}
		if after.tiers != before.tiers+sum.Tiers || after.audit != before.audit+1 {
			t.Fatalf("%s after adding %d tiers, was\n%s", after, sum.Tiers, before)
		}
		codes, err := d.Query(ctx, "SELECT credit_code FROM enterprises")
		if err != nil {
			t.Fatal(err)
		}
		defer codes.Close()
		for codes.Next() {
			var code string
			if err := codes.Scan(&code); err != nil {
				t.Fatal(err)
			}
			if again, verr := enterprise.ParseCreditCode(code); verr != nil || again != code {
				t.Errorf("a firm with the credit code %q, which reads as %q, %v", code, again, verr)
			}
		}
		if err := codes.Err(); err != nil {
			t.Fatal(err)
		}
	})
}

// registerTables sums up what a register import may change.
type registerTables struct {
	firms, years, tiers, audit int
	firmText                   int // lengths of every name, industry and address, and the units
	figures                    float64
}

func (s registerTables) String() string {
	type plain registerTables // without this method
	return fmt.Sprintf("%+v", plain(s))
}

func registerState(t *testing.T, d *db.DB) registerTables {
	t.Helper()
	var s registerTables
	err := d.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM enterprises), (SELECT COUNT(*) FROM enterprise_years),
		(SELECT COUNT(*) FROM enterprise_tiers), (SELECT COUNT(*) FROM audit_log),
		(SELECT COALESCE(SUM(LENGTH(name) + LENGTH(industry) + LENGTH(address) + unit_id), 0) FROM enterprises),
		(SELECT COALESCE(SUM(COALESCE(revenue, 0) + COALESCE(employees, 0) + COALESCE(rd_spend, 0) + COALESCE(patents, 0)), 0) FROM enterprise_years)`).
		Scan(&s.firms, &s.years, &s.tiers, &s.audit, &s.firmText, &s.figures)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// dataRows counts the rows under the header of a CSV file as the reader
// gives them.
func dataRows(t *testing.T, body []byte) int {
	t.Helper()
	tbl, err := xlsx.Bytes("firms.csv", body).Table()
	if err != nil {
		t.Fatalf("an accepted file reads no longer: %v", err)
	}
	defer tbl.Close()
	n := 0
	for _, err := range tbl.All() {
		if err != nil {
			t.Fatalf("an accepted file reads no longer: %v", err)
		}
		n++
	}
	return n
}
