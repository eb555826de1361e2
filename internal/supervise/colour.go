package supervise

import "gaoxin/internal/i18n"

// Colour is a task's standing. Blue, yellow and red are the three colours
// of the seed's supervision; green is on course, Done closed.
type Colour string

const (
	Done   Colour = "done"   // 已销号
	Green  Colour = "green"  // on course
	Blue   Colour = "blue"   // 蓝色: the deadline is near
	Yellow Colour = "yellow" // 黄色: behind a milestone, or a progress report missing
	Red    Colour = "red"    // 红色: past the deadline and not done
)

// Colours lists the colours from the worst, as lists sort them.
var Colours = []Colour{Red, Yellow, Blue, Green, Done}

// worse reports whether c is worse than d.
func (c Colour) worse(d Colour) bool { return rank(c) < rank(d) }

func rank(c Colour) int {
	for i, x := range Colours {
		if x == c {
			return i
		}
	}
	return len(Colours)
}

// Rules are the settings the colours are computed with.
type Rules struct {
	WarnDays     int // blue when the deadline is this many days away or fewer
	EscalateDays int // a task red this many days reaches its leader's list
}

// DefaultRules apply where settings say nothing.
var DefaultRules = Rules{WarnDays: 7, EscalateDays: 3}

// Light is a task's colour with the reasons for it.
type Light struct {
	Colour    Colour
	Reasons   []i18n.Msg // the worst first
	RedDays   int        // days past the deadline, for a red task
	Escalated bool       // red for Rules.EscalateDays or more: on the leader's list
}

// Evaluate computes a task's colour on today from its deadline, its
// milestones and its last progress report ("" when it has none). A task
// whose closing is asked for is judged on the day it was asked for: the
// unit finished then, and the office's time to approve is not the unit's
// delay.
func Evaluate(t Task, lastReport, today string, r Rules) Light {
	if t.Status == Closed {
		return Light{Colour: Done, Reasons: []i18n.Msg{i18n.M("supervise.why.closed", t.ClosedOn)}}
	}
	asOf := today
	if t.Status == Closing && t.ClosingOn != "" && t.ClosingOn < today {
		asOf = t.ClosingOn
	}
	var l Light
	add := func(c Colour, m i18n.Msg) {
		if l.Colour == "" || c.worse(l.Colour) {
			l.Colour = c
			l.Reasons = append([]i18n.Msg{m}, l.Reasons...)
			return
		}
		l.Reasons = append(l.Reasons, m)
	}
	if asOf > t.Deadline {
		l.RedDays = daysBetween(t.Deadline, asOf)
		l.Escalated = t.Status == Open && l.RedDays >= r.EscalateDays
		add(Red, i18n.M("supervise.why.overdue", t.Deadline, l.RedDays))
	}
	for _, m := range t.Milestones {
		if m.DoneOn == "" && m.DueOn < asOf {
			add(Yellow, i18n.M("supervise.why.milestone", m.Title, m.DueOn, daysBetween(m.DueOn, asOf)))
		}
	}
	if days := t.Frequency.Days(); days > 0 && t.Status == Open {
		since := lastReport
		if since == "" {
			since = t.SourceOn
		}
		if late := daysBetween(since, asOf) - days; late > 0 {
			if lastReport == "" {
				add(Yellow, i18n.M("supervise.why.no_report", i18n.M("supervise.frequency."+string(t.Frequency)), since))
			} else {
				add(Yellow, i18n.M("supervise.why.report_late", i18n.M("supervise.frequency."+string(t.Frequency)), lastReport))
			}
		}
	}
	if left := daysBetween(asOf, t.Deadline); left >= 0 && left <= r.WarnDays {
		add(Blue, i18n.M("supervise.why.near", t.Deadline, left))
	}
	if l.Colour == "" {
		l.Colour = Green
		l.Reasons = []i18n.Msg{i18n.M("supervise.why.on_course", t.Deadline)}
	}
	if t.Status == Closing {
		l.Reasons = append(l.Reasons, i18n.M("supervise.why.closing", t.ClosingOn))
	}
	return l
}
