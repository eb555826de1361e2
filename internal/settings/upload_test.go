package settings_test

import (
	"context"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db/dbtest"
	"gaoxin/internal/settings"
)

func TestUploadMaxBytes(t *testing.T) {
	ctx := context.Background()
	d := dbtest.SQLite(t)
	limit := settings.NewUploadLimit(d)
	if n, err := settings.UploadMaxBytes(ctx, d); err != nil || n != 32<<20 || limit.Bytes(ctx) != 32<<20 {
		t.Fatalf("unset = %d, %v", n, err)
	}
	for value, want := range map[string]int64{"8": 8 << 20, " 100 ": 100 << 20, "0": 32 << 20, "-1": 32 << 20, "1.5": 32 << 20, "lots": 32 << 20} {
		if err := settings.Set(ctx, d, audit.System, settings.UploadMaxMB, value); err != nil {
			t.Fatal(err)
		}
		if n, err := settings.UploadMaxBytes(ctx, d); err != nil || n != want {
			t.Errorf("%q = %d, %v; want %d", value, n, err, want)
		}
	}
	// Read once, the limit is kept for a while rather than read per request.
	if n := limit.Bytes(ctx); n != 32<<20 {
		t.Errorf("cached limit = %d, want the value first read", n)
	}
}

func TestSizeMB(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		size, limit int64
		want        string
	}{
		{40*mb + 300, 32 * mb, "40"},
		{120 * mb, 32 * mb, "120"},
		{32*mb + 1, 32 * mb, "32.1"},
		{32*mb + mb/3, 32 * mb, "32.4"},
		{2*mb + 300, 1 * mb, "2"},
		{mb + mb/4, 1 * mb, "1.3"},
	} {
		if got := settings.SizeMB(c.size, c.limit); got != c.want {
			t.Errorf("SizeMB(%d, %d) = %s, want %s", c.size, c.limit, got, c.want)
		}
	}
}
