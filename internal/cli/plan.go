package cli

import (
	"fmt"

	"gaoxin/internal/audit"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

func runPlan(e *env) error {
	args, err := e.sub("copy", "gaoxin plan copy --from YEAR --to YEAR")
	if err != nil {
		return err
	}
	cfg := defaultConfig()
	fs := e.flags("plan copy", "plan copy --from YEAR --to YEAR [--db DSN]",
		"Start next year's plan from this year's: the same tree, indicators, sharing and the\ntargets in force at year end, for the assessment office to revise; and open the\nnew year's reporting periods with the same deadlines. The old year is not touched.")
	cfg.DBFlag(fs)
	from := fs.Int("from", 0, "the year to copy (required)")
	to := fs.Int("to", 0, "the new year (required)")
	if _, err := e.parse(fs, args); err != nil {
		return err
	}
	if *from == 0 || *to == 0 {
		return usagef("--from and --to are required")
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	p, err := plan.NewStore(d).CopyPlan(e.ctx, audit.System, *from, *to)
	if err != nil {
		return err
	}
	rs := report.NewStore(d)
	due, grace := 10, 3
	if old, err := rs.Periods(e.ctx, *from); err == nil && len(old) > 0 {
		fmt.Sscanf(old[0].DueOn[8:], "%d", &due)
		grace = old[0].GraceDays
	}
	if _, err := rs.OpenYear(e.ctx, audit.System, *to, due, grace); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "copied %d into %s; periods of %d open, due on the %dth of the next month\n", *from, p.Name, *to, due)
	return nil
}
