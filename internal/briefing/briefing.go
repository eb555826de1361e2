package briefing

import "gaoxin/internal/i18n"

// Briefing is a month's briefing (月度通报) as it was computed on one day.
// It holds values, never references to rows, so that a published snapshot
// reads the same long after the figures, lights and colours have moved;
// sentences the other modules explain themselves with (a light's reason,
// a colour's) are kept in both languages for the same reason.
type Briefing struct {
	Year     int      `json:"year"`
	Month    int      `json:"month"`
	Zone     string   `json:"zone"` // the unit tree's root, 潍坊高新区
	Plan     Plan     `json:"plan"`
	Lagging  []Lag    `json:"lagging"`
	Rankings Rankings `json:"rankings"`
	Projects Projects `json:"projects"`
	Tasks    Tasks    `json:"tasks"`
	Requests Requests `json:"requests"`
}

// Text is a sentence in both languages, as it read when it was built.
type Text struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

// In is the text in lang.
func (t Text) In(lang i18n.Lang) string {
	if lang == i18n.EN {
		return t.EN
	}
	return t.ZH
}

func textOf(m i18n.Msg) Text { return Text{ZH: m.In(i18n.ZH), EN: m.In(i18n.EN)} }

// Plan is the zone's indicators counted by their progress status at the
// month (section a).
type Plan struct {
	Indicators int           `json:"indicators"`
	Counts     []StatusCount `json:"counts"` // ahead, on_track, behind, serious, none
	Scored     int           `json:"scored"` // those with a status
	OnTrack    int           `json:"on_track"`
	// OnTrackShare is OnTrack (ahead or on track) of Scored, in per cent;
	// 0 when nothing is scored.
	OnTrackShare float64 `json:"on_track_share"`
}

// StatusCount is how many indicators have one status ("ahead", "on_track",
// "behind", "serious" or "none", as progress.Status names them).
type StatusCount struct {
	Status string `json:"status"`
	N      int    `json:"n"`
}

// Lag is an indicator behind or seriously behind its 序时 for the zone,
// with the units that lag (section b). Values are in the indicator's unit
// of measure; a nil value was not known.
type Lag struct {
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Node      string    `json:"node,omitempty"` // the plan node it hangs off
	UOM       string    `json:"uom"`
	Precision int       `json:"precision"`
	Bound     bool      `json:"bound,omitempty"`  // produced from a module's rows, not reported
	Status    string    `json:"status"`           // behind or serious
	Target    *float64  `json:"target,omitempty"` // the zone's 确保 target for the year
	YTD       *float64  `json:"ytd"`
	Expected  *float64  `json:"expected"` // 序时 of the 确保 target
	Ratio     *float64  `json:"ratio"`    // completion, 0.85 for 85%
	Forecast  *float64  `json:"forecast,omitempty"`
	Warning   bool      `json:"warning,omitempty"` // the forecast misses the 确保 target
	Units     []LagUnit `json:"units"`             // the worst first
}

// LagUnit is a unit behind on a lagging indicator, with the explanation
// it wrote on its latest counted figure up to the month.
type LagUnit struct {
	Unit        string   `json:"unit"`
	Status      string   `json:"status"`
	YTD         *float64 `json:"ytd"`
	Expected    *float64 `json:"expected"`
	Ratio       *float64 `json:"ratio"`
	Explanation string   `json:"explanation"`
	Explained   int      `json:"explained,omitempty"` // the month of that figure
}

// Rankings are the units' ranks at the last checkpoint published by the
// month (section c): the latest version of each class.
type Rankings struct {
	Period  string         `json:"period"` // Q1, H1, Q3, Y; "" when none is published
	Name    Text           `json:"name"`
	Classes []ClassRanking `json:"classes"`
}

// ClassRanking is one class's published result.
type ClassRanking struct {
	Class       string   `json:"class"`
	Version     int      `json:"version"`
	PublishedOn string   `json:"published_on"` // China date
	Scheme      string   `json:"scheme"`
	SchemeV     int      `json:"scheme_version"`
	Units       []Ranked `json:"units"` // by rank
}

// Ranked is a unit's place in its class.
type Ranked struct {
	Rank       int     `json:"rank"`
	Unit       string  `json:"unit"`
	Total      float64 `json:"total"` // two places, as the 通报 prints it
	Grade      Text    `json:"grade"`
	GradeLevel int     `json:"grade_level"` // 0 the top grade, −1 without grades
	Vetoed     bool    `json:"vetoed,omitempty"`
}

// Projects are the year's key projects by light (section d). Amounts are
// 万元; Invested is the counted investment January to the month.
type Projects struct {
	Count    int          `json:"count"`
	Lights   []LightCount `json:"lights"` // green, yellow, red
	Planned  float64      `json:"planned"`
	Invested float64      `json:"invested"`
	Share    float64      `json:"share"` // Invested of Planned, in per cent
	Red      []RedProject `json:"red"`
}

// LightCount is how many projects have one light.
type LightCount struct {
	Light string `json:"light"`
	N     int    `json:"n"`
}

// RedProject is a project lit red, with the worst of its reasons.
type RedProject struct {
	Code     string  `json:"code"`
	Name     string  `json:"name"`
	Unit     string  `json:"unit"`
	Planned  float64 `json:"planned"`
	Invested float64 `json:"invested"`
	Reason   Text    `json:"reason"`
}

// Tasks are the supervised tasks given in the year up to the month's end,
// by colour on the day the briefing is built (section e).
type Tasks struct {
	Count   int           `json:"count"`
	Colours []ColourCount `json:"colours"` // red, yellow, blue, green, done
	Red     []RedTask     `json:"red"`
}

// ColourCount is how many tasks have one colour.
type ColourCount struct {
	Colour string `json:"colour"`
	N      int    `json:"n"`
}

// RedTask is a task past its deadline and not done.
type RedTask struct {
	Code      string `json:"code"`
	Content   string `json:"content"`
	Unit      string `json:"unit"`
	Leader    string `json:"leader"`
	Deadline  string `json:"deadline"`
	Days      int    `json:"days"` // past the deadline
	Escalated bool   `json:"escalated,omitempty"`
	Reason    Text   `json:"reason"`
	unitID    int64  // named once the board has read the units
}

// Requests are the enterprise requests received in the month, counted on
// the day the briefing is built (section f), as the request list counts.
type Requests struct {
	Received  int `json:"received"`
	Public    int `json:"public"`     // sent through the public form
	NotRouted int `json:"not_routed"` // not yet given to a unit
	Answered  int `json:"answered"`
	Due       int `json:"due"` // answered, or with the deadline passed
	OnTime    int `json:"on_time"`
	Overdue   int `json:"overdue"` // routed, unanswered past the deadline
	Rated     int `json:"rated"`
	Stars     int `json:"stars"`
	// OnTimeRate is OnTime of Due in per cent, Satisfaction the average
	// rating (1–5); both 0 when there is nothing to measure.
	OnTimeRate   float64 `json:"on_time_rate"`
	Satisfaction float64 `json:"satisfaction"`
}
