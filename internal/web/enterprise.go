package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/org"
	"gaoxin/internal/xlsx"
)

// enterpriseRoutes are the register of enterprises (企业培育): every role
// reads the firms of its unit subtree; the offices that keep the register
// import it and grant and end tiers.
func (s *Server) enterpriseRoutes() []route {
	return []route{
		{"GET /enterprises", auth.PermFirmsView, s.registerPage},
		{"GET /enterprises/export.xlsx", auth.PermFirmsView, s.exportRegister},
		{"GET /enterprises/import", auth.PermFirmsManage, s.registerImportPage},
		{"POST /enterprises/import", auth.PermFirmsManage, s.importRegister},
		{"GET /enterprises/{id}", auth.PermFirmsView, s.firmPage},
		{"POST /enterprises/{id}/tiers", auth.PermFirmsManage, s.grantTier},
		{"POST /enterprises/{id}/tiers/{tid}/end", auth.PermFirmsManage, s.endTier},
	}
}

// firms is the register on gaoxin's clock, which the demo pins to 2019.
func (s *Server) firms() *enterprise.Store {
	st := enterprise.NewStore(s.db)
	st.SetClock(s.reports.Now)
	return st
}

// registerView is the register's list: a view, its firms and counts.
type registerView struct {
	Day       string
	Year      int // the year whose figures the list shows
	View      enterprise.View
	Views     []viewTab
	Unit, Q   string
	Units     []org.Unit // the units in scope that have firms
	Rows      []firmRow
	Counts    enterprise.Counts
	Kinds     []enterprise.Kind
	Export    string
	CanManage bool
}

type viewTab struct {
	View    enterprise.View
	Link    string
	Count   int
	Current bool
}

type firmRow struct {
	enterprise.Row
	UnitName string
}

func (s *Server) registerPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "firms.title", "firms")
	view, err := s.loadRegister(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "enterprise_list", p)
}

// loadRegister reads the view the query asks for, within the user's scope.
func (s *Server) loadRegister(r *http.Request) (registerView, error) {
	ctx := r.Context()
	u := current(r).user
	q := r.URL.Query()
	st := s.firms()
	units, err := s.units.ByID(ctx)
	if err != nil {
		return registerView{}, err
	}
	view := registerView{Day: st.Today(), View: enterprise.View(q.Get("view")), Unit: q.Get("unit"), Q: strings.TrimSpace(q.Get("q")),
		Kinds: enterprise.Kinds, CanManage: auth.Can(u, auth.PermFirmsManage)}
	if !slices.Contains(enterprise.Views, view.View) {
		view.View = enterprise.AllFirms
	}
	view.Year, err = s.registerYear(ctx, q.Get("year"), view.Day)
	if err != nil {
		return view, err
	}
	scope := func(id int64) bool {
		unit, ok := units[id]
		return ok && auth.CanSeeFirm(u, unit)
	}
	filter := enterprise.Filter{Units: scope, Search: view.Q}
	if id, err := strconv.ParseInt(view.Unit, 10, 64); err == nil {
		filter.Units = func(unit int64) bool { return unit == id && scope(unit) }
	}
	// The units in scope that have firms, for the unit filter.
	all, _, err := st.Registry(ctx, view.Day, view.Year, enterprise.Filter{Units: scope})
	if err != nil {
		return view, err
	}
	seen := map[int64]bool{}
	for _, row := range all {
		if !seen[row.UnitID] {
			seen[row.UnitID] = true
			view.Units = append(view.Units, units[row.UnitID])
		}
	}
	slices.SortFunc(view.Units, func(a, b org.Unit) int { return a.Order - b.Order })
	// The firms of the unit and search, every view; the tabs count each.
	rows, _, err := st.Registry(ctx, view.Day, view.Year, filter)
	if err != nil {
		return view, err
	}
	for _, v := range enterprise.Views {
		n := 0
		for _, row := range rows {
			if enterprise.InView(row, v) {
				n++
			}
		}
		view.Views = append(view.Views, viewTab{View: v, Link: registerLink(v, view.Unit, view.Q), Count: n, Current: v == view.View})
	}
	counts := enterprise.Counts{ByKind: map[enterprise.Kind]int{}}
	for _, row := range rows {
		if !enterprise.InView(row, view.View) {
			continue
		}
		view.Rows = append(view.Rows, firmRow{Row: row, UnitName: units[row.UnitID].Name})
		counts.Firms++
		for _, k := range row.Holds {
			counts.ByKind[k]++
		}
	}
	view.Counts = counts
	view.Export = "/enterprises/export.xlsx?" + registerQuery(view.View, view.Unit, view.Q).Encode()
	return view, nil
}

func registerQuery(v enterprise.View, unit, q string) url.Values {
	out := url.Values{}
	if v != "" {
		out.Set("view", string(v))
	}
	if unit != "" {
		out.Set("unit", unit)
	}
	if q != "" {
		out.Set("q", q)
	}
	return out
}

func registerLink(v enterprise.View, unit, q string) string {
	if qs := registerQuery(v, unit, q).Encode(); qs != "" {
		return "/enterprises?" + qs
	}
	return "/enterprises"
}

// registerYear is the year in the query, else the latest year with
// figures up to today's, else today's year before.
func (s *Server) registerYear(ctx context.Context, text, day string) (int, error) {
	if y, err := strconv.Atoi(text); err == nil && y >= 2000 && y <= 2100 {
		return y, nil
	}
	today, _ := strconv.Atoi(day[:4])
	var latest *int
	if err := s.db.QueryRow(ctx, "SELECT MAX(year) FROM enterprise_years WHERE year <= $1", today).Scan(&latest); err != nil {
		return 0, err
	}
	if latest != nil {
		return *latest, nil
	}
	return today - 1, nil
}

// exportRegister writes the view as an Excel sheet: every firm with its
// tiers, figures as plain numbers.
func (s *Server) exportRegister(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "firms.title", "firms")
	view, err := s.loadRegister(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	header := []string{p.T("firms.col.code"), p.T("firms.col.name"), p.T("firms.col.unit"), p.T("firms.col.industry"),
		p.T("firms.col.revenue", view.Year), p.T("firms.col.employees", view.Year)}
	for _, k := range enterprise.Kinds {
		header = append(header, p.T("enterprise.tier."+string(k)))
	}
	var rows [][]string
	for _, f := range view.Rows {
		row := []string{f.CreditCode, f.Name, f.UnitName, f.Industry, optNum(f.Year.Revenue), optInt(f.Year.Employees)}
		for _, k := range enterprise.Kinds {
			if f.Has(k) {
				row = append(row, "✓")
			} else {
				row = append(row, "")
			}
		}
		rows = append(rows, row)
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="enterprises.xlsx"`)
	if err := xlsx.WriteXLSX(w, p.T("firms.title"), header, rows); err != nil {
		s.log.Error("export enterprises", "err", err)
	}
}

func optNum(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func optInt(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}

// firmView is one firm's page.
type firmView struct {
	Firm      enterprise.Enterprise
	Unit      org.Unit
	Day       string
	Tiers     []enterprise.Tier
	Year      *enterprise.Year
	YearNo    int
	Kinds     []enterprise.Kind
	CanManage bool
	Ending    int64 // the tier whose end form came back refused
}

// firmFromPath is the firm of the path, which the user must see.
func (s *Server) firmFromPath(w http.ResponseWriter, r *http.Request) (enterprise.Enterprise, org.Unit, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return enterprise.Enterprise{}, org.Unit{}, false
	}
	f, err := s.firms().Get(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return f, org.Unit{}, false
	} else if err != nil {
		s.serverError(w, r, err)
		return f, org.Unit{}, false
	}
	unit, err := s.units.Get(r.Context(), f.UnitID)
	if err != nil {
		s.serverError(w, r, err)
		return f, unit, false
	}
	if !auth.CanSeeFirm(current(r).user, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return f, unit, false
	}
	return f, unit, true
}

func (s *Server) firmPage(w http.ResponseWriter, r *http.Request) {
	f, unit, ok := s.firmFromPath(w, r)
	if !ok {
		return
	}
	s.renderFirm(w, r, http.StatusOK, f, unit, nil, 0)
}

func (s *Server) renderFirm(w http.ResponseWriter, r *http.Request, status int, f enterprise.Enterprise, unit org.Unit, refusal error, ending int64) {
	ctx := r.Context()
	st := s.firms()
	p := s.newPage(r, "firms.firm_title", "firms")
	view := firmView{Firm: f, Unit: unit, Day: st.Today(), Kinds: enterprise.Kinds, Ending: ending,
		CanManage: auth.CanInUnit(current(r).user, auth.PermFirmsManage, unit)}
	var err error
	if view.Tiers, err = st.Tiers(ctx, f.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	if view.YearNo, err = s.registerYear(ctx, r.URL.Query().Get("year"), view.Day); err != nil {
		s.serverError(w, r, err)
		return
	}
	if y, err := st.YearOf(ctx, f.ID, view.YearNo); err == nil {
		view.Year = &y
	} else if !errors.Is(err, db.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	p.Data = view
	if refusal != nil {
		s.refuse(w, r, "enterprise_detail", p, refusal)
		return
	}
	s.render(w, r, status, "enterprise_detail", p)
}

// grantTier grants the firm a tier from a day; a refused grant comes back
// as typed.
func (s *Server) grantTier(w http.ResponseWriter, r *http.Request) {
	f, unit, ok := s.firmFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	if !auth.CanInUnit(v.user, auth.PermFirmsManage, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	t := enterprise.Tier{EnterpriseID: f.ID, Kind: enterprise.Kind(r.PostFormValue("tier")), GrantedOn: r.PostFormValue("granted_on"),
		ExpiresOn: r.PostFormValue("expires_on"), Certificate: r.PostFormValue("certificate")}
	if _, err := s.firms().Grant(r.Context(), v.user.Actor(v.address), t); err != nil {
		s.renderFirm(w, r, http.StatusUnprocessableEntity, f, unit, err, 0)
		return
	}
	http.Redirect(w, r, "/enterprises/"+itoa(f.ID)+"?done=tier_granted", http.StatusSeeOther)
}

// endTier ends one of the firm's tiers on a day, with its reason.
func (s *Server) endTier(w http.ResponseWriter, r *http.Request) {
	f, unit, ok := s.firmFromPath(w, r)
	if !ok {
		return
	}
	v := current(r)
	if !auth.CanInUnit(v.user, auth.PermFirmsManage, unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	tid, _ := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	tiers, err := s.firms().Tiers(r.Context(), f.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !slices.ContainsFunc(tiers, func(t enterprise.Tier) bool { return t.ID == tid }) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err := s.firms().End(r.Context(), v.user.Actor(v.address), tid, r.PostFormValue("ended_on"), r.PostFormValue("reason")); err != nil {
		s.renderFirm(w, r, http.StatusUnprocessableEntity, f, unit, err, tid)
		return
	}
	http.Redirect(w, r, "/enterprises/"+itoa(f.ID)+"?done=tier_ended", http.StatusSeeOther)
}

// registerImportView is the import page, with what the last import did.
type registerImportView struct {
	Year    int
	Summary *enterprise.ImportSummary
}

func (s *Server) registerImportPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "firms.import_title", "firms")
	year, err := s.registerYear(r.Context(), r.URL.Query().Get("year"), s.firms().Today())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = registerImportView{Year: year}
	s.render(w, r, http.StatusOK, "enterprise_import", p)
}

// importRegister reads an office's register, all or nothing.
func (s *Server) importRegister(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "firms.import_title", "firms")
	year, _ := strconv.Atoi(r.PostFormValue("year"))
	view := registerImportView{Year: year}
	p.Data = view
	file, err := s.uploaded(r)
	if err != nil {
		s.refuse(w, r, "enterprise_import", p, err)
		return
	}
	v := current(r)
	sum, err := s.firms().Import(r.Context(), v.user.Actor(v.address), year, file)
	if err != nil {
		s.refuse(w, r, "enterprise_import", p, err)
		return
	}
	view.Summary = &sum
	p.Data = view
	s.render(w, r, http.StatusOK, "enterprise_import", p)
}

// TierName names a tier in the page's language.
func (p *page) TierName(k enterprise.Kind) string { return p.T("enterprise.tier." + string(k)) }

// ViewName names a view of the register in the page's language.
func (p *page) ViewName(v enterprise.View) string {
	if v == enterprise.AllFirms {
		return p.T("firms.view.all")
	}
	return p.T("firms.view." + string(v))
}
