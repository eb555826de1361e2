package cli_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gaoxin/internal/db"
)

// gaoxin export projects lists the demo's portfolio with lights and the
// year's investment, and its sums are the figures of the plan indicators
// bound to it: nobody typed those figures, and they cannot disagree.
func TestProjectExportMatchesBoundIndicators(t *testing.T) {
	path := demoDB(t)
	t.Setenv("GAOXIN_LANG", "en")
	code, out, errOut := run(t, "", "export", "projects", "--db", path, "--year", "2019", "--format", "json")
	if code != 0 {
		t.Fatalf("export = %d %s", code, errOut)
	}
	var rows []map[string]string
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	type sums struct {
		count      int
		total, ytd float64
	}
	by := map[string]*sums{}
	lights := map[string]int{}
	for _, r := range rows {
		group := "key"
		switch {
		case strings.HasPrefix(r["Code"], "JS-"):
			group = "infrastructure"
		case strings.HasPrefix(r["Code"], "MS-"):
			group = "livelihood"
		}
		if by[group] == nil {
			by[group] = &sums{}
		}
		by[group].count++
		by[group].total += num(t, r["Total investment"])
		by[group].ytd += num(t, r["Invested this year"])
		lights[r["Status"]]++
		if r["Reasons"] == "" {
			t.Errorf("%s has a light without a reason", r["Code"])
		}
	}
	// The seed's figures: 183 key projects worth 1,204 亿元, 152 works worth
	// 54 亿元, 106 livelihood pieces worth 19.8 亿元 (amounts in 万元).
	for group, want := range map[string]sums{"key": {183, 12_040_000, 0}, "infrastructure": {152, 540_000, 0}, "livelihood": {106, 198_000, 0}} {
		got := by[group]
		if got == nil || got.count != want.count || got.total != want.total {
			t.Fatalf("%s: %+v, want %d projects worth %v 万元", group, got, want.count, want.total)
		}
	}
	if lights["Green"] == 0 || lights["Yellow"] == 0 || lights["Red"] == 0 {
		t.Fatalf("lights = %v: the demo shows every colour", lights)
	}
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	// Flow indicators in 亿元: the months' figures add up to the year to date.
	for code, group := range map[string]string{"CY03": "key", "CJ02": "infrastructure", "MS01": "livelihood"} {
		got := boundSum(t, d, code, "SUM(f.value)", "")
		if want := by[group].ytd / 10000; math.Abs(got-want) > 1e-6 {
			t.Errorf("%s: the figures add up to %v 亿元, the export's year to date to %v", code, got, want)
		}
	}
	// Stock indicators: November's figures are the portfolio as it stands.
	if got := boundSum(t, d, "CY01", "SUM(f.value)", "AND p.month = 11"); got != 183 {
		t.Errorf("CY01 in November = %v, want 183 key projects", got)
	}
	if got := boundSum(t, d, "CY02", "SUM(f.value)", "AND p.month = 11"); math.Abs(got-1204) > 1e-6 {
		t.Errorf("CY02 in November = %v 亿元, want 1,204", got)
	}
	if code, _, errOut := run(t, "", "export", "projects", "--db", path); code != 2 || !strings.Contains(errOut, "--year is required") {
		t.Fatalf("export without a year = %d %q", code, errOut)
	}
}

// boundSum aggregates a bound indicator's figures of 2019 over its units.
func boundSum(t *testing.T, d *db.DB, code, agg, where string) float64 {
	t.Helper()
	var v *float64
	err := d.QueryRow(context.Background(), `SELECT `+agg+` FROM figures f JOIN periods p ON p.id = f.period_id
		JOIN assignments a ON a.id = f.assignment_id JOIN indicators i ON i.id = a.indicator_id
		WHERE i.code = $1 AND p.year = 2019 AND i.binding IS NOT NULL AND f.status = 'approved' `+where, code).Scan(&v)
	if err != nil || v == nil {
		t.Fatalf("%s: %v (no figures?)", code, err)
	}
	return *v
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

// gaoxin export enterprises lists the register with its tiers, and an
// exported file imports back unchanged.
func TestEnterpriseExportImport(t *testing.T) {
	path := demoDB(t)
	code, out, errOut := run(t, "", "export", "enterprises", "--db", path, "--year", "2018", "--format", "csv")
	if code != 0 {
		t.Fatalf("export = %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(out, "\ufeff")), "\n")
	if len(lines) != 401 || !strings.HasPrefix(lines[0], "统一社会信用代码,企业名称,所属单位") {
		t.Fatalf("export has %d lines, header %q", len(lines), lines[0])
	}
	file := filepath.Join(t.TempDir(), "名录.csv")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(t, "", "import", "enterprises", "--db", path, "--year", "2018", file)
	if code != 0 || !strings.Contains(out, "0 created, 0 updated, 400 unchanged, 0 tiers granted") {
		t.Fatalf("import of the export = %d %s%s", code, out, errOut)
	}
}
