package enterprise

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/xlsx"
)

// write carries out the plan: new firms, figures and grants in multi-row
// INSERTs, the few records and figures replaced one statement each.
func (p *importPlan) write(ctx context.Context, tx *db.Tx) error {
	if err := p.insertFirms(ctx, tx); err != nil {
		return err
	}
	for _, u := range p.updates {
		e := u.After
		if _, err := tx.Exec(ctx, `UPDATE enterprises SET name = $1, unit_id = $2, industry = $3, address = $4, updated_at = $5
			WHERE id = $6`, e.Name, e.UnitID, e.Industry, e.Address, e.UpdatedAt, e.ID); err != nil {
			return err
		}
	}
	years := db.NewInserter(ctx, tx, "INSERT INTO enterprise_years (enterprise_id, year, revenue, employees, rd_spend, patents) VALUES ",
		"(?, ?, ?, ?, ?, ?)")
	for _, r := range p.newYears {
		r.y.EnterpriseID = r.e.ID
		if err := years.Add(r.e.ID, r.y.Year, r.y.Revenue, r.y.Employees, r.y.RDSpend, r.y.Patents); err != nil {
			return err
		}
	}
	if err := years.Flush(); err != nil {
		return err
	}
	for _, c := range p.changedYears {
		y := c.After
		if _, err := tx.Exec(ctx, `UPDATE enterprise_years SET revenue = $1, employees = $2, rd_spend = $3, patents = $4
			WHERE enterprise_id = $5 AND year = $6`, y.Revenue, y.Employees, y.RDSpend, y.Patents, y.EnterpriseID, y.Year); err != nil {
			return err
		}
	}
	grants := db.NewInserter(ctx, tx, `INSERT INTO enterprise_tiers (enterprise_id, tier, granted_on, expires_on, certificate, note, created_at)
		VALUES `, "(?, ?, ?, ?, '', '', ?)")
	for i := range p.grants {
		g := &p.grants[i]
		g.t.EnterpriseID = g.row.e.ID
		if err := grants.Add(g.t.EnterpriseID, string(g.t.Kind), g.t.GrantedOn, g.t.ExpiresOn, g.t.CreatedAt); err != nil {
			return err
		}
	}
	return grants.Flush()
}

// insertFirms writes the new firms and gives each row its firm's id, which
// comes back with the firm's code: the order of RETURNING is not promised.
func (p *importPlan) insertFirms(ctx context.Context, tx *db.Tx) error {
	byCode := make(map[string]*registerRow, len(p.creates))
	for _, r := range p.creates {
		byCode[r.e.CreditCode] = r
	}
	ins := db.NewInserter(ctx, tx, "INSERT INTO enterprises (credit_code, name, unit_id, industry, address, created_at, updated_at) VALUES ",
		"(?, ?, ?, ?, ?, ?, ?)").Returning("id, credit_code", func(rows *sql.Rows) error {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return err
		}
		byCode[code].e.ID = id
		return nil
	})
	for _, r := range p.creates {
		e := r.e
		if err := ins.Add(e.CreditCode, e.Name, e.UnitID, e.Industry, e.Address, e.CreatedAt, e.UpdatedAt); err != nil {
			return err
		}
	}
	if err := ins.Flush(); err != nil {
		return err
	}
	for _, r := range p.creates {
		if r.e.ID == 0 {
			return fmt.Errorf("enterprise import: no id came back for %s", r.e.CreditCode)
		}
	}
	return nil
}

// importAudit is an import as its one audit entry records it. An entry per
// row would be hundreds of thousands of serially hash-chained writes for a
// province's register; this one says what the file did: which file (its
// SHA-256 tells it from any other), the counts, the credit codes of the
// firms it created and of those whose figures of the year it wrote for the
// first time, the records and figures it replaced with what they were, and
// the grants it added.
type importAudit struct {
	File           string       `json:"file"`
	SHA256         string       `json:"sha256"`
	Year           int          `json:"year"`
	Created        int          `json:"created"`
	Updated        int          `json:"updated"`
	Unchanged      int          `json:"unchanged"`
	Years          int          `json:"years"`
	Tiers          int          `json:"tiers"`
	CreatedFirms   []string     `json:"created_firms"`
	UpdatedFirms   []firmChange `json:"updated_firms"`
	FiguresWritten []string     `json:"figures_written"`
	FiguresChanged []yearChange `json:"figures_changed"`
	Grants         []grantView  `json:"grants"`
}

type grantView struct {
	CreditCode string `json:"credit_code"`
	Tier       Kind   `json:"tier"`
	GrantedOn  string `json:"granted_on"`
	ExpiresOn  string `json:"expires_on"`
}

// record writes the import's audit entry.
func (p *importPlan) record(ctx context.Context, tx *db.Tx, who audit.Actor, f *register, file xlsx.File) error {
	sum := sha256.New()
	if _, err := io.Copy(sum, io.NewSectionReader(file.Data, 0, file.Size)); err != nil {
		return err
	}
	a := importAudit{File: f.t.File, SHA256: hex.EncodeToString(sum.Sum(nil)), Year: f.year, Created: p.sum.Created, Updated: p.sum.Updated,
		Unchanged: p.sum.Unchanged, Years: p.sum.Years, Tiers: p.sum.Tiers,
		CreatedFirms: make([]string, len(p.creates)), UpdatedFirms: append([]firmChange{}, p.updates...),
		FiguresWritten: make([]string, len(p.newYears)), FiguresChanged: append([]yearChange{}, p.changedYears...),
		Grants: make([]grantView, len(p.grants))}
	for i, r := range p.creates {
		a.CreatedFirms[i] = r.e.CreditCode
	}
	for i, r := range p.newYears {
		a.FiguresWritten[i] = r.e.CreditCode
	}
	for i, g := range p.grants {
		a.Grants[i] = grantView{CreditCode: g.row.e.CreditCode, Tier: g.t.Kind, GrantedOn: g.t.GrantedOn, ExpiresOn: g.t.ExpiresOn}
	}
	return audit.Record(ctx, tx, who, "enterprise.import", "enterprise_import", f.year, nil, a)
}
