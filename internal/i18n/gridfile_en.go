package i18n

// Messages of the reporting workbook, merged into en.
var enGridFile = map[string]string{
	"gridfile.col.code":        "Indicator code",
	"gridfile.col.name":        "Indicator",
	"gridfile.col.uom":         "Unit of measure",
	"gridfile.col.value":       "This period",
	"gridfile.col.explanation": "Explanation",
	"gridfile.col.previous":    "Last period",
	"gridfile.col.last_year":   "Same month last year",
	"gridfile.col.ytd":         "Year to date",
	"gridfile.col.expected":    "Expected by now",
	"gridfile.col.state":       "State",

	"gridfile.info.unit":      "Unit code",
	"gridfile.info.unit_name": "Unit",
	"gridfile.info.year":      "Year",
	"gridfile.info.month":     "Month",
	"gridfile.info.due":       "Due",
	"gridfile.info.hint":      "How to fill in",
	"gridfile.hint":           "Fill in only the two pale yellow columns, This period and Explanation; leave the others. An upload is saved as a draft: check it on the page, then submit.",

	"gridfile.err.too_large":    "The file is too large to be a form downloaded from gaoxin.",
	"gridfile.err.not_workbook": "Not a readable Excel file (.xlsx).",
	"gridfile.err.no_sheet":     "There is no sheet “%s”.",
	"gridfile.err.no_info":      "The sheet “信息” with the unit and month is missing; use the form downloaded from this page.",
	"gridfile.err.other_grid":   "This form belongs to unit %s, %s-%s, not to this page; download this page's form.",
	"gridfile.err.columns":      "The columns “Indicator code” or “This period” are missing.",
	"gridfile.err.no_code":      "A value without an indicator code.",
	"gridfile.err.unknown_code": "The indicator code “%s” is not due from this unit this period.",

	"done.grid_uploaded":    "Read from Excel and saved as a draft; check it, then submit.",
	"grid.upload":           "Upload the filled-in Excel form",
	"figure.title":          "Figure",
	"figure.reason":         "Reason",
	"figure.correct":        "Correct",
	"figure.correct_hint":   "An approved figure found wrong is corrected by the assessment office; the old value stays in the history with who, when and why.",
	"figure.correct_reason": "Reason for the correction",
	"figure.evidence":       "Evidence",
	"figure.no_evidence":    "No evidence filed.",
	"figure.attach":         "File evidence (PDF, image, Excel, Word, OFD; at most 10 MB)",
	"figure.history":        "History",
	"attachment.err.name":   "The file name needs an extension and at most 200 characters.",
	"attachment.err.type":   ".%s files are not accepted; upload PDF, images, Excel, Word, OFD, ZIP or CSV.",
	"attachment.err.size":   "The file is empty or larger than %d MB.",
	"done.attached":         "Evidence filed.",
	"done.corrected":        "Corrected; the old value is kept in the history.",
	"action.figure.attach":  "Evidence filed",
	"action.figure.import":  "Figure imported",
}

func init() {
	for k, v := range enGridFile {
		en[k] = v
	}
}
