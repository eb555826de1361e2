package i18n

// Messages of the project files — the project ledger import and the lead
// unit's monthly report workbook — merged into zh.
var zhProjectIO = map[string]string{
	"projectio.err.required":       "此列必填，不能为空。",
	"projectio.err.year":           "“%s”不是年份，应为 2019 这样的四位数。",
	"projectio.err.level":          "“%s”不是项目级别，应为省重点、市重点或区重点。",
	"projectio.err.unit_ambiguous": "有不止一个单位名为“%s”，请填写单位编码。",
	"projectio.err.unit_inactive":  "单位“%s”已停用，不能牵头或配合项目。",
	"projectio.err.date":           "“%s”不是日期，应如 2019-05-31、2019/5/31 或 2019年5月31日。",

	"projectio.report.title":      "%s %d年%d月重点项目月报",
	"projectio.report.unit_code":  "单位编码",
	"projectio.report.unit_name":  "单位名称",
	"projectio.report.year":       "年度",
	"projectio.report.month":      "月份",
	"projectio.report.hint_label": "填写说明",
	"projectio.report.hint":       "只填浅黄色的“本月完成投资”“本年累计”“形象进度”“存在问题”四列，其余请勿改动。金额以万元计，可写 1,204 或 1.2亿元；本年累计可不填，只填本年累计时按本年累计减上月累计算出本月，两者都填须相符。上传后为暂存，核对无误后在页面上报送。",

	"projectio.col.code":     "项目编码",
	"projectio.col.name":     "项目名称",
	"projectio.col.planned":  "年度计划投资（万元）",
	"projectio.col.before":   "上月累计（万元）",
	"projectio.col.month":    "本月完成投资（万元）",
	"projectio.col.ytd":      "本年累计（万元）",
	"projectio.col.progress": "形象进度",
	"projectio.col.problems": "存在问题",
	"projectio.col.status":   "状态",

	"projectio.err.too_large":     "文件太大，不是本系统下载的项目月报表。",
	"projectio.err.not_workbook":  "不是可读取的 Excel 文件（.xlsx），请上传本页下载的项目月报表。",
	"projectio.err.no_info":       "找不到表头中的单位编码、年度和月份，请使用本页下载的项目月报表。",
	"projectio.err.other_report":  "这是单位 %s %s年%s月的项目月报表，不是本页的，请下载本页的月报表。",
	"projectio.err.no_code":       "填了内容但没有项目编码。",
	"projectio.err.unknown_code":  "项目编码“%s”不存在。",
	"projectio.err.not_this_unit": "项目“%s”不由本单位牵头或没有 %d 年计划，不在本单位的月报中。",
}

func init() {
	for k, v := range zhProjectIO {
		zh[k] = v
	}
}
