package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"gaoxin/internal/cli"
	"gaoxin/internal/db"
)

// run executes a command line and returns exit code, stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.Run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// demoDB is a database file of the test's own with the demo loaded. The
// first call of the process loads it with gaoxin demo; later calls copy
// that file, which loading again would only repeat more slowly.
func demoDB(t *testing.T) string {
	t.Helper()
	t.Setenv("GAOXIN_LANG", "zh")
	demoOnce.Do(func() {
		demoFile = filepath.Join(testDir, "demo.db")
		code, out, errOut := run(t, "", "demo", "--db", demoFile, "--no-serve")
		if code != 0 || !strings.Contains(out, "kaohe") {
			demoErr = fmt.Errorf("demo = %d\n%s%s", code, out, errOut)
		}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	path := filepath.Join(t.TempDir(), "zone.db")
	// gaoxin demo closes the database, which folds the write-ahead log
	// into the file; a log left behind is copied with it all the same.
	for _, suffix := range []string{"", "-wal"} {
		body, err := os.ReadFile(demoFile + suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err == nil {
			err = os.WriteFile(path+suffix, body, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return path
}

var (
	testDir  string // removed when the tests end
	demoOnce sync.Once
	demoFile string
	demoErr  error
)

func TestMain(m *testing.M) {
	var err error
	if testDir, err = os.MkdirTemp("", "gaoxin-cli-test-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(testDir)
	os.Exit(code)
}

func TestUsage(t *testing.T) {
	cases := []struct {
		args []string
		code int
		text string
	}{
		{nil, 2, "Commands:"},
		{[]string{"help"}, 0, "audit"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"serve", "--bogus"}, 2, "flag provided but not defined"},
		{[]string{"user", "add", "--role", "viewer"}, 2, "--name and --role are required"},
		{[]string{"user", "add", "--name", "x", "--role", "boss"}, 2, `unknown role "boss"`},
		{[]string{"user"}, 2, "expected: gaoxin user add"},
		{[]string{"token", "create"}, 2, "--user is required"},
		{[]string{"backup"}, 2, "-o FILE is required"},
		{[]string{"import", "plans", "x.csv"}, 2, `unknown kind "plans"`},
		{[]string{"export", "units", "--format", "pdf"}, 2, `unknown format "pdf"`},
		{[]string{"audit", "verify", "-h"}, 0, "names the first broken entry"},
	}
	for _, c := range cases {
		code, out, errOut := run(t, "", c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.text) {
			t.Errorf("gaoxin %v = %d, want %d with %q\n%s%s", c.args, code, c.code, c.text, out, errOut)
		}
	}
}

func TestBadDatabases(t *testing.T) {
	notDB := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(notDB, bytes.Repeat([]byte("plain text, not a database. "), 10), 0o600)
	cases := []struct{ dsn, text string }{
		{notDB, "is not a SQLite database"},
		{"postgres://u:hunter2@127.0.0.1:1/gx?connect_timeout=2", "cannot reach PostgreSQL at 127.0.0.1:1"},
		{"postgres://u:hunter2@127.0.0.1:port/gx", "malformed PostgreSQL address"},
		{"mysql://root@localhost/gx", "unsupported database address"},
	}
	for _, c := range cases {
		code, _, errOut := run(t, "", "migrate", "--db", c.dsn)
		if code != 1 || !strings.Contains(errOut, c.text) || strings.Contains(errOut, "hunter2") || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("migrate --db %s = %d %q; want exit 1, one line with %q and no password", c.dsn, code, errOut, c.text)
		}
	}
}

func TestUsersAndTokens(t *testing.T) {
	path := demoDB(t)
	code, out, _ := run(t, "Secret-pass-1\n", "user", "add", "--db", path, "--name", "zhao", "--role", "reporter", "--unit", "QCJD", "--password-stdin")
	if code != 0 || !strings.Contains(out, "added zhao (reporter) in 清池街道") {
		t.Fatalf("user add = %d %q", code, out)
	}
	code, _, errOut := run(t, "Secret-pass-1\n", "user", "add", "--db", path, "--name", "zhao", "--role", "viewer", "--password-stdin")
	if code != 1 || !strings.Contains(errOut, "用户名“zhao”已存在。") {
		t.Fatalf("duplicate user add = %d %q", code, errOut)
	}
	code, out, _ = run(t, "", "user", "add", "--db", path, "--name", "qian", "--role", "viewer")
	if code != 0 || !regexp.MustCompile(`temporary password: \S{16}`).MatchString(out) {
		t.Fatalf("user add with a generated password = %d %q", code, out)
	}
	code, out, _ = run(t, "", "token", "create", "--db", path, "--user", "zhao", "--name", "报表脚本")
	if code != 0 || !regexp.MustCompile(`^gx_[A-Za-z0-9_-]{40,}\n$`).MatchString(out) {
		t.Fatalf("token create = %d %q", code, out)
	}
	if code, _, errOut := run(t, "", "token", "create", "--db", path, "--user", "nobody"); code != 1 || !strings.Contains(errOut, `no user "nobody"`) {
		t.Fatalf("token for unknown user = %d %q", code, errOut)
	}
}

func TestImportExport(t *testing.T) {
	path := demoDB(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "units.csv")
	os.WriteFile(good, []byte("编码,名称,类型,考核类别,上级编码\nHTY,海洋产业园,园区,经济发展类,WFGX\n"), 0o600)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("编码,名称,类型,上级编码\nA1,甲,部门,WFGX\nA2,乙,车间,WFGX\n"), 0o600)
	if code, _, errOut := run(t, "", "import", "units", bad, "--db", path); code != 1 || !strings.Contains(errOut, "第 3 行“类型”列：“车间”不是单位类型") {
		t.Fatalf("bad import = %d %q", code, errOut)
	}
	if code, out, _ := run(t, "", "import", "units", good, "--db", path, "--dry-run"); code != 0 || !strings.Contains(out, "1 created") || !strings.Contains(out, "nothing saved") {
		t.Fatalf("dry run = %d %q", code, out)
	}
	if code, out, _ := run(t, "", "import", "--db", path, "units", good); code != 0 || !strings.Contains(out, "1 created, 0 updated, 0 unchanged") {
		t.Fatalf("import = %d %q", code, out)
	}
	code, out, _ := run(t, "", "export", "units", "--db", path, "--format", "json")
	if code != 0 || !strings.Contains(out, `"名称": "海洋产业园"`) || strings.Contains(out, `"A1"`) {
		t.Fatalf("export json = %d %.200q", code, out)
	}
	xlsxFile := filepath.Join(dir, "units.xlsx")
	if code, _, errOut := run(t, "", "export", "units", "--db", path, "-o", xlsxFile); code != 0 {
		t.Fatalf("export xlsx: %s", errOut)
	}
	// The exported workbook imports back without a change.
	if code, out, _ := run(t, "", "import", "units", xlsxFile, "--db", path); code != 0 || !strings.Contains(out, "0 created, 0 updated, 28 unchanged") {
		t.Fatalf("re-import of the export = %d %q", code, out)
	}
}

// tamper changes the database behind gaoxin's back.
func tamper(t *testing.T, path, stmt string) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

func TestAuditVerify(t *testing.T) {
	cases := []struct{ name, stmt, text string }{
		{"edited", `UPDATE audit_log SET after_json = '{"name":"改过的"}' WHERE seq = 5`, "audit entry 5: its content does not match its keyed hash"},
		{"deleted", `DELETE FROM audit_log WHERE seq = 7`, "audit entry 8: expected entry 7 here"},
		{"inserted", `INSERT INTO audit_log (seq, at, actor, address, action, entity, entity_id, before_json, after_json, prev_hash, hash)
			SELECT 100000, at, actor, address, action, entity, entity_id, before_json, after_json, hash, hash FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)`, "audit entry 100000: expected entry"},
		{"cut from the end", `DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)`, "removed from the end"},
		// The chain is whole, but a figure was doubled, a role raised and
		// a unit renamed behind gaoxin's back: each is named.
		{"figure doubled", `UPDATE figures SET value = value * 2 WHERE id = 2`, "figure 2 (北海街道 · SZ03 · 2019-01): value 116 in the database, 58 in audit entry"},
		{"role raised", `UPDATE users SET role = 'admin' WHERE login = 'xincheng.tb'`, "(xincheng.tb): role admin in the database, reporter in audit entry"},
		{"unit renamed", `UPDATE units SET name = '伪造' WHERE code = 'XCJD'`, "name 伪造 in the database, 新城街道 in audit entry"},
		{"target deleted", `DELETE FROM targets WHERE id = (SELECT MAX(id) FROM targets)`, "but not in the database"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := demoDB(t)
			code, out, _ := run(t, "", "audit", "verify", "--db", path)
			if code != 0 || !regexp.MustCompile(`audit trail sound: \d{4,} entries`).MatchString(out) {
				t.Fatalf("verify before tampering = %d %q", code, out)
			}
			tamper(t, path, c.stmt)
			code, _, errOut := run(t, "", "audit", "verify", "--db", path)
			if code != 1 || !strings.Contains(errOut, c.text) {
				t.Fatalf("verify after tampering = %d %q, want exit 1 naming %q", code, errOut, c.text)
			}
		})
	}
}

func TestBackup(t *testing.T) {
	path := demoDB(t)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if code, out, errOut := run(t, "", "backup", "--db", path, "-o", copyPath); code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("backup = %d %s%s", code, out, errOut)
	}
	d, err := db.Open(context.Background(), copyPath)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	d.QueryRow(context.Background(), "SELECT COUNT(*) FROM units").Scan(&n)
	d.Close()
	if n != 27 {
		t.Fatalf("the backup holds %d units, want 27", n)
	}
	if code, _, errOut := run(t, "", "backup", "--db", path, "-o", copyPath); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("backup over an existing file = %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "", "backup", "--db", "postgres://localhost/gx", "-o", "x.dump"); code != 1 || !strings.Contains(errOut, "pg_dump") {
		t.Fatalf("backup of PostgreSQL = %d %q", code, errOut)
	}
}

// gaoxin demo on a database that holds the demo serves it as it is (the
// loading itself is demoDB's first call).
func TestDemoServesAndShutsDown(t *testing.T) {
	path := demoDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- cli.Run(ctx, []string{"demo", "--db", path, "--addr", "127.0.0.1:0"}, strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	var base string
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if m := regexp.MustCompile(`Open (http://\S+)`).FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if base == "" {
		t.Fatal("demo did not print where it serves")
	}
	// The sign-in page gives the form's token and its cookie, which the sign-in needs.
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(base + "/signin")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET /signin: %v", err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	token := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(page)
	if token == nil {
		t.Fatal("no token on the sign-in page")
	}
	res, err = client.PostForm(base+"/signin", url.Values{"login": {"kaohe"}, "password": {"gaoxin2019"}, "csrf": {string(token[1])}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in with the printed credentials: %v %v", res.StatusCode, err)
	}
	res.Body.Close()
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("demo exited %d after the signal", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("demo did not shut down")
	}
}

func TestPlanCopyAndIndicatorExport(t *testing.T) {
	path := demoDB(t)
	code, out, errOut := run(t, "", "export", "indicators", "--db", path, "--year", "2019", "--format", "json")
	if code != 0 {
		t.Fatalf("export = %d %s", code, errOut)
	}
	var rows []map[string]string
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	byCode := map[string]map[string]string{}
	for _, r := range rows {
		byCode[r["指标编码"]] = r
	}
	kj := byCode["KJ01"]
	if len(rows) != 35 || kj["确保目标"] != "3200" || kj["力争目标"] != "3500" || kj["截至月份"] != "10" ||
		kj["目标路径"] != "一个目标：加快迈入一流国家高新区行列 / 重点工作二：科技创新" || kj["状态"] == "" {
		t.Fatalf("export has %d rows; KJ01 = %v", len(rows), kj)
	}
	if g := byCode["KJ05"]; g["确保目标"] != "60" || g["目标年度"] != "2020" {
		t.Fatalf("gazelle firms = %v", g)
	}
	if code, _, errOut := run(t, "", "export", "indicators", "--db", path); code != 2 || !strings.Contains(errOut, "--year is required") {
		t.Fatalf("export without a year = %d %q", code, errOut)
	}
	code, out, errOut = run(t, "", "plan", "copy", "--db", path, "--from", "2019", "--to", "2020")
	if code != 0 || !strings.Contains(out, "copied 2019") {
		t.Fatalf("plan copy = %d %s%s", code, out, errOut)
	}
	code, out, _ = run(t, "", "export", "indicators", "--db", path, "--year", "2020", "--format", "json")
	if code != 0 || strings.Count(out, `"指标编码"`) != 35 || !strings.Contains(out, `"确保目标": "3200"`) {
		t.Fatalf("2020 after the copy = %d %.300s", code, out)
	}
	if code, _, errOut := run(t, "", "plan", "copy", "--db", path, "--from", "2019", "--to", "2020"); code != 1 || !strings.Contains(errOut, "2020 年度的目标已经存在") {
		t.Fatalf("copying twice = %d %q", code, errOut)
	}
}

// gaoxin version names the version, the Go toolchain and the platform.
func TestVersion(t *testing.T) {
	var out, errs bytes.Buffer
	if code := cli.Run(context.Background(), []string{"version"}, strings.NewReader(""), &out, &errs); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	line := strings.TrimSpace(out.String())
	if !strings.HasPrefix(line, "gaoxin dev") || !strings.HasSuffix(line, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH) {
		t.Fatalf("version line %q", line)
	}
}

// The anchor printed before a rewrite proves it, even against someone
// holding the key; a corrupt anchor is bad usage, and a keyed trail read
// without its key is a one-line failure, with nothing changed.
func TestAuditAnchorAndKey(t *testing.T) {
	path := demoDB(t)
	code, anchor, _ := run(t, "", "audit", "anchor", "--db", path)
	anchor = strings.TrimSpace(anchor)
	if code != 0 || !regexp.MustCompile(`^\d+:[0-9a-f]{64}$`).MatchString(anchor) {
		t.Fatalf("audit anchor = %d %q", code, anchor)
	}
	if code, out, _ := run(t, "", "audit", "verify", "--db", path, "--anchor", anchor); code != 0 || !strings.Contains(out, "is the one anchored") {
		t.Errorf("verify against its own anchor = %d %q", code, out)
	}
	if code, _, errOut := run(t, "", "audit", "verify", "--db", path, "--anchor", "12:abc"); code != 2 || !strings.Contains(errOut, "not an audit anchor") {
		t.Errorf("a corrupt anchor = %d %q", code, errOut)
	}
	other := strings.Replace(anchor, ":", ":0", 1)[:len(anchor)]
	if code, _, errOut := run(t, "", "audit", "verify", "--db", path, "--anchor", other); code != 1 || !strings.Contains(errOut, "not the one the anchor holds") {
		t.Errorf("another anchor = %d %q", code, errOut)
	}
	var before int
	count := func() int {
		raw, _ := sql.Open("sqlite", path)
		defer raw.Close()
		var n int
		raw.QueryRow("SELECT COUNT(*) FROM audit_log").Scan(&n)
		return n
	}
	before = count()
	t.Setenv("GAOXIN_AUDIT_KEY_FILE", filepath.Join(t.TempDir(), "no-such.key"))
	if code, _, errOut := run(t, "", "audit", "verify", "--db", path); code != 1 || !strings.Contains(errOut, "no audit key is configured") {
		t.Errorf("verify without the key = %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "", "user", "add", "--db", path, "--name", "x1", "--role", "viewer"); code != 1 || !strings.Contains(errOut, "no audit key") {
		t.Errorf("a write without the key = %d %q", code, errOut)
	}
	if after := count(); after != before {
		t.Errorf("the trail grew from %d to %d without the key", before, after)
	}
	t.Setenv("GAOXIN_AUDIT_KEY", "zz")
	if code, _, errOut := run(t, "", "audit", "verify", "--db", path); code != 1 || !strings.Contains(errOut, "hexadecimal") {
		t.Errorf("a malformed key = %d %q", code, errOut)
	}
}
