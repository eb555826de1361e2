package attract

import (
	"context"
	"strconv"

	"gaoxin/internal/db"
	"gaoxin/internal/settings"
)

// Deadlines are how many days an office has, from the day a lead came in,
// to answer it and to assess it (研判). They are settings, so that an
// office can tighten them without a release.
type Deadlines struct {
	RespondDays int
	AssessDays  int
}

// DefaultDeadlines are the seed's: answered within a day, assessed within
// three.
var DefaultDeadlines = Deadlines{RespondDays: 1, AssessDays: 3}

// LoadDeadlines reads the deadlines from settings, the defaults where a
// setting is missing or not a whole number of days.
func LoadDeadlines(ctx context.Context, q db.Querier) (Deadlines, error) {
	d := DefaultDeadlines
	for key, into := range map[string]*int{settings.LeadRespondDays: &d.RespondDays, settings.LeadAssessDays: &d.AssessDays} {
		v, err := settings.Get(ctx, q, key)
		if err != nil {
			return d, err
		}
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			*into = n
		}
	}
	return d, nil
}

// Due is a lead's deadlines and how it stands against them on a day.
type Due struct {
	RespondBy, AssessBy string // the last days allowed
	RespondLate         bool   // answered after RespondBy, or not yet and the day is past it
	AssessLate          bool
	Overdue             bool // still unanswered or unassessed past its deadline
}

// DueOf is how a lead stands against the deadlines on day.
func (d Deadlines) DueOf(l Lead, day string) Due {
	u := Due{RespondBy: addDays(l.ReceivedOn, d.RespondDays), AssessBy: addDays(l.ReceivedOn, d.AssessDays)}
	late := func(done, by string) (late, open bool) {
		if done == "" {
			return day > by, day > by
		}
		return done > by, false
	}
	var open1, open2 bool
	u.RespondLate, open1 = late(l.RespondedOn, u.RespondBy)
	u.AssessLate, open2 = late(l.AssessedOn, u.AssessBy)
	u.Overdue = open1 || open2
	return u
}

// overdueBefore are the latest received days that make an unanswered or
// unassessed lead overdue on day.
func (d Deadlines) overdueBefore(day string) (respond, assess string) {
	return addDays(day, -d.RespondDays), addDays(day, -d.AssessDays)
}
