package project

import (
	"context"
	"errors"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/report"
)

// Store reads and writes projects, their plans, nodes, reports and
// problems, and keeps the figures of bound indicators in step with them.
type Store struct {
	db      *db.DB
	reports *report.Store
	now     func() time.Time
	// pending, when set, collects the years whose bound figures a batch of
	// writes changed, to refresh them once at its end (see batched) rather
	// than after each of its rows.
	pending map[int]bool
}

// NewStore gives a Store on d with the real clock.
func NewStore(d *db.DB) *Store {
	return &Store{db: d, reports: report.NewStore(d), now: db.Now}
}

// SetClock replaces the clock (the demo pins 2019; tests pin a day).
func (s *Store) SetClock(now func() time.Time) {
	s.now = now
	s.reports.SetClock(now)
}

// Today is the store's China date, 2006-01-02.
func (s *Store) Today() string { return s.now().In(chinaTime).Format(dateLayout) }

// Now is the store's notion of the present.
func (s *Store) Now() time.Time { return s.now() }

var chinaTime = time.FixedZone("CST", 8*3600)

const dateLayout = "2006-01-02"

// Categories lists the configured categories in display order.
func (s *Store) Categories(ctx context.Context) ([]Category, error) {
	rows, err := s.db.Query(ctx, "SELECT code, name, name_en, sort_order FROM project_categories ORDER BY sort_order, code")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Category
	for rows.Next() {
		var c Category
		if err := rows.Scan(&c.Code, &c.Name, &c.NameEN, &c.Order); err != nil {
			return nil, err
		}
		list = append(list, c)
	}
	return list, rows.Err()
}

// AddCategory adds a category to the list.
func (s *Store) AddCategory(ctx context.Context, who audit.Actor, c Category) error {
	c.Code, c.Name, c.NameEN = strings.TrimSpace(c.Code), strings.TrimSpace(c.Name), strings.TrimSpace(c.NameEN)
	if c.Code == "" || c.Name == "" {
		return i18n.Invalid("code", "project.err.category_fields")
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, "INSERT INTO project_categories (code, name, name_en, sort_order) VALUES ($1, $2, $3, $4)",
			c.Code, c.Name, c.NameEN, c.Order)
		if errors.Is(err, db.ErrConflict) {
			return i18n.Invalid("code", "project.err.category_taken", c.Code)
		} else if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "project.category", "project_category", c.Code, nil, c)
	})
}

// Create adds a project with its cooperating units.
func (s *Store) Create(ctx context.Context, who audit.Actor, p Project) (Project, error) {
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		p, err = s.create(ctx, tx, who, p)
		return err
	})
	return p, err
}

func (s *Store) create(ctx context.Context, tx *db.Tx, who audit.Actor, p Project) (Project, error) {
	if verr := p.validate(); verr != nil {
		return Project{}, verr
	}
	if err := checkCategory(ctx, tx, p.Category); err != nil {
		return Project{}, err
	}
	now := s.now()
	p.CreatedAt, p.UpdatedAt = now, now
	var err error
	p.ID, err = tx.Insert(ctx, `INSERT INTO projects (code, name, category, cluster, lead_unit_id, leader, investor, location,
		total_investment, content, capacity, start_year, end_year, level, tags, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
		p.Code, p.Name, p.Category, p.Cluster, p.LeadUnitID, p.Leader, p.Investor, p.Location, p.TotalInvestment,
		p.Content, p.Capacity, p.StartYear, p.EndYear, string(p.Level), strings.Join(p.Tags, ","), now, now)
	switch {
	case errors.Is(err, db.ErrConflict):
		return Project{}, i18n.Invalid("code", "project.err.code_taken", p.Code)
	case errors.Is(err, db.ErrConstraint):
		return Project{}, i18n.Invalid("lead_unit", "project.err.unit")
	case err != nil:
		return Project{}, err
	}
	if err := writeCooperators(ctx, tx, p); err != nil {
		return Project{}, err
	}
	return p, audit.Record(ctx, tx, who, "project.create", "project", p.ID, nil, p)
}

// Update changes a project's record; its code stays.
func (s *Store) Update(ctx context.Context, who audit.Actor, p Project) (Project, error) {
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := projectByID(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		p.Code = before.Code
		if verr := p.validate(); verr != nil {
			return verr
		}
		if err := checkCategory(ctx, tx, p.Category); err != nil {
			return err
		}
		if p, err = s.updateRecord(ctx, tx, who, before, p); err != nil {
			return err
		}
		return s.refreshProject(ctx, tx, who, before, p)
	})
	return p, err
}

// updateRecord stores a project's new record, checked already, inside tx,
// without the refresh of its bound figures: Update refreshes after it, an
// import once for all its rows.
func (s *Store) updateRecord(ctx context.Context, tx *db.Tx, who audit.Actor, before, p Project) (Project, error) {
	p.ID, p.Code, p.CreatedAt, p.UpdatedAt = before.ID, before.Code, before.CreatedAt, s.now()
	_, err := tx.Exec(ctx, `UPDATE projects SET name = $1, category = $2, cluster = $3, lead_unit_id = $4, leader = $5,
		investor = $6, location = $7, total_investment = $8, content = $9, capacity = $10, start_year = $11,
		end_year = $12, level = $13, tags = $14, updated_at = $15 WHERE id = $16`,
		p.Name, p.Category, p.Cluster, p.LeadUnitID, p.Leader, p.Investor, p.Location, p.TotalInvestment, p.Content,
		p.Capacity, p.StartYear, p.EndYear, string(p.Level), strings.Join(p.Tags, ","), p.UpdatedAt, p.ID)
	if errors.Is(err, db.ErrConstraint) {
		return Project{}, i18n.Invalid("lead_unit", "project.err.unit")
	} else if err != nil {
		return Project{}, err
	}
	if _, err := tx.Exec(ctx, "DELETE FROM project_units WHERE project_id = $1", p.ID); err != nil {
		return Project{}, err
	}
	if err := writeCooperators(ctx, tx, p); err != nil {
		return Project{}, err
	}
	return p, audit.Record(ctx, tx, who, "project.update", "project", p.ID, before, p)
}

func checkCategory(ctx context.Context, q db.Querier, code string) error {
	var n int
	if err := q.QueryRow(ctx, "SELECT COUNT(*) FROM project_categories WHERE code = $1", code).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return i18n.Invalid("category", "project.err.category", code)
	}
	return nil
}

func writeCooperators(ctx context.Context, tx *db.Tx, p Project) error {
	seen := map[int64]bool{p.LeadUnitID: true}
	for _, u := range p.Cooperators {
		if seen[u] {
			continue
		}
		seen[u] = true
		_, err := tx.Exec(ctx, "INSERT INTO project_units (project_id, unit_id) VALUES ($1, $2)", p.ID, u)
		if errors.Is(err, db.ErrConstraint) {
			return i18n.Invalid("cooperators", "project.err.unit")
		} else if err != nil {
			return err
		}
	}
	return nil
}

const projectColumns = `id, code, name, category, cluster, lead_unit_id, leader, investor, location, total_investment,
	content, capacity, start_year, end_year, level, tags, created_at, updated_at`

func scanProject(r interface{ Scan(...any) error }) (Project, error) {
	var p Project
	var level, tags string
	err := r.Scan(&p.ID, &p.Code, &p.Name, &p.Category, &p.Cluster, &p.LeadUnitID, &p.Leader, &p.Investor, &p.Location,
		&p.TotalInvestment, &p.Content, &p.Capacity, &p.StartYear, &p.EndYear, &level, &tags, &p.CreatedAt, &p.UpdatedAt)
	p.Level = Level(level)
	if tags != "" {
		p.Tags = strings.Split(tags, ",")
	}
	return p, err
}

func projectByID(ctx context.Context, q db.Querier, id int64) (Project, error) {
	p, err := scanProject(q.QueryRow(ctx, "SELECT "+projectColumns+" FROM projects WHERE id = $1", id))
	if err != nil {
		return Project{}, err
	}
	p.Cooperators, err = cooperators(ctx, q, id)
	return p, err
}

func cooperators(ctx context.Context, q db.Querier, id int64) ([]int64, error) {
	rows, err := q.Query(ctx, "SELECT unit_id FROM project_units WHERE project_id = $1 ORDER BY unit_id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []int64
	for rows.Next() {
		var u int64
		if err := rows.Scan(&u); err != nil {
			return nil, err
		}
		list = append(list, u)
	}
	return list, rows.Err()
}

// Project returns one project with its cooperating units, or db.ErrNotFound.
func (s *Store) Project(ctx context.Context, id int64) (Project, error) {
	return projectByID(ctx, s.db, id)
}

// ByCode returns the project with a code, or db.ErrNotFound.
func (s *Store) ByCode(ctx context.Context, code string) (Project, error) {
	var id int64
	if err := s.db.QueryRow(ctx, "SELECT id FROM projects WHERE code = $1", code).Scan(&id); err != nil {
		return Project{}, err
	}
	return s.Project(ctx, id)
}
