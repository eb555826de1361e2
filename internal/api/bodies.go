package api

// The envelopes the handlers write, one type per response body, so that
// openapi.go can reflect each into the document. The records inside them
// (taskJSON, leadJSON, …) live beside the handlers that build them.

type unitListJSON struct {
	Units []unitJSON `json:"units"`
}

// unitIn is a unit to create: its parent by code.
type unitIn struct {
	Code   string `json:"code" jsonschema:"required"`
	Name   string `json:"name" jsonschema:"required"`
	Kind   string `json:"kind" jsonschema:"required,enum=zone,enum=department,enum=street,enum=park,enum=company,enum=other"`
	Class  string `json:"class" jsonschema_description:"assessment class, e.g. 经济发展类"`
	Parent string `json:"parent" jsonschema:"required" jsonschema_description:"code of the parent unit, within the caller's scope"`
	Order  int    `json:"order"`
}

type indicatorsJSON struct {
	Year       int             `json:"year"`
	Month      int             `json:"month" jsonschema_description:"the month measured: ?month= or the latest whose deadline has passed"`
	Indicators []indicatorJSON `json:"indicators"`
}

type projectListJSON struct {
	Year     int              `json:"year"`
	Today    string           `json:"today" jsonschema:"format=date"`
	Projects []projectRowJSON `json:"projects"`
	Totals   totalsJSON       `json:"totals"`
}

// projectReportJSON is a lead unit's report of one project for a month.
type projectReportJSON struct {
	Project     string   `json:"project"`
	InvestMonth *float64 `json:"invest_month" jsonschema:"nullable" jsonschema_description:"the month's investment, 万元"`
	Progress    string   `json:"progress,omitempty" jsonschema_description:"形象进度"`
	Problems    string   `json:"problems,omitempty"`
	Status      string   `json:"status" jsonschema:"enum=,enum=draft,enum=submitted,enum=confirmed,enum=approved,enum=returned"`
	Version     int      `json:"version"`
}

type projectReportsJSON struct {
	Year    int                 `json:"year"`
	Month   int                 `json:"month"`
	Unit    string              `json:"unit"`
	Reports []projectReportJSON `json:"reports"`
}

// reportsRefusedJSON is a refused save of project reports: each problem
// by project and field, in the caller's language.
type reportsRefusedJSON struct {
	Error struct {
		Code     string              `json:"code" jsonschema:"enum=reports_refused"`
		Message  string              `json:"message"`
		Projects []refusedReportJSON `json:"projects"`
	} `json:"error"`
}

// refusedReportJSON is one project a save refused.
type refusedReportJSON struct {
	Project string `json:"project"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

type enterpriseListJSON struct {
	Day         string     `json:"day" jsonschema:"format=date"`
	Year        int        `json:"year" jsonschema_description:"the year of the figures"`
	View        string     `json:"view"`
	Enterprises []firmJSON `json:"enterprises"`
	Totals      struct {
		Firms  int            `json:"firms"`
		ByTier map[string]int `json:"by_tier"`
	} `json:"totals"`
}

type enterpriseOneJSON struct {
	Day        string     `json:"day" jsonschema:"format=date"`
	Enterprise firmJSON   `json:"enterprise"`
	History    []tierJSON `json:"history"`
}

type leadListJSON struct {
	Day      string     `json:"day" jsonschema:"format=date"`
	Leads    []leadJSON `json:"leads"`
	Pipeline struct {
		Leads   int            `json:"leads"`
		ByStage map[string]int `json:"by_stage"`
		Overdue int            `json:"overdue"`
	} `json:"pipeline"`
}

// leadEventJSON is a line of a lead's timeline: a move between stages or
// an activity.
type leadEventJSON struct {
	On       string `json:"on"`
	MoveFrom string `json:"move_from,omitempty"`
	MoveTo   string `json:"move_to,omitempty"`
	Reason   string `json:"reason,omitempty"`
	Activity string `json:"activity,omitempty"`
	Note     string `json:"note,omitempty"`
	By       string `json:"by"`
}

type leadOneJSON struct {
	Day       string          `json:"day" jsonschema:"format=date"`
	Lead      leadJSON        `json:"lead"`
	RespondBy string          `json:"respond_by"`
	AssessBy  string          `json:"assess_by"`
	Timeline  []leadEventJSON `json:"timeline"`
}

type taskListJSON struct {
	Day    string     `json:"day" jsonschema:"format=date"`
	Tasks  []taskJSON `json:"tasks"`
	Counts struct {
		Tasks    int            `json:"tasks"`
		ByColour map[string]int `json:"by_colour"`
	} `json:"counts"`
}

// taskEventJSON is a line of a task's timeline.
type taskEventJSON struct {
	On               string `json:"on"`
	Event            string `json:"event"`
	Note             string `json:"note"`
	Evidence         string `json:"evidence,omitempty"`
	AssessmentRecord int64  `json:"assessment_record,omitempty" jsonschema_description:"the assessment record a deduction proposed"`
	By               string `json:"by"`
}

type taskOneJSON struct {
	Day      string          `json:"day" jsonschema:"format=date"`
	Task     taskJSON        `json:"task"`
	Timeline []taskEventJSON `json:"timeline"`
}

// figureJSON is one figure due: a write sends its version back.
type figureJSON struct {
	Indicator   string   `json:"indicator"`
	Name        string   `json:"name"`
	UOM         string   `json:"uom"`
	Value       *float64 `json:"value" jsonschema:"nullable"`
	Status      string   `json:"status" jsonschema:"enum=,enum=draft,enum=submitted,enum=confirmed,enum=approved,enum=returned"`
	Version     int      `json:"version" jsonschema_description:"0 when there is no figure yet"`
	Explanation string   `json:"explanation,omitempty"`
}

type monthFiguresJSON struct {
	Year    int          `json:"year"`
	Month   int          `json:"month"`
	Unit    string       `json:"unit"`
	Figures []figureJSON `json:"figures"`
}

// figuresRefusedJSON is a refused save of figures, each by indicator.
type figuresRefusedJSON struct {
	Error struct {
		Code    string        `json:"code" jsonschema:"enum=figures_refused"`
		Message string        `json:"message"`
		Figures []refusedJSON `json:"figures"`
	} `json:"error"`
}
