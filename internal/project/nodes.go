package project

import (
	"context"
	"errors"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// SetNode stores a stage node. A node marked done needs its actual date
// and its evidence, and the date cannot lie in the future.
func (s *Store) SetNode(ctx context.Context, who audit.Actor, n Node) error {
	return s.db.Write(ctx, func(tx *db.Tx) error { return s.setNode(ctx, tx, who, n) })
}

func (s *Store) setNode(ctx context.Context, tx *db.Tx, who audit.Actor, n Node) error {
	if verr := n.validate(s.Today()); verr != nil {
		return verr
	}
	p, err := projectByID(ctx, tx, n.ProjectID)
	if err != nil {
		return err
	}
	var before *Node
	if old, err := nodeOf(ctx, tx, n.ProjectID, n.Stage); err == nil {
		before = &old
		n.ID = old.ID
		_, err = tx.Exec(ctx, `UPDATE project_nodes SET planned_on = $1, actual_on = $2, owner = $3, evidence = $4, done = $5
			WHERE id = $6`, n.PlannedOn, n.ActualOn, n.Owner, n.Evidence, n.Done, n.ID)
		if err != nil {
			return err
		}
	} else if errors.Is(err, db.ErrNotFound) {
		n.ID, err = tx.Insert(ctx, `INSERT INTO project_nodes (project_id, stage, planned_on, actual_on, owner, evidence, done)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, n.ProjectID, string(n.Stage), n.PlannedOn, n.ActualOn, n.Owner, n.Evidence, n.Done)
		if err != nil {
			return err
		}
	} else {
		return err
	}
	var old any
	if before != nil {
		old = before
	}
	if err := audit.Record(ctx, tx, who, "project.node", "project", n.ProjectID, old, n); err != nil {
		return err
	}
	years := map[int]bool{}
	for _, d := range []string{n.ActualOn, n.PlannedOn} {
		if len(d) >= 4 {
			years[atoi(d[:4])] = true
		}
	}
	if before != nil && len(before.ActualOn) >= 4 {
		years[atoi(before.ActualOn[:4])] = true
	}
	for y := range years {
		if err := s.refresh(ctx, tx, who, y, []int64{p.LeadUnitID}); err != nil {
			return err
		}
	}
	return nil
}

func (n *Node) validate(today string) *i18n.Error {
	n.Owner, n.Evidence = strings.TrimSpace(n.Owner), strings.TrimSpace(n.Evidence)
	n.PlannedOn, n.ActualOn = strings.TrimSpace(n.PlannedOn), strings.TrimSpace(n.ActualOn)
	switch {
	case !n.Stage.Valid():
		return i18n.Invalid("stage", "project.err.stage", string(n.Stage))
	case n.PlannedOn != "" && !isDate(n.PlannedOn):
		return i18n.Invalid("planned_on", "project.err.date", n.PlannedOn)
	case n.ActualOn != "" && !isDate(n.ActualOn):
		return i18n.Invalid("actual_on", "project.err.date", n.ActualOn)
	case n.Done && n.ActualOn == "":
		return i18n.Invalid("actual_on", "project.err.done_date")
	case n.Done && n.Evidence == "":
		return i18n.Invalid("evidence", "project.err.done_evidence")
	case n.ActualOn > today:
		return i18n.Invalid("actual_on", "project.err.future", n.ActualOn, today)
	case !n.Done && n.ActualOn != "":
		return i18n.Invalid("actual_on", "project.err.actual_not_done")
	}
	return nil
}

func isDate(s string) bool {
	_, err := time.Parse(dateLayout, s)
	return err == nil
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

const nodeColumns = "id, project_id, stage, planned_on, actual_on, owner, evidence, done"

func scanNode(r interface{ Scan(...any) error }) (Node, error) {
	var n Node
	var stage string
	err := r.Scan(&n.ID, &n.ProjectID, &stage, &n.PlannedOn, &n.ActualOn, &n.Owner, &n.Evidence, &n.Done)
	n.Stage = Stage(stage)
	return n, err
}

func nodeOf(ctx context.Context, q db.Querier, projectID int64, st Stage) (Node, error) {
	return scanNode(q.QueryRow(ctx, "SELECT "+nodeColumns+" FROM project_nodes WHERE project_id = $1 AND stage = $2", projectID, string(st)))
}

// Nodes lists a project's nodes in the order of Stages.
func (s *Store) Nodes(ctx context.Context, projectID int64) ([]Node, error) {
	rows, err := s.db.Query(ctx, "SELECT "+nodeColumns+" FROM project_nodes WHERE project_id = $1", projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Node
	for rows.Next() {
		n, err := scanNode(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, n)
	}
	sortNodes(list)
	return list, rows.Err()
}

func stageIndex(s Stage) int {
	for i, x := range Stages {
		if x == s {
			return i
		}
	}
	return len(Stages)
}

func sortNodes(list []Node) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && stageIndex(list[j].Stage) < stageIndex(list[j-1].Stage); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}
