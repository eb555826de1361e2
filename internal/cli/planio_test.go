package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gaoxin/internal/db"
	"gaoxin/internal/report"
)

// writeFile writes lines to a file in dir and returns its path.
func writeFile(t *testing.T, dir, name string, lines ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\r\n")+"\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// planioDB is a database file with a zone and two units, imported.
func planioDB(t *testing.T, dir string) string {
	t.Helper()
	t.Setenv("GAOXIN_LANG", "zh")
	path := filepath.Join(dir, "zone.db")
	units := writeFile(t, dir, "units.csv", "编码,名称,类型,上级编码", "GX,高新区,高新区,", "KCJ,科技创新局,部门,GX", "XC,新城街道,街道,GX")
	if code, out, errOut := run(t, "", "import", "units", units, "--db", path); code != 0 {
		t.Fatalf("import units = %d %s%s", code, out, errOut)
	}
	return path
}

func TestImportIndicatorsAndFigures(t *testing.T) {
	dir := t.TempDir()
	path := planioDB(t, dir)
	plan := writeFile(t, dir, "plan.csv",
		"节点,指标编码,指标名称,计量单位,方向,频次,口径,汇总,单位编码,确保目标",
		"科技创新 / 专利,ZL01,专利申请量,件,越大越好,月,当期,求和,,3100",
		",ZL01,,,,,,,KCJ,2800",
		",ZL01,,,,,,,XC,300",
	)
	if code, out, errOut := run(t, "", "import", "indicators", plan, "--year", "2019", "--db", path, "--dry-run"); code != 0 ||
		!strings.Contains(out, "checked (nothing saved): plan created; 2 nodes created; indicators 1 created") {
		t.Fatalf("dry run = %d %q %s", code, out, errOut)
	}
	code, out, errOut := run(t, "", "import", "indicators", plan, "--year", "2019", "--db", path)
	if want := "plan.csv imported: plan created; 2 nodes created; indicators 1 created, 0 updated, 0 unchanged; 2 shared to units; 3 targets set (3 rows)"; code != 0 || strings.TrimSpace(out) != want {
		t.Fatalf("import indicators = %d %q %s, want %q", code, out, errOut, want)
	}
	figures := writeFile(t, dir, "figures.csv", "指标编码,单位编码,月份,数值,说明", "ZL01,KCJ,2019-01,210,", "ZL01,XC,2019年1月,20,开局")
	code, out, errOut = run(t, "", "import", "figures", figures, "--year", "2019", "--db", path)
	if want := "figures.csv imported: figures 2 created, 0 updated, 0 unchanged; 0 targets set; 12 periods opened (2 rows)"; code != 0 || strings.TrimSpace(out) != want {
		t.Fatalf("import figures = %d %q %s, want %q", code, out, errOut, want)
	}
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	values, err := report.NewStore(d).CountedValues(context.Background(), 2019)
	if err != nil || len(values) != 2 || values[0].Value+values[1].Value != 230 {
		t.Errorf("counted values = %+v, %v", values, err)
	}
}

func TestImportIndicatorsRefusesABadFile(t *testing.T) {
	dir := t.TempDir()
	path := planioDB(t, dir)
	bad := writeFile(t, dir, "bad.csv",
		"节点,指标编码,指标名称,计量单位,方向,频次,口径,汇总,单位编码,确保目标",
		"科技创新,ZL01,专利申请量,件,越大越好,月,当期,求和,,3100",
		"科技创新,ZL02,专利授权量,件,向上,月,当期,求和,,900",
		",ZL01,,,,,,,NOPE,10",
	)
	code, out, errOut := run(t, "", "import", "indicators", bad, "--year", "2019", "--db", path)
	for _, want := range []string{"bad.csv 未导入（共 2 处问题", "第 3 行“方向”列：“向上”不是指标方向", "第 4 行“单位编码”列：单位编码“NOPE”在系统中不存在。"} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("bad file = %d %q %q, want exit 1 and %q", code, out, errOut, want)
		}
	}
	// Nothing of it was saved: the figures that follow find no plan.
	figures := writeFile(t, dir, "figures.csv", "code,unit,month,value", "ZL01,KCJ,1,210")
	if code, _, errOut := run(t, "", "import", "figures", figures, "--year", "2019", "--db", path); code != 1 || !strings.Contains(errOut, "2019 年度还没有目标") {
		t.Errorf("figures without a plan = %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "", "import", "figures", figures, "--db", path); code != 2 || !strings.Contains(errOut, "--year is required for figures") {
		t.Errorf("without --year = %d %q", code, errOut)
	}
}

func TestImportWithAMap(t *testing.T) {
	dir := t.TempDir()
	path := planioDB(t, dir)
	extract := writeFile(t, dir, "extract.csv",
		"SEQ,NAME,DIR,YEAR,MONTH,TARGET,ACTUAL",
		"7,Patents,U,2018,12,100,90",
		"7,Patents,U,2019,1,10,12",
		"7,Patents,U,2019,2,20,19",
	)
	indicators := writeFile(t, dir, "indicators.json", `{
		"columns": {"code": "SEQ", "name": "NAME", "direction": "DIR", "committed": "TARGET",
			"unit": "SEQ", "node": "SEQ", "frequency": "SEQ", "semantics": "SEQ", "aggregation": "SEQ"},
		"values": {"direction": {"U": "higher"}, "unit": {"7": "KCJ"}, "node": {"*": "Imported"},
			"frequency": {"*": "month"}, "semantics": {"*": "cumulative"}, "aggregation": {"*": "sum"}},
		"filter": {"YEAR": "2019"},
		"repeats": "last"}`)
	code, out, errOut := run(t, "", "import", "indicators", extract, "--year", "2019", "--map", indicators, "--db", path)
	if want := "extract.csv imported: plan created; 1 nodes created; indicators 1 created, 0 updated, 0 unchanged; 1 shared to units; 1 targets set (1 rows, 2 left out by the mapping)"; code != 0 || strings.TrimSpace(out) != want {
		t.Fatalf("import indicators --map = %d %q %s, want %q", code, out, errOut, want)
	}
	figures := writeFile(t, dir, "figures.json", `{
		"columns": {"code": "SEQ", "unit": "SEQ", "month": ["YEAR", "MONTH"], "value": "ACTUAL", "ytd_target": "TARGET"},
		"values": {"unit": {"7": "KCJ"}},
		"filter": {"YEAR": "2019"}}`)
	code, out, errOut = run(t, "", "import", "figures", extract, "--year", "2019", "--map", figures, "--db", path)
	if want := "extract.csv imported: figures 2 created, 0 updated, 0 unchanged; 1 targets set; 12 periods opened (2 rows, 1 left out by the mapping)"; code != 0 || strings.TrimSpace(out) != want {
		t.Fatalf("import figures --map = %d %q %s, want %q", code, out, errOut, want)
	}
	broken := writeFile(t, dir, "broken.json", `{"colums": {}}`)
	if code, _, errOut := run(t, "", "import", "figures", extract, "--year", "2019", "--map", broken, "--db", path); code != 1 || !strings.Contains(errOut, `unknown field "colums"`) {
		t.Errorf("a misspelt mapping = %d %q", code, errOut)
	}
}

func TestSchemeImportExport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zone.db")
	file := filepath.Join("..", "assess", "testdata", "economy.yaml")
	code, out, errOut := run(t, "", "import", "scheme", file, "--db", path)
	if code != 0 || !strings.Contains(out, "2019 经济发展类: version 1") {
		t.Fatalf("import scheme = %d %s%s", code, out, errOut)
	}
	code, out, _ = run(t, "", "export", "scheme", "--db", path, "--year", "2019", "--class", "经济发展类")
	want, _ := os.ReadFile(file)
	if code != 0 || out != string(want) {
		t.Fatalf("export scheme = %d, differs from the file imported:\n%s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte(strings.Replace(string(want), "    points: 15", "    points: 十五", 1)), 0o600)
	if code, _, errOut := run(t, "", "import", "scheme", bad, "--db", path); code != 1 || !strings.Contains(errOut, "“十五”不是数字") {
		t.Fatalf("a bad scheme = %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "", "export", "scheme", "--db", path, "--year", "2019"); code != 2 || !strings.Contains(errOut, "--class are required") {
		t.Fatalf("export without a class = %d %q", code, errOut)
	}
}
