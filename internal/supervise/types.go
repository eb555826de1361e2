package supervise

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/i18n"
)

// SourceKind is where a task comes from.
type SourceKind string

const (
	Meeting     SourceKind = "meeting"     // 会议: a meeting's minutes (纪要)
	Document    SourceKind = "document"    // 文件: a document with its number (文号)
	Instruction SourceKind = "instruction" // 领导批示: a leader's instruction
)

// SourceKinds lists the kinds in the order pages offer them.
var SourceKinds = []SourceKind{Meeting, Document, Instruction}

// Frequency is how often the lead unit must report progress.
type Frequency string

const (
	Weekly   Frequency = "weekly"
	Biweekly Frequency = "biweekly"
	Monthly  Frequency = "monthly"
	Once     Frequency = "once" // only when done
)

// Frequencies lists the frequencies in the order pages offer them.
var Frequencies = []Frequency{Weekly, Biweekly, Monthly, Once}

// Days is the longest a task may go without a progress report; 0 for Once.
func (f Frequency) Days() int {
	switch f {
	case Weekly:
		return 7
	case Biweekly:
		return 14
	case Monthly:
		return 31
	}
	return 0
}

// Status is where a task stands in its closing (销号).
type Status string

const (
	Open    Status = "open"    // 办理中
	Closing Status = "closing" // 申请销号, waiting for the office
	Closed  Status = "closed"  // 已销号
)

// Statuses lists the statuses in the order pages show them.
var Statuses = []Status{Open, Closing, Closed}

// Task is one supervised task. Dates are China dates written 2006-01-02.
type Task struct {
	ID           int64
	Code         string
	SourceKind   SourceKind
	SourceTitle  string // the meeting or document
	SourceNumber string // 纪要号 or 文号, optional
	SourceOn     string
	Content      string
	LeadUnitID   int64
	Cooperators  []int64 // cooperating units
	LeaderUserID int64   // the responsible leader's account, 0 when the leader has none
	LeaderName   string
	Deadline     string
	Frequency    Frequency
	Milestones   []Milestone
	Status       Status
	ClosingOn    string // the day closing was asked for (the day the work was done)
	ClosedOn     string // the day the office approved it
	Reopened     int    // how many times it was reopened
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Milestone is a step of a task with its due day.
type Milestone struct {
	ID     int64
	Seq    int
	Title  string
	DueOn  string
	DoneOn string // "" while not done
}

// EventKind is what happened to a task.
type EventKind string

const (
	Created        EventKind = "created"
	Reported       EventKind = "report"          // a progress report
	CloseRequested EventKind = "close_requested" // the lead unit asks to close, with evidence
	CloseApproved  EventKind = "close_approved"  // the office closes it (销号)
	CloseRefused   EventKind = "close_refused"   // the office sends it back, with a reason
	Reopened       EventKind = "reopened"        // a closed task opened again, with a reason
	Deduction      EventKind = "deduction"       // a deduction proposed to the assessment
)

// Event is one line of a task's timeline.
type Event struct {
	ID        int64
	TaskID    int64
	Kind      EventKind
	On        string
	Note      string
	Evidence  string
	UserID    int64
	Actor     string
	RecordID  int64 // the assessment record a deduction proposed
	CreatedAt time.Time
}

const dateLayout = "2006-01-02"

// validDay reports whether s is a date written 2006-01-02.
func validDay(s string) bool {
	_, err := time.Parse(dateLayout, s)
	return err == nil
}

// daysBetween is the number of days from a to b (negative when b is
// earlier); both are valid days.
func daysBetween(a, b string) int {
	ta, _ := time.Parse(dateLayout, a)
	tb, _ := time.Parse(dateLayout, b)
	return int(tb.Sub(ta).Hours() / 24)
}

// addDays is day moved by n days.
func addDays(day string, n int) string {
	t, _ := time.Parse(dateLayout, day)
	return t.AddDate(0, 0, n).Format(dateLayout)
}

// normalise trims a task's text and checks what a person entered; the
// store checks the units and the code against the database.
func (t *Task) normalise() *i18n.Error {
	for _, f := range []*string{&t.Code, &t.SourceTitle, &t.SourceNumber, &t.SourceOn, &t.Content, &t.LeaderName, &t.Deadline} {
		*f = strings.TrimSpace(*f)
	}
	switch {
	case !slices.Contains(SourceKinds, t.SourceKind):
		return i18n.Invalid("source_kind", "supervise.err.source_kind")
	case t.SourceTitle == "" || utf8.RuneCountInString(t.SourceTitle) > 200:
		return i18n.Invalid("source_title", "supervise.err.source_title")
	case utf8.RuneCountInString(t.SourceNumber) > 60:
		return i18n.Invalid("source_number", "supervise.err.source_number")
	case !validDay(t.SourceOn):
		return i18n.Invalid("source_on", "supervise.err.date", t.SourceOn)
	case t.Content == "" || utf8.RuneCountInString(t.Content) > 2000:
		return i18n.Invalid("content", "supervise.err.content")
	case t.LeadUnitID == 0:
		return i18n.Invalid("lead_unit", "supervise.err.lead_unit")
	case t.Deadline == "":
		return i18n.Invalid("deadline", "supervise.err.deadline")
	case !validDay(t.Deadline):
		return i18n.Invalid("deadline", "supervise.err.date", t.Deadline)
	case t.Deadline < t.SourceOn:
		return i18n.Invalid("deadline", "supervise.err.deadline_before", t.Deadline, t.SourceOn)
	case !slices.Contains(Frequencies, t.Frequency):
		return i18n.Invalid("frequency", "supervise.err.frequency")
	case utf8.RuneCountInString(t.LeaderName) > 40:
		return i18n.Invalid("leader", "supervise.err.leader")
	}
	if slices.Contains(t.Cooperators, t.LeadUnitID) {
		return i18n.Invalid("cooperators", "supervise.err.cooperator_lead")
	}
	slices.Sort(t.Cooperators)
	t.Cooperators = slices.Compact(t.Cooperators)
	for i := range t.Milestones {
		m := &t.Milestones[i]
		m.Seq = i + 1
		m.Title, m.DueOn = strings.TrimSpace(m.Title), strings.TrimSpace(m.DueOn)
		switch {
		case m.Title == "" || utf8.RuneCountInString(m.Title) > 200:
			return i18n.Invalid("milestones", "supervise.err.milestone_title", m.Seq)
		case !validDay(m.DueOn):
			return i18n.Invalid("milestones", "supervise.err.milestone_date", m.Seq, m.DueOn)
		case m.DueOn > t.Deadline || m.DueOn < t.SourceOn:
			return i18n.Invalid("milestones", "supervise.err.milestone_range", m.Seq, m.DueOn, t.SourceOn, t.Deadline)
		case i > 0 && m.DueOn < t.Milestones[i-1].DueOn:
			return i18n.Invalid("milestones", "supervise.err.milestone_order", m.Seq)
		}
	}
	return nil
}
