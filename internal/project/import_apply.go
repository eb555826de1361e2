package project

import (
	"context"
	"errors"
	"slices"
	"strings"

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
// of the year, and of every other year of a project whose record changed.
func (s *Store) apply(ctx context.Context, tx *db.Tx, who audit.Actor, f *ledger, plans []*ledgerPlan) (ImportSummary, error) {
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
			if err := s.updateRecord(ctx, tx, who, *pl.before, p); err != nil {
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
	slices.Sort(years)
	for _, y := range slices.Compact(years) {
		if err := s.refresh(ctx, tx, who, y, nil); err != nil {
			return sum, err
		}
	}
	return sum, nil
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

// updateRecord stores a project's new record, checked already, as Update
// does but inside the import's transaction and without its refresh, which
// the import does once for all its rows.
func (s *Store) updateRecord(ctx context.Context, tx *db.Tx, who audit.Actor, before, p Project) error {
	p.ID, p.Code, p.CreatedAt, p.UpdatedAt = before.ID, before.Code, before.CreatedAt, s.now()
	_, err := tx.Exec(ctx, `UPDATE projects SET name = $1, category = $2, cluster = $3, lead_unit_id = $4, leader = $5,
		investor = $6, location = $7, total_investment = $8, content = $9, capacity = $10, start_year = $11,
		end_year = $12, level = $13, tags = $14, updated_at = $15 WHERE id = $16`,
		p.Name, p.Category, p.Cluster, p.LeadUnitID, p.Leader, p.Investor, p.Location, p.TotalInvestment, p.Content,
		p.Capacity, p.StartYear, p.EndYear, string(p.Level), strings.Join(p.Tags, ","), p.UpdatedAt, p.ID)
	if errors.Is(err, db.ErrConstraint) {
		return i18n.Invalid("lead_unit", "project.err.unit")
	} else if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "DELETE FROM project_units WHERE project_id = $1", p.ID); err != nil {
		return err
	}
	if err := writeCooperators(ctx, tx, p); err != nil {
		return err
	}
	return audit.Record(ctx, tx, who, "project.update", "project", p.ID, before, p)
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
