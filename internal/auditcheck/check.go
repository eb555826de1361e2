package auditcheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gaoxin/internal/assess"
	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/plan"
	"gaoxin/internal/report"
)

// Kinds are every audited kind of record held against the trail.
func Kinds() []audit.Kind {
	kinds := []audit.Kind{org.UnitKind(), auth.UserKind()}
	kinds = append(kinds, plan.AuditKinds()...)
	kinds = append(kinds, report.FigureKind())
	return append(kinds, assess.AuditKinds()...)
}

// Result is one verification.
type Result struct {
	ID      int64
	At      time.Time
	Actor   string
	Entries int64        // entries in the chain that verified
	Break   *audit.Break // the first break in the chain, if any
	Problem string       // what else kept the chain from verifying (no key, unkeyed trail)
	State   audit.StateReport
	Anchor  audit.Anchor // the head when it ran
}

// Sound says the chain is whole and the tables agree with it.
func (r Result) Sound() bool { return r.Break == nil && r.Problem == "" && r.State.Problems == 0 }

// Lines is the result as a person reads it, a line per finding.
func (r Result) Lines() []string {
	var out []string
	if r.Break != nil {
		out = append(out, "chain broken: "+r.Break.Error())
	}
	if r.Problem != "" {
		out = append(out, r.Problem)
	}
	for _, f := range r.State.Findings {
		out = append(out, f.String())
	}
	if extra := r.State.Problems - int64(len(r.State.Findings)); extra > 0 {
		out = append(out, fmt.Sprintf("… and %d more records", extra))
	}
	return out
}

// Run verifies the chain (against anchor when not nil) and the tables,
// and keeps the result.
func Run(ctx context.Context, d *db.DB, actor string, anchor *audit.Anchor) (Result, error) {
	res := Result{At: db.Now(), Actor: actor}
	head, err := audit.Head(ctx, d)
	if err != nil {
		return res, err
	}
	res.Anchor = head
	n, brk, err := audit.VerifyAnchored(ctx, d, anchor)
	switch {
	case errors.Is(err, audit.ErrNoKey), errors.Is(err, audit.ErrUnkeyed), errors.Is(err, audit.ErrKeyNotInRing):
		// What keeps the chain from being vouched for is a finding of
		// the run, not a failure to run it.
		res.Problem = err.Error()
	case err != nil:
		return res, err
	}
	res.Entries, res.Break = n, brk
	res.State, err = audit.CheckState(ctx, d, Kinds())
	if err != nil {
		return res, err
	}
	return res, keep(ctx, d, &res)
}

// keep stores a run for the audit page.
func keep(ctx context.Context, d *db.DB, res *Result) error {
	report, err := json.Marshal(res.Lines())
	if err != nil {
		return err
	}
	sound := 0
	if res.Sound() {
		sound = 1
	}
	return d.Write(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO audit_checks (at, actor, entries, records, sound, problems, report)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			res.At, res.Actor, res.Entries, res.State.Records, sound, res.Problems(), string(report)).Scan(&res.ID)
	})
}

// Problems counts what the run found: the records that disagree, and one
// for a chain that could not be vouched for.
func (r Result) Problems() int64 {
	n := r.State.Problems
	if r.Break != nil || r.Problem != "" {
		n++
	}
	return n
}

// Check is a kept run, as the audit page shows it.
type Check struct {
	ID       int64
	At       time.Time
	Actor    string
	Entries  int64
	Records  int64
	Sound    bool
	Problems int64
	Lines    []string
	Resolved bool
}

// Last is the latest kept run; ok is false when none ran yet.
func Last(ctx context.Context, q db.Querier) (Check, bool, error) {
	var c Check
	var sound, resolved int
	var report string
	err := q.QueryRow(ctx, `SELECT id, at, actor, entries, records, sound, problems, report, resolved
		FROM audit_checks ORDER BY id DESC LIMIT 1`).
		Scan(&c.ID, &c.At, &c.Actor, &c.Entries, &c.Records, &sound, &c.Problems, &report, &resolved)
	if errors.Is(err, db.ErrNotFound) {
		return c, false, nil
	} else if err != nil {
		return c, false, err
	}
	c.Sound, c.Resolved = sound == 1, resolved == 1
	json.Unmarshal([]byte(report), &c.Lines)
	return c, true, nil
}

// Failing is the latest run when it failed and nobody marked it
// resolved: what the office is shown on every page.
func Failing(ctx context.Context, q db.Querier) (Check, bool, error) {
	c, ok, err := Last(ctx, q)
	if err != nil || !ok || c.Sound || c.Resolved {
		return Check{}, false, err
	}
	return c, true, nil
}

// Resolve marks a failed run as dealt with, audited with the reason: the
// office has investigated and restored the data or accepted it.
func Resolve(ctx context.Context, d *db.DB, who audit.Actor, id int64, reason string) error {
	return d.Write(ctx, func(tx *db.Tx) error {
		n, err := tx.Exec(ctx, "UPDATE audit_checks SET resolved = 1 WHERE id = $1 AND sound = 0 AND resolved = 0", id)
		if err != nil {
			return err
		}
		if n != 1 {
			return db.ErrNotFound
		}
		return audit.Record(ctx, tx, who, "audit.resolve", "audit_check", id, nil, map[string]string{"reason": reason})
	})
}
