package project

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// SetYear stores a project's plan for a year, replacing an earlier one.
// The year's investment cannot exceed what is left of the total, and a
// profile must rise month by month to the year's investment.
func (s *Store) SetYear(ctx context.Context, who audit.Actor, y Year) error {
	return s.db.Write(ctx, func(tx *db.Tx) error { return s.setYear(ctx, tx, who, y) })
}

func (s *Store) setYear(ctx context.Context, tx *db.Tx, who audit.Actor, y Year) error {
	p, err := projectByID(ctx, tx, y.ProjectID)
	if err != nil {
		return err
	}
	if verr := y.validate(p); verr != nil {
		return verr
	}
	before, err := yearOf(ctx, tx, y.ProjectID, y.Year)
	var old any
	if err == nil {
		old = before
		_, err = tx.Exec(ctx, `UPDATE project_years SET planned_investment = $1, profile = $2, progress_goal = $3,
			invested_before = $4 WHERE project_id = $5 AND year = $6`,
			y.PlannedInvestment, joinAmounts(y.Profile), y.ProgressGoal, y.InvestedBefore, y.ProjectID, y.Year)
	} else if errors.Is(err, db.ErrNotFound) {
		_, err = tx.Insert(ctx, `INSERT INTO project_years (project_id, year, planned_investment, profile, progress_goal, invested_before)
			VALUES ($1, $2, $3, $4, $5, $6)`, y.ProjectID, y.Year, y.PlannedInvestment, joinAmounts(y.Profile), y.ProgressGoal, y.InvestedBefore)
	}
	if err != nil {
		return err
	}
	if err := audit.Record(ctx, tx, who, "project.year", "project", y.ProjectID, old, y); err != nil {
		return err
	}
	return s.refresh(ctx, tx, who, y.Year, []int64{p.LeadUnitID})
}

func (y *Year) validate(p Project) *i18n.Error {
	y.ProgressGoal = strings.TrimSpace(y.ProgressGoal)
	switch {
	case y.Year < p.StartYear || y.Year > p.EndYear:
		return i18n.Invalid("year", "project.err.year_outside", y.Year, p.StartYear, p.EndYear)
	case y.PlannedInvestment < 0 || y.InvestedBefore < 0:
		return i18n.Invalid("planned_investment", "project.err.negative")
	case y.PlannedInvestment+y.InvestedBefore > p.TotalInvestment+1e-6:
		return i18n.Invalid("planned_investment", "project.err.plan_over_total",
			amount(y.PlannedInvestment), amount(p.TotalInvestment), amount(y.InvestedBefore))
	case len(y.Profile) != 0 && len(y.Profile) != 12:
		return i18n.Invalid("profile", "project.err.profile")
	}
	for m := 1; m < len(y.Profile); m++ {
		if y.Profile[m] < y.Profile[m-1] {
			return i18n.Invalid("profile", "project.err.profile")
		}
	}
	if len(y.Profile) == 12 && !near(y.Profile[11], y.PlannedInvestment) {
		return i18n.Invalid("profile", "project.err.profile")
	}
	return nil
}

func near(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }

// amount writes 万元 as offices do, without trailing zeros.
func amount(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func joinAmounts(list []float64) string {
	parts := make([]string, len(list))
	for i, v := range list {
		parts[i] = amount(v)
	}
	return strings.Join(parts, ",")
}

func splitAmounts(text string) []float64 {
	if text == "" {
		return nil
	}
	parts := strings.Split(text, ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		out[i], _ = strconv.ParseFloat(p, 64)
	}
	return out
}

func yearOf(ctx context.Context, q db.Querier, projectID int64, year int) (Year, error) {
	y := Year{ProjectID: projectID, Year: year}
	var profile string
	err := q.QueryRow(ctx, `SELECT planned_investment, profile, progress_goal, invested_before FROM project_years
		WHERE project_id = $1 AND year = $2`, projectID, year).Scan(&y.PlannedInvestment, &profile, &y.ProgressGoal, &y.InvestedBefore)
	y.Profile = splitAmounts(profile)
	return y, err
}

// YearOf returns a project's plan for a year, or db.ErrNotFound.
func (s *Store) YearOf(ctx context.Context, projectID int64, year int) (Year, error) {
	return yearOf(ctx, s.db, projectID, year)
}
