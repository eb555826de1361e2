package assess_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/demo"
)

// BenchmarkComputeProvince scores the province data set's 1,999 units as
// one class under a 100-item scheme at the four checkpoints, from a file
// database: reading the figures, targets, units, records and ratings,
// scoring, and explaining every item — what publishing a checkpoint for
// every class of a province does. Goal: under 2 s.
func BenchmarkComputeProvince(b *testing.B) {
	ctx := context.Background()
	d, err := db.Open(ctx, filepath.Join(b.TempDir(), "province.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	start := time.Now()
	if err := demo.GenerateScale(ctx, d, demo.ProvinceScale); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated the province data set in %s", time.Since(start).Round(time.Millisecond))
	units := provinceScheme(b, d)
	b.ReportAllocs()
	periods := []string{"Q1", "H1", "Q3", "Y"}
	for b.Loop() {
		all, err := assess.ComputeCheckpoints(ctx, d, demo.ScaleYear, periods, "全省")
		if err != nil {
			b.Fatal(err)
		}
		for _, period := range periods {
			if results := all[period]; len(results) != 1 || len(results[0].Units) != units {
				b.Fatalf("%s: %d classes", period, len(results))
			}
		}
	}
}

// provinceScheme puts every unit but the root into one class and adopts a
// scheme of 100 items over the indicators shared to the most units, the
// rules in turn; it returns how many units the class has.
func provinceScheme(b *testing.B, d *db.DB) int {
	b.Helper()
	ctx := context.Background()
	var units int
	err := d.Write(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE units SET class = '全省' WHERE parent_id IS NOT NULL`); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT COUNT(*) FROM units WHERE class = '全省'`).Scan(&units)
	})
	if err != nil {
		b.Fatal(err)
	}
	rows, err := d.Query(ctx, `SELECT i.code FROM indicators i JOIN assignments a ON a.indicator_id = i.id
		WHERE i.direction IN ('higher', 'lower') GROUP BY i.code ORDER BY COUNT(*) DESC, i.code LIMIT 100`)
	if err != nil {
		b.Fatal(err)
	}
	var codes []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		codes = append(codes, c)
	}
	rows.Close()
	rules := []string{
		"proportional:\n        cap: 120%",
		"threshold:\n        partial: 50%\n        partial_from: 80%",
		"linear:\n        up:\n          - from: 0\n            slope: 0.02\n        down:\n          - from: 0\n            slope: 0.03\n        bonus_cap: 0.3\n        deduction_cap: 0.5",
		"efficacy:\n        disallowed: 0\n        satisfactory: 1000",
		"stretch:\n        at_committed: 80%",
		"growth:\n        flat: 80%\n        step: 5\n        per_step: 5%",
		"rank:\n        step: 0.01",
		"count:\n        each: 0.01",
	}
	var f strings.Builder
	f.WriteString("year: " + fmt.Sprint(demo.ScaleYear) + "\nclass: 全省\nname: 全省综合考核方案\ncheckpoints:\n")
	for _, c := range []string{"Q1: 15%", "H1: 25%", "Q3: 25%", "Y: 35%"} {
		period, weight, _ := strings.Cut(c, ": ")
		f.WriteString("  - period: \"" + period + "\"\n    weight: " + weight + "\n")
	}
	f.WriteString("items:\n")
	for i, code := range codes {
		fmt.Fprintf(&f, "  - code: %s\n    name: 指标%d\n    indicator: %s\n    points: 1\n    missing: exclude\n    rule:\n      %s\n", code, i, code, rules[i%len(rules)])
	}
	f.WriteString("grades:\n  - name: 优秀\n    min: 90\n  - name: 良好\n    min: 80\n  - name: 一般\n    min: 0\ntop_quota: 30%\n")
	if _, _, err := assess.NewStore(d).Save(ctx, audit.System, "province.yaml", []byte(f.String())); err != nil {
		b.Fatal(err)
	}
	return units
}
