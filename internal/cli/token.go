package cli

import (
	"errors"
	"fmt"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
)

func runToken(e *env) error {
	args, err := e.sub("create", "gaoxin token create --user LOGIN [--name PURPOSE]")
	if err != nil {
		return err
	}
	cfg := defaultConfig()
	fs := e.flags("token create", "token create --user LOGIN [--name PURPOSE]",
		"Print a new API token for a user. Send it as Authorization: Bearer TOKEN to\n/api/v1/…; list and revoke tokens on the Users → API tokens page.")
	cfg.DBFlag(fs)
	login := fs.String("user", "", "login name of the token's user (required)")
	name := fs.String("name", "", "what the token is for, shown in the token list")
	if _, err := e.parse(fs, args); err != nil {
		return err
	}
	if *login == "" {
		return usagef("--user is required")
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	users := auth.NewUsers(d)
	u, err := users.ByLogin(e.ctx, *login)
	if errors.Is(err, db.ErrNotFound) {
		return fmt.Errorf("no user %q", *login)
	} else if err != nil {
		return err
	}
	secret, _, err := users.CreateToken(e.ctx, audit.System, u.ID, *name)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, secret)
	return nil
}
