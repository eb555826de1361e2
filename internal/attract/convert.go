package attract

import (
	"context"
	"errors"
	"strconv"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/project"
)

// Conversion is what a key project needs beyond what its lead already
// holds: the lead's name, investor, industry, expected investment and
// owner unit carry over, so nothing is typed twice.
type Conversion struct {
	Code              string // the project's code
	Category          string // a project category, e.g. "industrial"
	LeadUnitID        int64  // 0 for the lead's owner unit
	Leader            string
	Location          string
	Content           string
	StartYear         int // 0 for the year of today
	EndYear           int // 0 for StartYear
	Level             project.Level
	PlannedInvestment float64 // this year's plan; 0 for none yet
}

// Convert turns a signed lead into a key project in one transaction: the
// project is created through the project store, with this year's plan
// when one is given, and the lead keeps its id. A lead not yet signed,
// or already converted, is refused.
func (s *Store) Convert(ctx context.Context, who audit.Actor, leadID int64, c Conversion) (project.Project, error) {
	var p project.Project
	ps := project.NewStore(s.db)
	ps.SetClock(s.now)
	err := ps.Write(ctx, who, func(t *project.Tx) error {
		tx := t.DB()
		l, err := leadByID(ctx, tx, leadID)
		if err != nil {
			return err
		}
		switch {
		case !l.Stage.Reached(Signed):
			return i18n.Invalid("", "attract.err.convert_unsigned", l.Code)
		case l.ProjectID != 0:
			return i18n.Invalid("", "attract.err.converted", l.Code)
		case l.ExpectedInvestment <= 0:
			return i18n.Invalid("", "attract.err.convert_amount", l.Code)
		}
		year, _ := strconv.Atoi(s.Today()[:4])
		if c.StartYear == 0 {
			c.StartYear = year
		}
		if c.EndYear == 0 {
			c.EndYear = c.StartYear
		}
		if c.LeadUnitID == 0 {
			c.LeadUnitID = l.OwnerUnitID
		}
		p, err = t.Create(project.Project{
			Code: c.Code, Name: l.Name, Category: c.Category, Cluster: l.Industry, LeadUnitID: c.LeadUnitID,
			Leader: c.Leader, Investor: l.Name, Location: c.Location, TotalInvestment: l.ExpectedInvestment,
			Content: c.Content, StartYear: c.StartYear, EndYear: c.EndYear, Level: c.Level,
			Tags: []string{i18n.T(i18n.ZH, "attract.project_tag")},
		})
		if err != nil {
			return err
		}
		if c.PlannedInvestment > 0 {
			if err := t.SetYear(project.Year{ProjectID: p.ID, Year: year, PlannedInvestment: c.PlannedInvestment}); err != nil {
				return err
			}
		}
		return s.linkProject(ctx, tx, who, l, p.ID)
	})
	return p, err
}

func (s *Store) linkProject(ctx context.Context, tx *db.Tx, who audit.Actor, l Lead, projectID int64) error {
	before := l
	l.ProjectID, l.UpdatedAt = projectID, s.now()
	if _, err := tx.Exec(ctx, "UPDATE leads SET project_id = $1, updated_at = $2 WHERE id = $3", projectID, l.UpdatedAt, l.ID); err != nil {
		return err
	}
	return audit.Record(ctx, tx, who, "lead.convert", "lead", l.ID, before, l)
}

// Link records that a key project registered on its own came from a
// signed lead: the same link Convert makes, for a project that existed
// before its lead was entered.
func (s *Store) Link(ctx context.Context, who audit.Actor, leadID, projectID int64) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		l, err := leadByID(ctx, tx, leadID)
		if err != nil {
			return err
		}
		switch {
		case !l.Stage.Reached(Signed):
			return i18n.Invalid("", "attract.err.convert_unsigned", l.Code)
		case l.ProjectID != 0:
			return i18n.Invalid("", "attract.err.converted", l.Code)
		}
		err = s.linkProject(ctx, tx, who, l, projectID)
		if errors.Is(err, db.ErrConflict) {
			return i18n.Invalid("", "attract.err.project_linked")
		}
		return err
	})
}
