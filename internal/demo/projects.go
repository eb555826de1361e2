package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/project"
	"gaoxin/internal/report"
)

// The demo's portfolio: the seed's 183 key projects (1,204 亿元), 152
// infrastructure works (54 亿元) and the first batch of livelihood works
// (19.8 亿元, 7 categories, 32 items, 106 pieces), each planned for 2019,
// reported monthly by its lead unit through the real workflow, and lit on
// the demo's "today". Money is in 万元, whole numbers, so that every sum
// the seed states holds exactly.

// BrowserProject is a key project of 投资促进局 that is yellow on the
// demo's "today" only because its investment to October is behind 序时
// (82%); November is not reported yet, and reporting BrowserNovemberInvest
// 万元 for it brings it to 92.7% of 序时, green.
const (
	BrowserProject        = "XM-TCJ-001"
	BrowserNovemberInvest = 4000
)

// ProgrammeCode is the code of the first batch of 2019's livelihood works.
const ProgrammeCode = "MSSS-2019-1"

// Bindings are the plan indicators whose figures the portfolio produces:
// nobody types them, and the figure generator leaves them out.
var Bindings = map[string]string{
	"CY01": "project:count category=industrial,service,innovation,social",
	"CY02": "project:total category=industrial,service,innovation,social",
	"CY03": "project:invest category=industrial,service,innovation,social",
	"CJ01": "project:done:start category=infrastructure",
	"CJ02": "project:invest category=infrastructure",
	"MS01": "project:invest programme=" + ProgrammeCode,
}

// demoProject is one project as the demo generates it, before it is written.
type demoProject struct {
	project.Project
	lead     string   // lead unit code
	coop     []string // cooperating unit codes
	plan     float64  // 2019's planned investment
	before   float64  // invested before 2019
	goal     string   // 形象进度 goal
	from, to int      // months of the year the money is spent in (profile); from 0: time-proportional
	pace     float64  // how the actual investment runs against 序时
	scaled   bool     // its plan is scaled to the unit's share
	calm     bool     // a project the seed names: on plan
	nodes    []project.Node
	problems []demoProblem
	piece    *pieceRef // where it sits in the programme, for livelihood pieces
	months   [12]float64
}

type demoProblem struct {
	project.Problem
	owner    string // unit code
	closedOn string // "" while open
	solution string
}

// loadPortfolio writes the portfolio, reports January–November through
// the workflow with the store's clock moved into each period's window,
// and binds the plan's indicators to it.
func loadPortfolio(ctx context.Context, d *db.DB, ids map[string]int64, who actors, periods []report.Period, planned map[string]planned) error {
	office, err := projectOffice(ctx, d)
	if err != nil {
		return err
	}
	rnd := rand.New(rand.NewPCG(2019, 183))
	all := append(keyProjects(rnd), infrastructure(rnd)...)
	pieces, tree := livelihood(rnd)
	all = append(all, pieces...)
	for _, p := range all {
		p.schedule(rnd)
	}
	var clock time.Time
	s := project.NewStore(d)
	s.SetClock(func() time.Time { return clock })
	clock = at(Year, 1, 18, 10) // the 项目办 enters the year's list after the 全区经济工作会议
	if err := writeProjects(ctx, s, office, ids, all, tree); err != nil {
		return err
	}
	if err := writeEvents(ctx, s, office, ids, all, &clock); err != nil {
		return err
	}
	if err := reportMonths(ctx, s, who, office, periods, all, &clock); err != nil {
		return err
	}
	clock = todayAt(9)
	return bind(ctx, s, office, planned)
}

// projectOffice is the actor of the 项目办's steps: 周涛's account.
func projectOffice(ctx context.Context, d *db.DB) (audit.Actor, error) {
	u, err := auth.NewUsers(d).ByLogin(ctx, "xiangmu")
	if err != nil {
		return audit.Actor{}, fmt.Errorf("demo 项目办 account: %w", err)
	}
	return u.Actor("demo"), nil
}

// bind binds the plan's indicators to the portfolio and checks that every
// project counts for an assignment of each indicator that selects it.
func bind(ctx context.Context, s *project.Store, office audit.Actor, planned map[string]planned) error {
	codes := make([]string, 0, len(Bindings))
	for c := range Bindings {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		if err := s.Bind(ctx, office, planned[c].indicator.ID, Bindings[c]); err != nil {
			return fmt.Errorf("bind %s: %w", c, err)
		}
	}
	r, err := s.Rollup(ctx, Year)
	if err != nil {
		return err
	}
	for id, list := range r.Unassigned {
		if len(list) > 0 {
			return fmt.Errorf("indicator %d: projects counted nowhere: %s", id, strings.Join(list, ", "))
		}
	}
	return nil
}

// todayAt is the demo's "today" at an hour, China time.
func todayAt(hour int) time.Time { return at(Year, 12, 9, hour) }

// day writes a date of the demo year, 2019-05-31.
func day(month, d int) string { return date(Year, month, d) }

func date(year, month, d int) string {
	return time.Date(year, time.Month(month), d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// pick chooses one of list.
func pick[T any](rnd *rand.Rand, list []T) T { return list[rnd.IntN(len(list))] }

// between is a random whole number in [lo, hi].
func between(rnd *rand.Rand, lo, hi int) int { return lo + rnd.IntN(hi-lo+1) }

// shareOut shares total (万元) out over n amounts in proportion to random
// weights, in whole steps of unit; the last takes what rounding left, so
// that they add up to total exactly.
func shareOut(rnd *rand.Rand, total float64, n int, unit float64) []float64 {
	weights := make([]float64, n)
	sum := 0.0
	for i := range weights {
		weights[i] = 0.35 + rnd.ExpFloat64()
		sum += weights[i]
	}
	out := make([]float64, n)
	left := total
	for i := 0; i < n-1; i++ {
		out[i] = max(unit, float64(int64(total*weights[i]/sum/unit+0.5))*unit)
		left -= out[i]
	}
	out[n-1] = left
	return out
}
