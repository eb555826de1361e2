package cli_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// On PostgreSQL a backup is pg_dump's and a restore pg_restore's, as
// docs/OPERATIONS.md says: the demo loaded into one database, dumped and
// restored into another, exports every kind byte for byte the same. It
// runs where GAOXIN_TEST_POSTGRES names a server and pg_dump is installed.
func TestPgDumpRestoreRoundTrip(t *testing.T) {
	server := os.Getenv("GAOXIN_TEST_POSTGRES")
	if server == "" {
		t.Skip("GAOXIN_TEST_POSTGRES is not set")
	}
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	// Two databases of the test's own on the same server.
	dsn := func(name string) string {
		u, err := url.Parse(server)
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/" + name
		return u.String()
	}
	names := []string{fmt.Sprintf("gaoxin_dump_src_%d", os.Getpid()), fmt.Sprintf("gaoxin_dump_dst_%d", os.Getpid())}
	for _, name := range names {
		admin.Exec("DROP DATABASE IF EXISTS " + name)
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	}
	src, dst := dsn(names[0]), dsn(names[1])
	t.Setenv("GAOXIN_LANG", "zh")
	if code, out, errOut := run(t, "", "demo", "--db", src, "--no-serve"); code != 0 {
		t.Fatalf("demo on PostgreSQL = %d\n%s%s", code, out, errOut)
	}
	dump := filepath.Join(t.TempDir(), "gaoxin.dump")
	if out, err := exec.Command("pg_dump", "-Fc", "-f", dump, src).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	if out, err := exec.Command("pg_restore", "--no-owner", "-d", dst, dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	want, got := exportAll(t, src), exportAll(t, dst)
	for k, body := range want {
		if got[k] != body {
			t.Errorf("%s differs after pg_dump and pg_restore", k)
		}
	}
	if code, out, _ := run(t, "", "audit", "verify", "--db", dst); code != 0 {
		t.Errorf("audit verify of the restored database: %d %s", code, out)
	}
	if code, _, errOut := run(t, "", "restore", "-i", dump, "--db", dst); code != 1 || !strings.Contains(errOut, "pg_restore") {
		t.Errorf("gaoxin restore on PostgreSQL = %d: %s", code, errOut)
	}
}
