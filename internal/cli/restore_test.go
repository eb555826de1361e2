package cli_test

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// exportAll is every kind gaoxin exports, in CSV and JSON, from a database.
func exportAll(t *testing.T, dbPath string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, kind := range [][]string{{"units"}, {"indicators", "--year", "2019"}, {"peers", "--year", "2019"}, {"projects", "--year", "2019"},
		{"enterprises", "--year", "2019"}, {"scheme", "--year", "2019", "--class", "经济发展类"}} {
		for _, format := range []string{"csv", "json"} {
			if kind[0] == "scheme" && format == "json" {
				continue // the scheme is its YAML file, whatever the format
			}
			args := append([]string{"export"}, kind...)
			args = append(args, "--format", format, "--db", dbPath)
			code, body, errOut := run(t, "", args...)
			if code != 0 || len(body) < 100 {
				t.Fatalf("gaoxin %v = %d: %s", args, code, errOut)
			}
			out[kind[0]+"."+format] = body
		}
	}
	return out
}

// A backup restored into a new file exports every kind byte for byte as
// the database it was taken from; a broken or tampered backup is refused
// and the database in place is left as it was.
func TestBackupRestoreRoundTrip(t *testing.T) {
	source := demoDB(t)
	dir := t.TempDir()
	backup := filepath.Join(dir, "backup.db")
	if code, _, errOut := run(t, "", "backup", "-o", backup, "--db", source); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	target := filepath.Join(dir, "restored.db")
	code, out, errOut := run(t, "", "restore", "-i", backup, "--db", target)
	if code != 0 || !strings.Contains(out, "audit trail sound") {
		t.Fatalf("restore = %d: %s%s", code, out, errOut)
	}
	want, got := exportAll(t, source), exportAll(t, target)
	for k, body := range want {
		if got[k] != body {
			t.Errorf("%s differs after backup and restore", k)
		}
	}
	if code, out, _ := run(t, "", "audit", "verify", "--db", target); code != 0 || !strings.Contains(out, "sound") {
		t.Errorf("audit verify of the restored database: %d %s", code, out)
	}

	// Restoring over it needs --force, and keeps it.
	if code, _, errOut := run(t, "", "restore", "-i", backup, "--db", target); code != 1 || !strings.Contains(errOut, "--force") {
		t.Fatalf("restore over a database without --force = %d: %s", code, errOut)
	}
	// A backup that is not a database, and one whose audit trail was
	// edited, are refused; the database in place is untouched.
	before, _ := os.ReadFile(target)
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, bytes.Repeat([]byte("not a database "), 1000), 0o644)
	if code, _, errOut := run(t, "", "restore", "-i", junk, "--db", target, "--force"); code != 1 || !strings.Contains(errOut, "cannot be opened") {
		t.Fatalf("restore of a junk file = %d: %s", code, errOut)
	}
	tampered := filepath.Join(dir, "tampered.db")
	body, _ := os.ReadFile(backup)
	os.WriteFile(tampered, body, 0o644)
	raw, err := sql.Open("sqlite", tampered)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE audit_log SET actor = 'someone else' WHERE seq = 5"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if code, _, errOut := run(t, "", "restore", "-i", tampered, "--db", target, "--force"); code != 1 || !strings.Contains(errOut, "audit trail is broken") {
		t.Fatalf("restore of a tampered backup = %d: %s", code, errOut)
	}
	if after, _ := os.ReadFile(target); !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the database in place")
	}
	if matches, _ := filepath.Glob(target + ".*"); len(matches) != 0 {
		t.Fatalf("a refused restore left %v", matches)
	}
	// With --force a good backup replaces it, and the one replaced is kept.
	if code, out, errOut := run(t, "", "restore", "-i", backup, "--db", target, "--force"); code != 0 || !strings.Contains(out, "kept the database it replaces") {
		t.Fatalf("restore --force = %d: %s%s", code, out, errOut)
	}
	if kept, _ := filepath.Glob(target + ".replaced-*"); len(kept) != 1 {
		t.Fatalf("the replaced database was not kept: %v", kept)
	}
}
