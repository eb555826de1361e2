package cli

import (
	"bufio"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

func runUser(e *env) error {
	args, err := e.sub("add", "gaoxin user add --name LOGIN --role ROLE [--unit CODE] [--password-stdin]")
	if err != nil {
		return err
	}
	cfg := defaultConfig()
	fs := e.flags("user add", "user add --name LOGIN --role ROLE [--unit CODE] [--display-name NAME] [--password-stdin]",
		"Add a user. Without --password-stdin a random temporary password is printed, and\nthe user must change it at first sign-in.\nRoles: admin, assessor, leader, unit_head, reporter, viewer.")
	cfg.DBFlag(fs)
	login := fs.String("name", "", "login name (required)")
	role := fs.String("role", "", "role (required)")
	unitCode := fs.String("unit", "", "code of the user's unit, the root of their scope (default: the zone)")
	display := fs.String("display-name", "", "full name shown in pages (default: the login name)")
	lang := fs.String("lang", "zh", "language of the pages: zh or en")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if _, err := e.parse(fs, args); err != nil {
		return err
	}
	if *login == "" || *role == "" {
		return usagef("--name and --role are required")
	}
	if !auth.Role(*role).Valid() {
		return usagef("unknown role %q: use admin, assessor, leader, unit_head, reporter or viewer", *role)
	}
	password, generated := "", false
	if *fromStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("no password on standard input")
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		password, generated = rand.Text()[:16], true
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	unit, err := findUnit(e, d, *unitCode)
	if err != nil {
		return err
	}
	u, err := auth.NewUsers(d).Create(e.ctx, audit.System, auth.NewUser{Login: *login, DisplayName: *display,
		Role: auth.Role(*role), UnitID: unit.ID, Password: password, Lang: i18n.Parse(*lang), MustChange: generated})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %s (%s) in %s\n", u.Login, u.Role, unit.Name)
	if generated {
		fmt.Fprintf(e.stdout, "temporary password: %s\n(to be changed at first sign-in)\n", password)
	}
	return nil
}

// findUnit returns the unit with code, or the only root when code is empty.
func findUnit(e *env, d *db.DB, code string) (org.Unit, error) {
	units := org.NewStore(d)
	if code != "" {
		u, err := units.ByCode(e.ctx, code)
		if errors.Is(err, db.ErrNotFound) {
			return u, fmt.Errorf("no unit with code %q", code)
		}
		return u, err
	}
	all, err := units.All(e.ctx)
	if err != nil {
		return org.Unit{}, err
	}
	var roots []org.Unit
	for _, u := range all {
		if u.ParentID == 0 {
			roots = append(roots, u)
		}
	}
	switch len(roots) {
	case 0:
		return org.Unit{}, errors.New("there are no units yet: import them first (gaoxin import units FILE)")
	case 1:
		return roots[0], nil
	}
	return org.Unit{}, usagef("there are several top-level units: name one with --unit CODE")
}
