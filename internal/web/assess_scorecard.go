package web

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/assess"
	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/score"
)

// scorecardView is one unit's assessment at a checkpoint, every point
// traced to a figure and a rule.
type scorecardView struct {
	Year                                      int
	Period                                    string
	PeriodName                                string
	Month                                     int
	Class                                     string
	Published                                 *assess.Published // nil when computed now
	Scheme                                    assess.SchemeRef
	Unit                                      assess.UnitResult
	Of                                        int // units in the class
	Total, ItemsTotal, Bonus, Deduction, Veto string
	Grade                                     string
	Items                                     []scoreItemRow
	NotHeld                                   []scoreItemRow // other units' tasks, shown apart
	Bonuses                                   []assess.BonusView
	Deductions                                []deductionRow
	Vetoes                                    []assess.VetoView
	Notes                                     []string
}

type scoreItemRow struct {
	Code, Name, Rule, State string
	Full, Points            string
	Why                     string
	IndicatorID             int64
	IndicatorName, UOM      string
	Actual, Target, Stretch string
	LastYear, LastYearFrom  string
	Count                   string
	Ratings                 []string
}

type deductionRow struct {
	assess.DeductionView
	PointsText string
}

func (s *Server) scorecardPage(w http.ResponseWriter, r *http.Request) {
	year, period, ok := pathPeriod(w, r, s)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("unit"), 10, 64)
	unit, err := s.units.Get(r.Context(), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	user := current(r).user
	if !auth.CanInUnit(user, auth.PermAssessView, unit) && !auth.Can(user, auth.PermAssessManage) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return
	}
	p := s.newPage(r, "assess.scorecard_title", "assess")
	res, pub, err := s.unitResult(r.Context(), r, year, period, unit.Class)
	if err != nil {
		s.assessError(w, r, p, err)
		return
	}
	u := res.Unit(id)
	if u == nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	p.Data = scorecardOf(res, pub, u, p)
	s.render(w, r, http.StatusOK, "assess_scorecard", p)
}

// unitResult finds the class result a scorecard shows: the version asked
// for, the latest published, or — for the office — the result computed now.
func (s *Server) unitResult(ctx context.Context, r *http.Request, year int, period, class string) (*assess.Result, *assess.Published, error) {
	store := assess.NewResultStore(s.db)
	office := auth.Can(current(r).user, auth.PermAssessManage)
	v, _ := strconv.Atoi(r.URL.Query().Get("v"))
	live := office && r.URL.Query().Get("live") == "1"
	if !live {
		var p assess.Published
		var err error
		if v > 0 {
			p, err = store.Version(ctx, year, period, class, v)
		} else {
			p, err = store.Latest(ctx, year, period, class)
		}
		if err == nil {
			res, err := p.Result()
			return res, &p, err
		}
		if !office || v > 0 {
			return nil, nil, err
		}
	}
	results, err := assess.Compute(ctx, s.db, year, period, class)
	if err != nil {
		return nil, nil, err
	}
	return results[0], nil, nil
}

func scorecardOf(res *assess.Result, pub *assess.Published, u *assess.UnitResult, p *page) scorecardView {
	v := scorecardView{Year: res.Year, Period: res.Period, PeriodName: assess.PeriodName(res.Period, p.Lang()), Month: res.Month,
		Class: res.Class, Published: pub, Scheme: res.Scheme, Unit: *u, Of: len(res.Units),
		Total: score.FormatPoints(u.Total), ItemsTotal: score.FormatPoints(u.ItemsTotal), Bonus: score.FormatPoints(u.Bonus),
		Deduction: score.FormatPoints(u.Deduction), Veto: score.FormatPoints(u.VetoPoints), Grade: u.GradeIn(p.lang),
		Bonuses: u.Records.Bonuses, Vetoes: u.Records.Vetoes}
	for k, it := range u.Items {
		head := res.Items[k]
		row := scoreItemRow{Code: it.Code, Name: head.NameIn(p.lang), Rule: head.Rule, State: it.State, Full: score.FormatPoints(head.Points),
			Points: score.FormatPoints(it.Points), Why: it.Why.ZH, IndicatorID: head.IndicatorID, IndicatorName: head.IndicatorName,
			UOM: head.UnitOfMeasure, Actual: figure(it.Input.Actual), Target: figure(it.Input.Target), Stretch: figure(it.Input.Stretch),
			LastYear: figure(it.Input.LastYear), LastYearFrom: it.Input.LastYearFrom}
		if p.lang == i18n.EN {
			row.Why = it.Why.EN
		}
		if it.Input.Count != nil {
			row.Count = strconv.Itoa(*it.Input.Count)
		}
		for _, key := range slices.Sorted(maps.Keys(it.Input.Ratings)) {
			var marks []string
			for _, n := range it.Input.Ratings[key] {
				marks = append(marks, score.FormatFigure(n))
			}
			row.Ratings = append(row.Ratings, assess.RaterName(head.Raters, key, p.lang)+": "+strings.Join(marks, ", "))
		}
		if it.State == "not_assigned" {
			v.NotHeld = append(v.NotHeld, row)
			continue
		}
		v.Items = append(v.Items, row)
	}
	for _, d := range u.Records.Deductions {
		v.Deductions = append(v.Deductions, deductionRow{DeductionView: d, PointsText: score.FormatPoints(d.Points)})
	}
	for _, n := range u.Notes {
		if p.lang == i18n.EN {
			v.Notes = append(v.Notes, n.EN)
		} else {
			v.Notes = append(v.Notes, n.ZH)
		}
	}
	return v
}

func figure(n *score.Num) string {
	if n == nil {
		return ""
	}
	return score.FormatFigure(*n)
}
