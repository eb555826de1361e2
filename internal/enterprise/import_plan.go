package enterprise

import (
	"context"
	"time"

	"gaoxin/internal/db"
)

// registered is what the registry holds of an import's firms, read in a
// few queries before anything is written rather than row by row.
type registered struct {
	firms map[string]Enterprise // by credit code
	tiers map[int64][]Tier      // every grant, by firm
	years map[int64]Year        // the import's year, by firm
}

// lookupChunk is how many firms one query of the look-up asks for.
const lookupChunk = 500

// readRegistered reads the firms of the rows' credit codes, their grants
// and their figures of year.
func readRegistered(ctx context.Context, tx *db.Tx, rows []*registerRow, year int) (*registered, error) {
	reg := &registered{firms: map[string]Enterprise{}, tiers: map[int64][]Tier{}, years: map[int64]Year{}}
	var ids []int64
	for start := 0; start < len(rows); start += lookupChunk {
		part := rows[start:min(start+lookupChunk, len(rows))]
		codes := make([]any, len(part))
		for i, r := range part {
			codes[i] = r.e.CreditCode
		}
		found, err := tx.Query(ctx, "SELECT "+enterpriseColumns+" FROM enterprises WHERE credit_code IN ("+
			marks(tx.Dialect(), len(codes), 1)+")", codes...)
		if err != nil {
			return nil, err
		}
		for found.Next() {
			e, err := scanEnterprise(found)
			if err != nil {
				found.Close()
				return nil, err
			}
			reg.firms[e.CreditCode] = e
			ids = append(ids, e.ID)
		}
		found.Close()
		if err := found.Err(); err != nil {
			return nil, err
		}
	}
	return reg, reg.readHeld(ctx, tx, ids, year)
}

// readHeld reads the grants and the figures of year of the firms ids.
func (reg *registered) readHeld(ctx context.Context, tx *db.Tx, ids []int64, year int) error {
	for start := 0; start < len(ids); start += holdingsChunk {
		in := idList(ids[start:min(start+holdingsChunk, len(ids))])
		tiers, err := tx.Query(ctx, "SELECT "+tierColumns+" FROM enterprise_tiers WHERE enterprise_id IN ("+in+") ORDER BY granted_on, id")
		if err != nil {
			return err
		}
		for tiers.Next() {
			t, err := scanTier(tiers)
			if err != nil {
				tiers.Close()
				return err
			}
			reg.tiers[t.EnterpriseID] = append(reg.tiers[t.EnterpriseID], t)
		}
		tiers.Close()
		if err := tiers.Err(); err != nil {
			return err
		}
		years, err := tx.Query(ctx, "SELECT enterprise_id, revenue, employees, rd_spend, patents FROM enterprise_years WHERE year = $1 AND enterprise_id IN ("+
			in+")", year)
		if err != nil {
			return err
		}
		for years.Next() {
			y := Year{Year: year}
			if err := years.Scan(&y.EnterpriseID, &y.Revenue, &y.Employees, &y.RDSpend, &y.Patents); err != nil {
				years.Close()
				return err
			}
			reg.years[y.EnterpriseID] = y
		}
		years.Close()
		if err := years.Err(); err != nil {
			return err
		}
	}
	return nil
}

// importPlan is what an import writes, worked out from the file's checked
// rows and what the registry holds: every refusal the stores would make
// row by row is found here, before the first write.
type importPlan struct {
	sum          ImportSummary
	now          time.Time
	creates      []*registerRow
	updates      []firmChange
	newYears     []*registerRow // the rows' firms have no figures of the year yet
	changedYears []yearChange
	grants       []plannedGrant
}

type firmChange struct{ Before, After Enterprise }

type yearChange struct{ Before, After Year }

// plannedGrant is a grant to a row's firm, whose id a new firm has only
// once it is written.
type plannedGrant struct {
	row *registerRow
	t   Tier
}

// plan decides, row by row, what the import does, and names each row the
// stores would refuse.
func (s *Store) plan(f *register, rows []*registerRow, reg *registered) *importPlan {
	p := &importPlan{now: s.now()}
	for _, r := range rows {
		r.e = r.file // a transaction tried again plans from the file, not from the try before
		before, known := reg.firms[r.e.CreditCode]
		if !p.firm(f, r, before, known) {
			continue
		}
		p.year(f, r, reg)
		p.tiers(f, r, reg.tiers[r.e.ID], s.Today())
	}
	return p
}

// firm plans the firm's record: new, unchanged (the fields the file
// leaves empty keep theirs) or updated.
func (p *importPlan) firm(f *register, r *registerRow, before Enterprise, known bool) bool {
	switch {
	case !known:
		if verr := r.e.check(); verr != nil {
			f.badErr(r.line, verr.Field, verr)
			return false
		}
		r.e.CreatedAt, r.e.UpdatedAt = p.now, p.now
		p.creates = append(p.creates, r)
		p.sum.Created++
	case before.Name == r.e.Name && before.UnitID == r.e.UnitID && (r.e.Industry == "" || before.Industry == r.e.Industry) &&
		(r.e.Address == "" || before.Address == r.e.Address):
		r.e = before
		p.sum.Unchanged++
	default:
		r.e.ID = before.ID
		if r.e.Industry == "" {
			r.e.Industry = before.Industry
		}
		if r.e.Address == "" {
			r.e.Address = before.Address
		}
		if verr := r.e.check(); verr != nil {
			f.badErr(r.line, verr.Field, verr)
			return false
		}
		r.e.CreatedAt, r.e.UpdatedAt = before.CreatedAt, p.now
		p.updates = append(p.updates, firmChange{Before: before, After: r.e})
		p.sum.Updated++
	}
	return true
}

// year plans the row's figures of the year; figures the same as those
// stored count as set and are not written again.
func (p *importPlan) year(f *register, r *registerRow, reg *registered) {
	if r.y == nil {
		return
	}
	if r.y.Year < 2000 || r.y.Year > 2100 {
		f.bad(r.line, "", "enterprise.err.year")
		return
	}
	p.sum.Years++
	old, had := reg.years[r.e.ID]
	switch {
	case !had:
		p.newYears = append(p.newYears, r)
	case !sameYear(old, *r.y):
		y := *r.y
		y.EnterpriseID = r.e.ID
		p.changedYears = append(p.changedYears, yearChange{Before: old, After: y})
	}
}

func sameYear(a, b Year) bool {
	return sameValue(a.Revenue, b.Revenue) && sameValue(a.RDSpend, b.RDSpend) &&
		sameValue(a.Employees, b.Employees) && sameValue(a.Patents, b.Patents)
}

func sameValue[T comparable](a, b *T) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// tiers plans the grants the row gives and the firm does not hold yet,
// refusing as Grant refuses: a day after today, an expiry not after the
// grant, a grant of a tier the firm holds on some day of it already.
func (p *importPlan) tiers(f *register, r *registerRow, held []Tier, today string) {
	for _, g := range r.grants {
		if already(held, g) {
			continue
		}
		column := f.t.Header[f.tierCol[g.Kind]]
		switch {
		case g.GrantedOn > today:
			f.bad(r.line, column, "enterprise.err.future", g.GrantedOn, today)
			continue
		case g.ExpiresOn != "" && g.ExpiresOn <= g.GrantedOn:
			f.bad(r.line, f.header("hightech_expires"), "enterprise.err.expiry", g.ExpiresOn, g.GrantedOn)
			continue
		}
		if g.ExpiresOn == "" && g.Kind.validYears() > 0 {
			granted, _ := time.Parse(dateLayout, g.GrantedOn)
			g.ExpiresOn = granted.AddDate(g.Kind.validYears(), 0, 0).Format(dateLayout)
		}
		if old, ok := overlapping(held, g); ok {
			f.bad(r.line, column, "enterprise.err.tier_held", old.GrantedOn)
			continue
		}
		g.CreatedAt = p.now
		p.grants = append(p.grants, plannedGrant{row: r, t: g})
		p.sum.Tiers++
	}
}

// overlapping is a grant of the same tier that holds on some day the new
// one would.
func overlapping(held []Tier, t Tier) (Tier, bool) {
	for _, old := range held {
		if old.Kind == t.Kind && overlap(old, t) {
			return old, true
		}
	}
	return Tier{}, false
}

// already reports whether the firm has a grant of the tier on that day.
func already(held []Tier, g Tier) bool {
	for _, h := range held {
		if h.Kind == g.Kind && h.GrantedOn == g.GrantedOn {
			return true
		}
	}
	return false
}
