package i18n

// Messages of assessment scheme files, merged into zh.
var zhScheme = map[string]string{
	"scheme.err.yaml":      "此处格式有误（YAML），请检查缩进、冒号和取值（方案文件应为 UTF-8 文本）。",
	"scheme.err.number":    "“%s”不是数字（可写 10、0.2、-30 或 120%%）。",
	"scheme.err.code":      "指标编码“%s”为空或重复。",
	"scheme.err.direction": "方向“%s”应为 higher（越大越好）或 lower（越小越好）。",
	"scheme.err.missing":   "缺数处理“%s”应为 zero（计 0 分）或 exclude（不计入，分值按比例分摊）。",
	"scheme.err.one_rule":  "每个指标须且只须写一种计分规则，这里写了 %d 种。",
	"scheme.err.year":      "年度应在 2000 到 2100 之间。",
	"scheme.err.class":     "请写明考核类别（class）。",
	"scheme.err.no_items":  "方案里没有考核指标。",
	"scheme.err.period":    "考核节点“%s”应为 Q1（一季度）、H1（上半年）、Q3（前三季度）或 Y（全年）。",
	"scheme.err.weight":    "考核节点“%s”的权重须大于 0。",
	"action.scheme.import": "导入考核方案",
}

func init() {
	for k, v := range zhScheme {
		zh[k] = v
	}
}
