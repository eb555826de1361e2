package i18n

// Column headers of exports, merged into en.
var enExport = map[string]string{
	"export.col.code":        "code",
	"export.col.name":        "name",
	"export.col.node":        "node",
	"export.col.uom":         "uom",
	"export.col.direction":   "direction",
	"export.col.committed":   "committed",
	"export.col.stretch":     "stretch",
	"export.col.target_year": "target_year",
	"export.col.month":       "month",
	"export.col.ytd":         "ytd",
	"export.col.expected":    "expected",
	"export.col.ratio":       "ratio",
	"export.col.status":      "status",
	"export.col.forecast":    "forecast",
	"export.col.warning":     "warning",
}

func init() {
	for k, v := range enExport {
		en[k] = v
	}
}
