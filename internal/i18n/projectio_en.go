package i18n

// Messages of the project files — the project ledger import and the lead
// unit's monthly report workbook — merged into en.
var enProjectIO = map[string]string{
	"projectio.err.required":       "This column is required and cannot be empty.",
	"projectio.err.year":           "“%s” is not a year; write four digits, like 2019.",
	"projectio.err.level":          "“%s” is not a level; write provincial, city or district key project (省重点, 市重点, 区重点).",
	"projectio.err.unit_ambiguous": "More than one unit is called “%s”; give the unit's code.",
	"projectio.err.unit_inactive":  "The unit “%s” is deactivated and cannot lead or join a project.",
	"projectio.err.date":           "“%s” is not a date; write it like 2019-05-31, 2019/5/31 or 2019年5月31日.",

	"projectio.report.title":      "%s: key projects, monthly report %d-%02d",
	"projectio.report.unit_code":  "Unit code",
	"projectio.report.unit_name":  "Unit",
	"projectio.report.year":       "Year",
	"projectio.report.month":      "Month",
	"projectio.report.hint_label": "How to fill in",
	"projectio.report.hint":       "Fill in only the four light-yellow columns — this month, year to date, physical progress, problems — and leave the rest as it is. Amounts are in 10k yuan (万元), written like 1,204 or 1.2亿元. Year to date may stay empty; given alone, the month is year to date less last month's; given with the month, the two must agree. An upload is kept as a draft: check it, then submit it on the page.",

	"projectio.col.code":     "Project code",
	"projectio.col.name":     "Project",
	"projectio.col.planned":  "Year plan (10k yuan)",
	"projectio.col.before":   "To last month (10k yuan)",
	"projectio.col.month":    "This month (10k yuan)",
	"projectio.col.ytd":      "Year to date (10k yuan)",
	"projectio.col.progress": "Physical progress",
	"projectio.col.problems": "Problems",
	"projectio.col.status":   "Status",

	"projectio.err.too_large":     "The file is too large to be a project report workbook from gaoxin.",
	"projectio.err.not_workbook":  "This is not a readable Excel workbook (.xlsx); upload the project report downloaded from this page.",
	"projectio.err.no_info":       "The unit code, year and month are missing from the top rows; use the project report downloaded from this page.",
	"projectio.err.other_report":  "This is the project report of unit %s for %s-%s, not this page's; download this page's report.",
	"projectio.err.no_code":       "The row is filled in but has no project code.",
	"projectio.err.unknown_code":  "There is no project with the code “%s”.",
	"projectio.err.not_this_unit": "Project “%s” is not led by this unit or has no plan for %d, so it is not in this unit's report.",
}

func init() {
	for k, v := range enProjectIO {
		en[k] = v
	}
}
