package attract_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gaoxin/internal/attract"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
)

// Any reward policy file is parsed or refused with a message by line,
// never a panic or a bare Go error.
func FuzzParsePolicy(f *testing.F) {
	seed, err := os.ReadFile("testdata/policy2019.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte("year: 2019\nrules:\n  - id: A\n    amount: -5\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		_, err := attract.ParsePolicy("policy.yaml", body)
		if err == nil {
			return
		}
		var verr *i18n.Error
		var ierr *i18n.ImportError
		if !errors.As(err, &verr) && !errors.As(err, &ierr) {
			t.Fatalf("a bad policy file gives a bare error: %v", err)
		}
	})
}

// leadWorld is the world of the import tests (a zone, its investment
// bureau and a park, an account in each) holding ZS-1 in 线索 and ZS-2 in
// 在谈, loaded once and copied into a fuzzed database whenever a file has
// changed it.
const leadWorld = "attract: the import tests' world with ZS-1 and ZS-2"

func loadLeadWorld(ctx context.Context, d *db.DB) error {
	unit, _, err := unitsAndAccounts(ctx, d)
	if err != nil {
		return err
	}
	s := leadStore(d)
	for _, l := range []attract.Lead{
		{Code: "ZS-1", Name: "歌尔声学新厂", Stage: attract.Clue},
		{Code: "ZS-2", Name: "潍柴动力配套项目", Stage: attract.Talks, StageOn: "2019-04-01"},
	} {
		l.Kind, l.Channel, l.OwnerUnitID, l.ReceivedOn = attract.Company, attract.ByBusiness, unit["TCJ"], "2019-03-01"
		if _, err := s.Create(ctx, office, l); err != nil {
			return err
		}
	}
	return nil
}

// leadStore is the leads of d on the import tests' day, 2019-12-09.
func leadStore(d *db.DB) *attract.Store {
	s := attract.NewStore(d)
	s.SetClock(func() time.Time { return time.Date(2019, 12, 9, 2, 0, 0, 0, time.UTC) })
	return s
}

// leadTables is what a leads import may change: the rows of the tables it
// writes, and every lead as the list says it.
type leadTables struct {
	leads, moves, activities, audit int
	list                            string
}

func leadState(t *testing.T, d *db.DB) leadTables {
	t.Helper()
	var s leadTables
	err := d.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM leads), (SELECT COUNT(*) FROM lead_moves),
		(SELECT COUNT(*) FROM lead_activities), (SELECT COUNT(*) FROM audit_log)`).Scan(&s.leads, &s.moves, &s.activities, &s.audit)
	if err != nil {
		t.Fatal(err)
	}
	leads, err := leadStore(d).List(ctx, attract.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, l := range leads {
		fmt.Fprintf(&b, "%d %s responded %q assessed %q project %d\n", l.ID, brief(l), l.RespondedOn, l.AssessedOn, l.ProjectID)
	}
	s.list = b.String()
	return s
}

// validLead says what is wrong with a lead the store should not hold: the
// checks of its validation, and the days of its stage and signing.
func validLead(l attract.Lead, today string) string {
	day := func(s string) bool { _, err := time.Parse("2006-01-02", s); return err == nil }
	switch {
	case l.Code == "" || l.Code != strings.TrimSpace(l.Code) || utf8.RuneCountInString(l.Code) > 32:
		return "its code"
	case l.Name == "" || l.Name != strings.TrimSpace(l.Name) || utf8.RuneCountInString(l.Name) > 200:
		return "its name"
	case !slices.Contains(attract.Kinds, l.Kind):
		return "its kind"
	case !slices.Contains(attract.Channels, l.Channel):
		return "its channel"
	case (l.Channel == attract.ByAgency) == (l.Agency == ""):
		return "its agency"
	case slices.ContainsFunc(l.Flags, func(f attract.Flag) bool { return !slices.Contains(attract.Flags, f) }):
		return "its flags"
	case !(l.ExpectedInvestment >= 0) || !(l.ArrivedInvestment >= 0) || math.IsInf(l.ExpectedInvestment+l.ArrivedInvestment, 0):
		return "an amount"
	case l.OwnerUnitID == 0:
		return "its owner unit"
	case !day(l.ReceivedOn) || l.ReceivedOn > today:
		return "its day received"
	case !l.Stage.Valid():
		return "its stage"
	case !day(l.StageOn) || l.StageOn < l.ReceivedOn || l.StageOn > today:
		return "its stage's day"
	case l.Stage.Reached(attract.Signed) != (l.SignedOn != ""),
		l.SignedOn != "" && (!day(l.SignedOn) || l.SignedOn < l.ReceivedOn || l.SignedOn > l.StageOn):
		return "its day signed"
	}
	return ""
}

// Any leads file is imported whole or refused whole, and nothing panics.
// A refused file leaves the leads, their moves and the audit trail as
// they were, and says why in the user's language; an accepted one creates
// or updates a lead a row, and every lead it leaves is one the store
// would register. Every file meets the world of the import tests.
func FuzzImportLeads(f *testing.F) {
	header := strings.Join(attract.Header(i18n.ZH), ",")
	row := func(cells ...string) string { return strings.Join(cells, ",") }
	csvFile := func(lines ...string) []byte { return []byte(strings.Join(lines, "\r\n") + "\r\n") }
	// Accepted: new leads at several stages, ZS-1 moved on and ZS-2 signed.
	f.Add(csvFile(header,
		row("ZS-2019-101", "京东方智能显示模组项目", "企业", "以商招商", "", "世界500强、行业领军", "新型显示", `"120,000"`, "", "投资促进局", "touzi.tb", "张经理", "签约", "2019/5/18", "", "2019-03-04", "重点跟进"),
		row("ZS-2019-102", "张院士生物医药团队", "团队", "中介招商", "潍坊招商咨询有限公司", "中国500强", "生物医药", "3000", "500", "GDY", "李娜", "", "到资", "2019.8.30", "2019/7/15", "20190601", ""),
		row("ZS-2019-103", "Dr. Chen Wei", "Talent", "Through capital", "", "Industry leader", "人工智能", "800", "", "TCJ", "赵六", "", "In talks", "2019-07-02", "", "2019-07-01", ""),
		row("ZS-1", "歌尔声学新厂二期", "企业", "园区招商", "", "", "声学", "50000", "", "TCJ", "王晓明", "", "在谈", "2019-06-10", "", "2019-03-01", ""),
		row("ZS-2", "潍柴动力配套项目", "企业", "以商招商", "", "", "", "20000", "", "TCJ", "gdy.tb", "", "签约", "2019-07-01", "", "2019-03-01", "")))
	// Problems in nearly every column, and ZS-2 moved back.
	f.Add(csvFile(header,
		row("ZS-4", "项目ZS-4", "企业", "电话招商", "", "", "", "", "", "TCJ", "", "", "", "", "", "2019-04-01", ""),
		row("ZS-5", "项目ZS-5", "企业", "园区招商", "", "", "", "", "", "东风街道", "", "", "", "", "", "2019-13-01", ""),
		row("ZS-2", "项目ZS-2", "企业", "以商招商", "", "", "", "", "", "TCJ", "", "", "线索", "", "", "2019-03-01", ""),
		row("ZS-1", "歌尔声学新厂", "企业", "以商招商", "", "央企", "", "约3000", "-5", "TCJ", "", "", "已签约", "", "2019-02-20", "2019-03-01", ""),
		row("ZS-6", "项目ZS-6", "企业", "以商招商", "", "", "", "", "", "TCJ", "", "", "在谈", "2019-02-01", "", "2019-03-01", ""),
		row("ZS-7", "项目ZS-7", "企业", "以商招商", "", "", "", "", "", "TCJ", "", "", "", "", "", "2019-12-20", "")))
	// A code twice, in English and with some of the columns.
	f.Add(csvFile("code,name,kind,channel,owner unit,received",
		"ZS-3,某公司,company,business,TCJ,2019-04-01",
		"ZS-3,某公司二期,company,business,TCJ,2019-04-02"))
	// The CSV Excel saves on a Chinese Windows: GB18030, without the stage
	// column, one lead new and one known.
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(string(csvFile(
		"编号,名称,类型,来源渠道,责任单位,责任人,阶段日期,接收日期",
		"ZS-2019-105,王博士（海外高层次人才）,人才,园区招商,光电产业园,李娜,,2019-12-01",
		"ZS-2,潍柴动力配套项目（二期）,企业,资本招商,TCJ,赵六,,2019-03-01")))
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(gb))
	d := dbtest.SQLite(f) // fuzzing wants speed; the import itself is tested on both engines
	dbtest.Loaded(f, d, leadWorld, loadLeadWorld)
	s := leadStore(d)
	today := s.Today()
	f.Fuzz(func(t *testing.T, body []byte) {
		before := leadState(t, d)
		sum, err := s.Import(ctx, office, xlsx.Bytes("leads.csv", body))
		after := leadState(t, d)
		if after != before {
			t.Cleanup(func() { dbtest.Loaded(t, d, leadWorld, loadLeadWorld) }) // the next file meets the same world
		}
		if err != nil {
			if after != before {
				t.Fatalf("a refused file changed the leads:\n%+v\nwere\n%+v\n(%v)", after, before, err)
			}
			var ierr *i18n.ImportError
			var rerr *xlsx.ReadError
			var verr *i18n.Error
			if !errors.As(err, &ierr) && !errors.As(err, &rerr) && !errors.As(err, &verr) {
				t.Fatalf("a file refused with a bare error: %v", err)
			}
			if ierr != nil && (ierr.Count() == 0 || ierr.File != "leads.csv") {
				t.Fatalf("a refusal names no problem or another file: %+v", ierr)
			}
			return
		}
		tbl, rerr := xlsx.Read("leads.csv", bytes.NewReader(body))
		if rerr != nil {
			t.Fatalf("a file the reader refuses was imported: %+v (%v)", sum, rerr)
		}
		if added := after.leads - before.leads; added != sum.Created || added > len(tbl.Rows) {
			t.Fatalf("%d leads added by a file of %d rows: %+v", added, len(tbl.Rows), sum)
		}
		if sum.Created+sum.Updated != len(tbl.Rows) || sum.Moved > sum.Updated {
			t.Fatalf("%+v for a file of %d rows", sum, len(tbl.Rows))
		}
		if after.audit <= before.audit {
			t.Fatalf("an import left no trace in the audit trail: %+v", sum)
		}
		leads, err := s.List(ctx, attract.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(leads) != after.leads {
			t.Fatalf("%d leads listed of %d", len(leads), after.leads)
		}
		for _, l := range leads {
			if what := validLead(l, today); what != "" {
				t.Fatalf("an imported lead is wrong in %s: %s", what, brief(l))
			}
		}
	})
}
