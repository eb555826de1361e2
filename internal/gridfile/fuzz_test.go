package gridfile_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"gaoxin/internal/audit"
	"gaoxin/internal/dashboard"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/gridfile"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/planio"
	"gaoxin/internal/report"
	"gaoxin/internal/xlsx"
)

// Any workbook uploaded into a grid is read whole or refused with an
// import error, and nothing panics. What is read is only for the grid's
// own figures, once each, never for a figure already sent, and every
// value is a number.
func FuzzRead(f *testing.F) {
	g := novemberGrid(f)
	workbook := func(g *dashboard.Grid, lang i18n.Lang, edit func(*excelize.File)) []byte {
		var b bytes.Buffer
		if err := gridfile.Write(&b, g, lang); err != nil {
			f.Fatal(err)
		}
		if edit == nil {
			return b.Bytes()
		}
		wb, err := excelize.OpenReader(&b)
		if err != nil {
			f.Fatal(err)
		}
		edit(wb)
		b.Reset()
		if err := wb.Write(&b); err != nil {
			f.Fatal(err)
		}
		return b.Bytes()
	}
	set := func(cells ...string) func(*excelize.File) {
		return func(wb *excelize.File) {
			for i := 0; i+1 < len(cells); i += 2 {
				if err := wb.SetCellStr("填报", cells[i], cells[i+1]); err != nil {
					f.Fatal(err)
				}
			}
		}
	}
	written := workbook(g, i18n.ZH, nil)
	if entries, err := gridfile.Read("grid.xlsx", bytes.NewReader(written), g); err != nil || len(entries) != editable(g) {
		f.Fatalf("the workbook as written reads back as %d entries, %v; want %d", len(entries), err, editable(g))
	}
	f.Add(written)
	f.Add(workbook(g, i18n.EN, nil))
	last := len(g.Rows) + 1
	f.Add(workbook(g, i18n.ZH, set("D3", "1,204", "E3", " 按计划推进 ", "D4", "3.5亿")))
	f.Add(workbook(g, i18n.ZH, set("D3", "约5", "D2", "13")))                             // an approximation; a sent figure changed
	f.Add(workbook(g, i18n.ZH, set("A"+strconv.Itoa(last+1), g.Rows[0].Indicator.Code))) // a code twice
	f.Add(workbook(g, i18n.ZH, set("A3", "AQ01", "A4", "", "D4", "7")))                  // a code not due; a value without one
	other := *g
	other.Period.Month = 10
	f.Add(workbook(&other, i18n.ZH, nil))
	f.Add(written[:len(written)/2])
	flipped := bytes.Clone(written)
	flipped[len(flipped)/3] ^= 0xff
	f.Add(flipped)
	f.Add([]byte("指标编码,本期数值\nZL01,3\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		entries, err := gridfile.Read("grid.xlsx", bytes.NewReader(body), g)
		if err != nil {
			var ie *i18n.ImportError
			if !errors.As(err, &ie) || len(ie.Rows) == 0 {
				t.Fatalf("a workbook refused without saying where: %v", err)
			}
			if entries != nil {
				t.Fatalf("a refused workbook gave %d entries", len(entries))
			}
			return
		}
		rows := map[int64]dashboard.GridRow{}
		for _, r := range g.Rows {
			rows[r.AssignmentID] = r
		}
		seen := map[int64]bool{}
		for _, e := range entries {
			r, ok := rows[e.AssignmentID]
			switch {
			case !ok:
				t.Fatalf("an entry for assignment %d, which is not in the grid", e.AssignmentID)
			case seen[e.AssignmentID]:
				t.Fatalf("two entries for %s", r.Indicator.Code)
			case r.Figure != nil && !r.Figure.Status.Editable():
				t.Fatalf("an entry for %s, which is %s", r.Indicator.Code, r.Figure.Status)
			case e.Value != nil && (math.IsNaN(*e.Value) || math.IsInf(*e.Value, 0)):
				t.Fatalf("%s read as %v", r.Indicator.Code, *e.Value)
			case e.Explanation != strings.TrimSpace(e.Explanation):
				t.Fatalf("%s's explanation is not trimmed: %q", r.Indicator.Code, e.Explanation)
			}
			seen[e.AssignmentID] = true
		}
	})
}

// novemberGrid is 新城街道's November 2019: a count already approved, a
// ratio saved as a draft, and an amount not yet entered. A quarterly
// indicator is not due in November, so is not in the grid.
func novemberGrid(tb testing.TB) *dashboard.Grid {
	tb.Helper()
	ctx := context.Background()
	d := dbtest.SQLite(tb) // the grid is read without a database; any engine will do
	units := org.NewStore(d)
	zone, err := units.Create(ctx, audit.System, org.Fields{Code: "GX", Name: "高新区", Kind: org.KindZone}, 0)
	if err != nil {
		tb.Fatal(err)
	}
	street, err := units.Create(ctx, audit.System, org.Fields{Code: "XC", Name: "新城街道", Kind: org.KindStreet}, zone.ID)
	if err != nil {
		tb.Fatal(err)
	}
	indicators, err := xlsx.Read("plan.csv", strings.NewReader(strings.Join([]string{
		"节点,指标编码,指标名称,计量单位,方向,频次,口径,汇总,单位编码,确保目标",
		"科技创新,ZL01,专利申请量,件,越大越好,月,当期,求和,,300",
		",ZL01,,,,,,,XC,300",
		"经济发展,SR01,营业收入增速,%,越大越好,月,比率,平均,,8",
		",SR01,,,,,,,XC,8",
		"经济发展,GDP1,地区生产总值,亿元,越大越好,月,当期,求和,,120",
		",GDP1,,,,,,,XC,120",
		"社会治理,AQ01,安全生产事故起数,起,越小越好,季,当期,求和,,12",
		",AQ01,,,,,,,XC,12",
	}, "\n")))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := planio.ImportIndicators(ctx, d, audit.System, 2019, indicators, planio.Mapping{}, false); err != nil {
		tb.Fatal(err)
	}
	rs := report.NewStore(d)
	rs.SetClock(func() time.Time { return time.Date(2019, 12, 2, 9, 0, 0, 0, time.UTC) })
	if _, err := rs.OpenYear(ctx, audit.System, 2019, 10, 3); err != nil {
		tb.Fatal(err)
	}
	nov, err := rs.PeriodOf(ctx, 2019, 11)
	if err != nil {
		tb.Fatal(err)
	}
	empty := loadGrid(tb, d, street.ID)
	byCode := map[string]int64{}
	for _, r := range empty.Rows {
		byCode[r.Indicator.Code] = r.AssignmentID
	}
	count, rate := 12.0, 7.5
	if _, err := rs.Import(ctx, audit.System, []report.Batch{{Period: nov, Entries: []report.Entry{{AssignmentID: byCode["ZL01"], Value: &count}}}}); err != nil {
		tb.Fatal(err)
	}
	if err := rs.SaveDraft(ctx, audit.System, nov, []report.Entry{{AssignmentID: byCode["SR01"], Value: &rate, Explanation: "订单回落"}}); err != nil {
		tb.Fatal(err)
	}
	g := loadGrid(tb, d, street.ID)
	if len(g.Rows) != 3 || editable(g) != 2 {
		tb.Fatalf("November's grid has %d rows, %d editable; want 3, 2", len(g.Rows), editable(g))
	}
	return g
}

func loadGrid(tb testing.TB, d *db.DB, unitID int64) *dashboard.Grid {
	tb.Helper()
	g, err := dashboard.LoadGrid(context.Background(), d, 2019, 11, unitID)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// editable counts the rows the unit may still change.
func editable(g *dashboard.Grid) int {
	n := 0
	for _, r := range g.Rows {
		if r.Figure == nil || r.Figure.Status.Editable() {
			n++
		}
	}
	return n
}
