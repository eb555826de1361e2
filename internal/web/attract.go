package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/attract"
	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/xlsx"
)

// attractRoutes are investment and talent attraction (双招双引). Every role
// reads the leads owned within its unit subtree; the units that work
// leads register them, log their activities and move their stages; the
// offices import leads, convert signed ones into key projects and keep
// the reward policy.
func (s *Server) attractRoutes() []route {
	return []route{
		{"GET /leads", auth.PermLeadsView, s.pipelinePage},
		{"GET /leads/list", auth.PermLeadsView, s.leadListPage},
		{"GET /leads/export.xlsx", auth.PermLeadsView, s.exportLeads},
		{"GET /leads/new", auth.PermLeadsWork, s.newLeadPage},
		{"POST /leads/new", auth.PermLeadsWork, s.createLead},
		{"GET /leads/import", auth.PermLeadsManage, s.leadImportPage},
		{"POST /leads/import", auth.PermLeadsManage, s.importLeads},
		{"GET /leads/rewards", auth.PermLeadsRewards, s.rewardsPage},
		{"GET /leads/rewards/export.xlsx", auth.PermLeadsRewards, s.exportRewards},
		{"POST /leads/rewards", auth.PermLeadsManage, s.uploadPolicy},
		{"GET /leads/{id}", auth.PermLeadsView, s.leadPage},
		{"GET /leads/{id}/edit", auth.PermLeadsWork, s.editLeadPage},
		{"POST /leads/{id}/edit", auth.PermLeadsWork, s.updateLead},
		{"POST /leads/{id}/move", auth.PermLeadsWork, s.moveLead},
		{"POST /leads/{id}/activities", auth.PermLeadsWork, s.logLeadActivity},
		{"POST /leads/{id}/convert", auth.PermProjectsManage, s.convertLead},
	}
}

// leads is the lead store on gaoxin's clock, which the demo pins to 2019.
func (s *Server) leads() *attract.Store {
	st := attract.NewStore(s.db)
	st.SetClock(s.reports.Now)
	return st
}

// leadQuery is the filter of the pipeline and the list as the query
// writes it.
type leadQuery struct {
	Unit, Stage, Channel, Kind, Flag, Agency, Q, Year string
	Overdue                                           bool
}

func readLeadQuery(q url.Values) leadQuery {
	return leadQuery{Unit: q.Get("unit"), Stage: q.Get("stage"), Channel: q.Get("channel"), Kind: q.Get("kind"),
		Flag: q.Get("flag"), Agency: strings.TrimSpace(q.Get("agency")), Q: strings.TrimSpace(q.Get("q")),
		Year: q.Get("year"), Overdue: q.Get("overdue") == "1"}
}

func (lq leadQuery) values() url.Values {
	out := url.Values{}
	for k, v := range map[string]string{"unit": lq.Unit, "stage": lq.Stage, "channel": lq.Channel, "kind": lq.Kind,
		"flag": lq.Flag, "agency": lq.Agency, "q": lq.Q, "year": lq.Year} {
		if v != "" {
			out.Set(k, v)
		}
	}
	if lq.Overdue {
		out.Set("overdue", "1")
	}
	return out
}

// with is the query with one more field set, for the pipeline's links.
func (lq leadQuery) with(key, value string) string {
	v := lq.values()
	v.Set(key, value)
	return "/leads/list?" + v.Encode()
}

// leadFilter turns the query into the store's filter within the user's
// scope; a unit outside it selects nothing.
func (s *Server) leadFilter(ctx context.Context, u *auth.User, lq leadQuery, today string) (attract.Filter, error) {
	dl, err := attract.LoadDeadlines(ctx, s.db)
	if err != nil {
		return attract.Filter{}, err
	}
	f := attract.Filter{Scope: u.Unit.Path, Stage: attract.Stage(lq.Stage), Channel: attract.Channel(lq.Channel),
		Kind: attract.Kind(lq.Kind), Flag: attract.Flag(lq.Flag), Agency: lq.Agency, Search: lq.Q, Deadlines: dl}
	if id, err := strconv.ParseInt(lq.Unit, 10, 64); err == nil {
		if unit, err := s.units.Get(ctx, id); err == nil && unit.Within(u.Unit) {
			f.Scope = unit.Path
		} else {
			f.OwnerUnitID = -1
		}
	}
	if y, err := strconv.Atoi(lq.Year); err == nil {
		f.Year = y
	}
	if lq.Overdue {
		f.Overdue = today
	}
	return f, nil
}

// leadUnits are the units in the user's scope that own leads, for the
// unit filter.
func (s *Server) leadUnits(ctx context.Context, u *auth.User) ([]org.Unit, map[int64]org.Unit, error) {
	all, err := s.units.ByID(ctx)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.db.Query(ctx, "SELECT DISTINCT owner_unit_id FROM leads")
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var list []org.Unit
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, nil, err
		}
		if unit, ok := all[id]; ok && unit.Within(u.Unit) {
			list = append(list, unit)
		}
	}
	slices.SortFunc(list, func(a, b org.Unit) int { return a.Order - b.Order })
	return list, all, rows.Err()
}

// leadFilters is what the filter form offers.
type leadFilters struct {
	Query    leadQuery
	Units    []org.Unit
	Stages   []attract.Stage
	Channels []attract.Channel
	Kinds    []attract.Kind
	Flags    []attract.Flag
	Agencies []string
}

func (s *Server) loadLeadFilters(ctx context.Context, u *auth.User, lq leadQuery) (leadFilters, map[int64]org.Unit, error) {
	units, all, err := s.leadUnits(ctx, u)
	if err != nil {
		return leadFilters{}, nil, err
	}
	agencies, err := s.leads().Agencies(ctx)
	if err != nil {
		return leadFilters{}, nil, err
	}
	return leadFilters{Query: lq, Units: units, Stages: attract.Stages, Channels: attract.Channels, Kinds: attract.Kinds,
		Flags: attract.Flags, Agencies: agencies}, all, nil
}

// pipelineView is the pipeline page: the selection's leads by stage and
// channel, the conversion from each stage to the next, and links into
// the list.
type pipelineView struct {
	Day      string
	Filters  leadFilters
	Pipeline attract.Pipeline
	Cells    [][]pipelineCell // stage by channel
	Links    map[string]string
	CanWork  bool
	CanMove  bool
}

type pipelineCell struct {
	attract.Cell
	Link string
}

func (s *Server) pipelinePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := current(r).user
	st := s.leads()
	lq := readLeadQuery(r.URL.Query())
	lq.Stage, lq.Overdue = "", false // the pipeline shows every stage; the list narrows
	filters, _, err := s.loadLeadFilters(ctx, u, lq)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f, err := s.leadFilter(ctx, u, lq, st.Today())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f.Overdue = st.Today()
	pl, err := st.Pipeline(ctx, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := pipelineView{Day: st.Today(), Filters: filters, Pipeline: pl, CanWork: auth.Can(u, auth.PermLeadsWork),
		CanMove: auth.Can(u, auth.PermLeadsManage),
		Links:   map[string]string{"overdue": lq.with("overdue", "1"), "all": "/leads/list?" + lq.values().Encode()}}
	for _, stage := range attract.Stages {
		var row []pipelineCell
		for _, ch := range attract.Channels {
			sub := lq
			sub.Stage, sub.Channel = string(stage), string(ch)
			row = append(row, pipelineCell{Cell: pl.Cells[stage][ch], Link: "/leads/list?" + sub.values().Encode()})
		}
		view.Cells = append(view.Cells, row)
	}
	p := s.newPage(r, "leads.title", "invest")
	p.Data = view
	s.render(w, r, http.StatusOK, "attract_pipeline", p)
}

// leadListView is the lead list: the filtered leads with their deadlines.
type leadListView struct {
	Day     string
	Filters leadFilters
	Rows    []leadRow
	Total   attract.Cell
	Export  string
	CanWork bool
	CanMove bool
}

type leadRow struct {
	attract.Lead
	UnitName string
	Due      attract.Due
}

func (s *Server) loadLeadList(r *http.Request) (leadListView, error) {
	ctx := r.Context()
	u := current(r).user
	st := s.leads()
	lq := readLeadQuery(r.URL.Query())
	filters, units, err := s.loadLeadFilters(ctx, u, lq)
	if err != nil {
		return leadListView{}, err
	}
	f, err := s.leadFilter(ctx, u, lq, st.Today())
	if err != nil {
		return leadListView{}, err
	}
	list, err := st.List(ctx, f)
	if err != nil {
		return leadListView{}, err
	}
	view := leadListView{Day: st.Today(), Filters: filters, CanWork: auth.Can(u, auth.PermLeadsWork),
		CanMove: auth.Can(u, auth.PermLeadsManage), Export: "/leads/export.xlsx?" + lq.values().Encode()}
	for _, l := range list {
		view.Rows = append(view.Rows, leadRow{Lead: l, UnitName: units[l.OwnerUnitID].Name, Due: f.Deadlines.DueOf(l, view.Day)})
		view.Total.Leads++
		view.Total.Expected += l.ExpectedInvestment
		view.Total.Arrived += l.ArrivedInvestment
	}
	return view, nil
}

func (s *Server) leadListPage(w http.ResponseWriter, r *http.Request) {
	view, err := s.loadLeadList(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "leads.list_title", "invest")
	p.Data = view
	s.render(w, r, http.StatusOK, "attract_list", p)
}

// exportLeads writes the list as the workbook the import reads back.
func (s *Server) exportLeads(w http.ResponseWriter, r *http.Request) {
	view, err := s.loadLeadList(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	lang := current(r).lang
	leads := make([]attract.Lead, len(view.Rows))
	names := map[int64]string{}
	for i, row := range view.Rows {
		leads[i] = row.Lead
		names[row.OwnerUnitID] = row.UnitName
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="leads.xlsx"`)
	rows := attract.Table(lang, leads, func(id int64) string { return names[id] })
	if err := xlsx.WriteXLSX(w, i18n.T(lang, "leads.title"), attract.Header(lang), rows); err != nil {
		s.log.Error("export leads", "err", err)
	}
}

// StageName, ChannelName, KindName, FlagName and ActivityName name the
// lead's values in the page's language.
func (p *page) StageName(v attract.Stage) string     { return p.T("attract.stage." + string(v)) }
func (p *page) ChannelName(v attract.Channel) string { return p.T("attract.channel." + string(v)) }
func (p *page) KindName(v attract.Kind) string       { return p.T("attract.kind." + string(v)) }
func (p *page) FlagName(v attract.Flag) string       { return p.T("attract.flag." + string(v)) }
func (p *page) ActivityName(v attract.ActivityKind) string {
	return p.T("attract.activity." + string(v))
}

// Rate writes a conversion rate, "—" where no lead reached the stage.
func (p *page) Rate(v *float64) string {
	if v == nil {
		return "—"
	}
	return p.Share(*v)
}

// CellAt is the pipeline's cell of a stage and channel (by index).
func (v pipelineView) CellAt(stage, channel int) pipelineCell { return v.Cells[stage][channel] }
