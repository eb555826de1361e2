package planio_test

import (
	"errors"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/planio"
)

func TestReadMapping(t *testing.T) {
	m, err := planio.ReadMapping(strings.NewReader(`{
		"columns": {"code": "SEQ", "month": ["YEAR", "MONTH"]},
		"values": {"unit": {"1": ["", "SUB"], "3": "L1"}},
		"filter": {"YEAR": ["2016", "2017"]},
		"repeats": "last"}`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Columns["month"], "+") != "YEAR+MONTH" || len(m.Values["unit"]["1"]) != 2 || m.Values["unit"]["1"][1] != "SUB" ||
		m.Values["unit"]["3"][0] != "L1" || len(m.Filter["YEAR"]) != 2 || m.Repeats != "last" {
		t.Errorf("mapping = %+v", m)
	}
	for text, want := range map[string]string{
		`{"colums": {}}`:           `unknown field "colums"`,
		`{"repeats": "first"}`:     `"repeats" in the mapping file is “first”`,
		`{"columns": {"code": 7}}`: "expected a string or a list of strings",
	} {
		_, err := planio.ReadMapping(strings.NewReader(text))
		var verr *i18n.Error
		if !errors.As(err, &verr) || verr.Field != "map" || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadMapping(%s) = %v, want an error with %q", text, err, want)
		}
	}
}

// foreign is an agency's monthly extract: one row per indicator and month,
// children of an indicator standing for one line each.
var foreign = []string{
	"SEQ,PARENT,NAME,DIR,FREQ,UNIT,YEAR,MONTH,TARGET,ACTUAL",
	"1,0,Ridership,U,M,-,2017,11,100,90",
	"1,0,Ridership,U,M,-,2017,12,120,110",
	"2,0,On-time,U,M,%,2016,12,90,80",
	"3,2,On-time - 1 Line,U,M,%,2017,12,90,85",
	"9,0,Retired,N,M,-,2017,12,0,1",
}

var foreignIndicators = planio.Mapping{
	Columns: map[string]planio.List{"code": {"SEQ"}, "unit": {"SEQ"}, "name": {"NAME"}, "direction": {"DIR"}, "frequency": {"FREQ"},
		"uom": {"UNIT"}, "committed": {"TARGET"}, "node": {"PARENT"}, "semantics": {"SEQ"}, "aggregation": {"SEQ"}},
	Values: map[string]map[string]planio.List{
		"code":        {"3": {"2"}, "9": {}},
		"unit":        {"1": {"", "SUB"}, "3": {"L1"}},
		"direction":   {"U": {"higher"}, "D": {"lower"}, "N": {"none"}},
		"frequency":   {"M": {"month"}},
		"uom":         {"-": {""}},
		"node":        {"*": {"Service"}},
		"semantics":   {"1": {"cumulative"}, "*": {"ratio"}},
		"aggregation": {"*": {"none"}},
	},
	Filter:  map[string]planio.List{"YEAR": {"2017"}},
	Repeats: "last",
}

var foreignFigures = planio.Mapping{
	Columns: map[string]planio.List{"code": {"SEQ"}, "unit": {"SEQ"}, "month": {"YEAR", "MONTH"}, "value": {"ACTUAL"}, "ytd_target": {"TARGET"}},
	Values: map[string]map[string]planio.List{
		"code": {"3": {"2"}, "9": {}},
		"unit": {"1": {"SUB"}, "3": {"L1"}},
	},
	Filter: map[string]planio.List{"YEAR": {"2017"}},
}

func foreignUnits(t *testing.T, d *db.DB) {
	t.Helper()
	units := org.NewStore(d)
	z, _ := units.Create(ctx, audit.System, org.Fields{Code: "AG", Name: "Agency", Kind: org.KindZone}, 0)
	sub, _ := units.Create(ctx, audit.System, org.Fields{Code: "SUB", Name: "Subway", Kind: org.KindDepartment}, z.ID)
	if _, err := units.Create(ctx, audit.System, org.Fields{Code: "L1", Name: "1 Line", Kind: org.KindOther}, sub.ID); err != nil {
		t.Fatal(err)
	}
}

func TestMappingReadsAForeignLayout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		foreignUnits(t, d)
		// Rows: 2017's Ridership twice (the zone's and SUB's), the line once;
		// left out: 2016, the retired indicator, and November's repeats.
		res := mustIndicators(t, d, 2017, table(t, "extract.csv", foreign...), foreignIndicators)
		want := planio.Result{Rows: 3, Skipped: 4, PlanCreated: true, Nodes: 1, Indicators: planio.Counts{Created: 2}, Assignments: 2, Targets: 3}
		if res != want {
			t.Fatalf("indicators = %+v, want %+v", res, want)
		}
		_, byCode, book := planOf(t, d, 2017)
		ride, otp := byCode["1"], byCode["2"]
		if ride.Name != "Ridership" || ride.UOM != "" || ride.Semantics != plan.Cumulative || otp.Name != "On-time - 1 Line" ||
			otp.UOM != "%" || otp.Semantics != plan.Ratio || otp.Aggregation != plan.None {
			t.Fatalf("indicators = %+v / %+v", ride, otp)
		}
		if c := committed(book, ride.ID, 0); c != 120 {
			t.Errorf("the zone's target = %v, want December's 120 (the last row)", c)
		}
		res = mustFigures(t, d, 2017, table(t, "extract.csv", foreign...), foreignFigures)
		want = planio.Result{Rows: 3, Skipped: 2, Targets: 2, Periods: 12, Figures: planio.Counts{Created: 3}}
		if res != want {
			t.Fatalf("figures = %+v, want %+v", res, want)
		}
		_, _, book = planOf(t, d, 2017)
		tg, _ := book.At(ride.ID, unitID(t, d, "SUB"), 12)
		if tg.ProfileValues[10] != 100 || tg.ProfileValues[11] != 120 || *tg.Committed != 120 {
			t.Errorf("SUB's profile = %v, committed %v", tg.ProfileValues, *tg.Committed)
		}
	})
}

func TestMappingProblemsNameTheSourceColumns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		foreignUnits(t, d)
		bad := append([]string{}, foreign...)
		bad[2] = "1,0,Ridership,X,M,-,2017,12,120,110"
		_, err := planio.ImportIndicators(ctx, d, office, 2017, table(t, "extract.csv", bad...), foreignIndicators, false)
		wantProblems(t, err, i18n.EN, "row 3, column “DIR”: “X” is not a direction: use higher, lower, band or none.")
		bad[2] = foreign[2]

		mustIndicators(t, d, 2017, table(t, "extract.csv", foreign...), foreignIndicators)
		bad[1] = "1,0,Ridership,U,M,-,2017,14,100,90"
		_, err = planio.ImportFigures(ctx, d, office, 2017, table(t, "extract.csv", bad...), foreignFigures, false)
		wantProblems(t, err, i18n.EN, "row 2, column “YEAR+MONTH”: “2017-14” is not a month of 2017: use 1 to 12, or a year and month such as 2019-11.")

		m := foreignFigures
		m.Columns = map[string]planio.List{"code": {"SEQ"}, "unit": {"DIVISION"}, "month": {"MONTH"}, "value": {"ACTUAL"}}
		_, err = planio.ImportFigures(ctx, d, office, 2017, table(t, "extract.csv", foreign...), m, false)
		wantProblems(t, err, i18n.ZH, "第 1 行：缺少“DIVISION”列。")

		m = foreignFigures
		m.Filter = map[string]planio.List{"YEAR": {"2020"}}
		_, err = planio.ImportFigures(ctx, d, office, 2017, table(t, "extract.csv", foreign...), m, false)
		wantProblems(t, err, i18n.ZH, "第 2 行：文件中没有数据行。")

		m.Columns = map[string]planio.List{"colour": {"NAME"}}
		_, err = planio.ImportFigures(ctx, d, office, 2017, table(t, "extract.csv", foreign...), m, false)
		if got := describeIn(err, i18n.EN); !strings.HasPrefix(got, "“colour” in the mapping file is not a field of this import") {
			t.Errorf("an unknown field: %q", got)
		}
	})
}

func unitID(t *testing.T, d *db.DB, code string) int64 {
	t.Helper()
	u, err := org.NewStore(d).ByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}
