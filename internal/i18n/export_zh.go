package i18n

// Column headers of exports, merged into zh.
var zhExport = map[string]string{
	"export.col.code":        "指标编码",
	"export.col.name":        "指标名称",
	"export.col.node":        "目标路径",
	"export.col.uom":         "计量单位",
	"export.col.direction":   "方向",
	"export.col.committed":   "确保目标",
	"export.col.stretch":     "力争目标",
	"export.col.target_year": "目标年度",
	"export.col.month":       "截至月份",
	"export.col.ytd":         "累计完成",
	"export.col.expected":    "序时目标",
	"export.col.ratio":       "完成率",
	"export.col.status":      "状态",
	"export.col.forecast":    "年末预测",
	"export.col.warning":     "预警",
}

func init() {
	for k, v := range zhExport {
		zh[k] = v
	}
}
