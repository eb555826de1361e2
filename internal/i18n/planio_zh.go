package i18n

// Messages of the indicator and figure imports, merged into zh.
var zhPlanio = map[string]string{
	"planio.map_unreadable":     "映射文件无法读取，应为 JSON 格式的对照表（%s）。",
	"planio.map_repeats":        "映射文件中 \"repeats\" 为“%s”，只能写 \"last\" 或省略。",
	"planio.map_field":          "映射文件中的“%s”不是本导入的字段，可用的字段：%s。",
	"planio.required":           "新指标须填写此项。",
	"planio.direction_value":    "“%s”不是指标方向，应为：越大越好、越小越好、区间、不计分。",
	"planio.frequency_value":    "“%s”不是填报频次，应为：月、季、年。",
	"planio.semantics_value":    "“%s”不是数据口径，应为：当期、累计、存量、比率。",
	"planio.aggregation_value":  "“%s”不是汇总方式，应为：求和、平均、最大、最小、不汇总。",
	"planio.node_path":          "“%s”不是节点路径：各级名称之间用“ / ”分隔，每一级都要有名称。",
	"planio.unknown_unit":       "单位编码“%s”在系统中不存在。",
	"planio.inactive_unit":      "单位“%s”已停用，不能分解指标或导入数据。",
	"planio.repeated_zone":      "指标“%s”的全区行在第 %d 行已出现过。",
	"planio.repeated_unit":      "指标“%s”分解到单位“%s”的行在第 %d 行已出现过。",
	"planio.no_plan":            "%d 年度还没有目标，请先导入指标。",
	"planio.unknown_indicator":  "%d 年度目标中没有编码为“%s”的指标。",
	"planio.unit_required":      "数据属于单位，请填写单位编码。",
	"planio.month_value":        "“%s”不是 %d 年的月份，应为 1 到 12，或 2019-11、2019年11月 这样的年月。",
	"planio.not_due":            "该指标 %d 月不需报送（见其填报频次）。",
	"planio.repeated_figure":    "指标“%s”单位“%s” %d 月的数据在第 %d 行已出现过。",
	"planio.period_locked":      "%d 月的填报期已锁定，不能导入，请先解锁。",
	"planio.profile_multi_year": "该单位的目标是到 %d 年的多年目标，不能用月度目标改写，请在指标导入中调整。",
	"planio.profile_no_year":    "文件没有 12 月的目标，该单位也还没有确保目标，无法补齐文件未给出的月份：请给出 12 月的累计目标，或先在指标导入中设定确保目标。",

	"action.figure.import": "导入数据",
}

func init() {
	for k, v := range zhPlanio {
		zh[k] = v
	}
}
