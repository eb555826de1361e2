package i18n

// Messages of the JSON API's writes (the api package), merged into zh.
var zhAPI = map[string]string{
	"api.err.project":     "项目“%s”不是单位“%s”%d年牵头的重点项目。",
	"api.reports_refused": "有项目月报未能保存或报送，见各项目的原因；本次提交未作任何修改。",
	"api.err.unit":        "单位“%s”不存在。",
	"api.err.indicator":   "指标“%s”不是单位“%s”本月要报送的指标。",
	"api.err.lead_unit":   "牵头单位“%s”不存在或不在您的管理范围内。",
	"api.err.cooperator":  "配合单位“%s”不存在或不在您的管理范围内。",
	"api.err.leader":      "责任领导账号“%s”不存在。",
	"api.figures_refused": "有数据未能保存或报送，见各指标的原因；本次提交未作任何修改。",
}

func init() {
	for k, v := range zhAPI {
		zh[k] = v
	}
}
