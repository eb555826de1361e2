package api

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/settings"
)

// firmJSON is a firm as the API lists it: money in 万元, tiers by code.
type firmJSON struct {
	CreditCode string      `json:"credit_code"`
	Name       string      `json:"name"`
	Unit       unitRefJSON `json:"unit"`
	Industry   string      `json:"industry"`
	Address    string      `json:"address,omitempty"`
	Holds      []string    `json:"tiers" jsonschema_description:"codes of the tiers the firm holds today"`
	Expiring   string      `json:"hightech_expires_this_year,omitempty"`
	Year       int         `json:"year"`
	Revenue    *float64    `json:"revenue" jsonschema:"nullable" jsonschema_description:"revenue of the year, 万元"`
	Employees  *int        `json:"employees" jsonschema:"nullable"`
	RDSpend    *float64    `json:"rd_spend" jsonschema:"nullable"`
	Patents    *int        `json:"patents" jsonschema:"nullable"`
}

type tierJSON struct {
	Tier        string `json:"tier"`
	Name        string `json:"name"`
	GrantedOn   string `json:"granted_on"`
	ExpiresOn   string `json:"expires_on,omitempty"`
	Certificate string `json:"certificate,omitempty"`
	EndedOn     string `json:"ended_on,omitempty"`
	EndReason   string `json:"end_reason,omitempty"`
	Holds       bool   `json:"holds"`
}

// firmsStore is the register on gaoxin's clock, as the pages read it.
func (a *API) firmsStore(r *http.Request) (*enterprise.Store, error) {
	clock, err := settings.Clock(r.Context(), a.db)
	if err != nil {
		return nil, err
	}
	st := enterprise.NewStore(a.db)
	st.SetClock(clock)
	return st, nil
}

// firmsYear is ?year=, else the latest year with figures up to today's.
func (a *API) firmsYear(r *http.Request, w http.ResponseWriter, today string) (int, bool) {
	if text := strings.TrimSpace(r.URL.Query().Get("year")); text != "" {
		y, err := strconv.Atoi(text)
		if err != nil || y < 2000 || y > 2100 {
			badQuery(w, "year", "year must be a number between 2000 and 2100")
			return 0, false
		}
		return y, true
	}
	now, _ := strconv.Atoi(today[:4])
	var latest *int
	if err := a.db.QueryRow(r.Context(), "SELECT MAX(year) FROM enterprise_years WHERE year <= $1", now).Scan(&latest); err != nil {
		a.fail(w, r, err)
		return 0, false
	}
	if latest != nil {
		return *latest, true
	}
	return now - 1, true
}

// listEnterprises lists the register's firms within the caller's scope,
// in a view (?view=gazelle, large_not_hightech, …), a unit (?unit=CODE)
// or a search (?q=), with the view's counts by tier.
func (a *API) listEnterprises(w http.ResponseWriter, r *http.Request, u *auth.User) {
	ctx := r.Context()
	st, err := a.firmsStore(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	today := st.Today()
	year, ok := a.firmsYear(r, w, today)
	if !ok {
		return
	}
	q := r.URL.Query()
	view := enterprise.View(q.Get("view"))
	if !slices.Contains(enterprise.Views, view) {
		badQuery(w, "view", "unknown view: use one of large_not_hightech, hightech_not_large, champion_pool, expiring, gazelle, hidden_champion, above_scale, over_100m")
		return
	}
	units, err := a.units.ByID(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	scope := func(id int64) bool { unit, ok := units[id]; return ok && auth.CanSeeFirm(u, unit) }
	f := enterprise.Filter{View: view, Units: scope, Search: strings.TrimSpace(q.Get("q"))}
	if code := strings.TrimSpace(q.Get("unit")); code != "" {
		unit, err := a.units.ByCode(ctx, code)
		if errors.Is(err, db.ErrNotFound) {
			badQuery(w, "unit", "no unit with code "+strconv.Quote(code))
			return
		} else if err != nil {
			a.fail(w, r, err)
			return
		}
		f.Units = func(id int64) bool { return id == unit.ID && scope(id) }
	}
	rows, counts, err := st.Registry(ctx, today, year, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]firmJSON, len(rows))
	for i, row := range rows {
		out[i] = firmOf(row, units[row.UnitID])
	}
	byTier := map[string]int{}
	for _, k := range enterprise.Kinds {
		byTier[string(k)] = counts.ByKind[k]
	}
	body := enterpriseListJSON{Day: today, Year: year, View: string(view), Enterprises: out}
	body.Totals.Firms, body.Totals.ByTier = counts.Firms, byTier
	writeJSON(w, http.StatusOK, body)
}

func firmOf(row enterprise.Row, unit org.Unit) firmJSON {
	f := firmJSON{CreditCode: row.CreditCode, Name: row.Name, Unit: unitRef(unit), Industry: row.Industry, Address: row.Address,
		Holds: []string{}, Expiring: row.Expiring, Year: row.Year.Year, Revenue: row.Year.Revenue, Employees: row.Year.Employees,
		RDSpend: row.Year.RDSpend, Patents: row.Year.Patents}
	for _, k := range row.Holds {
		f.Holds = append(f.Holds, string(k))
	}
	return f
}

// getEnterprise is one firm by its credit code, with the history of its
// tiers.
func (a *API) getEnterprise(w http.ResponseWriter, r *http.Request, u *auth.User) {
	ctx := r.Context()
	st, err := a.firmsStore(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	e, err := st.ByCode(ctx, r.PathValue("code"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	unit, err := a.units.Get(ctx, e.UnitID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !auth.CanSeeFirm(u, unit) {
		writeError(w, http.StatusForbidden, "forbidden", "the firm's unit is outside your scope")
		return
	}
	today := st.Today()
	year, ok := a.firmsYear(r, w, today)
	if !ok {
		return
	}
	rows, _, err := st.Registry(ctx, today, year, enterprise.Filter{Units: func(id int64) bool { return id == e.UnitID }, Search: e.CreditCode})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var firm firmJSON
	for _, row := range rows {
		if row.ID == e.ID {
			firm = firmOf(row, unit)
		}
	}
	tiers, err := st.Tiers(ctx, e.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	lang := i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
	history := make([]tierJSON, len(tiers))
	for i, t := range tiers {
		history[i] = tierJSON{Tier: string(t.Kind), Name: i18n.T(lang, "enterprise.tier."+string(t.Kind)), GrantedOn: t.GrantedOn,
			ExpiresOn: t.ExpiresOn, Certificate: t.Certificate, EndedOn: t.EndedOn, EndReason: t.EndReason, Holds: t.HoldsOn(today)}
	}
	writeJSON(w, http.StatusOK, enterpriseOneJSON{Day: today, Enterprise: firm, History: history})
}
