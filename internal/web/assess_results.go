package web

import (
	"context"
	"errors"
	"gaoxin/internal/audit"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

// classResult is one class's result as a page shows it, with where it
// came from: a published version, or computed now from the figures.
type classResult struct {
	*assess.Result
	Published *assess.Published // nil when computed now
	Latest    *assess.Published // the newest published version, if any
	Versions  []assess.Published
	Rows      []resultRow
	// Anchor is the audit entry that published the version shown.
	Anchor string
}

// resultRow is one unit's line, its numbers written out for display.
type resultRow struct {
	UnitID                               int64
	Rank                                 int
	Code, Name                           string
	Total, Items, Bonus, Deduction, Veto string
	Grade                                string
	GradeLevel                           int
	Vetoed                               bool
}

// Previous is the version before the one shown, for "what changed".
func (c classResult) Previous() int {
	if c.Published == nil {
		return 0
	}
	return c.Published.Version - 1
}

// resultsView is a checkpoint's results, class by class.
type resultsView struct {
	Year        int
	Period      string
	PeriodName  string
	Class       string // the class asked for, "" for all
	Live        bool   // the office asked for results computed now
	Classes     []classResult
	Unpublished []string // classes with nothing published (for readers)
	Query       string   // class, version and live, to carry into links
}

// resultSource is what a request asks to see.
type resultSource struct {
	class   string
	version int
	live    bool
}

func sourceOf(r *http.Request) resultSource {
	q := r.URL.Query()
	v, _ := strconv.Atoi(q.Get("v"))
	src := resultSource{class: q.Get("class"), version: v, live: q.Get("live") == "1"}
	if !auth.Can(current(r).user, auth.PermAssessManage) {
		src.live = false // only the office sees results before they are published
	}
	return src
}

func (src resultSource) query() string {
	q := url.Values{}
	if src.class != "" {
		q.Set("class", src.class)
	}
	if src.version > 0 {
		q.Set("v", strconv.Itoa(src.version))
	}
	if src.live {
		q.Set("live", "1")
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// loadResults gives each class's result: published (the latest, or the
// version asked for), or computed now when the office asks for it or when
// the office opens a checkpoint with nothing published yet.
func (s *Server) loadResults(ctx context.Context, r *http.Request, year int, period string, src resultSource) ([]classResult, []string, error) {
	office := auth.Can(current(r).user, auth.PermAssessManage)
	results := assess.NewResultStore(s.db)
	adopted, err := assess.NewStore(s.db).Current(ctx, year)
	if err != nil {
		return nil, nil, err
	}
	var out []classResult
	var unpublished []string
	var in *assess.Inputs // loaded once, only if some class is computed now
	for _, st := range assess.ByClass(adopted) {
		if (src.class != "" && st.Class != src.class) || !assess.Declares(st, period) {
			continue
		}
		c := classResult{}
		if c.Versions, err = results.Versions(ctx, year, period, st.Class); err != nil {
			return nil, nil, err
		}
		if len(c.Versions) > 0 {
			c.Latest = &c.Versions[0]
		}
		version := 0
		switch {
		case src.live:
		case src.version > 0 && src.class == st.Class:
			version = src.version
		case c.Latest != nil:
			version = c.Latest.Version
		case !office:
			unpublished = append(unpublished, st.Class)
			continue
		}
		if version > 0 {
			p, err := results.Version(ctx, year, period, st.Class, version)
			if err != nil {
				return nil, nil, err
			}
			c.Published = &p
			if c.Result, err = p.Result(); err != nil {
				return nil, nil, err
			}
			if a, ok, err := audit.AnchorOf(ctx, s.db, "result.publish", strconv.FormatInt(p.ID, 10)); err != nil {
				return nil, nil, err
			} else if ok {
				c.Anchor = a.String()
			}
		} else {
			if in == nil {
				if in, err = assess.LoadInputs(ctx, s.db, year, period); err != nil {
					return nil, nil, err
				}
			}
			if c.Result, err = assess.Evaluate(in, st); err != nil {
				return nil, nil, err
			}
		}
		c.Rows = resultRows(c.Result, current(r).lang)
		out = append(out, c)
	}
	return out, unpublished, nil
}

func resultRows(res *assess.Result, lang i18n.Lang) []resultRow {
	rows := make([]resultRow, len(res.Units))
	for i, u := range res.Units {
		rows[i] = resultRow{UnitID: u.UnitID, Rank: u.Rank, Code: u.Code, Name: u.Name, Total: score.FormatPoints(u.Total),
			Items: score.FormatPoints(u.ItemsTotal), Bonus: score.FormatPoints(u.Bonus), Deduction: score.FormatPoints(u.Deduction),
			Veto: score.FormatPoints(u.VetoPoints), Grade: u.GradeIn(lang), GradeLevel: u.GradeLevel, Vetoed: u.Vetoed}
	}
	return rows
}

// resultsPage shows a checkpoint's results, each class ranked with grades.
func (s *Server) resultsPage(w http.ResponseWriter, r *http.Request) {
	year, period, ok := pathPeriod(w, r, s)
	if !ok {
		return
	}
	src := sourceOf(r)
	p := s.newPage(r, "assess.results_title", "assess")
	classes, unpublished, err := s.loadResults(r.Context(), r, year, period, src)
	if err != nil {
		s.assessError(w, r, p, err)
		return
	}
	p.Data = resultsView{Year: year, Period: period, PeriodName: assess.PeriodName(period, p.Lang()), Class: src.class,
		Live: src.live, Classes: classes, Unpublished: unpublished, Query: src.query()}
	s.render(w, r, http.StatusOK, "assess_results", p)
}

// assessError shows a scheme that cannot score the year's plan (an item
// bound to an indicator the plan lacks) as the office's problem to fix,
// not as a server failure.
func (s *Server) assessError(w http.ResponseWriter, r *http.Request, p *page, err error) {
	var unbound *assess.UnboundError
	if errors.As(err, &unbound) {
		p.Data = p.T("assess.err.unbound", unbound.Class, unbound.Item, unbound.Indicator, unbound.Year)
		s.render(w, r, http.StatusUnprocessableEntity, "error", p)
		return
	}
	s.notFoundOr(w, r, err)
}

// publishResults publishes a checkpoint's results as computed now: one
// class, or every class the checkpoint scores.
func (s *Server) publishResults(w http.ResponseWriter, r *http.Request) {
	year, period, ok := pathPeriod(w, r, s)
	if !ok {
		return
	}
	class := r.PostFormValue("class")
	note := strings.TrimSpace(r.PostFormValue("note"))
	computed, err := assess.Compute(r.Context(), s.db, year, period, class)
	if err != nil {
		p := s.newPage(r, "assess.results_title", "assess")
		s.assessError(w, r, p, err)
		return
	}
	v := current(r)
	who := v.user.Actor(v.address)
	_, added, err := s.resultStore().PublishAll(r.Context(), who, computed, note)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	done := "results_published"
	if added == 0 {
		done = "results_unchanged"
	}
	q := url.Values{"done": {done}}
	if class != "" {
		q.Set("class", class)
	}
	http.Redirect(w, r, "/assess/"+strconv.Itoa(year)+"/results/"+period+"?"+q.Encode(), http.StatusSeeOther)
}
