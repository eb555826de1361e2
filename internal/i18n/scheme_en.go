package i18n

// Messages of assessment scheme files, merged into en.
var enScheme = map[string]string{
	"scheme.err.yaml":      "The file is not well formed here (YAML): check indents, colons and values (a scheme file is text saved as UTF-8).",
	"scheme.err.number":    "“%s” is not a number (write 10, 0.2, -30 or 120%%).",
	"scheme.err.code":      "The item code “%s” is empty or repeated.",
	"scheme.err.direction": "The direction “%s” should be higher or lower.",
	"scheme.err.missing":   "The missing-data policy “%s” should be zero or exclude.",
	"scheme.err.one_rule":  "Each item needs exactly one scoring rule; this one has %d.",
	"scheme.err.year":      "The year must lie between 2000 and 2100.",
	"scheme.err.class":     "Name the assessment class (class).",
	"scheme.err.no_items":  "The scheme has no items.",
	"scheme.err.period":    "Checkpoint “%s” should be Q1, H1 (first half), Q3 (Q1–Q3) or Y (the year).",
	"scheme.err.weight":    "The weight of checkpoint “%s” must be above 0.",
	"action.scheme.import": "Scheme imported",
}

func init() {
	for k, v := range enScheme {
		en[k] = v
	}
}
