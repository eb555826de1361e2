package attract_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gaoxin/internal/attract"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/xlsx"
	"gaoxin/internal/xlsx/xlsxtest"
)

// xlsxFile writes header and rows as an Excel workbook in a temporary
// folder, the way an office saves its list, and reads the file back.
func xlsxFile(t *testing.T, header []string, rows [][]string) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "线索.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := xlsx.WriteXLSX(f, "招商线索", header, rows); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// csvLines joins rows as a CSV's lines; no cell here needs quoting.
func csvLines(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\r\n")
	}
	return b.String()
}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// brief is what the lead list says of a lead, for comparing two of them.
func brief(l attract.Lead) string {
	return fmt.Sprintf("%s %s %s/%s agency=%q flags=%v industry=%q expected=%g arrived=%g unit=%d user=%d owner=%q contact=%q "+
		"%s since %s received %s signed %q note=%q", l.Code, l.Name, l.Kind, l.Channel, l.Agency, l.Flags, l.Industry,
		l.ExpectedInvestment, l.ArrivedInvestment, l.OwnerUnitID, l.OwnerUserID, l.OwnerName, l.Contact, l.Stage, l.StageOn,
		l.ReceivedOn, l.SignedOn, l.Note)
}

func byCode(t *testing.T, w *world, code string) attract.Lead {
	t.Helper()
	l, err := w.s.ByCode(ctx, code)
	if err != nil {
		t.Fatalf("lead %s: %v", code, err)
	}
	return l
}

// named is brief with the owner unit and user by code and login, which
// read the same in any database.
func (w *world) named(l attract.Lead) string {
	unit, user := l.OwnerUnitID, l.OwnerUserID
	l.OwnerUnitID, l.OwnerUserID = 0, 0
	for code, id := range w.unit {
		if id == unit {
			l.OwnerName += " unit=" + code
		}
	}
	for login, id := range w.user {
		if id == user {
			l.OwnerName += " user=" + login
		}
	}
	return brief(l)
}

// An Excel list creates new leads at the stage each row gives, in Chinese
// or English labels, and updates and moves on the leads it knows; the
// person is matched to an account of the owner unit by login or name.
// A GB18030 CSV with fewer columns then moves a lead on and leaves what it
// does not carry as it was.
func TestImportLeads(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.lead(t, attract.Lead{Code: "ZS-1", Name: "歌尔声学新厂", ReceivedOn: "2019-03-01"})
		w.lead(t, attract.Lead{Code: "ZS-2", Name: "潍柴动力配套项目", Stage: attract.Talks, StageOn: "2019-04-01", ReceivedOn: "2019-03-01"})
		rows := [][]string{
			{"ZS-2019-101", "京东方智能显示模组项目", "企业", "以商招商", "", "世界500强、行业领军", "新型显示", "120,000", "", "投资促进局", "touzi.tb", "张经理", "签约", "2019/5/18", "", "2019-03-04", "重点跟进"},
			{"ZS-2019-102", "张院士生物医药团队", "团队", "中介招商", "潍坊招商咨询有限公司", "中国500强", "生物医药", "3000", "500", "GDY", "李娜", "", "到资", "2019.8.30", "2019/7/15", "20190601", ""},
			{"ZS-2019-103", "Dr. Chen Wei", "Talent", "Through capital", "", "Industry leader", "人工智能", "800", "", "TCJ", "赵六", "", "In talks", "2019-07-02", "", "2019-07-01", ""},
			{"ZS-2019-104", "光电园区配套企业", "company", "park", "", "", "光电", "", "", "GDY", "", "", "", "", "", "2019-11-20", ""},
			{"ZS-1", "歌尔声学新厂二期", "企业", "园区招商", "", "", "声学", "50000", "", "TCJ", "王晓明", "", "在谈", "2019-06-10", "", "2019-03-01", ""},
			// gdy.tb works in the park, not in 投资促进局: the name stays a name.
			{"ZS-2", "潍柴动力配套项目", "企业", "以商招商", "", "", "", "20000", "", "TCJ", "gdy.tb", "", "签约", "2019-07-01", "", "2019-03-01", ""},
		}
		sum, err := w.s.Import(ctx, office, xlsx.Bytes("线索.xlsx", xlsxFile(t, attract.Header(i18n.ZH), rows)))
		if err != nil {
			t.Fatal(err)
		}
		if sum != (attract.ImportSummary{Created: 4, Updated: 2, Moved: 2}) {
			t.Errorf("summary %+v", sum)
		}
		tcj, gdy := w.unit["TCJ"], w.unit["GDY"]
		want := map[string]attract.Lead{
			"ZS-2019-101": {Code: "ZS-2019-101", Name: "京东方智能显示模组项目", Kind: attract.Company, Channel: attract.ByBusiness,
				Flags: []attract.Flag{attract.Fortune500, attract.IndustryLeader}, Industry: "新型显示", ExpectedInvestment: 120000,
				OwnerUnitID: tcj, OwnerUserID: w.user["touzi.tb"], OwnerName: "王晓明", Contact: "张经理", Stage: attract.Signed,
				StageOn: "2019-05-18", ReceivedOn: "2019-03-04", SignedOn: "2019-05-18", Note: "重点跟进"},
			"ZS-2019-102": {Code: "ZS-2019-102", Name: "张院士生物医药团队", Kind: attract.Team, Channel: attract.ByAgency,
				Agency: "潍坊招商咨询有限公司", Flags: []attract.Flag{attract.China500}, Industry: "生物医药", ExpectedInvestment: 3000,
				ArrivedInvestment: 500, OwnerUnitID: gdy, OwnerUserID: w.user["gdy.tb"], OwnerName: "李娜", Stage: attract.Funded,
				StageOn: "2019-08-30", ReceivedOn: "2019-06-01", SignedOn: "2019-07-15"},
			"ZS-2019-103": {Code: "ZS-2019-103", Name: "Dr. Chen Wei", Kind: attract.Talent, Channel: attract.ByCapital,
				Flags: []attract.Flag{attract.IndustryLeader}, Industry: "人工智能", ExpectedInvestment: 800, OwnerUnitID: tcj,
				OwnerName: "赵六", Stage: attract.Talks, StageOn: "2019-07-02", ReceivedOn: "2019-07-01"},
			"ZS-2019-104": {Code: "ZS-2019-104", Name: "光电园区配套企业", Kind: attract.Company, Channel: attract.ByPark,
				Industry: "光电", OwnerUnitID: gdy, Stage: attract.Clue, StageOn: "2019-11-20", ReceivedOn: "2019-11-20"},
			"ZS-1": {Code: "ZS-1", Name: "歌尔声学新厂二期", Kind: attract.Company, Channel: attract.ByPark, Industry: "声学",
				ExpectedInvestment: 50000, OwnerUnitID: tcj, OwnerUserID: w.user["touzi.tb"], OwnerName: "王晓明",
				Stage: attract.Talks, StageOn: "2019-06-10", ReceivedOn: "2019-03-01"},
			"ZS-2": {Code: "ZS-2", Name: "潍柴动力配套项目", Kind: attract.Company, Channel: attract.ByBusiness, ExpectedInvestment: 20000,
				OwnerUnitID: tcj, OwnerName: "gdy.tb", Stage: attract.Signed, StageOn: "2019-07-01", ReceivedOn: "2019-03-01",
				SignedOn: "2019-07-01"},
		}
		for code, l := range want {
			if got := byCode(t, w, code); brief(got) != brief(l) {
				t.Errorf("imported\n %s\nwant\n %s", brief(got), brief(l))
			}
		}
		for code, want := range map[string]string{
			"ZS-1":        "clue→talks 2019-06-10 ",
			"ZS-2":        "clue→talks 2019-04-01 登记时已处于该阶段|talks→signed 2019-07-01 ",
			"ZS-2019-101": "clue→signed 2019-05-18 登记时已处于该阶段",
			"ZS-2019-102": "clue→signed 2019-07-15 登记时已处于该阶段|signed→funded 2019-08-30 ",
			"ZS-2019-104": "",
		} {
			if got := moveLine(t, w, byCode(t, w, code).ID); got != want {
				t.Errorf("moves of %s: %q, want %q", code, got, want)
			}
		}

		// The CSV Excel saves on a Chinese Windows: GB18030, and only some
		// of the columns.
		gb, err := simplifiedchinese.GB18030.NewEncoder().String(csvLines([][]string{
			{"编号", "名称", "类型", "来源渠道", "责任单位", "责任人", "阶段", "阶段日期", "接收日期"},
			{"ZS-2019-105", "王博士（海外高层次人才）", "人才", "园区招商", "光电产业园", "李娜", "线索", "", "2019-12-01"},
			{"ZS-2019-103", "Dr. Chen Wei", "人才", "资本招商", "TCJ", "赵六", "签约", "2019-10-15", "2019-07-01"},
		}))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains([]byte(gb), []byte{0xc8, 0xcb, 0xb2, 0xc5}) { // 人才 in GB18030
			t.Fatal("the CSV is not GB18030")
		}
		sum, err = w.s.Import(ctx, office, xlsx.Bytes("线索.csv", []byte(gb)))
		if err != nil {
			t.Fatal(err)
		}
		if sum != (attract.ImportSummary{Created: 1, Updated: 1, Moved: 1}) {
			t.Errorf("CSV summary %+v", sum)
		}
		wang := attract.Lead{Code: "ZS-2019-105", Name: "王博士（海外高层次人才）", Kind: attract.Talent, Channel: attract.ByPark,
			OwnerUnitID: gdy, OwnerUserID: w.user["gdy.tb"], OwnerName: "李娜", Stage: attract.Clue, StageOn: "2019-12-01",
			ReceivedOn: "2019-12-01"}
		chen := want["ZS-2019-103"] // its flags, industry and investment are not in the CSV, and stay
		chen.Stage, chen.StageOn, chen.SignedOn = attract.Signed, "2019-10-15", "2019-10-15"
		for _, l := range []attract.Lead{wang, chen} {
			if got := byCode(t, w, l.Code); brief(got) != brief(l) {
				t.Errorf("after the CSV\n %s\nwant\n %s", brief(got), brief(l))
			}
		}
		// A list without the stage column updates the leads it names and
		// leaves their stages be: no move back is read into it.
		sum, err = w.s.Import(ctx, office, xlsx.Bytes("names.csv", []byte(csvLines([][]string{
			{"code", "name", "kind", "channel", "owner unit", "received"},
			{"ZS-2", "潍柴动力配套项目（二期）", "company", "business", "TCJ", "2019-03-01"},
		}))))
		if err != nil {
			t.Fatalf("a list without stages: %v", err)
		}
		zs2 := want["ZS-2"]
		zs2.Name = "潍柴动力配套项目（二期）"
		if got := byCode(t, w, "ZS-2"); sum != (attract.ImportSummary{Updated: 1}) || brief(got) != brief(zs2) {
			t.Errorf("%+v\n %s\nwant\n %s", sum, brief(got), brief(zs2))
		}
		// In English, with the stage column: a blank stage is no move; a
		// lead in talks that has since been signed and funded goes through
		// 签约 on the day the list gives.
		sum, err = w.s.Import(ctx, office, xlsx.Bytes("leads.csv", []byte(csvLines([][]string{
			{"Code", "Name", "Kind", "Channel", "Owner unit", "Stage", "Stage date", "Signed on", "Received"},
			{"ZS-2", "潍柴动力配套项目（二期）", "Company", "Through firms", "TCJ", "", "", "", "2019-03-01"},
			{"ZS-1", "歌尔声学新厂二期", "Company", "Through parks", "TCJ", "Funds arrived", "2019-11-30", "2019-09-01", "2019-03-01"},
		}))))
		if err != nil {
			t.Fatal(err)
		}
		goer := want["ZS-1"]
		goer.ID = byCode(t, w, "ZS-1").ID
		goer.Stage, goer.StageOn, goer.SignedOn = attract.Funded, "2019-11-30", "2019-09-01"
		for _, l := range []attract.Lead{zs2, goer} {
			if got := byCode(t, w, l.Code); sum != (attract.ImportSummary{Updated: 2, Moved: 1}) || brief(got) != brief(l) {
				t.Errorf("%+v\n %s\nwant\n %s", sum, brief(got), brief(l))
			}
		}
		if got, want := moveLine(t, w, goer.ID), "clue→talks 2019-06-10 |talks→signed 2019-09-01 |signed→funded 2019-11-30 "; got != want {
			t.Errorf("moves of ZS-1: %q, want %q", got, want)
		}
	})
}

// moveLine writes a lead's moves as from→to day reason, joined by |.
func moveLine(t *testing.T, w *world, id int64) string {
	t.Helper()
	moves, err := w.s.Moves(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, m := range moves {
		parts = append(parts, string(m.From)+"→"+string(m.To)+" "+m.On+" "+m.Reason)
	}
	return strings.Join(parts, "|")
}

type problem struct {
	row    int
	column string
	key    string
}

// problems are the rows of an import's refusal, as row, column and key.
func problems(t *testing.T, err error) []problem {
	t.Helper()
	var ierr *i18n.ImportError
	if !errors.As(err, &ierr) {
		t.Fatalf("want an import error, got %v", err)
	}
	var out []problem
	for _, r := range ierr.Rows {
		out = append(out, problem{r.Row, r.Column, r.Key})
	}
	return out
}

// A bad file is refused whole: every problem named by its row and column,
// and nothing of it written, neither the leads nor their moves.
func TestImportRefusesBadFiles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		w.lead(t, attract.Lead{Code: "ZS-1", Name: "歌尔声学新厂", ReceivedOn: "2019-03-01"})
		w.lead(t, attract.Lead{Code: "ZS-2", Name: "潍柴动力配套项目", Stage: attract.Talks, StageOn: "2019-04-01", ReceivedOn: "2019-03-01"})
		tables := []string{"leads", "lead_moves", "audit_log"}
		before := map[string]int{}
		for _, table := range tables {
			before[table] = count(t, d, table)
		}
		unchanged := func(what string) {
			t.Helper()
			for _, table := range tables {
				if n := count(t, d, table); n != before[table] {
					t.Errorf("%s: %s went from %d to %d rows", what, table, before[table], n)
				}
			}
			if l := byCode(t, w, "ZS-2"); l.Name != "潍柴动力配套项目" || l.Stage != attract.Talks {
				t.Errorf("%s: ZS-2 is now %s", what, brief(l))
			}
		}
		row := func(code, channel, unit, stage, stageOn, received string) []string {
			return []string{code, "项目" + code, "企业", channel, "", "", "", "", "", unit, "", "", stage, stageOn, "", received, ""}
		}
		header := attract.Header(i18n.ZH)

		// What the rows say wrong, found before anything is written.
		_, err := w.s.Import(ctx, office, xlsx.Bytes("线索.xlsx", xlsxFile(t, header, [][]string{
			row("ZS-3", "以商招商", "TCJ", "签约", "2019-05-01", "2019-04-01"),
			row("ZS-4", "电话招商", "TCJ", "", "", "2019-04-01"),
			row("ZS-5", "园区招商", "东风街道", "", "", "2019-04-01"),
			row("ZS-6", "园区招商", "GDY", "", "", "2019-13-01"),
			row("ZS-3", "以商招商", "TCJ", "", "", "2019-04-01"),
			row("ZS-2", "以商招商", "TCJ", "线索", "", "2019-03-01"),
			// Both amounts wrong, a stage that is none, a signing before
			// the lead came in: each named once, in the columns' order.
			{"ZS-1", "歌尔声学新厂", "企业", "以商招商", "", "", "", "约3000", "-5", "TCJ", "", "", "已签约", "", "2019-02-20", "2019-03-01", ""},
		})))
		got := problems(t, err)
		want := []problem{
			{3, "来源渠道", "attract.err.channel"},
			{4, "责任单位", "attract.err.unit_unknown"},
			{5, "接收日期", "attract.err.date"},
			{6, "编号", "attract.err.code_twice"},
			{7, "阶段", "attract.err.import_back"},
			{8, "预计投资（万元）", "attract.err.amount"},
			{8, "到资（万元）", "attract.err.amount"},
			{8, "阶段", "attract.err.stage"},
			{8, "签约日期", "attract.err.before_received"},
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("problems\n %v\nwant\n %v", got, want)
		}
		var ierr *i18n.ImportError
		errors.As(err, &ierr)
		if ierr.Rows[0].Sheet != "招商线索" || !strings.Contains(ierr.Rows[3].In(i18n.ZH), "“ZS-3”在第 2 行已出现过") {
			t.Errorf("row 6 says %q on sheet %q", ierr.Rows[3].In(i18n.ZH), ierr.Rows[0].Sheet)
		}
		unchanged("rows with bad cells")

		// A required column missing: refused at the header.
		_, err = w.s.Import(ctx, office, xlsx.Bytes("线索.csv", []byte(csvLines([][]string{
			{"编号", "名称", "类型", "责任单位", "接收日期"},
			{"ZS-7", "某公司", "企业", "TCJ", "2019-04-01"},
		}))))
		if got := problems(t, err); fmt.Sprint(got) != fmt.Sprint([]problem{{1, "", "attract.err.column"}}) {
			t.Errorf("no channel column: %v", got)
		}
		errors.As(err, &ierr)
		if msg := ierr.Rows[0].In(i18n.ZH); !strings.Contains(msg, "缺少“来源渠道/channel”列") {
			t.Errorf("no channel column: %q", msg)
		}
		unchanged("a file without its channel column")

		// What only the store finds, row by row as it writes: the whole
		// transaction goes, the leads created before the bad row with it.
		_, err = w.s.Import(ctx, office, xlsx.Bytes("线索.xlsx", xlsxFile(t, header, [][]string{
			row("ZS-7", "以商招商", "TCJ", "签约", "2019-05-01", "2019-04-01"),
			row("ZS-8", "以商招商", "TCJ", "在谈", "2019-02-01", "2019-03-01"),
			row("ZS-2", "以商招商", "TCJ", "签约", "2019-03-15", "2019-03-01"),
			row("ZS-9", "以商招商", "TCJ", "", "", "2019-12-20"),
		})))
		got = problems(t, err)
		want = []problem{
			{3, "阶段日期", "attract.err.stage_on"},
			{4, "阶段日期", "attract.err.before_stage"},
			{5, "接收日期", "attract.err.future"},
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("store's problems\n %v\nwant\n %v", got, want)
		}
		unchanged("rows the store refused")
		if _, err := w.s.ByCode(ctx, "ZS-7"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("ZS-7 of a refused file: %v", err)
		}
	})
}

// The list as exported — Table and Header, in Chinese or English, written
// by xlsx.WriteXLSX — imports into a fresh database as the same leads.
func TestExportImportRoundTrip(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		boe := w.lead(t, attract.Lead{Code: "ZS-2019-001", Name: "京东方智能显示模组项目", Flags: []attract.Flag{attract.Fortune500, attract.IndustryLeader},
			Industry: "新型显示", ExpectedInvestment: 120000, ArrivedInvestment: 35000.5, OwnerUserID: w.user["touzi.tb"],
			Contact: "张经理 13805360000", Note: "省重点推进", ReceivedOn: "2019-03-04"})
		team := w.lead(t, attract.Lead{Code: "ZS-2019-002", Name: "张院士生物医药团队", Kind: attract.Team, Channel: attract.ByAgency,
			Agency: "潍坊招商咨询有限公司", Flags: []attract.Flag{attract.China500}, OwnerUnitID: w.unit["GDY"], OwnerUserID: w.user["gdy.tb"],
			ReceivedOn: "2019-05-06"})
		w.lead(t, attract.Lead{Code: "ZS-2019-003", Name: "Dr. Chen Wei", Kind: attract.Talent, Channel: attract.ByCapital, OwnerName: "赵六",
			Stage: attract.Talks, StageOn: "2019-08-01", ReceivedOn: "2019-07-20"})
		w.lead(t, attract.Lead{Code: "ZS-2018-017", Name: "光电园区配套企业", Channel: attract.ByPark, OwnerUnitID: w.unit["GDY"],
			ExpectedInvestment: 6000, ReceivedOn: "2018-11-02"})
		for _, m := range []struct {
			id     int64
			to     attract.Stage
			on, by string
		}{
			{boe.ID, attract.Talks, "2019-03-20", ""}, {boe.ID, attract.Signed, "2019-05-18", ""},
			{boe.ID, attract.Funded, "2019-08-30", ""}, {team.ID, attract.Signed, "2019-06-01", ""},
			{team.ID, attract.Talks, "2019-07-01", "合同条款重新谈判"},
		} {
			if err := w.s.MoveTo(ctx, office, m.id, m.to, m.on, m.by); err != nil {
				t.Fatal(err)
			}
		}
		leads, err := w.s.List(ctx, attract.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		codes := map[int64]string{}
		for code, id := range w.unit {
			codes[id] = code
		}
		names := map[int64]string{w.unit["GX"]: "高新区", w.unit["TCJ"]: "投资促进局", w.unit["GDY"]: "光电产业园"}
		for _, c := range []struct {
			lang i18n.Lang
			unit map[int64]string
		}{{i18n.ZH, names}, {i18n.EN, codes}} {
			body := xlsxFile(t, attract.Header(c.lang), attract.Table(c.lang, leads, func(id int64) string { return c.unit[id] }))
			var d2 *db.DB
			if d.Dialect() == db.Postgres {
				d2 = dbtest.Postgres(t)
			} else {
				d2 = dbtest.SQLite(t)
			}
			w2 := newWorld(t, d2)
			sum, err := w2.s.Import(ctx, office, xlsx.Bytes("leads.xlsx", body))
			if err != nil {
				t.Fatalf("%s: %v", c.lang, err)
			}
			if sum.Created != len(leads) {
				t.Errorf("%s: %+v, want %d created", c.lang, sum, len(leads))
			}
			back, err := w2.s.List(ctx, attract.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(back) != len(leads) {
				t.Fatalf("%s: %d leads back of %d", c.lang, len(back), len(leads))
			}
			for i, l := range leads {
				if got, was := w2.named(back[i]), w.named(l); got != was {
					t.Errorf("%s: back\n %s\nwas\n %s", c.lang, got, was)
				}
			}
		}
	})
}

// A refused file of 30 MB whose every row names a kind there is none of
// costs less memory than twice its size: its rows are read from disk one
// at a time, none kept once one is wrong, and its problems past the first
// i18n.MaxStoredProblems only counted. A code given twice after the problems are full
// goes unnamed, and the count says it is a floor.
func TestRefusedFileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and reads a 30 MB file")
	}
	w := newWorld(t, dbtest.SQLite(t))
	header := strings.Join(attract.Header(i18n.ZH), ",") + "\r\n"
	badRow := func(n int) string {
		return fmt.Sprintf("ZS-%07d,智能制造配套项目%d,工厂,以商招商,,,智能制造,1000,,TCJ,,,,,,2019-04-01,\r\n", n, n)
	}
	refusal := func(err error) *i18n.ImportError {
		t.Helper()
		var ierr *i18n.ImportError
		if !errors.As(err, &ierr) {
			t.Fatalf("want an import error, got %v", err)
		}
		return ierr
	}

	var b bytes.Buffer
	b.WriteString(header)
	rows := 0
	for b.Len() < 30<<20 {
		rows++
		b.WriteString(badRow(rows))
	}
	body := b.Bytes()
	size := len(body)
	file := xlsxtest.FileOnDisk(t, "线索.csv", body)
	b, body = bytes.Buffer{}, nil
	runtime.GC()
	var err error
	peak := xlsxtest.PeakHeap(func() { _, err = w.s.Import(ctx, office, file) })
	t.Logf("a refused file of %d bytes, %d rows: peak heap %d bytes", size, rows, peak)
	if ierr := refusal(err); ierr.Count() != rows { // partial: its codes past the full list go unrecorded
		t.Errorf("%d problems, want one a row, %d", ierr.Count(), rows)
	}
	if peak >= 2*uint64(size) {
		t.Errorf("refusing a file of %d bytes held %d bytes, more than twice its size", size, peak)
	}

	twice := "ZS-TWICE,智能制造配套项目,企业,以商招商,,,智能制造,1000,,TCJ,,,,,,2019-04-01,\r\n"
	csvFile := func(lines ...string) xlsx.File {
		var b strings.Builder
		b.WriteString(header)
		for _, l := range lines {
			b.WriteString(l)
		}
		return xlsx.Bytes("线索.csv", []byte(b.String()))
	}
	bad := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = badRow(i + 1)
		}
		return out
	}
	// Twice after the problems are full: unnamed, and the count a floor.
	_, err = w.s.Import(ctx, office, csvFile(append(bad(i18n.MaxStoredProblems), twice, twice)...))
	if ierr := refusal(err); ierr.Count() != i18n.MaxStoredProblems || !ierr.Partial {
		t.Errorf("a code twice past the full list: %d problems (partial %v), want %d, partial",
			ierr.Count(), ierr.Partial, i18n.MaxStoredProblems)
	}
	// Twice before, and the list full at the last row: every check made.
	_, err = w.s.Import(ctx, office, csvFile(append([]string{twice, twice}, bad(i18n.MaxStoredProblems-1)...)...))
	if ierr := refusal(err); ierr.Count() != i18n.MaxStoredProblems || ierr.Partial {
		t.Errorf("a code twice before the full list: %d problems (partial %v), want %d, exact",
			ierr.Count(), ierr.Partial, i18n.MaxStoredProblems)
	}
}
