package project

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/settings"
)

// Color is a project's traffic light.
type Color string

const (
	Green  Color = "green"
	Yellow Color = "yellow"
	Red    Color = "red"
)

// Colors lists the lights, worst last.
var Colors = []Color{Green, Yellow, Red}

func (c Color) rank() int {
	switch c {
	case Red:
		return 2
	case Yellow:
		return 1
	}
	return 0
}

// Reason is one thing that lit a light, explained in both languages.
type Reason struct {
	Color Color
	Msg   i18n.Msg
}

// Light is a project's light and every reason for it, worst first.
type Light struct {
	Color   Color
	Reasons []Reason
}

// Rules are the settings a light is computed under.
type Rules struct {
	WarnDays int     // a node due within this many days lights yellow
	OnTrack  float64 // year to date below this share of 序时 lights yellow
	Behind   float64 // below this share lights red ("far behind")
}

// WarnDaysSetting is the setting that holds Rules.WarnDays.
const WarnDaysSetting = "project.warn_days"

// DefaultRules are used where the office set nothing: a fortnight's
// warning, and the progress thresholds' defaults (90% on track, 75%).
var DefaultRules = Rules{WarnDays: 15, OnTrack: 0.90, Behind: 0.75}

// loadRules reads the rules from the settings: the warning days of the
// projects and the status thresholds of the plan, so that "behind 序时"
// means the same for a project as for an indicator.
func loadRules(ctx context.Context, q db.Querier) (Rules, error) {
	r := DefaultRules
	v, err := settings.Get(ctx, q, WarnDaysSetting)
	if err != nil {
		return r, err
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		r.WarnDays = n
	}
	th, err := settings.Get(ctx, q, settings.Thresholds)
	if err != nil {
		return r, err
	}
	if parts := strings.Split(th, ","); len(parts) == 3 {
		on, err1 := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
		far, err2 := strconv.ParseFloat(strings.TrimSpace(parts[2]), 64)
		if err1 == nil && err2 == nil && far <= on {
			r.OnTrack, r.Behind = on, far
		}
	}
	return r, nil
}

// Rules returns the rules lights are computed under now.
func (s *Store) Rules(ctx context.Context) (Rules, error) { return loadRules(ctx, s.db) }

// State is what a light is computed from.
type State struct {
	Plan     *Year     // nil when the project has no plan for the year
	Nodes    []Node    // every node of the project
	Problems []Problem // its open problems
	Invested float64   // counted investment of the year up to AsOf
	AsOf     int       // the month the investment is measured at (0: not yet)
}

// Evaluate lights a project on day (2006-01-02): red when a node or a
// problem is overdue or the investment is far behind 序时, yellow when a
// node is due within the warning days or the investment is behind, green
// otherwise. It is computed, never typed.
func Evaluate(st State, day string, r Rules) Light {
	today, _ := time.Parse(dateLayout, day)
	var reasons []Reason
	for _, n := range st.Nodes {
		if n.Done || n.PlannedOn == "" {
			continue
		}
		planned, err := time.Parse(dateLayout, n.PlannedOn)
		if err != nil {
			continue
		}
		days := int(today.Sub(planned).Hours() / 24)
		switch {
		case days > 0:
			reasons = append(reasons, Reason{Red, stageMsg("project.light.node_overdue", n.Stage, n.PlannedOn, days)})
		case -days <= r.WarnDays:
			reasons = append(reasons, Reason{Yellow, stageMsg("project.light.node_near", n.Stage, n.PlannedOn, -days)})
		}
	}
	for _, p := range st.Problems {
		if !p.OverdueOn(day) {
			continue
		}
		deadline, _ := time.Parse(dateLayout, p.Deadline)
		days := int(today.Sub(deadline).Hours() / 24)
		reasons = append(reasons, Reason{Red, i18n.M("project.light.problem_overdue", p.Title, p.Deadline, days)})
	}
	if st.Plan != nil && st.AsOf > 0 {
		if expected := st.Plan.ExpectedBy(st.AsOf); expected > 0 {
			ratio := st.Invested / expected
			pct := fmt.Sprintf("%.1f%%", ratio*100)
			args := []any{st.AsOf, amount(round1(st.Invested)), amount(round1(expected)), pct}
			switch {
			case ratio < r.Behind:
				reasons = append(reasons, Reason{Red, i18n.M("project.light.invest_far", args...)})
			case ratio < r.OnTrack:
				reasons = append(reasons, Reason{Yellow, i18n.M("project.light.invest_behind", args...)})
			}
		}
	}
	l := Light{Color: Green}
	for _, rs := range reasons {
		if rs.Color.rank() > l.Color.rank() {
			l.Color = rs.Color
		}
	}
	// Worst first, keeping the order found within a colour.
	for _, c := range []Color{Red, Yellow} {
		for _, rs := range reasons {
			if rs.Color == c {
				l.Reasons = append(l.Reasons, rs)
			}
		}
	}
	if len(l.Reasons) == 0 {
		l.Reasons = []Reason{{Green, i18n.M("project.light.on_schedule")}}
	}
	return l
}

func round1(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }

// stageMsg writes a node's message with the stage named in each language.
func stageMsg(key string, st Stage, date string, days int) i18n.Msg {
	in := func(lang i18n.Lang) string {
		return i18n.T(lang, key, i18n.T(lang, "project.stage."+string(st)), date, days)
	}
	return i18n.Text(in(i18n.ZH), in(i18n.EN))
}
