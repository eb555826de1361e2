package peers_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/peers"
	"gaoxin/internal/xlsx"
)

// Any peer file, CSV or Excel, is imported whole or refused whole, and
// nothing panics. A refused file (and a dry run) leaves the groups, their
// members, indicators and values and the audit trail as they were; an
// accepted one adds what its counts say and leaves every group with its
// one zone and every value a decimal of a member and an indicator of the
// same group. stocked runs the file against a year that already holds
// goodFile; given passes the year 2019 besides any year column.
func FuzzImportPeers(f *testing.F) {
	csvFile := func(lines ...string) []byte { return []byte(strings.Join(lines, "\r\n") + "\r\n") }
	workbook := func(lines ...string) []byte {
		records, err := csv.NewReader(strings.NewReader(strings.Join(lines, "\n"))).ReadAll()
		if err != nil {
			f.Fatal(err)
		}
		var b bytes.Buffer
		if err := xlsx.WriteXLSX(&b, "peers", records[0], records[1:]); err != nil {
			f.Fatal(err)
		}
		return b.Bytes()
	}
	files := [][]string{
		goodFile,
		// One group's value corrected, a member and an indicator added.
		{header,
			"2019,市级,潍坊市县市区,寿光市,,GDP,,,,,8.3,2019年1-12月,潍坊市统计局",
			"2019,市级,潍坊市县市区,昌邑市,,GDP,,,,,6.1,2019年1-12月,潍坊市统计局",
			"2019,市级,潍坊市县市区,潍坊高新区,是,RD,研发投入强度,%,越大越好,,3.2,,"},
		// Problems in nearly every column.
		{header,
			"2019,县级,潍坊市县市区,潍坊高新区,是,GDP,地区生产总值增速,%,越大越好,,7.6,,",
			"2019,市级,潍坊市县市区,寿光市,是,GDP,,,,,约8,,",
			"2018,市级,潍坊市县市区,诸城市,,GDP,,亿元,,,7,,",
			"2019,国家级,全国国家级高新区,武汉东湖高新区,,ZL 01,专利申请量,件,越大越好,,100,,",
			"2019,国家级,全国国家级高新区,西安高新区,,YY,营业收入增速,%,向上,,12,,"},
		// Against goodFile: a level, a zone and a unit changed.
		{header,
			"2019,省级,潍坊市县市区,寿光市,是,GDP,,亿元,,,8.3,,",
			"2019,,全国国家级高新区,武汉东湖高新区,,YY,,%,,,12,,"},
		{"year,level,group,member,zone,code,indicator,uom,direction,plan_code,value,period,source",
			"2019,national,National zones,Weifang HTZ,yes,PAT,Patents,pieces,higher,KJ01,\"1,204\",2019 Q1-Q3,MOST",
			"2019,national,National zones,Wuhan East Lake,no,PAT,,,,,0.31万,2019 Q1-Q3,MOST",
			"2019,national,National zones,Xi'an HTZ,,DAYS,Days to register,day,lower,,3.5,,"},
		{"对标组,成员,指标编码", "潍坊市县市区,寿光市,GDP"},
	}
	for _, lines := range files {
		for _, stocked := range []bool{false, true} {
			f.Add(csvFile(lines...), false, true, false, stocked)
			f.Add(workbook(lines...), true, false, false, stocked)
		}
	}
	f.Add(csvFile(goodFile...), false, true, true, false)
	// A database serves file after file for as long as they leave it as it
	// was, so that every file meets the same year and a failure replays alone.
	var years [2]*db.DB // empty, and holding goodFile
	f.Cleanup(func() {
		for _, d := range years {
			if d != nil {
				d.Close()
			}
		}
	})
	f.Fuzz(func(t *testing.T, body []byte, excel, given, dry, stocked bool) {
		ctx := context.Background()
		name := "peers.csv"
		if excel {
			name = "peers.xlsx"
		}
		tbl, err := xlsx.Read(name, bytes.NewReader(body))
		if err != nil {
			return
		}
		year := 0
		if given {
			year = 2019
		}
		i := 0
		if stocked {
			i = 1
		}
		d := years[i]
		years[i] = nil
		t.Cleanup(func() {
			if d != nil && years[i] != d {
				d.Close()
			}
		})
		if d == nil {
			d = peerYear(t, stocked)
		}
		before := peerState(t, d)
		res, err := peers.NewStore(d).Import(ctx, office, tbl, year, dry)
		after := peerState(t, d)
		if err != nil {
			if after != before {
				t.Fatalf("a refused file changed the database:\n%s\nwas\n%s\n(%v)", after, before, err)
			}
			var ie *i18n.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("a file refused without an import error: %v", err)
			}
			if len(ie.Rows) == 0 || ie.File != name {
				t.Fatalf("a refusal names no problem or another file: %+v", ie)
			}
			years[i] = d
			return
		}
		if res.Rows != len(tbl.Rows) {
			t.Fatalf("%d rows counted of %d: %+v", res.Rows, len(tbl.Rows), res)
		}
		if dry {
			if after != before {
				t.Fatalf("a dry run changed the database:\n%s\nwas\n%s", after, before)
			}
			years[i] = d
			return
		}
		for _, c := range []struct {
			what                 string
			before, after, added int
		}{
			{"groups", before.groups, after.groups, res.Groups},
			{"members", before.members, after.members, res.Members},
			{"indicators", before.indicators, after.indicators, res.Indicators},
		} {
			if c.after != c.before+c.added {
				t.Fatalf("%d %s after creating %d, were %d: %+v", c.after, c.what, c.added, c.before, res)
			}
		}
		if after.values < before.values || after.values > before.values+res.Values {
			t.Fatalf("%d values after setting %d, were %d: %+v", after.values, res.Values, before.values, res)
		}
		validPeers(t, d)
		if after == before {
			years[i] = d
		}
	})
}

// peerYear opens a database, holding goodFile when stocked.
func peerYear(t *testing.T, stocked bool) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), "sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	if stocked {
		if _, err := peers.NewStore(d).Import(context.Background(), office, csvTable(t, "peers.csv", goodFile...), 2019, false); err != nil {
			d.Close()
			t.Fatal(err)
		}
	}
	return d
}

// peerTables sums up what a peer import may change.
type peerTables struct {
	groups, members, zones, indicators, values, audit int
	amountSum                                         float64
	textLength                                        int // of every name, code, unit, level, direction, period and source
}

func (s peerTables) String() string {
	type plain peerTables // without this method
	return fmt.Sprintf("%+v", plain(s))
}

func peerState(t *testing.T, d *db.DB) peerTables {
	t.Helper()
	var s peerTables
	err := d.QueryRow(context.Background(), `SELECT
		(SELECT COUNT(*) FROM peer_groups), (SELECT COUNT(*) FROM peer_members),
		(SELECT COUNT(*) FROM peer_members WHERE is_zone), (SELECT COUNT(*) FROM peer_indicators),
		(SELECT COUNT(*) FROM peer_values), (SELECT COUNT(*) FROM audit_log),
		(SELECT COALESCE(SUM(CAST(amount AS REAL)), 0) FROM peer_values),
		(SELECT COALESCE(SUM(LENGTH(level) + LENGTH(name) + year + sort_order), 0) FROM peer_groups) +
		(SELECT COALESCE(SUM(LENGTH(name) + sort_order), 0) FROM peer_members) +
		(SELECT COALESCE(SUM(LENGTH(code) + LENGTH(name) + LENGTH(uom) + LENGTH(direction) + LENGTH(plan_code) + sort_order), 0) FROM peer_indicators) +
		(SELECT COALESCE(SUM(LENGTH(amount) + LENGTH(period) + LENGTH(source)), 0) FROM peer_values)`).
		Scan(&s.groups, &s.members, &s.zones, &s.indicators, &s.values, &s.audit, &s.amountSum, &s.textLength)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validPeers fails t on a group without exactly one zone, and on a value
// that is no decimal or whose member and indicator are of different groups.
func validPeers(t *testing.T, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	var zoneless, strays int
	err := d.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM peer_groups g WHERE (SELECT COUNT(*) FROM peer_members m WHERE m.group_id = g.id AND m.is_zone) <> 1),
		(SELECT COUNT(*) FROM peer_values v JOIN peer_members m ON m.id = v.member_id
			JOIN peer_indicators i ON i.id = v.indicator_id WHERE m.group_id <> i.group_id)`).Scan(&zoneless, &strays)
	if err != nil {
		t.Fatal(err)
	}
	if zoneless > 0 || strays > 0 {
		t.Fatalf("%d groups without one zone, %d values across groups", zoneless, strays)
	}
	rows, err := d.Query(ctx, "SELECT amount FROM peer_values")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var amount string
		if err := rows.Scan(&amount); err != nil {
			t.Fatal(err)
		}
		if peers.Rat(amount) == nil {
			t.Errorf("a value %q is no decimal", amount)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
