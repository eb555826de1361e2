package i18n

// Messages of the enterprise registry (the enterprise package), merged into zh.
var zhEnterprise = map[string]string{
	"enterprise.err.code_missing": "请填写统一社会信用代码。",
	"enterprise.err.code_length":  "统一社会信用代码“%s”应为 18 位，现为 %d 位。",
	"enterprise.err.code_char":    "统一社会信用代码“%s”第 %d 位“%s”不是可用字符（数字和除 I、O、Z、S、V 以外的大写字母）。",
	"enterprise.err.code_area":    "统一社会信用代码“%s”第 3—8 位应为行政区划代码（6 位数字）。",
	"enterprise.err.code_check":   "统一社会信用代码“%s”校验位不对：按前 17 位应为“%s”，填的是“%s”，请核对是否抄错。",
	"enterprise.err.code_taken":   "统一社会信用代码“%s”已登记为另一家企业。",
	"enterprise.err.name":         "请填写企业名称（最长 200 个字）。",
	"enterprise.err.unit":         "请选择企业所属的街道或园区。",
	"enterprise.err.unknown":      "企业不存在。",
	"enterprise.err.year":         "年份应在 2000 到 2100 之间。",
	"enterprise.err.negative":     "营业收入、从业人员、研发投入和专利数不能为负数。",
	"enterprise.err.tier":         "“%s”不是可用的培育层级（高新技术企业、瞪羚企业、隐形冠军、隐形冠军后备、制造业单项冠军、规模以上、主营业务收入过亿元）。",
	"enterprise.err.date":         "日期“%s”格式不对，应为 2019-05-31。",
	"enterprise.err.future":       "日期 %s 晚于今天（%s），不能预填。",
	"enterprise.err.expiry":       "有效期至“%s”应为晚于认定日期 %s 的日期。",
	"enterprise.err.tier_held":    "该企业已持有这一层级（自 %s 起），有效期内不能重复认定。",
	"enterprise.err.tier_ended":   "这一认定已于 %s 终止。",
	"enterprise.err.reason":       "请填写终止原因。",
	"enterprise.err.end":          "终止日期“%s”应为晚于认定日期 %s 的日期。",

	"enterprise.tier.hightech":        "高新技术企业",
	"enterprise.tier.gazelle":         "瞪羚企业",
	"enterprise.tier.hidden_champion": "隐形冠军",
	"enterprise.tier.champion_pool":   "隐形冠军后备",
	"enterprise.tier.single_champion": "制造业单项冠军",
	"enterprise.tier.above_scale":     "规模以上",
	"enterprise.tier.over_100m":       "主营业务收入过亿元",

	"action.enterprise.create":     "登记企业",
	"action.enterprise.update":     "修改企业信息",
	"action.enterprise.year":       "填写企业年度数据",
	"action.enterprise.tier_grant": "认定培育层级",
	"action.enterprise.tier_end":   "终止培育层级",

	"enterprise.err.column":       "缺少“%s/%s”列。",
	"enterprise.err.code_twice":   "统一社会信用代码“%s”在本文件中重复（第 %d 行已有）。",
	"enterprise.err.unit_unknown": "单位“%s”不存在，请填写单位编码或全称。",
	"enterprise.err.number":       "“%s”不是数字（万元，不能为负数）。",
	"enterprise.err.count":        "“%s”不是整数（不能为负数）。",
	"enterprise.err.import_year":  "文件填有年度数据，导入时请指定年份。",
	"action.enterprise.import":    "导入企业名录",
	"enterprise.err.binding":      "绑定“%s”无法识别，应如 enterprise:granted hightech 或 enterprise:holding gazelle。",
	"enterprise.binding.holding":  "由企业培育名录统计：月末持有“%s”的企业数",
	"enterprise.binding.granted":  "由企业培育名录统计：当月新认定“%s”的企业数",
}

func init() {
	for k, v := range zhEnterprise {
		zh[k] = v
	}
}
