package cli_test

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zone.db")
	code, out, errOut := run(t, "", "generate", "--scale", "zone", "--db", path)
	if code != 0 || !strings.Contains(out, "100 units, 500 indicators, 3000 assignments") {
		t.Fatalf("generate = %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "", "generate", "--scale", "zone", "--db", path); code != 1 || !strings.Contains(errOut, "already has units") {
		t.Fatalf("generate into a filled database = %d %q; want exit 1, refused", code, errOut)
	}
	if code, _, errOut := run(t, "", "generate", "--scale", "city", "--db", path); code != 2 || !strings.Contains(errOut, "zone or province") {
		t.Fatalf("generate --scale city = %d %q; want a usage error", code, errOut)
	}
}
