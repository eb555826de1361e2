package planio_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/planio"
	"gaoxin/internal/xlsx"
)

var (
	ctx    = context.Background()
	office = audit.Actor{Name: "考核办", Address: "test"}
)

// table reads CSV lines the way an upload is read.
func table(t *testing.T, name string, lines ...string) *xlsx.Table {
	t.Helper()
	tbl, err := xlsx.Read(name, strings.NewReader(strings.Join(lines, "\r\n")+"\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

// zone makes the units the small tests share: a zone, 科技创新局 and 新城街道.
func zone(t *testing.T, d *db.DB) map[string]int64 {
	t.Helper()
	units := org.NewStore(d)
	z, err := units.Create(ctx, audit.System, org.Fields{Code: "GX", Name: "高新区", Kind: org.KindZone}, 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{"GX": z.ID}
	for _, u := range []org.Fields{{Code: "KCJ", Name: "科技创新局", Kind: org.KindDepartment}, {Code: "XC", Name: "新城街道", Kind: org.KindStreet}} {
		c, err := units.Create(ctx, audit.System, u, z.ID)
		if err != nil {
			t.Fatal(err)
		}
		ids[u.Code] = c.ID
	}
	return ids
}

// mustIndicators imports an indicator file that must be accepted.
func mustIndicators(t *testing.T, d *db.DB, year int, tbl *xlsx.Table, m planio.Mapping) planio.Result {
	t.Helper()
	res, err := planio.ImportIndicators(ctx, d, office, year, tbl, m, false)
	if err != nil {
		t.Fatalf("import indicators %s: %s", tbl.File, describe(err))
	}
	return res
}

// mustFigures imports a figure file that must be accepted.
func mustFigures(t *testing.T, d *db.DB, year int, tbl *xlsx.Table, m planio.Mapping) planio.Result {
	t.Helper()
	res, err := planio.ImportFigures(ctx, d, office, year, tbl, m, false)
	if err != nil {
		t.Fatalf("import figures %s: %s", tbl.File, describe(err))
	}
	return res
}

func describe(err error) string {
	var ie *i18n.ImportError
	if errors.As(err, &ie) {
		return ie.In(i18n.EN)
	}
	return err.Error()
}

// problems returns the lines of a refused import in lang, one per problem.
func problems(t *testing.T, err error, lang i18n.Lang) []string {
	t.Helper()
	var ie *i18n.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error = %v, want an import error", err)
	}
	var out []string
	for _, r := range ie.Rows {
		out = append(out, r.In(lang))
	}
	return out
}

// wantProblems checks that a refused import lists exactly these problems.
func wantProblems(t *testing.T, err error, lang i18n.Lang, want ...string) {
	t.Helper()
	got := problems(t, err, lang)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// planOf reads a year's plan: indicators by code, and targets.
func planOf(t *testing.T, d *db.DB, year int) (plan.Plan, map[string]plan.Indicator, plan.TargetBook) {
	t.Helper()
	s := plan.NewStore(d)
	p, err := s.PlanByYear(ctx, year)
	if err != nil {
		t.Fatalf("plan %d: %v", year, err)
	}
	list, err := s.Indicators(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]plan.Indicator{}
	for _, in := range list {
		byCode[in.Code] = in
	}
	targets, err := s.Targets(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p, byCode, plan.NewTargetBook(targets)
}

// committed is the committed target in force in December, or -1 for none.
func committed(book plan.TargetBook, indicatorID, unitID int64) float64 {
	tg, ok := book.At(indicatorID, unitID, 12)
	if !ok || tg.Committed == nil {
		return -1
	}
	return *tg.Committed
}
