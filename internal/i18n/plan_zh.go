package i18n

// Messages of the year plan, targets and reporting, merged into zh.
var zhPlan = map[string]string{
	"figure.err.conflict": "此数据在您打开后已被他人修改（现为第 %d 版），您的修改未保存；请刷新页面核对后再改。",
	"plan.err.code":       "请填写编码（最长 32 个字符）。",
	"plan.err.name":       "请填写名称（最长 200 个字）。",
	"plan.err.weight":     "权重不能为负数。",
	"plan.err.year":       "年度应在 2000 到 2100 之间。",
	"plan.err.year_taken": "%d 年度的目标已经存在。",
	"plan.err.parent":     "上级节点不存在或不属于本年度目标。",
	"plan.err.code_taken": "编码“%s”在本年度已被使用。",
	"plan.err.unit":       "所选单位不存在。",

	"indicator.err.direction":   "请选择指标方向（越大越好、越小越好、区间、不计分）。",
	"indicator.err.band":        "区间指标须填写下限和上限，且下限不大于上限。",
	"indicator.err.frequency":   "请选择填报频次（月、季、年）。",
	"indicator.err.semantics":   "请选择数据口径（当期量、累计值、存量、比率/水平值）。",
	"indicator.err.aggregation": "请选择汇总方式（求和、平均、最大、最小、不汇总）。",
	"indicator.err.precision":   "小数位数应在 0 到 6 之间。",
	"indicator.err.node":        "所属节点不存在或不属于本年度目标。",

	"target.err.empty":          "请至少填写确保目标或力争目标。",
	"target.err.month":          "起始月份应在 1 到 12 之间。",
	"target.err.profile":        "请选择序时方式（按时间均分、逐月指定、按上年进度）。",
	"target.err.profile_values": "逐月指定须填 12 个月（或 4 个季度）的累计目标。",
	"target.err.year":           "目标年度不能早于计划年度。",
	"target.err.indicator":      "指标不存在。",
	"target.err.not_assigned":   "该指标尚未分解到此单位。",
	"assignment.err.twice":      "该指标已分解到此单位。",

	"period.err.days": "截止日应在每月 1 到 28 日之间，宽限天数在 0 到 31 之间。",

	"figure.err.window_not_open":    "本期尚未开始填报。",
	"figure.err.window_closed":      "本期已截止或已锁定，不能再修改，请联系考核办。",
	"figure.err.not_editable":       "已报送的数据不能修改，如需更正请联系审核人退回。",
	"figure.err.missing":            "请填写本期数值。",
	"figure.err.explain":            "完成情况落后于序时进度，请填写说明后再报送。",
	"figure.err.nothing_to_submit":  "没有可报送的数据。",
	"figure.err.nothing_to_confirm": "没有待确认的数据。",
	"figure.err.nothing_to_approve": "没有待审核的数据。",
	"figure.err.nothing_to_return":  "没有可退回的数据。",
	"figure.err.reason":             "请填写原因。",
	"figure.err.not_approved":       "只有已审核通过的数据才能更正。",

	"action.plan.create":       "新建年度目标",
	"action.plan.copy":         "复制年度目标",
	"action.plan.node_create":  "新建目标节点",
	"action.plan.node_update":  "修改目标节点",
	"action.indicator.create":  "新建指标",
	"action.indicator.update":  "修改指标",
	"action.target.set":        "设定目标值",
	"action.assignment.create": "分解指标",
	"action.period.create":     "设立填报期",
	"action.period.lock":       "锁定/解锁填报期",
	"action.figure.edit":       "填写数据",
	"action.figure.submit":     "报送数据",
	"action.figure.confirm":    "确认数据",
	"action.figure.approve":    "审核通过",
	"action.figure.return":     "退回数据",
	"action.figure.correct":    "更正数据",
}

func init() {
	for k, v := range zhPlan {
		zh[k] = v
	}
}
