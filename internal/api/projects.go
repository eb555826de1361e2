package api

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/project"
	"gaoxin/internal/settings"
)

// The key-project routes answer what the portfolio pages show, within the
// same scope: a caller sees the projects whose lead unit lies in the
// subtree of the caller's unit. Money is in 万元, as the project store
// keeps it, so that the sums add up exactly as the office's sheets do.

type unitRefJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type reasonJSON struct {
	Color string `json:"color" jsonschema:"enum=green,enum=yellow,enum=red"`
	Text  string `json:"text"`
}

type lightJSON struct {
	Color   string       `json:"color" jsonschema:"enum=green,enum=yellow,enum=red"`
	Reasons []reasonJSON `json:"reasons" jsonschema_description:"worst first, in the language of Accept-Language (zh or en, else Chinese)"`
}

// figuresJSON are a project's amounts for the year, in 万元, and the
// shares derived from them.
type figuresJSON struct {
	PlannedInvestment float64 `json:"planned_investment" jsonschema_description:"the year's planned investment, 万元"`                                              // the year's plan
	InvestedYTD       float64 `json:"invested_ytd" jsonschema_description:"invested year to date by the reports that count (submitted, confirmed, approved), 万元"` // counted reports of the year
	ExpectedYTD       float64 `json:"expected_ytd" jsonschema_description:"序时 plan at as_of_month, 万元"`                                                           // 序时 plan at as_of_month
	AsOfMonth         int     `json:"as_of_month" jsonschema_description:"the month the light measures the investment at: the last whose deadline has passed, or the last reported if later"`
	PlanShare         float64 `json:"plan_share" jsonschema_description:"invested_ytd / planned_investment (0.92 is 92%)"` // invested_ytd / planned_investment
	SinceStart        float64 `json:"since_start" jsonschema_description:"invested before the year plus invested_ytd, 万元"` // invested before the year plus invested_ytd
	TotalShare        float64 `json:"total_share" jsonschema_description:"since_start / total_investment"`                 // since_start / total_investment
	OpenProblems      int     `json:"open_problems"`
}

type projectRowJSON struct {
	ID              int64       `json:"id"`
	Code            string      `json:"code"`
	Name            string      `json:"name"`
	Category        string      `json:"category" jsonschema_description:"category code, e.g. industrial, infrastructure"`
	CategoryName    string      `json:"category_name"`
	Cluster         string      `json:"cluster" jsonschema_description:"industry cluster (产业链)"`
	LeadUnit        unitRefJSON `json:"lead_unit"`
	Level           string      `json:"level" jsonschema:"enum=province,enum=city,enum=district"`
	TotalInvestment float64     `json:"total_investment" jsonschema_description:"万元"`
	figuresJSON
	Light lightJSON `json:"light"`
}

type totalsJSON struct {
	Count             int            `json:"count"`
	TotalInvestment   float64        `json:"total_investment"`
	PlannedInvestment float64        `json:"planned_investment"`
	InvestedYTD       float64        `json:"invested_ytd"`
	PlanShare         float64        `json:"plan_share"`
	ByColor           map[string]int `json:"by_color" jsonschema_description:"rows listed by light: green, yellow, red"`
}

type projectJSON struct {
	ID              int64         `json:"id"`
	Code            string        `json:"code"`
	Name            string        `json:"name"`
	Category        string        `json:"category"`
	CategoryName    string        `json:"category_name"`
	Cluster         string        `json:"cluster"`
	LeadUnit        unitRefJSON   `json:"lead_unit"`
	Cooperators     []unitRefJSON `json:"cooperators"`
	Leader          string        `json:"leader" jsonschema_description:"responsible leader (责任领导)"`
	Investor        string        `json:"investor"`
	Location        string        `json:"location"`
	TotalInvestment float64       `json:"total_investment"`
	Content         string        `json:"content" jsonschema_description:"construction content (建设内容)"`
	Capacity        string        `json:"capacity" jsonschema_description:"planned capacity (设计产能)"`
	StartYear       int           `json:"start_year"`
	EndYear         int           `json:"end_year"`
	Level           string        `json:"level" jsonschema:"enum=province,enum=city,enum=district"`
	Tags            []string      `json:"tags"`
	CreatedAt       time.Time     `json:"created_at"`
	UpdatedAt       time.Time     `json:"updated_at"`
}

type yearPlanJSON struct {
	PlannedInvestment float64   `json:"planned_investment"`
	Profile           []float64 `json:"profile" jsonschema:"nullable" jsonschema_description:"twelve cumulative monthly amounts of 序时 in 万元; null when the plan is spread evenly"` // twelve cumulative amounts, null when spread evenly
	ProgressGoal      string    `json:"progress_goal" jsonschema_description:"形象进度 goal"`
	InvestedBefore    float64   `json:"invested_before" jsonschema_description:"invested before the year, 万元"`
}

type nodeJSON struct {
	Stage     string `json:"stage" jsonschema:"enum=plan,enum=sign,enum=approve,enum=land,enum=planning,enum=permit,enum=start,enum=topped,enum=complete,enum=operate,enum=effect"`
	StageName string `json:"stage_name"`
	PlannedOn string `json:"planned_on" jsonschema_description:"YYYY-MM-DD or empty"`
	ActualOn  string `json:"actual_on" jsonschema_description:"YYYY-MM-DD or empty"`
	Owner     string `json:"owner"`
	Evidence  string `json:"evidence"`
	Done      bool   `json:"done"`
}

type problemJSON struct {
	Title      string      `json:"title"`
	OwnerUnit  unitRefJSON `json:"owner_unit"`
	Leader     string      `json:"leader" jsonschema_description:"coordinating leader"`
	Deadline   string      `json:"deadline"`
	Closed     bool        `json:"closed"`
	Overdue    bool        `json:"overdue"`
	Resolution string      `json:"resolution"`
	RaisedOn   string      `json:"raised_on"`
	ClosedOn   string      `json:"closed_on"`
}

// monthJSON is one month of the year: its report, whether it counts, and
// the counted year to date, which stops after the last month that counts.
type monthJSON struct {
	Month       int      `json:"month"`
	Status      string   `json:"status" jsonschema:"enum=,enum=draft,enum=submitted,enum=confirmed,enum=approved,enum=returned"` // the report's status, "" without a report
	Late        bool     `json:"late"`
	InvestMonth *float64 `json:"invest_month" jsonschema:"nullable" jsonschema_description:"investment of the month, 万元"`
	Progress    string   `json:"progress"`
	Problems    string   `json:"problems"`
	Counted     bool     `json:"counted" jsonschema_description:"the report counts (submitted, confirmed or approved, with an amount)"`
	YTD         *float64 `json:"ytd" jsonschema:"nullable" jsonschema_description:"counted investment year to date, 万元; null after the last month that counts"`
	PlanYTD     *float64 `json:"plan_ytd" jsonschema:"nullable" jsonschema_description:"序时 plan by the month's end, 万元; null without a plan"` // 序时 plan by the month's end, null without a plan
}

type projectDetailJSON struct {
	Year     int           `json:"year"`
	Today    string        `json:"today" jsonschema:"format=date" jsonschema_description:"the day the light is computed on"`
	Project  projectJSON   `json:"project"`
	Plan     *yearPlanJSON `json:"plan" jsonschema:"nullable" jsonschema_description:"the year's plan; null when the project has none for the year"`
	Figures  *figuresJSON  `json:"figures" jsonschema:"nullable" jsonschema_description:"null when the project has no plan for the year"`
	Light    lightJSON     `json:"light"`
	Nodes    []nodeJSON    `json:"nodes" jsonschema_description:"stage nodes in stage order"`
	Problems []problemJSON `json:"problems" jsonschema_description:"open problems first, by deadline"`
	Months   []monthJSON   `json:"months" jsonschema:"minItems=12,maxItems=12" jsonschema_description:"January to December"`
}

// projects is the project store on gaoxin's clock, read per request as
// the dashboard reads it, so that a changed setting (the demo pins its
// December 2019) applies at once and the API lights projects on the day
// the pages do.
func (a *API) projects(ctx context.Context) (*project.Store, error) {
	clock, err := settings.Clock(ctx, a.db)
	if err != nil {
		return nil, err
	}
	st := project.NewStore(a.db)
	st.SetClock(clock)
	return st, nil
}

// unitInScope is the unit of a code given in a query, which must be
// within the caller's scope; it answers 403 itself when it is not.
func (a *API) unitInScope(w http.ResponseWriter, r *http.Request, u *auth.User, code string) (org.Unit, bool) {
	unit, err := a.units.ByCode(r.Context(), code)
	if err != nil || !unit.Within(u.Unit) {
		writeError(w, http.StatusForbidden, "forbidden", "the unit is outside your scope")
		return org.Unit{}, false
	}
	return unit, true
}

// badQuery answers a query parameter the API cannot use.
func badQuery(w http.ResponseWriter, field, message string) {
	var e apiError
	e.Error.Code, e.Error.Message, e.Error.Field = "bad_query", message, field
	writeJSON(w, http.StatusBadRequest, e)
}

// queryYear reads ?year=; without it, the latest year that has projects
// planned, else the year of gaoxin's today, as /projects chooses.
func queryYear(ctx context.Context, w http.ResponseWriter, d *db.DB, st *project.Store, q url.Values) (int, bool, error) {
	if text := strings.TrimSpace(q.Get("year")); text != "" {
		year, err := strconv.Atoi(text)
		if err != nil || year < 2000 || year > 2100 {
			badQuery(w, "year", "year must be a year between 2000 and 2100")
			return 0, false, nil
		}
		return year, true, nil
	}
	var latest *int
	if err := d.QueryRow(ctx, "SELECT MAX(year) FROM project_years").Scan(&latest); err != nil {
		return 0, false, err
	}
	if latest != nil {
		return *latest, true, nil
	}
	year, _ := strconv.Atoi(st.Today()[:4])
	return year, true, nil
}

func unitRef(u org.Unit) unitRefJSON { return unitRefJSON{Code: u.Code, Name: u.Name} }

func lightOf(l project.Light, lang i18n.Lang) lightJSON {
	out := lightJSON{Color: string(l.Color), Reasons: []reasonJSON{}}
	for _, rs := range l.Reasons {
		out.Reasons = append(out.Reasons, reasonJSON{Color: string(rs.Color), Text: rs.Msg.In(lang)})
	}
	return out
}

func figuresOf(r project.Row) figuresJSON {
	return figuresJSON{PlannedInvestment: r.Year.PlannedInvestment, InvestedYTD: r.InvestedYTD, ExpectedYTD: r.ExpectedYTD,
		AsOfMonth: r.AsOf, PlanShare: r.PlanShare, SinceStart: r.SinceStart, TotalShare: r.TotalShare, OpenProblems: r.OpenProblems}
}

// categoryNames names the configured categories in lang.
func categoryNames(ctx context.Context, st *project.Store, lang i18n.Lang) (map[string]string, error) {
	list, err := st.Categories(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(list))
	for _, c := range list {
		names[c.Code] = c.Label(lang)
	}
	return names, nil
}

// listProjects is the year's portfolio within the caller's scope, with
// the filters of the portfolio page; the unit filter names a lead unit by
// code and keeps its projects only, as the page's does.
func (a *API) listProjects(w http.ResponseWriter, r *http.Request, u *auth.User) {
	ctx := r.Context()
	lang := i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
	q := r.URL.Query()
	st, err := a.projects(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	year, ok, err := queryYear(ctx, w, a.db, st, q)
	if err != nil {
		a.fail(w, r, err)
		return
	} else if !ok {
		return
	}
	units, err := a.units.ByID(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	names, err := categoryNames(ctx, st, lang)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	scope := func(id int64) bool {
		unit, ok := units[id]
		return ok && auth.CanInUnit(u, auth.PermProjectsView, unit)
	}
	f := project.Filter{Units: scope, Search: strings.TrimSpace(q.Get("q"))}
	if c := q.Get("category"); c != "" {
		if _, known := names[c]; !known {
			badQuery(w, "category", "no such category: "+c)
			return
		}
		f.Categories = []string{c}
	}
	if c := q.Get("cluster"); c != "" {
		f.Clusters = []string{c}
	}
	if c := q.Get("color"); c != "" {
		if !slices.Contains(project.Colors, project.Color(c)) {
			badQuery(w, "color", "color is one of green, yellow, red")
			return
		}
		f.Colors = []project.Color{project.Color(c)}
	}
	if l := q.Get("level"); l != "" {
		if !slices.Contains(project.Levels, project.Level(l)) {
			badQuery(w, "level", "level is one of province, city, district")
			return
		}
		f.Levels = []project.Level{project.Level(l)}
	}
	if code := q.Get("unit"); code != "" {
		unit, err := a.units.ByCode(ctx, code)
		if errors.Is(err, db.ErrNotFound) {
			badQuery(w, "unit", "no such unit: "+code)
			return
		} else if err != nil {
			a.fail(w, r, err)
			return
		}
		// A unit outside the scope selects nothing, as on the page.
		f.Units = func(id int64) bool { return id == unit.ID && scope(id) }
	}
	rows, totals, err := st.Portfolio(ctx, year, f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]projectRowJSON, 0, len(rows))
	for _, row := range rows {
		out = append(out, projectRowJSON{ID: row.ID, Code: row.Code, Name: row.Name, Category: row.Category,
			CategoryName: names[row.Category], Cluster: row.Cluster, LeadUnit: unitRef(units[row.LeadUnitID]),
			Level: string(row.Level), TotalInvestment: row.TotalInvestment, figuresJSON: figuresOf(row),
			Light: lightOf(row.Light, lang)})
	}
	t := totalsJSON{Count: totals.Count, TotalInvestment: totals.TotalInvestment, PlannedInvestment: totals.PlannedYear,
		InvestedYTD: totals.InvestedYTD, ByColor: map[string]int{}}
	if totals.PlannedYear > 0 {
		t.PlanShare = totals.InvestedYTD / totals.PlannedYear
	}
	for _, c := range project.Colors {
		t.ByColor[string(c)] = totals.ByColor[c]
	}
	writeJSON(w, http.StatusOK, projectListJSON{Year: year, Today: st.Today(), Projects: out, Totals: t})
}

// getProject is one project in a year of its span: the record, the year's
// plan, figures and light, its nodes, its problems and its months. Like
// getUnit, a project outside the caller's scope is refused, not hidden.
func (a *API) getProject(w http.ResponseWriter, r *http.Request, u *auth.User) {
	ctx := r.Context()
	lang := i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
	st, err := a.projects(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	p, err := st.ByCode(ctx, r.PathValue("code"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	units, err := a.units.ByID(ctx)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	lead := units[p.LeadUnitID]
	if !auth.CanInUnit(u, auth.PermProjectsView, lead) {
		writeError(w, http.StatusForbidden, "forbidden", "the project's lead unit is outside your scope")
		return
	}
	year, ok, err := queryYear(ctx, w, a.db, st, r.URL.Query())
	if err != nil {
		a.fail(w, r, err)
		return
	} else if !ok {
		return
	}
	if r.URL.Query().Get("year") == "" {
		// The latest year may lie outside a finished or future project.
		year = min(max(year, p.StartYear), p.EndYear)
	} else if year < p.StartYear || year > p.EndYear {
		writeError(w, http.StatusNotFound, "not_found", "the project does not run in that year")
		return
	}
	names, err := categoryNames(ctx, st, lang)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	today := st.Today()
	out := projectDetailJSON{Year: year, Today: today, Project: recordOf(p, names, units),
		Nodes: []nodeJSON{}, Problems: []problemJSON{}}

	row, err := st.RowOf(ctx, year, p.ID)
	hasPlan := err == nil
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		a.fail(w, r, err)
		return
	}
	nodes, err := st.Nodes(ctx, p.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	problems, err := st.Problems(ctx, p.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if hasPlan {
		y := row.Year
		out.Plan = &yearPlanJSON{PlannedInvestment: y.PlannedInvestment, Profile: y.Profile, ProgressGoal: y.ProgressGoal,
			InvestedBefore: y.InvestedBefore}
		fig := figuresOf(row)
		out.Figures = &fig
		out.Light = lightOf(row.Light, lang)
	} else {
		// Without a plan there is no 序时 to fall behind; nodes and open
		// problems still light the project, as on its page.
		rules, err := st.Rules(ctx)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		var open []project.Problem
		for _, pr := range problems {
			if !pr.Closed {
				open = append(open, pr)
			}
		}
		out.Light = lightOf(project.Evaluate(project.State{Nodes: nodes, Problems: open}, today, rules), lang)
	}
	for _, n := range nodes {
		out.Nodes = append(out.Nodes, nodeJSON{Stage: string(n.Stage), StageName: i18n.T(lang, "project.stage."+string(n.Stage)),
			PlannedOn: n.PlannedOn, ActualOn: n.ActualOn, Owner: n.Owner, Evidence: n.Evidence, Done: n.Done})
	}
	for _, pr := range problems {
		out.Problems = append(out.Problems, problemJSON{Title: pr.Title, OwnerUnit: unitRef(units[pr.OwnerUnitID]), Leader: pr.Leader,
			Deadline: pr.Deadline, Closed: pr.Closed, Overdue: pr.OverdueOn(today), Resolution: pr.Resolution,
			RaisedOn: pr.RaisedOn, ClosedOn: pr.ClosedOn})
	}
	history, err := st.History(ctx, p.ID, year)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out.Months = monthsOf(history, row.Year, hasPlan)
	writeJSON(w, http.StatusOK, out)
}

func recordOf(p project.Project, categories map[string]string, units map[int64]org.Unit) projectJSON {
	out := projectJSON{ID: p.ID, Code: p.Code, Name: p.Name, Category: p.Category, CategoryName: categories[p.Category],
		Cluster: p.Cluster, LeadUnit: unitRef(units[p.LeadUnitID]), Cooperators: []unitRefJSON{}, Leader: p.Leader,
		Investor: p.Investor, Location: p.Location, TotalInvestment: p.TotalInvestment, Content: p.Content,
		Capacity: p.Capacity, StartYear: p.StartYear, EndYear: p.EndYear, Level: string(p.Level), Tags: p.Tags,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	for _, id := range p.Cooperators {
		out.Cooperators = append(out.Cooperators, unitRef(units[id]))
	}
	return out
}

// monthsOf lays the year's reports beside the 序时 plan. The year to date
// counts the reports that count (submitted, confirmed, approved), as the
// light does, and is null after the last of them, as on the page.
func monthsOf(history [12]*project.Report, y project.Year, hasPlan bool) []monthJSON {
	months, has := project.Counted(history)
	last := -1
	for m := range has {
		if has[m] {
			last = m
		}
	}
	out := make([]monthJSON, 12)
	sum := 0.0
	for m := range 12 {
		sum += months[m]
		j := monthJSON{Month: m + 1, Counted: has[m]}
		if rp := history[m]; rp != nil {
			j.Status, j.Late, j.InvestMonth, j.Progress, j.Problems = string(rp.Status), rp.Late, rp.InvestMonth, rp.Progress, rp.Problems
		}
		if m <= last {
			ytd := sum
			j.YTD = &ytd
		}
		if hasPlan {
			plan := y.ExpectedBy(m + 1)
			j.PlanYTD = &plan
		}
		out[m] = j
	}
	return out
}
