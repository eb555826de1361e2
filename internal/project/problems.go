package project

import (
	"context"
	"errors"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// AddProblem puts a problem on a project's list, open, raised today
// unless it says when.
func (s *Store) AddProblem(ctx context.Context, who audit.Actor, p Problem) (Problem, error) {
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		p, err = s.addProblem(ctx, tx, who, p)
		return err
	})
	return p, err
}

func (s *Store) addProblem(ctx context.Context, tx *db.Tx, who audit.Actor, p Problem) (Problem, error) {
	p.Title, p.Leader, p.Deadline = strings.TrimSpace(p.Title), strings.TrimSpace(p.Leader), strings.TrimSpace(p.Deadline)
	if p.RaisedOn == "" {
		p.RaisedOn = s.Today()
	}
	p.Closed, p.Resolution, p.ClosedOn = false, "", ""
	switch {
	case p.Title == "":
		return Problem{}, i18n.Invalid("title", "project.err.problem_title")
	case p.OwnerUnitID == 0:
		return Problem{}, i18n.Invalid("owner_unit", "project.err.unit")
	case !isDate(p.Deadline):
		return Problem{}, i18n.Invalid("deadline", "project.err.date", p.Deadline)
	case !isDate(p.RaisedOn):
		return Problem{}, i18n.Invalid("raised_on", "project.err.date", p.RaisedOn)
	}
	var err error
	p.ID, err = tx.Insert(ctx, `INSERT INTO project_problems (project_id, title, owner_unit_id, leader, deadline, status, raised_on)
		VALUES ($1, $2, $3, $4, $5, 'open', $6)`, p.ProjectID, p.Title, p.OwnerUnitID, p.Leader, p.Deadline, p.RaisedOn)
	if errors.Is(err, db.ErrConstraint) {
		return Problem{}, i18n.Invalid("owner_unit", "project.err.unit")
	} else if err != nil {
		return Problem{}, err
	}
	return p, audit.Record(ctx, tx, who, "project.problem", "project_problem", p.ID, nil, p)
}

// CloseProblem closes a problem; it closes only with a resolution.
func (s *Store) CloseProblem(ctx context.Context, who audit.Actor, id int64, resolution string) error {
	return s.db.Write(ctx, func(tx *db.Tx) error { return s.closeProblem(ctx, tx, who, id, resolution) })
}

func (s *Store) closeProblem(ctx context.Context, tx *db.Tx, who audit.Actor, id int64, resolution string) error {
	resolution = strings.TrimSpace(resolution)
	if resolution == "" {
		return i18n.Invalid("resolution", "project.err.resolution")
	}
	before, err := problemOf(ctx, tx, id)
	if err != nil {
		return err
	}
	if before.Closed {
		return i18n.Invalid("", "project.err.problem_closed")
	}
	after := before
	after.Closed, after.Resolution, after.ClosedOn = true, resolution, s.Today()
	if _, err := tx.Exec(ctx, "UPDATE project_problems SET status = 'closed', resolution = $1, closed_on = $2 WHERE id = $3",
		resolution, after.ClosedOn, id); err != nil {
		return err
	}
	return audit.Record(ctx, tx, who, "project.problem_close", "project_problem", id, before, after)
}

const problemColumns = "id, project_id, title, owner_unit_id, leader, deadline, status, resolution, raised_on, closed_on"

func scanProblem(r interface{ Scan(...any) error }) (Problem, error) {
	var p Problem
	var status string
	err := r.Scan(&p.ID, &p.ProjectID, &p.Title, &p.OwnerUnitID, &p.Leader, &p.Deadline, &status, &p.Resolution, &p.RaisedOn, &p.ClosedOn)
	p.Closed = status == "closed"
	return p, err
}

func problemOf(ctx context.Context, q db.Querier, id int64) (Problem, error) {
	return scanProblem(q.QueryRow(ctx, "SELECT "+problemColumns+" FROM project_problems WHERE id = $1", id))
}

// Problem returns one problem, or db.ErrNotFound.
func (s *Store) Problem(ctx context.Context, id int64) (Problem, error) {
	return problemOf(ctx, s.db, id)
}

// Problems lists a project's problems, open ones first, by deadline.
func (s *Store) Problems(ctx context.Context, projectID int64) ([]Problem, error) {
	rows, err := s.db.Query(ctx, "SELECT "+problemColumns+` FROM project_problems WHERE project_id = $1
		ORDER BY status DESC, deadline, id`, projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Problem
	for rows.Next() {
		p, err := scanProblem(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, p)
	}
	return list, rows.Err()
}
