package project

import (
	"context"
	"errors"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// importView is the import as the audit trail records it.
type importView struct {
	File     string `json:"file"`
	Year     int    `json:"year"`
	Projects int    `json:"projects"`
	Nodes    int    `json:"nodes"`
}

// apply writes checked plans inside tx, then refreshes the bound figures
// of the year, and of every other year of a project whose record changed,
// once for the whole file.
func (s *Store) apply(ctx context.Context, tx *db.Tx, who audit.Actor, f *ledger, plans []*ledgerPlan) (ImportSummary, error) {
	s = s.batched()
	var sum ImportSummary
	years := []int{f.year}
	for _, pl := range plans {
		p := pl.p
		switch {
		case pl.before == nil:
			created, err := s.create(ctx, tx, who, p)
			if err != nil {
				return sum, f.writeFailure(pl.row, err)
			}
			p = created
		case pl.changed:
			if _, err := s.updateRecord(ctx, tx, who, *pl.before, p); err != nil {
				return sum, f.writeFailure(pl.row, err)
			}
			more, err := planYears(ctx, tx, p.ID)
			if err != nil {
				return sum, err
			}
			years = append(years, more...)
		}
		if pl.setYear {
			y := pl.y
			y.ProjectID = p.ID
			if err := s.setYear(ctx, tx, who, y); err != nil {
				return sum, f.writeFailure(pl.row, err)
			}
		}
		for _, n := range pl.nodes {
			n.ProjectID = p.ID
			if err := s.setNode(ctx, tx, who, n); err != nil {
				return sum, f.writeFailure(pl.row, err)
			}
		}
		sum.Projects++
		sum.Nodes += pl.plannedOn
	}
	view := importView{File: f.t.File, Year: f.year, Projects: sum.Projects, Nodes: sum.Nodes}
	if err := audit.Record(ctx, tx, who, "project.import", "project_import", f.year, nil, view); err != nil {
		return sum, err
	}
	for _, y := range years {
		s.pending[y] = true
	}
	return sum, s.flush(ctx, tx, who)
}

// writeFailure turns a refusal met while writing — a code taken since the
// check, say — into the row's import error.
func (f *ledger) writeFailure(row *ledgerRow, err error) error {
	var verr *i18n.Error
	if !errors.As(err, &verr) {
		return err
	}
	column := ""
	if verr.Field != "" {
		column = f.header(verr.Field)
	}
	return &i18n.ImportError{File: f.t.File, Rows: []i18n.RowError{{Sheet: f.t.Sheet, Row: row.line, Column: column, Msg: verr.Msg}}}
}

// planYears lists the years a project has a plan for.
func planYears(ctx context.Context, q db.Querier, projectID int64) ([]int, error) {
	rows, err := q.Query(ctx, "SELECT year FROM project_years WHERE project_id = $1", projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		years = append(years, y)
	}
	return years, rows.Err()
}
