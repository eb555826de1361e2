package cli

import (
	"errors"
	"fmt"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

func init() {
	importKinds["scheme"] = importKind{
		columns: "a YAML scheme file, one class of one year (docs/ASSESSMENT_SCHEME.md)",
		raw: func(e *env, d *db.DB, name string, body []byte, opt importOptions) (string, error) {
			if opt.Dry {
				f, _, err := assess.Parse(name, body)
				if err != nil {
					return "", err
				}
				return fmt.Sprintf("%d %s: %d items", f.Year, f.Class, len(f.Items)), nil
			}
			st, changed, err := assess.NewStore(d).Save(e.ctx, audit.System, name, body)
			if err != nil {
				return "", err
			}
			if !changed {
				return fmt.Sprintf("%d %s: the same as version %d, nothing added", st.Year, st.Class, st.Version), nil
			}
			return fmt.Sprintf("%d %s: version %d", st.Year, st.Class, st.Version), nil
		},
	}
	exportKinds["scheme"] = exportKind{
		raw: func(e *env, d *db.DB, year int, class string) ([]byte, error) {
			if year == 0 || class == "" {
				return nil, usagef("--year and --class are required for scheme")
			}
			st, err := assess.NewStore(d).Latest(e.ctx, year, class)
			if errors.Is(err, db.ErrNotFound) {
				return nil, fmt.Errorf("no scheme for %d %s", year, class)
			}
			return st.Body, err
		},
	}
}
