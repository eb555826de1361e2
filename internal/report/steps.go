package report

import (
	"strings"
	"time"

	"gaoxin/internal/i18n"
)

// Step is one move of the reporting workflow: which statuses it starts
// from and where it leads. Figures and every other kind of monthly report
// (a key project's, for one) move by these same steps, so that there is
// one workflow in gaoxin, not one per module.
type Step struct {
	Action string
	From   []Status
	To     Status
	Reason bool // a reason must be given
}

// The steps of the workflow. Return is from submitted or confirmed; who may
// return from which is the caller's policy (the unit head only what is
// submitted, the office both).
var (
	StepSubmit  = Step{Action: "submit", From: []Status{Draft, Returned}, To: Submitted}
	StepConfirm = Step{Action: "confirm", From: []Status{Submitted}, To: Confirmed}
	StepApprove = Step{Action: "approve", From: []Status{Confirmed}, To: Approved}
	StepReturn  = Step{Action: "return", From: []Status{Submitted, Confirmed}, To: Returned, Reason: true}
)

// Steps lists the steps by action, for pages that take the action from a URL.
var Steps = map[string]Step{
	StepSubmit.Action: StepSubmit, StepConfirm.Action: StepConfirm,
	StepApprove.Action: StepApprove, StepReturn.Action: StepReturn,
}

// Allows reports whether the step may start from s.
func (st Step) Allows(s Status) bool { return statusIn(s, st.From) }

// Check refuses a step that cannot be taken now in period p: a period that
// is closed (or for a submission, not open yet), or a missing reason. It
// returns the window the moment falls in, so that a submission in the
// grace window is marked late.
func (st Step) Check(p Period, now time.Time, reason string) (Window, error) {
	w := p.WindowAt(now)
	switch {
	case st.Action == StepSubmit.Action && (w == Closed || w == NotOpen):
		return w, i18n.Invalid("", "figure.err.window_"+string(w))
	case p.Locked:
		return w, i18n.Invalid("", "figure.err.window_closed")
	case st.Reason && strings.TrimSpace(reason) == "":
		return w, i18n.Invalid("reason", "figure.err.reason")
	}
	return w, nil
}

// CheckEdit refuses saving a draft when the period does not take input.
func CheckEdit(p Period, now time.Time) error {
	if w := p.WindowAt(now); w == Closed || w == NotOpen {
		return i18n.Invalid("", "figure.err.window_"+string(w))
	}
	return nil
}
