package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportAndExportPeers(t *testing.T) {
	dir := t.TempDir()
	path := planioDB(t, dir)
	file := writeFile(t, dir, "peers.csv",
		"层级,对标组,成员,本区,指标编码,指标名称,计量单位,方向,数值,期间,来源",
		"市级,潍坊市县市区,高新区,是,ZLSQ,专利申请量,件,越大越好,\"2,735\",2019年1-9月,市知识产权局",
		"市级,潍坊市县市区,寿光市,,ZLSQ,,,,1980,2019年1-9月,市知识产权局",
		"市级,潍坊市县市区,诸城市,,ZLSQ,,,,0.31万,2019年1-9月,市知识产权局",
	)
	if code, out, errOut := run(t, "", "import", "peers", file, "--year", "2019", "--db", path, "--dry-run"); code != 0 ||
		strings.TrimSpace(out) != "peers.csv checked (nothing saved): 3 rows: 1 groups, 3 members, 1 indicators created, 0 indicators changed, 3 values set, 0 unchanged" {
		t.Fatalf("dry run = %d %q %s", code, out, errOut)
	}
	if code, out, errOut := run(t, "", "import", "peers", file, "--year", "2019", "--db", path); code != 0 || !strings.Contains(out, "peers.csv imported: 3 rows") {
		t.Fatalf("import = %d %q %s", code, out, errOut)
	}
	code, out, errOut := run(t, "", "export", "peers", "--year", "2019", "--format", "json", "--db", path)
	if code != 0 {
		t.Fatalf("export = %d %s", code, errOut)
	}
	var rows []map[string]string
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 3 {
		t.Fatalf("export json = %v\n%s", err, out)
	}
	// 诸城市's 0.31万 is 3,100 件: first; the zone's 2,735 second.
	if rows[0]["成员"] != "高新区" || rows[0]["数值"] != "2735" || rows[0]["排名"] != "2" || rows[2]["数值"] != "3100" || rows[2]["排名"] != "1" {
		t.Errorf("exported rows = %v", rows)
	}
	xlsxPath := filepath.Join(dir, "peers.xlsx")
	if code, _, errOut := run(t, "", "export", "peers", "--year", "2019", "-o", xlsxPath, "--db", path); code != 0 {
		t.Fatalf("export xlsx = %d %s", code, errOut)
	}
	if code, out, errOut := run(t, "", "import", "peers", xlsxPath, "--db", path); code != 0 || !strings.Contains(out, "0 values set, 3 unchanged") {
		t.Errorf("re-import of the export = %d %q %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "", "export", "peers", "--db", path); code != 2 || !strings.Contains(errOut, "--year is required") {
		t.Errorf("export without a year = %d %s", code, errOut)
	}
}

func TestImportPeersRefusesABadFile(t *testing.T) {
	dir := t.TempDir()
	path := planioDB(t, dir)
	bad := writeFile(t, dir, "bad.csv",
		"层级,对标组,成员,本区,指标编码,指标名称,计量单位,方向,数值",
		"市级,潍坊市县市区,高新区,是,ZLSQ,专利申请量,件,越大越好,三千",
		"市级,潍坊市县市区,寿光市,,ZLSQ,,,,1980",
	)
	code, _, errOut := run(t, "", "import", "peers", bad, "--year", "2019", "--db", path)
	if code != 1 || !strings.Contains(errOut, "bad.csv 未导入（共 1 处问题") || !strings.Contains(errOut, "第 2 行“数值”列：“三千”不是数字。") {
		t.Errorf("bad file = %d %s", code, errOut)
	}
	code, out, _ := run(t, "", "export", "peers", "--year", "2019", "--db", path)
	if code != 0 || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("a refused file left rows:\n%s", out)
	}
}
