package i18n

// Messages of the year plan, targets and reporting, merged into en.
var enPlan = map[string]string{
	"figure.err.conflict": "Someone changed this figure after you opened it (it is now version %d); your change was not saved. Reload and check before changing it.",
	"plan.err.code":       "Enter a code (at most 32 characters).",
	"plan.err.name":       "Enter a name (at most 200 characters).",
	"plan.err.weight":     "A weight cannot be negative.",
	"plan.err.year":       "The year must lie between 2000 and 2100.",
	"plan.err.year_taken": "A plan for %d already exists.",
	"plan.err.parent":     "The parent node does not exist or belongs to another year.",
	"plan.err.code_taken": "The code “%s” is already used this year.",
	"plan.err.unit":       "The chosen unit does not exist.",

	"indicator.err.direction":   "Choose a direction (higher better, lower better, band, not scored).",
	"indicator.err.band":        "A band indicator needs a lower and an upper bound, the lower not above the upper.",
	"indicator.err.frequency":   "Choose a frequency (month, quarter, year).",
	"indicator.err.semantics":   "Choose what a value means (per period, year to date, stock, ratio).",
	"indicator.err.aggregation": "Choose how units add up (sum, mean, max, min, none).",
	"indicator.err.precision":   "Decimals must lie between 0 and 6.",
	"indicator.err.node":        "The node does not exist or belongs to another year.",

	"target.err.empty":          "Give at least a committed or a stretch target.",
	"target.err.month":          "The first month must lie between 1 and 12.",
	"target.err.profile":        "Choose a profile (time-proportional, explicit, last year's shape).",
	"target.err.profile_values": "An explicit profile needs 12 monthly (or 4 quarterly) cumulative targets.",
	"target.err.year":           "The target year cannot be before the plan's year.",
	"target.err.indicator":      "No such indicator.",
	"target.err.not_assigned":   "The indicator has not been shared to this unit.",
	"assignment.err.twice":      "The indicator is already shared to this unit.",

	"period.err.days": "The due day must lie between 1 and 28 and the grace days between 0 and 31.",

	"figure.err.window_not_open":    "Reporting for this period has not opened yet.",
	"figure.err.window_closed":      "This period is closed or locked; ask the assessment office.",
	"figure.err.not_editable":       "A submitted figure cannot be changed; ask the reviewer to return it.",
	"figure.err.missing":            "Enter this period's value.",
	"figure.err.explain":            "This figure is behind its time-proportional target: explain why before submitting.",
	"figure.err.nothing_to_submit":  "There is nothing to submit.",
	"figure.err.nothing_to_confirm": "There is nothing waiting for confirmation.",
	"figure.err.nothing_to_approve": "There is nothing waiting for approval.",
	"figure.err.nothing_to_return":  "There is nothing that can be returned.",
	"figure.err.reason":             "Give a reason.",
	"figure.err.not_approved":       "Only approved figures can be corrected.",

	"action.plan.create":       "Plan created",
	"action.plan.copy":         "Plan copied",
	"action.plan.node_create":  "Plan node created",
	"action.plan.node_update":  "Plan node changed",
	"action.indicator.create":  "Indicator created",
	"action.indicator.update":  "Indicator changed",
	"action.target.set":        "Target set",
	"action.assignment.create": "Indicator shared",
	"action.period.create":     "Period opened",
	"action.period.lock":       "Period locked/unlocked",
	"action.figure.edit":       "Figure entered",
	"action.figure.submit":     "Figures submitted",
	"action.figure.confirm":    "Figures confirmed",
	"action.figure.approve":    "Figures approved",
	"action.figure.return":     "Figures returned",
	"action.figure.correct":    "Figure corrected",
}

func init() {
	for k, v := range enPlan {
		en[k] = v
	}
}
