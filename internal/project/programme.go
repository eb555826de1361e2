package project

import (
	"context"
	"errors"
	"strings"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Programme is a batch of livelihood works (民生实事 2019 第一批).
type Programme struct {
	ID   int64
	Year int
	Code string
	Name string
}

// ItemLevel is a level of a programme's tree.
type ItemLevel string

const (
	LevelCategory ItemLevel = "category" // 大类
	LevelItem     ItemLevel = "item"     // 项
	LevelPiece    ItemLevel = "piece"    // 子项: a project of its own
)

// Item is a node of a programme's tree. A piece points to its project.
type Item struct {
	ID          int64
	ProgrammeID int64
	ParentID    int64
	Level       ItemLevel
	Code        string
	Name        string
	ProjectID   int64
	Order       int
}

// CreateProgramme adds a programme.
func (s *Store) CreateProgramme(ctx context.Context, who audit.Actor, g Programme) (Programme, error) {
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		g, err = createProgramme(ctx, tx, who, g)
		return err
	})
	return g, err
}

func createProgramme(ctx context.Context, tx *db.Tx, who audit.Actor, g Programme) (Programme, error) {
	g.Code, g.Name = strings.TrimSpace(g.Code), strings.TrimSpace(g.Name)
	if g.Code == "" || g.Name == "" {
		return Programme{}, i18n.Invalid("name", "project.err.programme")
	}
	var err error
	g.ID, err = tx.Insert(ctx, "INSERT INTO programmes (year, code, name) VALUES ($1, $2, $3)", g.Year, g.Code, g.Name)
	if errors.Is(err, db.ErrConflict) {
		return Programme{}, i18n.Invalid("code", "project.err.code_taken", g.Code)
	} else if err != nil {
		return Programme{}, err
	}
	return g, audit.Record(ctx, tx, who, "programme.create", "programme", g.ID, nil, g)
}

// AddItem adds a node under parent (0 for a category). A category sits at
// the top, an item under a category, a piece under an item with its project.
func (s *Store) AddItem(ctx context.Context, who audit.Actor, it Item) (Item, error) {
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		it, err = addItem(ctx, tx, who, it)
		return err
	})
	return it, err
}

func addItem(ctx context.Context, tx *db.Tx, who audit.Actor, it Item) (Item, error) {
	it.Code, it.Name = strings.TrimSpace(it.Code), strings.TrimSpace(it.Name)
	if it.Code == "" || it.Name == "" {
		return Item{}, i18n.Invalid("name", "project.err.programme")
	}
	want := ItemLevel("")
	if it.ParentID != 0 {
		var parentLevel string
		var programme int64
		if err := tx.QueryRow(ctx, "SELECT level, programme_id FROM programme_items WHERE id = $1", it.ParentID).
			Scan(&parentLevel, &programme); err != nil || programme != it.ProgrammeID {
			return Item{}, i18n.Invalid("parent", "project.err.item_parent")
		}
		want = ItemLevel(parentLevel)
	}
	ok := it.Level == LevelCategory && want == "" || it.Level == LevelItem && want == LevelCategory ||
		it.Level == LevelPiece && want == LevelItem && it.ProjectID != 0
	if !ok {
		return Item{}, i18n.Invalid("level", "project.err.item_parent")
	}
	var err error
	it.ID, err = tx.Insert(ctx, `INSERT INTO programme_items (programme_id, parent_id, level, code, name, project_id, sort_order)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, it.ProgrammeID, nullID(it.ParentID), string(it.Level), it.Code, it.Name,
		nullID(it.ProjectID), it.Order)
	switch {
	case errors.Is(err, db.ErrConflict):
		return Item{}, i18n.Invalid("code", "project.err.code_taken", it.Code)
	case errors.Is(err, db.ErrConstraint):
		return Item{}, i18n.Invalid("project", "project.err.item_parent")
	case err != nil:
		return Item{}, err
	}
	return it, audit.Record(ctx, tx, who, "programme.item", "programme_item", it.ID, nil, it)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Programmes lists a year's programmes.
func (s *Store) Programmes(ctx context.Context, year int) ([]Programme, error) {
	rows, err := s.db.Query(ctx, "SELECT id, year, code, name FROM programmes WHERE year = $1 ORDER BY code", year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Programme
	for rows.Next() {
		var g Programme
		if err := rows.Scan(&g.ID, &g.Year, &g.Code, &g.Name); err != nil {
			return nil, err
		}
		list = append(list, g)
	}
	return list, rows.Err()
}

// Programme returns one programme, or db.ErrNotFound.
func (s *Store) Programme(ctx context.Context, id int64) (Programme, error) {
	var g Programme
	err := s.db.QueryRow(ctx, "SELECT id, year, code, name FROM programmes WHERE id = $1", id).Scan(&g.ID, &g.Year, &g.Code, &g.Name)
	return g, err
}

// TreeNode is a programme node with its children and its roll-up: how many
// items and pieces it holds and the money of its pieces (万元).
type TreeNode struct {
	Item
	Children    []*TreeNode
	Items       int
	Pieces      int
	Budget      float64 // Σ total investment of the pieces
	Planned     float64 // Σ this year's planned investment
	InvestedYTD float64
	Light       Color // the worst light among the pieces
	Row         *Row  // for a piece, its project's row
}

// Tree is a programme's categories with their items and pieces, each
// summed from the pieces' projects and their reports.
func (s *Store) Tree(ctx context.Context, g Programme) ([]*TreeNode, TreeNode, error) {
	rows, err := s.db.Query(ctx, `SELECT id, programme_id, COALESCE(parent_id, 0), level, code, name, COALESCE(project_id, 0), sort_order
		FROM programme_items WHERE programme_id = $1 ORDER BY sort_order, code`, g.ID)
	if err != nil {
		return nil, TreeNode{}, err
	}
	var all []*TreeNode
	for rows.Next() {
		n := &TreeNode{}
		var level string
		if err := rows.Scan(&n.ID, &n.ProgrammeID, &n.ParentID, &level, &n.Code, &n.Name, &n.ProjectID, &n.Order); err != nil {
			rows.Close()
			return nil, TreeNode{}, err
		}
		n.Level = ItemLevel(level)
		all = append(all, n)
	}
	rows.Close()
	portfolio, _, err := s.Portfolio(ctx, g.Year, Filter{})
	if err != nil {
		return nil, TreeNode{}, err
	}
	byProject := map[int64]*Row{}
	for i := range portfolio {
		byProject[portfolio[i].ID] = &portfolio[i]
	}
	byID := map[int64]*TreeNode{}
	for _, n := range all {
		byID[n.ID] = n
	}
	var top []*TreeNode
	for _, n := range all {
		if p := byID[n.ParentID]; p != nil {
			p.Children = append(p.Children, n)
		} else {
			top = append(top, n)
		}
	}
	total := TreeNode{Light: Green}
	for _, n := range top {
		n.sum(byProject)
		total.add(n)
		total.Items += n.Items
		total.Pieces += n.Pieces
	}
	return top, total, nil
}

func (n *TreeNode) sum(byProject map[int64]*Row) {
	n.Light = Green
	if n.Level == LevelPiece {
		n.Pieces = 1
		if r := byProject[n.ProjectID]; r != nil {
			n.Row = r
			n.Budget, n.Planned, n.InvestedYTD, n.Light = r.TotalInvestment, r.Year.PlannedInvestment, r.InvestedYTD, r.Light.Color
		}
		return
	}
	for _, c := range n.Children {
		c.sum(byProject)
		n.add(c)
		n.Pieces += c.Pieces
		n.Items += c.Items
		if c.Level == LevelItem {
			n.Items++
		}
	}
}

func (n *TreeNode) add(c *TreeNode) {
	n.Budget += c.Budget
	n.Planned += c.Planned
	n.InvestedYTD += c.InvestedYTD
	if c.Light.rank() > n.Light.rank() {
		n.Light = c.Light
	}
}
