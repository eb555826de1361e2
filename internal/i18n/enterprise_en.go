package i18n

// Messages of the enterprise registry (the enterprise package), merged into en.
var enEnterprise = map[string]string{
	"enterprise.err.code_missing": "Enter the unified social credit code.",
	"enterprise.err.code_length":  "The credit code %q has %[2]d characters; it must have 18.",
	"enterprise.err.code_char":    "Character %[2]d of the credit code %[1]q, %[3]q, is not allowed (digits and capitals other than I, O, Z, S and V).",
	"enterprise.err.code_area":    "Characters 3–8 of the credit code %q must be the six digits of an area code.",
	"enterprise.err.code_check":   "The check character of the credit code %q is wrong: the first 17 characters give %q, the code has %q. Check it for a typing slip.",
	"enterprise.err.code_taken":   "The credit code %q is registered to another firm.",
	"enterprise.err.name":         "Enter the firm's name (at most 200 characters).",
	"enterprise.err.unit":         "Choose the street or park the firm belongs to.",
	"enterprise.err.unknown":      "No such firm.",
	"enterprise.err.year":         "The year must lie between 2000 and 2100.",
	"enterprise.err.negative":     "Revenue, employees, R&D spend and patents cannot be negative.",
	"enterprise.err.tier":         "%q is not a tier (high-tech, gazelle, hidden champion, hidden-champion pool, single champion, above scale, revenue over 100 m yuan).",
	"enterprise.err.date":         "The date %q is not in the form 2019-05-31.",
	"enterprise.err.future":       "The date %s lies after today (%s).",
	"enterprise.err.expiry":       "The expiry %q must lie after the grant on %s.",
	"enterprise.err.tier_held":    "The firm holds this tier already (since %s); it cannot be granted twice at once.",
	"enterprise.err.tier_ended":   "This grant ended on %s.",
	"enterprise.err.reason":       "Give the reason for ending it.",
	"enterprise.err.end":          "The end date %q must lie after the grant on %s.",

	"enterprise.tier.hightech":        "High-tech enterprise",
	"enterprise.tier.gazelle":         "Gazelle",
	"enterprise.tier.hidden_champion": "Hidden champion",
	"enterprise.tier.champion_pool":   "Hidden-champion pool",
	"enterprise.tier.single_champion": "Manufacturing single champion",
	"enterprise.tier.above_scale":     "Above designated size",
	"enterprise.tier.over_100m":       "Revenue over 100 m yuan",

	"action.enterprise.create":     "register a firm",
	"action.enterprise.update":     "change a firm",
	"action.enterprise.year":       "set a firm's figures of a year",
	"action.enterprise.tier_grant": "grant a tier",
	"action.enterprise.tier_end":   "end a tier",

	"enterprise.err.column":       "The column %q (%s) is missing.",
	"enterprise.err.code_twice":   "The credit code %q comes twice in the file (already in row %d).",
	"enterprise.err.unit_unknown": "There is no unit %q: give the unit's code or full name.",
	"enterprise.err.number":       "%q is not a number (10k yuan, not negative).",
	"enterprise.err.count":        "%q is not a whole number (not negative).",
	"enterprise.err.import_year":  "The file has figures of a year: say which year when importing.",
	"action.enterprise.import":    "import the register of firms",
	"enterprise.err.binding":      "The binding %q cannot be read: write e.g. enterprise:granted hightech or enterprise:holding gazelle.",
	"enterprise.binding.holding":  "counted from the register: firms holding %q at each month's end",
	"enterprise.binding.granted":  "counted from the register: firms newly granted %q",
}

func init() {
	for k, v := range enEnterprise {
		en[k] = v
	}
}
