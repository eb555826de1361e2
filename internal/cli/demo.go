package cli

import (
	"fmt"

	"gaoxin/internal/demo"
)

func runDemo(e *env) error {
	cfg := defaultConfig()
	if cfg.DB == "gaoxin.db" {
		cfg.DB = "gaoxin-demo.db" // keep demo data away from a real database
	}
	fs := e.flags("demo", "demo [--db DSN] [--addr HOST:PORT] [--no-serve]",
		"Load the Weifang National High-tech Zone's 2019 (units and users for every role)\ninto the database, print how to sign in, then serve. A database that already\nholds the demo is served as it is.")
	cfg.ServeFlags(fs)
	noServe := fs.Bool("no-serve", false, "load the demo and stop")
	if _, err := e.parse(fs, e.args); err != nil {
		return err
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := e.ensureAuditKey(); err != nil {
		return err
	}
	loaded, err := demo.Load(e.ctx, d)
	if err != nil {
		return err
	}
	if loaded {
		fmt.Fprintf(e.stdout, "loaded the Weifang High-tech Zone 2019 demo into %s\n", cfg.DB)
	} else {
		fmt.Fprintf(e.stdout, "%s already holds the demo\n", cfg.DB)
	}
	if *noServe {
		printAccounts(e, "")
		return nil
	}
	return serve(e, d, cfg, func(addr string) { printAccounts(e, "http://"+addr) })
}

func printAccounts(e *env, url string) {
	if url != "" {
		fmt.Fprintf(e.stdout, "\nOpen %s and sign in with any of these (password %s):\n", url, demo.Password)
	} else {
		fmt.Fprintf(e.stdout, "\nDemo accounts (password %s):\n", demo.Password)
	}
	for _, a := range demo.Accounts {
		fmt.Fprintf(e.stdout, "  %-16s %-15s %s\n", a.Login, a.Role, a.UnitName)
	}
	fmt.Fprintln(e.stdout)
}
