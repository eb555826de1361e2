package cli

import (
	"errors"
	"fmt"
	"gaoxin/internal/audit"
	"gaoxin/internal/auditcheck"
	"time"

	"gaoxin/internal/demo"
)

// scales are the sizes generate offers, by the name on its command line.
var scales = map[string]demo.Scale{"zone": demo.ZoneScale, "province": demo.ProvinceScale}

func runGenerate(e *env) error {
	cfg := defaultConfig()
	if cfg.DB == "gaoxin.db" {
		cfg.DB = "gaoxin-scale.db" // keep generated data away from a real database
	}
	fs := e.flags("generate", "generate --scale zone|province [--db DSN]",
		"Fill a fresh database with a generated data set for trying gaoxin at size and\nmeasuring it: a unit tree, a year's plan with indicators shared out to units,\ntargets and a year of approved figures. zone is 100 units, 500 indicators and\n3,000 assignments; province is 2,000 units, 2,000 indicators and 100,000\nassignments. A database that already has units is refused.")
	cfg.DBFlag(fs)
	name := fs.String("scale", "", "zone or province")
	if _, err := e.parse(fs, e.args); err != nil {
		return err
	}
	scale, ok := scales[*name]
	if !ok {
		return usagef("--scale must be zone or province")
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	start := time.Now()
	if err := demo.GenerateScale(e.ctx, d, scale); errors.Is(err, demo.ErrNotEmpty) {
		return fmt.Errorf("%s already has units: generate fills only a fresh database", cfg.DB)
	} else if err != nil {
		return err
	}
	// The generator writes in bulk, without an entry per record: one
	// baseline states them all, so that the data set verifies.
	if _, err := audit.Baseline(e.ctx, d, audit.System, auditcheck.Kinds()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "generated the %s data set into %s in %s: %d units, %d indicators, %d assignments, %d months of figures for %d\n",
		*name, cfg.DB, time.Since(start).Round(100*time.Millisecond), scale.Units, scale.Indicators, scale.Assignments, scale.Months, demo.ScaleYear)
	fmt.Fprintf(e.stdout, "it has no users yet: add one, e.g. gaoxin user add --db %s --name kaohe --role assessor --unit %s\n",
		cfg.DB, demo.ScaleRoot)
	return nil
}
