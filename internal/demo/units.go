package demo

import "gaoxin/internal/org"

// ZoneCode is the code of the demo's root unit.
const ZoneCode = "WFGX"

// Assessment classes of the demo, as the zone's 分类考核 names them.
const (
	classEconomy = "经济发展类"
	classSociety = "社会管理类"
	classParty   = "党群类"
	classStreet  = "街道"
)

type unitSpec struct {
	code, name string
	kind       org.Kind
	class      string
}

// units are the zone's departments, streets and parks, in display order.
var units = []unitSpec{
	{"DZB", "党政办公室", org.KindDepartment, classParty},
	{"ZZB", "组织人事部", org.KindDepartment, classParty},
	{"XCB", "宣传统战部", org.KindDepartment, classParty},
	{"JGW", "纪工委", org.KindDepartment, classParty},
	{"JFJ", "经济发展局", org.KindDepartment, classEconomy},
	{"KCJ", "科技创新局", org.KindDepartment, classEconomy},
	{"CJJ", "财政金融局", org.KindDepartment, classEconomy},
	{"TCJ", "投资促进局", org.KindDepartment, classEconomy},
	{"RSJ", "人力资源和社会保障局", org.KindDepartment, classSociety},
	{"JSJ", "城市建设局", org.KindDepartment, classSociety},
	{"ZGJ", "自然资源和规划局", org.KindDepartment, classSociety},
	{"SYJ", "社会事业局", org.KindDepartment, classSociety},
	{"SPJ", "行政审批服务局", org.KindDepartment, classSociety},
	{"SJJ", "市场监督管理局", org.KindDepartment, classSociety},
	{"ZFJ", "综合行政执法局", org.KindDepartment, classSociety},
	{"STJ", "生态环境分局", org.KindDepartment, classSociety},
	{"YJJ", "应急管理局", org.KindDepartment, classSociety},
	{"XCJD", "新城街道", org.KindStreet, classStreet},
	{"QCJD", "清池街道", org.KindStreet, classStreet},
	{"BHJD", "北海街道", org.KindStreet, classStreet},
	{"DMJD", "东明街道", org.KindStreet, classStreet},
	{"SYJD", "双杨街道", org.KindStreet, classStreet},
	{"BTJD", "宝通街道", org.KindStreet, classStreet},
	{"GDY", "光电产业园", org.KindPark, classEconomy},
	{"SWY", "生物医药产业园", org.KindPark, classEconomy},
	{"DLY", "潍柴新能源动力产业园", org.KindPark, classEconomy},
}
