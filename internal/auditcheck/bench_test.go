package auditcheck_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/auditcheck"
	"gaoxin/internal/db"
	"gaoxin/internal/demo"
)

// BenchmarkVerifyProvince is `gaoxin audit verify` over the province data
// set (demo.ProvinceScale: 2,000 units, 2,000 indicators, 100,000
// assignments, twelve months of figures), stated by one baseline as
// `gaoxin generate` leaves it: the whole chain checked under the key, and
// every audited record read and held against the trail.
func BenchmarkVerifyProvince(b *testing.B) {
	ctx := context.Background()
	d, err := db.Open(ctx, filepath.Join(b.TempDir(), "province.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	audit.UseKeys(audit.RingOf(audit.NewKey()))
	defer audit.UseKeys(nil)
	start := time.Now()
	if err := demo.GenerateScale(ctx, d, demo.ProvinceScale); err != nil {
		b.Fatal(err)
	}
	stated, err := audit.Baseline(ctx, d, audit.System, auditcheck.Kinds())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("generated the province data set and stated %d records in %s", stated, time.Since(start).Round(time.Millisecond))
	b.ResetTimer()
	for range b.N {
		res, err := auditcheck.Run(ctx, d, "bench", nil)
		if err != nil {
			b.Fatal(err)
		}
		if !res.Sound() {
			b.Fatalf("the province does not verify: %v", res.Lines())
		}
		b.ReportMetric(float64(res.State.Records), "records")
		b.ReportMetric(float64(res.Entries), "entries")
	}
}
