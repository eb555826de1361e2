package project_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
	"gaoxin/internal/project"
	"gaoxin/internal/report"
	"gaoxin/internal/settings"
)

// The helpers of this package's tests carry a "pj" prefix or a name of
// their own, so that they do not collide with those of the import tests,
// which live in the same package.

var pjCtx = context.Background()

func pjNum(v float64) *float64 { return &v }

// pjClock is a clock the tests move: the reports of past months are
// submitted on days inside their windows.
type pjClock struct{ t time.Time }

func (c *pjClock) now() time.Time { return c.t }

// on sets the clock to 10:00 China time on a China date.
func (c *pjClock) on(day string) {
	d, err := time.ParseInLocation("2006-01-02", day, time.FixedZone("CST", 8*3600))
	if err != nil {
		panic(err)
	}
	c.t = d.Add(10 * time.Hour).UTC()
}

// pjWorld is a zone of five units, the 2019 periods, and a project store
// on a clock pinned to 2019-12-09:
//
//	高新区 (zone)
//	├── 发展改革局 FGJ (department)
//	├── 新城街道 XC (street)
//	│   └── 新城产业园 XCY (park, under the street)
//	└── 建设局 JSJ (department)
type pjWorld struct {
	d                        *db.DB
	s                        *project.Store
	rs                       *report.Store
	clock                    *pjClock
	zone, fgj, xc, park, jsj int64
	periods                  []report.Period // January … December
	reporter, head, office   audit.Actor
	reporterName, officeName string
	projectsByCode           map[string]project.Project
	unitName                 map[int64]string
}

func pjNewWorld(t *testing.T, d *db.DB) *pjWorld {
	t.Helper()
	w := &pjWorld{d: d, clock: &pjClock{}, projectsByCode: map[string]project.Project{}, unitName: map[int64]string{}}
	units := org.NewStore(d)
	mk := func(code, name string, kind org.Kind, parent int64) int64 {
		u, err := units.Create(pjCtx, audit.System, org.Fields{Code: code, Name: name, Kind: kind}, parent)
		if err != nil {
			t.Fatalf("unit %s: %v", code, err)
		}
		w.unitName[u.ID] = name
		return u.ID
	}
	w.zone = mk("GX", "高新区", org.KindZone, 0)
	w.fgj = mk("FGJ", "发展改革局", org.KindDepartment, w.zone)
	w.xc = mk("XC", "新城街道", org.KindStreet, w.zone)
	w.park = mk("XCY", "新城产业园", org.KindPark, w.xc)
	w.jsj = mk("JSJ", "建设局", org.KindDepartment, w.zone)

	w.clock.on("2019-12-09")
	w.s = project.NewStore(d)
	w.s.SetClock(w.clock.now)
	w.rs = report.NewStore(d)
	w.rs.SetClock(w.clock.now)
	var err error
	if w.periods, err = w.rs.OpenYear(pjCtx, audit.System, 2019, 10, 3); err != nil || len(w.periods) != 12 {
		t.Fatalf("OpenYear = %d periods, %v", len(w.periods), err)
	}
	users := auth.NewUsers(d)
	user := func(login, name string, role auth.Role, unit int64) audit.Actor {
		u, err := users.Create(pjCtx, audit.System, auth.NewUser{Login: login, DisplayName: name, Role: role, UnitID: unit, Password: "gaoxin2019"})
		if err != nil {
			t.Fatalf("user %s: %v", login, err)
		}
		return u.Actor("test")
	}
	w.reporter = user("xc.tb", "新城填报员", auth.RoleReporter, w.xc)
	w.head = user("xc.fzr", "新城负责人", auth.RoleHead, w.xc)
	w.office = user("xmb", "项目办", auth.RoleProjects, w.zone)
	w.reporterName, w.officeName = "新城填报员", "项目办"
	return w
}

// month is the period of a 2019 month.
func (w *pjWorld) month(m int) report.Period { return w.periods[m-1] }

// inWindow sets the clock to the 1st of the month after m, when month m's
// report is open (it opens on the 25th and is due on the 10th).
func (w *pjWorld) inWindow(m int) {
	w.clock.on(time.Date(2019, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"))
}

// add creates a project with a 2019 plan; plan 0 means none.
func (w *pjWorld) add(t *testing.T, p project.Project, plan float64, profile []float64) project.Project {
	t.Helper()
	if p.Name == "" {
		p.Name = p.Code + " 项目"
	}
	if p.StartYear == 0 {
		p.StartYear, p.EndYear = 2018, 2021
	}
	created, err := w.s.Create(pjCtx, w.office, p)
	if err != nil {
		t.Fatalf("create %s: %v", p.Code, err)
	}
	if plan > 0 {
		if err := w.s.SetYear(pjCtx, w.office, project.Year{ProjectID: created.ID, Year: 2019, PlannedInvestment: plan,
			Profile: profile, ProgressGoal: "主体完工"}); err != nil {
			t.Fatalf("year plan of %s: %v", p.Code, err)
		}
	}
	w.projectsByCode[p.Code] = created
	return created
}

// submitMonth submits month m's reports of the given projects (by id,
// 万元) on a day inside the month's window, and puts the clock back.
func (w *pjWorld) submitMonth(t *testing.T, m int, values map[int64]float64) {
	t.Helper()
	saved := w.clock.t
	defer func() { w.clock.t = saved }()
	w.inWindow(m)
	var entries []project.Entry
	var due []int64
	for id, v := range values {
		entries = append(entries, project.Entry{ProjectID: id, InvestMonth: pjNum(v), Progress: "按计划施工", Problems: "资金到位偏慢"})
		due = append(due, id)
	}
	if err := w.s.Submit(pjCtx, w.reporter, w.month(m), entries, due); err != nil {
		t.Fatalf("submit month %d: %v", m, err)
	}
}

// settingsSet sets one of the office's settings.
func pjSetting(w *pjWorld, key, value string) error {
	return settings.Set(pjCtx, w.d, audit.System, key, value)
}

// wantInvalid checks an *i18n.Error's field and key.
func pjWantInvalid(t *testing.T, err error, field, key string) {
	t.Helper()
	var verr *i18n.Error
	if !errors.As(err, &verr) || verr.Key != key || verr.Field != field {
		t.Fatalf("error = %#v (%v), want %s on field %q", verr, err, key, field)
	}
}

// wantProblem checks a report action's refusal of one project.
func pjWantProblem(t *testing.T, err error, projectID int64, field, key string) {
	t.Helper()
	var ps project.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error = %v, want project problems", err)
	}
	e := ps[projectID]
	if e == nil || e.Key != key || e.Field != field {
		t.Fatalf("problems = %v, want %s on %q for project %d", err, key, field, projectID)
	}
}

// near compares sums reached in different orders.
func pjNear(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func pjNearPtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return pjNear(*a, *b)
}

func pjShow(v *float64) any {
	if v == nil {
		return "nil"
	}
	return *v
}
