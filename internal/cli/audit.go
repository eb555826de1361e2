package cli

import (
	"fmt"

	"gaoxin/internal/audit"
)

func runAudit(e *env) error {
	args, err := e.sub("verify", "gaoxin audit verify")
	if err != nil {
		return err
	}
	cfg := defaultConfig()
	fs := e.flags("audit verify", "audit verify [--db DSN]",
		"Walk the whole audit trail and check each entry's hash and its link to the one\nbefore. Exits 1 and names the first broken entry when a row was edited, inserted\nor deleted outside gaoxin.")
	cfg.DBFlag(fs)
	if _, err := e.parse(fs, args); err != nil {
		return err
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	n, brk, err := audit.Verify(e.ctx, d)
	if err != nil {
		return err
	}
	if brk != nil {
		return fmt.Errorf("audit trail broken: %v (%d entries before it are sound)", brk, n)
	}
	fmt.Fprintf(e.stdout, "audit trail sound: %d entries\n", n)
	return nil
}
