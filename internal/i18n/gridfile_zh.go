package i18n

// Messages of the reporting workbook, merged into zh.
var zhGridFile = map[string]string{
	"gridfile.col.code":        "指标编码",
	"gridfile.col.name":        "指标名称",
	"gridfile.col.uom":         "计量单位",
	"gridfile.col.value":       "本期数值",
	"gridfile.col.explanation": "说明",
	"gridfile.col.previous":    "上期",
	"gridfile.col.last_year":   "上年同期",
	"gridfile.col.ytd":         "累计完成",
	"gridfile.col.expected":    "序时目标",
	"gridfile.col.state":       "状态",

	"gridfile.info.unit":      "单位编码",
	"gridfile.info.unit_name": "单位名称",
	"gridfile.info.year":      "年度",
	"gridfile.info.month":     "月份",
	"gridfile.info.due":       "截止日期",
	"gridfile.info.hint":      "填写说明",
	"gridfile.hint":           "只填“本期数值”和“说明”两列（浅黄色），其余列请勿改动；上传后为暂存，核对无误后在页面上报送。",

	"gridfile.err.too_large":    "文件太大，不是本系统下载的填报表。",
	"gridfile.err.not_workbook": "不是可读取的 Excel 文件（.xlsx）。",
	"gridfile.err.no_sheet":     "找不到“%s”工作表。",
	"gridfile.err.no_info":      "找不到“信息”工作表中的单位和月份，请使用本页下载的填报表。",
	"gridfile.err.other_grid":   "这是单位 %s %s年%s月的填报表，不是本页的，请下载本页的填报表。",
	"gridfile.err.columns":      "缺少“指标编码”或“本期数值”列。",
	"gridfile.err.no_code":      "填了数值但没有指标编码。",
	"gridfile.err.unknown_code": "指标编码“%s”不在本期本单位的填报范围内。",

	"done.grid_uploaded":    "已从 Excel 读入并暂存，请核对后报送。",
	"grid.upload":           "上传填好的 Excel",
	"figure.title":          "数据详情",
	"figure.reason":         "原因",
	"figure.correct":        "更正",
	"figure.correct_hint":   "审核通过后发现有误的，由考核办更正；原值连同更正人、时间和原因都会保留。",
	"figure.correct_reason": "更正原因",
	"figure.evidence":       "佐证材料",
	"figure.no_evidence":    "暂无佐证材料。",
	"figure.attach":         "上传佐证材料（PDF、图片、Excel、Word、OFD，不超过 10 MB）",
	"figure.history":        "修改记录",
	"attachment.err.name":   "文件名须带扩展名，且不超过 200 个字符。",
	"attachment.err.type":   "不接受 .%s 文件，请上传 PDF、图片、Excel、Word、OFD、ZIP 或 CSV。",
	"attachment.err.size":   "文件为空或超过 %d MB。",
	"done.attached":         "佐证材料已上传。",
	"done.corrected":        "已更正，原值已保留在修改记录中。",
	"action.figure.attach":  "上传佐证材料",
	"action.figure.import":  "导入数据",
}

func init() {
	for k, v := range zhGridFile {
		zh[k] = v
	}
}
