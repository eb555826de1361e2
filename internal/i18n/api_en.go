package i18n

// Messages of the JSON API's writes (the api package), merged into en.
var enAPI = map[string]string{
	"api.err.project":     "Project “%s” is not a key project led by unit “%s” in %d.",
	"api.reports_refused": "Some project reports could not be saved or submitted; see each project's reason. Nothing was changed.",
	"api.err.unit":        "There is no unit “%s”.",
	"api.err.indicator":   "Indicator “%s” is not one that unit “%s” reports this month.",
	"api.err.lead_unit":   "The lead unit “%s” does not exist or is outside your scope.",
	"api.err.cooperator":  "The cooperating unit “%s” does not exist or is outside your scope.",
	"api.err.leader":      "There is no account “%s” for the responsible leader.",
	"api.figures_refused": "Some figures could not be saved or submitted; see each indicator's reason. Nothing was changed.",
}

func init() {
	for k, v := range enAPI {
		en[k] = v
	}
}
