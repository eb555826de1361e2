package demo

import "gaoxin/internal/plan"

// The 2019 plan: the "一五三一" strategy of the seed report as a tree.
// stated marks an indicator whose target (or baseline) the report gives;
// the others are plausible additions, generated for the demo and labelled
// so in their description.

type nodeSpec struct {
	code, parent, name, lead, description string
	coop                                  []string
}

var nodes2019 = []nodeSpec{
	{"G", "", "一个目标：加快迈入一流国家高新区行列", "DZB", "打造贯彻新发展理念先行区、高质量发展引领区、新旧动能转换示范区。", nil},
	{"K1", "G", "重点工作一：产业提升", "JFJ", "", []string{"TCJ", "GDY", "SWY", "DLY"}},
	{"K1.1", "K1", "重点项目建设", "TCJ", "全年实施重点项目183个，总投资1204亿元。", []string{"JFJ"}},
	{"K1.2", "K1", "新一代信息技术产业（歌尔领军）", "GDY", "到2020年形成500亿级产业规模。", nil},
	{"K1.3", "K1", "健康产业", "SWY", "到2020年形成300亿级产业规模；华德智慧健康产业园总投资63亿元，中狮生命健康项目总投资5.1亿元。", nil},
	{"K1.4", "K1", "潍柴千亿美元产业园", "DLY", "到2030年聚集配套企业1000家以上、总投资2000亿元以上。", nil},
	{"K2", "G", "重点工作二：科技创新", "KCJ", "", []string{"JFJ", "SJJ"}},
	{"K3", "G", "重点工作三：城市建设", "JSJ", "全年实施基础设施工程152项，总投资54亿元。", []string{"ZGJ", "ZFJ", "STJ"}},
	{"K4", "G", "重点工作四：基层治理", "DZB", "", []string{"XCJD", "QCJD", "BHJD", "DMJD", "SYJD", "BTJD"}},
	{"K5", "G", "重点工作五：民生改善", "SYJ", "第一批民生实事总投资19.8亿元，7大类32项106个子项；教育投入9.7亿元，新增学位9200个（中央商务区学校、北海分校、凤凰学校南区扩建等）。", []string{"RSJ", "JSJ"}},
	{"S1", "G", "关键支撑一：双招双引", "TCJ", "", []string{"CJJ", "RSJ"}},
	{"S2", "G", "关键支撑二：改革开放", "SPJ", "一次办好改革，企业开办全程网办。", []string{"SJJ"}},
	{"S3", "G", "关键支撑三：作风建设（工作落实年）", "DZB", "", []string{"JGW"}},
	{"B", "G", "根本保障：党的建设", "ZZB", "", []string{"XCB", "JGW"}},
}

// share is one unit's part of an indicator and its committed target.
type share struct {
	unit   string
	target float64
}

type indicatorSpec struct {
	node, code, name, uom string
	dir                   plan.Direction
	freq                  plan.Frequency
	sem                   plan.Semantics
	agg                   plan.Aggregation
	precision             int
	committed, stretch    float64 // 0: none
	targetYear            int     // 0: 2019
	lastYear              float64 // 2018's year-end value (flow: its total), 0 when unknown
	source                string
	shares                []share
	stated                bool
	note                  string
}

var (
	higher = plan.Higher
	lower  = plan.Lower
)

var indicators2019 = []indicatorSpec{
	{node: "K1.1", code: "CY01", name: "重点项目个数", uom: "个", dir: higher, freq: plan.Monthly, sem: plan.Stock, agg: plan.Sum,
		committed: 183, source: "TCJ", stated: true,
		shares: []share{{"TCJ", 60}, {"GDY", 45}, {"SWY", 38}, {"DLY", 40}}},
	{node: "K1.1", code: "CY02", name: "重点项目总投资", uom: "亿元", dir: higher, freq: plan.Monthly, sem: plan.Stock, agg: plan.Sum, precision: 1,
		committed: 1204, source: "TCJ", stated: true,
		shares: []share{{"TCJ", 380}, {"GDY", 300}, {"SWY", 224}, {"DLY", 300}}},
	{node: "K1.1", code: "CY03", name: "重点项目年度完成投资", uom: "亿元", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum, precision: 1,
		committed: 420, stretch: 450, lastYear: 386, source: "TCJ",
		shares: []share{{"TCJ", 130}, {"GDY", 110}, {"SWY", 80}, {"DLY", 100}}},
	{node: "K1.2", code: "CY04", name: "新一代信息技术产业规模", uom: "亿元", dir: higher, freq: plan.Quarterly, sem: plan.Cumulative, agg: plan.Sum,
		committed: 500, targetYear: 2020, lastYear: 380, source: "GDY", stated: true, note: "到2020年",
		shares: []share{{"GDY", 500}}},
	{node: "K1.3", code: "CY05", name: "健康产业规模", uom: "亿元", dir: higher, freq: plan.Quarterly, sem: plan.Cumulative, agg: plan.Sum,
		committed: 300, targetYear: 2020, lastYear: 210, source: "SWY", stated: true, note: "到2020年",
		shares: []share{{"SWY", 300}}},
	{node: "K1.3", code: "CY06", name: "华德智慧健康产业园累计完成投资", uom: "亿元", dir: higher, freq: plan.Monthly, sem: plan.Stock, agg: plan.Sum, precision: 1,
		committed: 63, source: "SWY", stated: true, note: "总投资63亿元", shares: []share{{"SWY", 63}}},
	{node: "K1.3", code: "CY07", name: "中狮生命健康项目累计完成投资", uom: "亿元", dir: higher, freq: plan.Monthly, sem: plan.Stock, agg: plan.Sum, precision: 1,
		committed: 5.1, source: "SWY", stated: true, note: "总投资5.1亿元", shares: []share{{"SWY", 5.1}}},
	{node: "K1.4", code: "CY08", name: "千亿美元产业园配套企业", uom: "家", dir: higher, freq: plan.Quarterly, sem: plan.Stock, agg: plan.Sum,
		committed: 1000, targetYear: 2030, lastYear: 310, source: "DLY", stated: true, note: "到2030年", shares: []share{{"DLY", 1000}}},
	{node: "K1.4", code: "CY09", name: "千亿美元产业园累计投资", uom: "亿元", dir: higher, freq: plan.Quarterly, sem: plan.Stock, agg: plan.Sum,
		committed: 2000, targetYear: 2030, lastYear: 260, source: "DLY", stated: true, note: "到2030年", shares: []share{{"DLY", 2000}}},
	{node: "K1.4", code: "CY10", name: "潍柴一号工厂WP9H/WP10H产量", uom: "台", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum,
		committed: 60000, lastYear: 61000, source: "DLY", stated: true, note: "1月产量2.6万台，同比增长35%，日产875台",
		shares: []share{{"DLY", 60000}}},
	{node: "K1", code: "CY12", name: "规模以上工业增加值增速", uom: "%", dir: higher, freq: plan.Monthly, sem: plan.Ratio, agg: plan.Mean, precision: 1,
		committed: 8, source: "JFJ", shares: []share{{"JFJ", 8}}},
	{node: "K1", code: "CY11", name: "主营业务收入过亿元工业企业", uom: "家", dir: higher, freq: plan.Quarterly, sem: plan.Stock, agg: plan.Sum,
		committed: 58, lastYear: 53, source: "JFJ", note: "2018年53家",
		shares: []share{{"JFJ", 30}, {"GDY", 10}, {"SWY", 8}, {"DLY", 10}}},

	{node: "K2", code: "KJ01", name: "专利申请量", uom: "件", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum,
		committed: 3200, stretch: 3500, lastYear: 2870, source: "KCJ", stated: true,
		shares: []share{{"KCJ", 1200}, {"GDY", 900}, {"SWY", 500}, {"DLY", 500}}},
	{node: "K2", code: "KJ02", name: "专利授权量", uom: "件", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum,
		committed: 2000, stretch: 2200, lastYear: 1760, source: "KCJ", stated: true,
		shares: []share{{"KCJ", 800}, {"GDY", 600}, {"SWY", 300}, {"DLY", 300}}},
	{node: "K2", code: "KJ03", name: "产学研合作项目", uom: "个", dir: higher, freq: plan.Quarterly, sem: plan.Flow, agg: plan.Sum,
		committed: 8, lastYear: 6, source: "KCJ", stated: true, shares: []share{{"KCJ", 8}}},
	{node: "K2", code: "KJ04", name: "新认定高新技术企业", uom: "家", dir: higher, freq: plan.Quarterly, sem: plan.Flow, agg: plan.Sum,
		committed: 30, lastYear: 26, source: "KCJ", stated: true, shares: []share{{"KCJ", 30}}},
	{node: "K2", code: "KJ05", name: "瞪羚企业", uom: "家", dir: higher, freq: plan.Quarterly, sem: plan.Stock, agg: plan.Sum,
		committed: 60, targetYear: 2020, lastYear: 41, source: "KCJ", stated: true, note: "到2020年", shares: []share{{"KCJ", 60}}},
	{node: "K2", code: "KJ06", name: "隐形冠军企业", uom: "家", dir: higher, freq: plan.Yearly, sem: plan.Stock, agg: plan.Sum,
		committed: 13, lastYear: 10, source: "JFJ", note: "2018年10家，后备34家", shares: []share{{"JFJ", 13}}},

	{node: "K3", code: "CJ01", name: "基础设施工程开工数", uom: "项", dir: higher, freq: plan.Monthly, sem: plan.Stock, agg: plan.Sum,
		committed: 152, source: "JSJ", stated: true, shares: []share{{"JSJ", 152}}},
	{node: "K3", code: "CJ02", name: "基础设施工程完成投资", uom: "亿元", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum, precision: 1,
		committed: 54, lastYear: 47.5, source: "JSJ", stated: true, shares: []share{{"JSJ", 54}}},
	{node: "K3", code: "CJ03", name: "新建改造公厕", uom: "座", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum,
		committed: 30, source: "ZFJ", stated: true, note: "茂街、蓉花路、福东巷、桐荫街等",
		shares: []share{{"XCJD", 6}, {"QCJD", 6}, {"BHJD", 5}, {"DMJD", 5}, {"SYJD", 4}, {"BTJD", 4}}},
	{node: "K3", code: "CJ04", name: "劣五类水体消除率", uom: "%", dir: higher, freq: plan.Quarterly, sem: plan.Ratio, agg: plan.Mean, precision: 1,
		committed: 100, source: "STJ", stated: true, note: "全面消除劣五类水体", shares: []share{{"STJ", 100}}},

	{node: "K4", code: "ZL01", name: "网格事件按期办结率", uom: "%", dir: higher, freq: plan.Monthly, sem: plan.Ratio, agg: plan.Mean, precision: 1,
		committed: 95, source: "DZB",
		shares: []share{{"XCJD", 95}, {"QCJD", 95}, {"BHJD", 95}, {"DMJD", 95}, {"SYJD", 95}, {"BTJD", 95}}},
	{node: "K4", code: "ZL02", name: "信访事项按期受理率", uom: "%", dir: higher, freq: plan.Monthly, sem: plan.Ratio, agg: plan.Mean, precision: 1,
		committed: 98, source: "DZB",
		shares: []share{{"XCJD", 98}, {"QCJD", 98}, {"BHJD", 98}, {"DMJD", 98}, {"SYJD", 98}, {"BTJD", 98}}},

	{node: "K5", code: "MS01", name: "第一批民生实事完成投资", uom: "亿元", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum, precision: 2,
		committed: 19.8, source: "SYJ", stated: true, note: "7大类32项106个子项",
		shares: []share{{"SYJ", 9.7}, {"JSJ", 6.1}, {"RSJ", 2.0}, {"XCJD", 0.5}, {"QCJD", 0.5}, {"BHJD", 0.5}, {"DMJD", 0.5}}},
	{node: "K5", code: "MS02", name: "教育投入", uom: "亿元", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum, precision: 2,
		committed: 9.7, source: "SYJ", stated: true, shares: []share{{"SYJ", 9.7}}},
	{node: "K5", code: "MS03", name: "新增学位", uom: "个", dir: higher, freq: plan.Quarterly, sem: plan.Flow, agg: plan.Sum,
		committed: 9200, source: "SYJ", stated: true, note: "中央商务区学校、北海分校、凤凰学校南区扩建", shares: []share{{"SYJ", 9200}}},

	{node: "S1", code: "SZ01", name: "新增金融和投资类机构", uom: "家", dir: higher, freq: plan.Quarterly, sem: plan.Flow, agg: plan.Sum,
		committed: 10, source: "CJJ", stated: true, shares: []share{{"CJJ", 10}}},
	{node: "S1", code: "SZ02", name: "新增小微企业贷款", uom: "亿元", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum, precision: 2,
		committed: 20, source: "CJJ", stated: true, shares: []share{{"CJJ", 20}}},
	{node: "S1", code: "SZ03", name: "新增市场主体", uom: "户", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum,
		committed: 6000, lastYear: 5397, source: "SJJ", note: "2018年新增5397户，总数3.1万户，增长13.5%",
		shares: []share{{"XCJD", 1100}, {"QCJD", 1000}, {"BHJD", 900}, {"DMJD", 900}, {"SYJD", 700}, {"BTJD", 700}}},
	{node: "S1", code: "SZ04", name: "签约引进项目", uom: "个", dir: higher, freq: plan.Monthly, sem: plan.Flow, agg: plan.Sum,
		committed: 80, lastYear: 71, source: "TCJ", shares: []share{{"TCJ", 50}, {"GDY", 10}, {"SWY", 10}, {"DLY", 10}}},

	{node: "S2", code: "GG01", name: "企业开办全程网办率", uom: "%", dir: higher, freq: plan.Monthly, sem: plan.Ratio, agg: plan.Mean, precision: 1,
		committed: 100, source: "SPJ", shares: []share{{"SPJ", 100}}},
	{node: "S2", code: "GG02", name: "企业开办平均用时", uom: "个工作日", dir: lower, freq: plan.Monthly, sem: plan.Ratio, agg: plan.Mean, precision: 1,
		committed: 1, source: "SPJ", shares: []share{{"SPJ", 1}}},

	{node: "S3", code: "ZF01", name: "督办事项按期办结率", uom: "%", dir: higher, freq: plan.Monthly, sem: plan.Ratio, agg: plan.Mean, precision: 1,
		committed: 95, source: "DZB", shares: []share{{"DZB", 95}, {"JGW", 95}}},

	{node: "B", code: "DJ01", name: "基层党组织标准化建设达标率", uom: "%", dir: higher, freq: plan.Quarterly, sem: plan.Ratio, agg: plan.Mean, precision: 1,
		committed: 100, source: "ZZB",
		shares: []share{{"XCJD", 100}, {"QCJD", 100}, {"BHJD", 100}, {"DMJD", 100}, {"SYJD", 100}, {"BTJD", 100}}},
}
