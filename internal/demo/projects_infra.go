package demo

import (
	"fmt"
	"math/rand/v2"

	"gaoxin/internal/project"
)

// The seed's "投资54亿元的152项基础设施工程": one-year works of 城市建设局,
// each planned to spend its whole investment in 2019.
const (
	infraCount = 152
	infraTotal = 540_000 // 万元
)

// roads, rivers and parks of the zone that the works are named after.
var (
	roads = []string{"健康东街", "玉清东街", "福寿东街", "胜利东街", "东风东街", "樱前街", "金马路", "北海路", "新城路", "惠贤路", "清池街",
		"宝通东街", "月河路", "东方路", "银枫路", "潍安路", "海安路", "永春路", "卧龙东街", "桐荫街", "蓉花路", "志远路", "樱园路", "仓南路"}
	rivers = []string{"张面河", "浞河", "小于河", "大于河", "白浪河东支"}
	parks  = []string{"滨河公园", "樱前街游园", "健康街绿廊", "浞河湿地公园", "蓝色智谷中央公园", "金马公园"}
	areas  = []string{"清池片区", "东明片区", "北海片区", "新城片区", "双杨片区", "宝通片区", "中央商务区", "蓝色智谷片区"}
)

// infraKinds name a work from a road, river, park or area.
var infraKinds = []func(rnd *rand.Rand) string{
	func(rnd *rand.Rand) string {
		return pick(rnd, roads) + "（" + pick(rnd, roads) + "—" + pick(rnd, roads) + "）新建工程"
	},
	func(rnd *rand.Rand) string { return pick(rnd, roads) + "改造提升工程" },
	func(rnd *rand.Rand) string { return pick(rnd, roads) + "雨污分流改造工程" },
	func(rnd *rand.Rand) string { return pick(rnd, areas) + "供热管网改造工程" },
	func(rnd *rand.Rand) string { return pick(rnd, areas) + "配套供水管网工程" },
	func(rnd *rand.Rand) string {
		return pick(rnd, rivers) + pick(rnd, []string{"综合治理", "清淤疏浚", "堤岸绿化"}) + "工程"
	},
	func(rnd *rand.Rand) string { return pick(rnd, parks) + "景观提升工程" },
	func(rnd *rand.Rand) string { return pick(rnd, roads) + "交通信号及智能交通改造工程" },
	func(rnd *rand.Rand) string { return pick(rnd, roads) + "路灯亮化工程" },
	func(rnd *rand.Rand) string { return pick(rnd, areas) + "燃气管网延伸工程" },
}

// infrastructure are the 152 works, 54 亿元 in all.
func infrastructure(rnd *rand.Rand) []*demoProject {
	totals := shareOut(rnd, infraTotal, infraCount, 10)
	seen := map[string]bool{}
	out := make([]*demoProject, infraCount)
	for i := range out {
		name := infraKinds[i%len(infraKinds)](rnd)
		for seen[name] {
			name = infraKinds[rnd.IntN(len(infraKinds))](rnd)
		}
		seen[name] = true
		p := &demoProject{lead: "JSJ", coop: []string{pick(rnd, []string{"ZGJ", "ZFJ", "STJ"})}, plan: totals[i]}
		p.Code = fmt.Sprintf("JS-2019-%03d", i+1)
		p.Name, p.Category, p.TotalInvestment, p.Level = name, "infrastructure", totals[i], project.District
		p.StartYear, p.EndYear = Year, Year
		p.Investor = "潍坊高新区城市发展集团"
		p.Leader = leaders[(i+2)%len(leaders)]
		p.Location = "潍坊高新区" + pick(rnd, areas)
		p.Content = "市政基础设施建设，年内完工。"
		p.goal = "年内完工并交付使用"
		out[i] = p
	}
	return out
}
