package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"

	"gaoxin/internal/org"
)

// model is a generated data set in memory, before it is written. Units,
// nodes and indicators refer to each other by their index here; the ids
// the database gives them are known only once they are written.
type model struct {
	s           Scale
	units       []genUnit
	nodes       []genNode
	indicators  []genIndicator
	assignments []genAssignment
}

type genUnit struct {
	code, name, class string
	kind              org.Kind
	parent            int // index, -1 for the root
	depth, order      int
}

type genNode struct {
	code, name  string
	parent      int // index, -1 for a top node
	depth       int
	lead        int // unit index
	cooperators []int
}

// newModel generates everything from the seed, in a fixed order, so that
// the same scale always gives the same data.
func newModel(s Scale) *model {
	rng := rand.New(rand.NewPCG(s.Seed, uint64(ScaleYear)))
	m := &model{s: s}
	m.makeUnits(rng)
	m.makeNodes(rng)
	m.makeIndicators(rng)
	m.makeAssignments(rng)
	return m
}

// zoneNames are cities and their kinds of zone, combined into names.
var (
	zoneCities = []string{"济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照",
		"临沂", "德州", "聊城", "滨州", "菏泽", "莱芜", "寿光", "胶州", "即墨", "龙口", "招远", "诸城", "邹城"}
	zoneKinds = []string{"高新区", "经济开发区", "高新技术产业园", "科技城", "综合保税区"}
)

// makeUnits builds root → zones → departments, streets and parks: about
// one zone for every twenty units, the rest shared evenly among the zones.
func (m *model) makeUnits(rng *rand.Rand) {
	zones := min(max(m.s.Units/20, 1), m.s.Units-1)
	m.units = append(m.units, genUnit{code: ScaleRoot, name: "全省高新区考核办公室", kind: org.KindOther, parent: -1})
	for z := 0; z < zones; z++ {
		name := zoneCities[z%len(zoneCities)] + zoneKinds[(z/len(zoneCities))%len(zoneKinds)]
		if z >= len(zoneCities)*len(zoneKinds) {
			name += strconv.Itoa(z/(len(zoneCities)*len(zoneKinds)) + 1)
		}
		m.units = append(m.units, genUnit{code: fmt.Sprintf("Z%03d", z+1), name: name, kind: org.KindZone,
			parent: 0, depth: 1, order: (z + 1) * 10})
	}
	rest := m.s.Units - 1 - zones
	for z := 0; z < zones; z++ {
		count := rest / zones
		if z < rest%zones {
			count++
		}
		m.addChildren(rng, z+1, count)
	}
}

// addChildren gives a zone its departments, streets and parks, drawn in a
// shuffled order from the demo zone's own list.
func (m *model) addChildren(rng *rand.Rand, zone, count int) {
	order := rng.Perm(len(units))
	for i := 0; i < count; i++ {
		spec := units[order[i%len(units)]]
		name := spec.name
		if i >= len(units) {
			name += strconv.Itoa(i/len(units) + 1)
		}
		m.units = append(m.units, genUnit{code: fmt.Sprintf("%s-%03d", m.units[zone].code, i+1), name: name,
			kind: spec.kind, class: spec.class, parent: zone, depth: 2, order: (i + 1) * 10})
	}
}

// randomUnit is any unit but the root.
func (m *model) randomUnit(rng *rand.Rand) int { return 1 + rng.IntN(len(m.units)-1) }

var (
	goalThemes = []string{"创新驱动", "产业提升", "开放合作", "城市建设", "民生改善", "基层治理", "生态环保", "党的建设"}
	taskWords  = []string{"重点项目建设", "科技型企业培育", "招商引资", "人才引进", "营商环境", "公共服务", "安全生产", "数字化转型"}
)

// makeNodes builds about one node for every ten indicators: up to five
// goals, each further node hung under a random node above the fifth level.
func (m *model) makeNodes(rng *rand.Rand) {
	n := max(1, m.s.Indicators/10)
	children := make([]int, 0, n)
	for i := 0; i < min(n, 5); i++ {
		m.nodes = append(m.nodes, genNode{code: fmt.Sprintf("G%d", i+1), parent: -1, lead: m.randomUnit(rng),
			name: fmt.Sprintf("目标%d：%s", i+1, goalThemes[i%len(goalThemes)])})
		children = append(children, 0)
	}
	for len(m.nodes) < n {
		p := rng.IntN(len(m.nodes))
		if m.nodes[p].depth >= 4 {
			continue
		}
		children[p]++
		code := m.nodes[p].code + "." + strconv.Itoa(children[p])
		node := genNode{code: code, parent: p, depth: m.nodes[p].depth + 1, lead: m.randomUnit(rng),
			name: fmt.Sprintf("%s（%s）", taskWords[rng.IntN(len(taskWords))], code)}
		for c := rng.IntN(4); c > 0; c-- {
			node.cooperators = append(node.cooperators, m.randomUnit(rng))
		}
		m.nodes = append(m.nodes, node)
		children = append(children, 0)
	}
}
