package demo

import (
	"fmt"
	"math/rand/v2"

	"gaoxin/internal/project"
)

// keyUnit is one lead unit's share of the 183 key projects: the count and
// total investment of the plan's CY01 and CY02 shares, and the year's
// investment of CY03's, with the projects the seed names.
type keyUnit struct {
	unit     string
	count    int
	total    float64 // 万元
	plan     float64 // 2019, 万元
	clusters []string
	mix      []string // categories of the generated projects, cycled
	named    []namedProject
}

// namedProject is a project the seed names (or one the demo needs), with
// what is fixed about it; the rest is generated like any other.
type namedProject struct {
	name, category, cluster, investor string
	total                             float64
	plan, before                      float64 // 0: generated
	start, end                        int     // 0: generated
	level                             project.Level
}

var keyUnits = []keyUnit{
	{unit: "TCJ", count: 60, total: 3_800_000, plan: 1_300_000, clusters: []string{"高端装备", "新一代信息技术"},
		mix: []string{"industrial", "service", "industrial", "service", "innovation", "industrial", "service", "industrial", "social", "industrial"},
		named: []namedProject{
			{name: "山东银轮热管理系统产业园（二期）", category: "industrial", cluster: "高端装备", investor: "山东银轮", total: 60_000,
				plan: 24_000, before: 18_000, start: 2018, end: 2020, level: project.City},
			{name: "阳光康养中心", category: "social", cluster: "生命健康", investor: "阳光融和医疗集团", total: 86_000, level: project.City},
			{name: "智慧养老基地", category: "social", cluster: "生命健康", investor: "潍坊高新区城市发展集团", total: 45_000, level: project.District},
		}},
	{unit: "GDY", count: 45, total: 3_000_000, plan: 1_100_000, clusters: []string{"新一代信息技术"},
		mix: []string{"industrial", "industrial", "innovation", "industrial", "service", "industrial"},
		named: []namedProject{
			{name: "歌尔智能硬件产业园", category: "industrial", cluster: "新一代信息技术", investor: "歌尔", total: 300_000, level: project.Province},
			{name: "歌尔微电子MEMS传感器项目", category: "industrial", cluster: "新一代信息技术", investor: "歌尔", total: 150_000, level: project.Province},
			{name: "歌尔VR/AR光学模组项目", category: "industrial", cluster: "新一代信息技术", investor: "歌尔", total: 120_000, level: project.City},
			{name: "歌尔智能穿戴产品扩产项目", category: "industrial", cluster: "新一代信息技术", investor: "歌尔", total: 80_000, level: project.City},
			{name: "歌尔精密结构件项目", category: "industrial", cluster: "新一代信息技术", investor: "歌尔", total: 60_000, level: project.District},
			{name: "歌尔科技园研发中心", category: "innovation", cluster: "新一代信息技术", investor: "歌尔", total: 50_000, level: project.City},
		}},
	{unit: "SWY", count: 38, total: 2_240_000, plan: 800_000, clusters: []string{"生命健康"},
		mix: []string{"industrial", "industrial", "service", "innovation", "industrial", "social"},
		named: []namedProject{
			{name: "华德智慧健康园", category: "service", cluster: "生命健康", investor: "新加坡华德集团", total: 630_000,
				plan: 150_000, before: 90_000, start: 2018, end: 2022, level: project.Province},
			{name: "中狮生命健康产业项目", category: "industrial", cluster: "生命健康", investor: "潍坊中狮", total: 51_000,
				plan: 20_000, start: 2019, end: 2021, level: project.City},
			{name: "阳光融和医院（二期）", category: "social", cluster: "生命健康", investor: "阳光融和医疗集团", total: 120_000, level: project.City},
			{name: "妇女儿童健康中心", category: "social", cluster: "生命健康", investor: "阳光融和医疗集团", total: 60_000, level: project.City},
			{name: "海王医药潍坊医药物流中心", category: "service", cluster: "生命健康", investor: "海王医药", total: 40_000, level: project.District},
			{name: "沃华医药中药配方颗粒项目", category: "industrial", cluster: "生命健康", investor: "沃华医药", total: 35_000, level: project.City},
			{name: "华辰制药原料药及制剂基地", category: "industrial", cluster: "生命健康", investor: "华辰制药", total: 30_000, level: project.District},
		}},
	{unit: "DLY", count: 40, total: 3_000_000, plan: 1_000_000, clusters: []string{"新能源动力", "高端装备"},
		mix: []string{"industrial", "industrial", "industrial", "innovation", "service", "industrial"},
		named: []namedProject{
			{name: "潍柴新能源动力产业园", category: "industrial", cluster: "新能源动力", investor: "潍柴", total: 500_000, level: project.Province},
			{name: "潍柴千亿美元产业园（一期）", category: "industrial", cluster: "新能源动力", investor: "潍柴", total: 400_000, level: project.Province},
			{name: "福田汽车超级卡车工厂扩能项目", category: "industrial", cluster: "新能源动力", investor: "福田", total: 200_000, level: project.Province},
			{name: "盛瑞传动8AT自动变速器扩能项目", category: "industrial", cluster: "新能源动力", investor: "盛瑞传动", total: 120_000, level: project.Province},
			{name: "华丰动力大缸径发动机项目", category: "industrial", cluster: "新能源动力", investor: "华丰动力", total: 80_000, level: project.City},
			{name: "天瑞重工磁悬浮动力装备产业化项目", category: "industrial", cluster: "高端装备", investor: "天瑞重工", total: 60_000, level: project.City},
		}},
}

// Generated names: an investor and a product by cluster, or a project by
// category where the category says more than the cluster.
var (
	investorHeads = []string{"中科", "汇智", "博睿", "鸿源", "瑞祥", "泰鼎", "新元", "德润", "恒远", "锐翔", "华光", "凯盛", "金宇", "智航", "天衡", "东方"}
	investorTails = map[string]string{"新一代信息技术": "电子科技", "高端装备": "智能装备", "生命健康": "生物科技", "新能源动力": "动力科技", "现代服务业": "投资"}
	products      = map[string][]string{
		"新一代信息技术": {"智能传感器", "光电显示模组", "5G通信模组", "集成电路封测", "智能终端", "激光器件", "半导体材料", "智能声学器件", "工业互联网平台"},
		"高端装备":    {"智能装备制造", "精密零部件", "液压系统", "工业机器人", "数控机床", "节能环保装备", "智能仓储装备"},
		"生命健康":    {"生物制药", "医疗器械", "中药现代化", "体外诊断试剂", "功能食品", "康复辅具", "医用耗材"},
		"新能源动力":   {"新能源汽车电驱动", "燃料电池", "动力电池", "氢能装备", "发动机零部件", "智能网联汽车零部件", "汽车电子"},
	}
	productTails = []string{"产业化项目", "生产基地项目", "扩能项目", "产业园项目", "智能工厂项目", "技改项目"}
	serviceNames = []string{"科技金融园", "潍坊蓝色智谷", "总部经济大厦", "金融小镇基金大厦", "跨境电商产业园", "数字经济产业园", "检验检测认证中心",
		"人力资源服务产业园", "现代物流园", "文化创意产业园", "商务综合体", "国际会展中心配套"}
	innovationNames = []string{"产业技术研究院", "重点实验室", "工程技术研究中心", "科技企业孵化器", "众创空间", "中试基地", "协同创新中心"}
	socialNames     = []string{"国际学校", "康复医院", "社区医养中心", "全民健身中心", "青少年活动中心"}
	leaders         = []string{"管委会副主任 孙志强", "管委会副主任 刘建华", "党工委委员 高立新", "管委会副主任 陈文博", "党工委委员 王海燕"}
)

// keyProjects are the 183 key projects, led by the four units of CY01–CY03.
func keyProjects(rnd *rand.Rand) []*demoProject {
	var out []*demoProject
	seen := map[string]int{}
	for _, ku := range keyUnits {
		for _, p := range ku.projects(rnd) {
			// A generated name that comes up again is the firm's next phase.
			if seen[p.Name]++; seen[p.Name] > 1 {
				p.Name += phases[min(seen[p.Name], len(phases))-1]
			}
			out = append(out, p)
		}
	}
	return out
}

var phases = []string{"", "（二期）", "（三期）", "（四期）", "（五期）"}

func (ku keyUnit) projects(rnd *rand.Rand) []*demoProject {
	fixedTotal, fixedPlan := 0.0, 0.0
	for _, n := range ku.named {
		fixedTotal += n.total
		fixedPlan += n.plan
	}
	generated := shareOut(rnd, ku.total-fixedTotal, ku.count-len(ku.named), 100)
	list := make([]*demoProject, 0, ku.count)
	for i := 0; i < ku.count; i++ {
		var n namedProject
		if i < len(ku.named) {
			n = ku.named[i]
		} else {
			n = ku.generate(rnd, i)
			n.total = generated[i-len(ku.named)]
		}
		list = append(list, ku.keyProject(rnd, i, n))
	}
	ku.sharePlans(list, fixedPlan)
	return list
}

// generate names the i-th generated project of a unit.
func (ku keyUnit) generate(rnd *rand.Rand, i int) namedProject {
	n := namedProject{category: ku.mix[i%len(ku.mix)], cluster: ku.clusters[i%len(ku.clusters)]}
	head := pick(rnd, investorHeads)
	switch n.category {
	case "service":
		n.cluster = "现代服务业"
		n.name = head + pick(rnd, serviceNames)
	case "innovation":
		n.name = n.cluster + pick(rnd, innovationNames) + "（" + head + "）"
	case "social":
		n.cluster = "生命健康"
		n.name = head + pick(rnd, socialNames)
	default:
		n.name = head + pick(rnd, products[n.cluster]) + pick(rnd, productTails)
	}
	n.investor = "潍坊" + head + investorTails[n.cluster] + "有限公司"
	n.level = project.District
	switch r := rnd.IntN(10); {
	case r == 0:
		n.level = project.Province
	case r < 4:
		n.level = project.City
	}
	return n
}

// keyProject fills in a key project's record and its years.
func (ku keyUnit) keyProject(rnd *rand.Rand, i int, n namedProject) *demoProject {
	p := &demoProject{lead: ku.unit, coop: []string{"JFJ", "ZGJ", "SPJ"}, calm: i < len(ku.named)}
	p.Code = fmt.Sprintf("XM-%s-%03d", ku.unit, i+1)
	p.Name, p.Category, p.Cluster, p.Investor, p.Level = n.name, n.category, n.cluster, n.investor, n.level
	p.TotalInvestment = n.total
	p.Leader = leaders[i%len(leaders)]
	p.Location = "潍坊高新区" + pick(rnd, roads) + "与" + pick(rnd, roads) + "交汇处"
	p.Content = fmt.Sprintf("新建生产及配套用房约%d万平方米，购置先进生产、检测设备。", max(1, int(n.total/4000)))
	if n.category == "industrial" {
		p.Capacity = fmt.Sprintf("达产后年销售收入约%d亿元", max(1, int(n.total*1.6/10000)))
	}
	p.StartYear, p.EndYear = n.start, n.end
	if p.StartYear == 0 {
		p.StartYear = pick(rnd, []int{2017, 2018, 2018, 2019, 2019, 2019})
		p.EndYear = min(2023, max(2020, p.StartYear+between(rnd, 2, 4)))
	}
	p.before = n.before
	if n.before == 0 && p.StartYear < Year {
		p.before = float64(int64(n.total*float64(Year-p.StartYear)*(0.08+rnd.Float64()*0.12)/100)) * 100
	}
	p.plan = n.plan
	if n.plan == 0 {
		left := p.TotalInvestment - p.before
		p.plan = left / float64(p.EndYear-Year+1) * (0.8 + rnd.Float64()*0.4) // raw; sharePlans scales it
		p.scaled = true
	}
	p.goal = "完成年度投资计划，主体工程按节点推进"
	return p
}

// sharePlans scales the generated plans so that the unit's plans add up to
// its CY03 share exactly, in whole 10 万元, none beyond what the project has left.
func (ku keyUnit) sharePlans(list []*demoProject, fixed float64) {
	raw := 0.0
	for _, p := range list {
		if p.scaled {
			raw += p.plan
		}
	}
	k := (ku.plan - fixed) / raw
	sum := fixed
	var roomiest *demoProject
	for _, p := range list {
		if !p.scaled {
			continue
		}
		p.plan = min(p.TotalInvestment-p.before, float64(int64(p.plan*k/10))*10)
		sum += p.plan
		if roomiest == nil || p.TotalInvestment-p.before-p.plan > roomiest.TotalInvestment-roomiest.before-roomiest.plan {
			roomiest = p
		}
	}
	roomiest.plan += ku.plan - sum
}
