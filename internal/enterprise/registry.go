package enterprise

import (
	"context"
	"slices"
	"strings"

	"gaoxin/internal/db"
)

// View is one of the registry's views the seed names.
type View string

const (
	AllFirms          View = ""
	LargeNotHighTech  View = "large_not_hightech" // 规模高企化: 规模以上 or 过亿 but no 高新 certificate
	HighTechNotLarge  View = "hightech_not_large" // 高企规模化: a 高新 certificate but neither 规模以上 nor 过亿
	ChampionReserve   View = "champion_pool"      // the 隐形冠军 reserve pool
	ExpiringThisYear  View = "expiring"           // 高新 certificates that expire in the day's year
	GazelleFirms      View = "gazelle"
	HiddenChampions   View = "hidden_champion"
	AboveScaleFirms   View = "above_scale"
	OverHundredMFirms View = "over_100m"
)

// Views lists the views in the order pages offer them.
var Views = []View{AllFirms, LargeNotHighTech, HighTechNotLarge, ChampionReserve, ExpiringThisYear,
	GazelleFirms, HiddenChampions, AboveScaleFirms, OverHundredMFirms}

// Filter selects firms of the registry; empty fields select all.
type Filter struct {
	View   View
	Units  func(unitID int64) bool // e.g. the user's scope
	Search string                  // in credit code, name, industry
}

// Row is a firm as the registry shows it on a day: the tiers it holds
// then, and its figures of a year.
type Row struct {
	Enterprise
	Holds    []Kind          // in the order of Kinds
	Since    map[Kind]string // the day each tier held was granted
	Until    map[Kind]string // the day each tier held expires, "" for none
	Expiring string          // the day its 高新 certificate expires, when that is in the day's year
	Year     Year
}

// Has reports whether the firm holds a tier.
func (r Row) Has(k Kind) bool { return slices.Contains(r.Holds, k) }

func (r Row) large() bool { return r.Has(AboveScale) || r.Has(OverHundredM) }

// InView reports whether a row belongs to a view.
func InView(r Row, v View) bool { return r.in(v) }

// in reports whether the row belongs to a view.
func (r Row) in(v View) bool {
	switch v {
	case AllFirms:
		return true
	case LargeNotHighTech:
		return r.large() && !r.Has(HighTech)
	case HighTechNotLarge:
		return r.Has(HighTech) && !r.large()
	case ExpiringThisYear:
		return r.Expiring != ""
	}
	return r.Has(Kind(v))
}

// Counts are the sums under a view: its firms, and how many hold each tier.
type Counts struct {
	Firms  int
	ByKind map[Kind]int
}

// Registry is the firms of a view on day, with their figures of year,
// sorted by name; and the view's counts.
func (s *Store) Registry(ctx context.Context, day string, year int, f Filter) ([]Row, Counts, error) {
	rows, err := s.registry(ctx, day, year)
	if err != nil {
		return nil, Counts{}, err
	}
	out := make([]Row, 0, len(rows))
	c := Counts{ByKind: map[Kind]int{}}
	for _, r := range rows {
		if !r.in(f.View) || f.Units != nil && !f.Units(r.UnitID) ||
			f.Search != "" && !strings.Contains(strings.ToUpper(r.CreditCode+" "+r.Name+" "+r.Industry), strings.ToUpper(f.Search)) {
			continue
		}
		out = append(out, r)
		c.Firms++
		for _, k := range r.Holds {
			c.ByKind[k]++
		}
	}
	return out, c, nil
}

func (s *Store) registry(ctx context.Context, day string, year int) ([]Row, error) {
	rows, err := s.db.Query(ctx, "SELECT "+enterpriseColumns+" FROM enterprises ORDER BY name, id")
	if err != nil {
		return nil, err
	}
	var list []Row
	index := map[int64]int{}
	for rows.Next() {
		e, err := scanEnterprise(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		index[e.ID] = len(list)
		list = append(list, Row{Enterprise: e, Year: Year{EnterpriseID: e.ID, Year: year}})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := holdings(ctx, s.db, day, list, index); err != nil {
		return nil, err
	}
	return list, figures(ctx, s.db, year, list, index)
}

// holdings fills each row's tiers held on day.
func holdings(ctx context.Context, q db.Querier, day string, list []Row, index map[int64]int) error {
	rows, err := q.Query(ctx, `SELECT enterprise_id, tier, granted_on, expires_on FROM enterprise_tiers
		WHERE granted_on <= $1 AND (expires_on = '' OR expires_on > $1) AND (ended_on = '' OR ended_on > $1)`, day)
	if err != nil {
		return err
	}
	defer rows.Close()
	yearEnd := day[:4] + "-12-31"
	for rows.Next() {
		var id int64
		var kind, granted, expires string
		if err := rows.Scan(&id, &kind, &granted, &expires); err != nil {
			return err
		}
		i, ok := index[id]
		if !ok {
			continue
		}
		r := &list[i]
		if r.Since == nil {
			r.Since, r.Until = map[Kind]string{}, map[Kind]string{}
		}
		r.Holds = append(r.Holds, Kind(kind))
		r.Since[Kind(kind)], r.Until[Kind(kind)] = granted, expires
		if Kind(kind) == HighTech && expires != "" && expires <= yearEnd {
			r.Expiring = expires
		}
	}
	for i := range list {
		slices.SortFunc(list[i].Holds, func(a, b Kind) int { return slices.Index(Kinds, a) - slices.Index(Kinds, b) })
	}
	return rows.Err()
}

// figures fills each row's figures of year.
func figures(ctx context.Context, q db.Querier, year int, list []Row, index map[int64]int) error {
	rows, err := q.Query(ctx, "SELECT enterprise_id, revenue, employees, rd_spend, patents FROM enterprise_years WHERE year = $1", year)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		y := Year{Year: year}
		if err := rows.Scan(&y.EnterpriseID, &y.Revenue, &y.Employees, &y.RDSpend, &y.Patents); err != nil {
			return err
		}
		if i, ok := index[y.EnterpriseID]; ok {
			list[i].Year = y
		}
	}
	return rows.Err()
}
