package project

import (
	"context"
	"slices"
	"strings"

	"gaoxin/internal/db"
)

// ledgerRefs are what a ledger's names are matched to.
type ledgerRefs struct {
	unitsByCode map[string]unitRef
	unitsByName map[string][]unitRef
	categories  map[string]string // code, Chinese and English name → code
	projects    map[string]int64  // code → id
}

type unitRef struct {
	id         int64
	code, name string
	active     bool
}

func loadLedgerRefs(ctx context.Context, q db.Querier) (*ledgerRefs, error) {
	refs := &ledgerRefs{unitsByCode: map[string]unitRef{}, unitsByName: map[string][]unitRef{},
		categories: map[string]string{}, projects: map[string]int64{}}
	rows, err := q.Query(ctx, "SELECT id, code, name, active FROM units")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var u unitRef
		if err := rows.Scan(&u.id, &u.code, &u.name, &u.active); err != nil {
			rows.Close()
			return nil, err
		}
		refs.unitsByCode[u.code] = u
		refs.unitsByName[u.name] = append(refs.unitsByName[u.name], u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.Query(ctx, "SELECT code, name, name_en FROM project_categories")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var code, name, nameEN string
		if err := rows.Scan(&code, &name, &nameEN); err != nil {
			rows.Close()
			return nil, err
		}
		for _, k := range []string{code, name, nameEN} {
			if k != "" {
				refs.categories[strings.ToLower(k)] = code
			}
		}
		refs.categories[code] = code // a code wins over another's name
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.Query(ctx, "SELECT id, code FROM projects")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		refs.projects[code] = id
	}
	return refs, rows.Err()
}

// unit finds a unit by code, else by full name; a message key says why not.
func (r *ledgerRefs) unit(text string) (int64, string) {
	u, ok := r.unitsByCode[text]
	if !ok {
		switch named := r.unitsByName[text]; len(named) {
		case 0:
			return 0, "project.err.unit_unknown"
		case 1:
			u = named[0]
		default:
			return 0, "projectio.err.unit_ambiguous"
		}
	}
	if !u.active {
		return 0, "projectio.err.unit_inactive"
	}
	return u.id, ""
}

// resolve matches a row's units and category, noting what it cannot match.
func (f *ledger) resolve(row *ledgerRow, refs *ledgerRefs) Project {
	p := row.p
	if row.lead != "" {
		id, key := refs.unit(row.lead)
		if key != "" {
			f.rowBad(row, "lead_unit", key, row.lead)
		}
		p.LeadUnitID = id
	}
	p.Cooperators = nil
	for _, name := range row.cooperators {
		id, key := refs.unit(name)
		if key != "" {
			f.rowBad(row, "cooperators", key, name)
		} else if id != p.LeadUnitID && !slices.Contains(p.Cooperators, id) {
			p.Cooperators = append(p.Cooperators, id)
		}
	}
	slices.Sort(p.Cooperators)
	if p.Category != "" {
		code, ok := refs.categories[p.Category]
		if !ok {
			code, ok = refs.categories[strings.ToLower(p.Category)]
		}
		if !ok {
			f.rowBad(row, "category", "project.err.category", p.Category)
		}
		p.Category = code
	}
	return p
}
