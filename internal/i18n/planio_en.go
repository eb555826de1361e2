package i18n

// Messages of the indicator and figure imports, merged into en.
var enPlanio = map[string]string{
	"planio.map_unreadable":     "The mapping file cannot be read; it must be a JSON mapping (%s).",
	"planio.map_repeats":        "\"repeats\" in the mapping file is “%s”; write \"last\" or leave it out.",
	"planio.map_field":          "“%s” in the mapping file is not a field of this import; the fields are: %s.",
	"planio.required":           "a new indicator needs this.",
	"planio.direction_value":    "“%s” is not a direction: use higher, lower, band or none.",
	"planio.frequency_value":    "“%s” is not a frequency: use month, quarter or year.",
	"planio.semantics_value":    "“%s” is not a kind of figure: use flow, cumulative, stock or ratio.",
	"planio.aggregation_value":  "“%s” is not an aggregation: use sum, mean, max, min or none.",
	"planio.node_path":          "“%s” is not a node path: separate the levels with “ / ” and give every level a name.",
	"planio.unknown_unit":       "there is no unit with the code “%s”.",
	"planio.inactive_unit":      "the unit “%s” is deactivated: it can neither take indicators nor report figures.",
	"planio.repeated_zone":      "the zone's row of indicator “%s” already appears in row %d.",
	"planio.repeated_unit":      "the row sharing indicator “%s” to unit “%s” already appears in row %d.",
	"planio.no_plan":            "there is no plan for %d yet: import its indicators first.",
	"planio.unknown_indicator":  "the %d plan has no indicator with the code “%s”.",
	"planio.unit_required":      "figures belong to units: give the unit's code.",
	"planio.month_value":        "“%s” is not a month of %d: use 1 to 12, or a year and month such as 2019-11.",
	"planio.not_due":            "this indicator is not reported in month %d (see its frequency).",
	"planio.repeated_figure":    "the figure of indicator “%s” for unit “%s” in month %d already appears in row %d.",
	"planio.period_locked":      "the reporting period of month %d is locked: unlock it before importing.",
	"planio.profile_multi_year": "this unit's target is a multi-year target for %d, which monthly targets cannot rewrite; change it in the indicator import.",
	"planio.profile_no_year":    "the file has no December target and the unit no committed target yet, so the months the file leaves out cannot be filled: give December's year-to-date target, or set the committed target in the indicator import first.",

	"action.figure.import": "Figure imported",
}

func init() {
	for k, v := range enPlanio {
		en[k] = v
	}
}
