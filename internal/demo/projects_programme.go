package demo

import (
	"fmt"
	"math/rand/v2"

	"gaoxin/internal/project"
)

// The seed's first batch of livelihood works: "投资19.8亿元实施第一批民生实事，
// 一共7大类、32项、106件". Each piece is a one-year work of its own, led by
// the unit MS01 shares it to: 社会事业局 9.7 亿元 (all of education, the
// seed's 9.7 亿元 and its three schools), 城市建设局 6.1, 人社局 2.0 and the
// four streets 0.5 each.

type msCategory struct {
	name, lead string
	items      []msItem
}

type msItem struct {
	name   string
	pieces []msPiece
}

// msPiece is a piece; lead "" is its category's, total 0 is generated.
type msPiece struct {
	name, lead string
	total      float64
	p          *demoProject
}

// pieceRef places a piece in the programme.
type pieceRef struct{ category, item int }

// msShares are what each lead unit spends on the programme (万元).
var msShares = map[string]float64{"SYJ": 97_000, "JSJ": 61_000, "RSJ": 20_000, "XCJD": 5_000, "QCJD": 5_000, "BHJD": 5_000, "DMJD": 5_000}

func pieces(lead string, names ...string) []msPiece {
	out := make([]msPiece, len(names))
	for i, n := range names {
		out[i] = msPiece{name: n, lead: lead}
	}
	return out
}

// streetPiece is a piece led by a street.
func sp(name, street string) msPiece { return msPiece{name: name, lead: street} }

func programme2019() []msCategory {
	return []msCategory{
		{"教育优先发展", "SYJ", []msItem{
			{"新建改扩建中小学", []msPiece{{name: "中央商务区学校", total: 30_000}, {name: "北海分校", total: 22_000},
				{name: "凤凰学校南区扩建", total: 15_000}, {name: "清池学校扩建"}, {name: "志远学校综合楼"}}},
			{"新建改扩建幼儿园", pieces("", "樱园幼儿园", "北海幼儿园", "东明幼儿园", "新城中心幼儿园改造", "宝通幼儿园")},
			{"校舍改造提升", pieces("", "实验小学操场改造", "钢城现代学校校舍维修", "北海学校食堂改造", "中小学教室照明改造")},
			{"教育信息化", pieces("", "智慧校园建设", "录播教室建设", "教育城域网升级")},
			{"社区老年大学全覆盖", pieces("", "新城街道社区老年大学", "清池街道社区老年大学", "北海街道社区老年大学")},
			{"名校长名园长名教师工程", pieces("", "名校长名园长名教师奖励", "教师培训基地")},
		}},
		{"棚改安置", "JSJ", []msItem{
			{"棚户区改造安置房", pieces("", "清池片区安置房（二期）", "东明片区安置房", "北海片区安置房", "新城片区安置房配套")},
			{"老旧小区改造", pieces("", "金马小区改造", "樱园小区改造", "福寿小区改造", "惠贤小区改造")},
			{"安置区配套", pieces("", "安置区幼儿园配套", "安置区社区服务中心")},
			{"物业服务提升", pieces("", "老旧小区物业管理提升", "安置区智慧安防")},
		}},
		{"市政设施", "JSJ", []msItem{
			{"道路畅通", pieces("", "志远路断头路打通", "樱园路拓宽", "仓南路新建", "背街小巷路面硬化")},
			{"供暖供气", pieces("", "清池片区集中供热", "老旧小区燃气改造", "供热管网补短板")},
			{"供水排水", pieces("", "老旧小区供水改造", "雨水管网改造", "易涝点整治", "二次供水设施改造")},
			{"公交出行", pieces("", "公交首末站建设", "公交候车亭更新", "公共自行车站点")},
			{"停车设施", pieces("", "中央商务区公共停车场", "医院周边停车场", "老旧小区停车位")},
			{"亮化绿化", pieces("", "主干道亮化", "城市绿道", "街头游园")},
		}},
		{"就业和社会保障", "RSJ", []msItem{
			{"就业创业服务", pieces("", "创业孵化基地", "零工市场", "社区就业服务站")},
			{"职业技能培训", pieces("", "职业技能提升行动", "企业新型学徒制培训", "高技能人才培训基地")},
			{"社保服务", pieces("", "社保服务大厅智能化改造", "社区社保服务站")},
			{"人才安居", pieces("", "人才公寓（一期）", "青年人才驿站")},
		}},
		{"医疗养老", "RSJ", []msItem{
			{"社区卫生服务", pieces("", "清池社区卫生服务中心", "东明社区卫生服务中心", "社区卫生服务站标准化")},
			{"医养结合", pieces("", "医养结合示范中心", "家庭医生签约服务", "护理院建设")},
			{"养老服务", pieces("", "社区日间照料中心", "居家养老服务中心", "社区老年食堂", "养老机构消防改造")},
			{"困难群体帮扶", pieces("", "困难群众救助", "残疾人康复中心")},
		}},
		{"城乡环境（厕所革命）", "", []msItem{
			{"公厕新建改造", []msPiece{sp("茂街公厕新建", "XCJD"), sp("蓉花路公厕改造提升", "XCJD"), sp("福东巷公厕新建", "XCJD"),
				sp("桐荫街公厕改造提升", "XCJD"), sp("清池街公厕新建", "QCJD"), sp("东明社区公厕改造", "DMJD")}},
			{"背街小巷整治", []msPiece{sp("福东巷街区整治", "XCJD"), sp("桐荫街商业街区提升", "XCJD"), sp("北海路背街小巷整治", "BHJD"),
				sp("清池老街巷整治", "QCJD")}},
			{"垃圾分类", []msPiece{sp("北海街道垃圾分类示范社区", "BHJD"), sp("东明街道垃圾分类收集站", "DMJD"), sp("清池街道垃圾分类示范社区", "QCJD")}},
			{"社区绿化", []msPiece{sp("北海社区口袋公园", "BHJD"), sp("东明社区游园", "DMJD"), sp("清池社区绿化提升", "QCJD")}},
		}},
		{"文化体育", "", []msItem{
			{"新时代文明实践", []msPiece{sp("新城街道新时代文明实践所", "XCJD"), sp("清池街道新时代文明实践所", "QCJD"),
				sp("北海街道新时代文明实践所", "BHJD"), sp("东明街道新时代文明实践所", "DMJD")}},
			{"村史馆建设", []msPiece{sp("清池街道村史馆", "QCJD"), sp("北海街道村史馆", "BHJD"), sp("东明街道村史馆", "DMJD")}},
			{"全民健身", []msPiece{sp("新城社区健身广场", "XCJD"), sp("清池社区笼式足球场", "QCJD"), sp("北海社区健身路径", "BHJD"),
				sp("东明社区多功能运动场", "DMJD")}},
			{"文化惠民", []msPiece{sp("北海社区文化活动室", "BHJD"), sp("东明社区书屋", "DMJD"), sp("新城社区文化广场", "XCJD")}},
		}},
	}
}

// livelihood makes a project of every piece, sharing each unit's money
// out over its pieces, and returns them with the programme's tree.
func livelihood(rnd *rand.Rand) ([]*demoProject, []msCategory) {
	tree := programme2019()
	byUnit := map[string][]*msPiece{}
	var units []string
	for c := range tree {
		for i := range tree[c].items {
			for k := range tree[c].items[i].pieces {
				pc := &tree[c].items[i].pieces[k]
				if pc.lead == "" {
					pc.lead = tree[c].lead
				}
				if byUnit[pc.lead] == nil {
					units = append(units, pc.lead)
				}
				byUnit[pc.lead] = append(byUnit[pc.lead], pc)
			}
		}
	}
	for _, u := range units {
		left, var_ := msShares[u], 0
		for _, pc := range byUnit[u] {
			if pc.total == 0 {
				var_++
			}
			left -= pc.total
		}
		amounts := shareOut(rnd, left, var_, 10)
		for _, pc := range byUnit[u] {
			if pc.total == 0 {
				pc.total, amounts = amounts[0], amounts[1:]
			}
		}
	}
	var out []*demoProject
	for c := range tree {
		for i := range tree[c].items {
			for k := range tree[c].items[i].pieces {
				pc := &tree[c].items[i].pieces[k]
				pc.p = piece(rnd, len(out), *pc, pieceRef{c, i})
				out = append(out, pc.p)
			}
		}
	}
	return out, tree
}

func piece(rnd *rand.Rand, i int, pc msPiece, ref pieceRef) *demoProject {
	p := &demoProject{lead: pc.lead, plan: pc.total, piece: &ref, goal: "年内建成并投入使用"}
	p.Code = fmt.Sprintf("MS-2019-%03d", i+1)
	p.Name, p.Category, p.TotalInvestment, p.Level = pc.name, "livelihood", pc.total, project.District
	p.StartYear, p.EndYear = Year, Year
	p.Leader = leaders[(i+1)%len(leaders)]
	p.Investor = "潍坊高新区财政投资"
	p.Location = "潍坊高新区" + pick(rnd, areas)
	p.Content = "2019年第一批民生实事。"
	if pc.lead != "JSJ" {
		p.coop = []string{"JSJ"}
	}
	return p
}
