package demo

import (
	"context"
	"fmt"
	"strconv"

	"gaoxin/internal/db"
	"gaoxin/internal/peers"
)

// The demo's three levels of comparison (the seed's "在潍坊市、山东省、全国
// 三个层面比业绩、赛功劳、争先进"). The zone's own values of indicators in
// its plan are its reported figures up to the period compared; the seed
// says its output-to-sales and profit ratios ranked first in Weifang; every
// other value is made up for the demo, plausibly, and its source says so.

// peerIndicator is one indicator of a demo group with the peers' values in
// the group's member order (after the zone); "" is a peer without a value.
type peerIndicator struct {
	fields peers.IndicatorFields
	zone   zoneValue
	peers  []string
	source string // "" for the group's
}

// zoneValue is the zone's value: given, or taken from its plan figures.
type zoneValue struct {
	given string
	plan  string // plan indicator code whose figures give the value
	sum   bool   // a flow summed to the last month, else the last month's value
}

type peerGroupSpec struct {
	level      peers.Level
	name       string
	period     string
	lastMonth  int // the zone's figures are read up to this month
	source     string
	members    []string
	indicators []peerIndicator
}

func given(v string) zoneValue          { return zoneValue{given: v} }
func summed(code string) zoneValue      { return zoneValue{plan: code, sum: true} }
func lastMonthOf(code string) zoneValue { return zoneValue{plan: code} }
func higherIs(code, name, uom string) peers.IndicatorFields {
	return peers.IndicatorFields{Code: code, Name: name, UOM: uom, Direction: peers.Higher}
}

func linked(f peers.IndicatorFields, plan string) peers.IndicatorFields {
	f.PlanCode = plan
	return f
}

var peerGroups2019 = []peerGroupSpec{
	{
		level: peers.City, name: "潍坊市县市区", period: "2019年1-9月", lastMonth: 9,
		source:  "潍坊市统计局 县市区主要经济指标（演示数据）",
		members: []string{"奎文区", "潍城区", "寒亭区", "坊子区", "青州市", "诸城市", "寿光市", "安丘市", "高密市", "昌邑市", "临朐县", "昌乐县", "滨海经济技术开发区"},
		indicators: []peerIndicator{
			{fields: higherIs("GDP", "地区生产总值增速", "%"), zone: given("7.4"),
				peers: []string{"6.8", "5.9", "6.5", "7.1", "6.6", "6.9", "7.6", "6.2", "6.4", "5.8", "6.0", "6.3", "7.9"}},
			{fields: linked(higherIs("GYZJ", "规模以上工业增加值增速", "%"), "CY12"), zone: lastMonthOf("CY12"),
				peers: []string{"4.2", "5.1", "7.8", "8.6", "6.9", "8.1", "9.2", "6.4", "7.3", "5.5", "6.1", "7.0", "10.3"}},
			{fields: higherIs("YBSR", "一般公共预算收入", "亿元"), zone: given("38.6"),
				peers: []string{"31.2", "18.9", "16.4", "17.8", "41.7", "48.3", "76.5", "22.6", "35.9", "24.1", "19.7", "15.2", "28.4"}},
			{fields: higherIs("GDTZ", "固定资产投资增速", "%"), zone: given("9.2"),
				peers: []string{"6.5", "10.1", "12.4", "8.3", "9.6", "7.7", "5.9", "11.2", "8.8", "13.5", "7.1", "10.8", "15.2"}},
			// 临朐县 has not reported its patents yet.
			{fields: linked(higherIs("ZLSQ", "专利申请量", "件"), "KJ01"), zone: summed("KJ01"), source: "潍坊市市场监管局（知识产权）（演示数据）",
				peers: []string{"612", "455", "538", "497", "1126", "1387", "1652", "703", "986", "621", "", "476", "842"}},
			{fields: higherIs("CXL", "规模以上工业企业产销率", "%"), zone: given("99.2"),
				source: "潍坊市统计局（演示数据；报道：本区产销率、利润率等效益指标列潍坊市第一）",
				peers:  []string{"98.1", "97.6", "98.4", "97.9", "98.7", "98.8", "98.9", "97.3", "98.5", "97.8", "97.1", "98.0", "98.6"}},
		},
	},
	{
		level: peers.Province, name: "山东省国家级高新区", period: "2019年1-9月", lastMonth: 9,
		source:  "山东省科技厅 高新区主要指标季报（演示数据）",
		members: []string{"济南高新区", "青岛高新区", "淄博高新区", "烟台高新区", "威海火炬高技术产业开发区", "济宁高新区", "临沂高新区", "泰安高新区", "枣庄高新区", "德州高新区", "莱芜高新区"},
		indicators: []peerIndicator{
			{fields: higherIs("YYSR", "营业收入增速", "%"), zone: given("9.6"),
				peers: []string{"12.3", "10.8", "7.9", "9.1", "8.4", "10.2", "9.4", "6.8", "11.5", "8.9", "5.7"}},
			{fields: linked(higherIs("GQRD", "新认定高新技术企业", "家"), "KJ04"), zone: summed("KJ04"),
				peers: []string{"168", "142", "47", "53", "29", "31", "22", "18", "15", "12", "9"}},
			{fields: linked(higherIs("ZLSQ", "专利申请量", "件"), "KJ01"), zone: summed("KJ01"),
				peers: []string{"6820", "5930", "1870", "2260", "1540", "1320", "980", "760", "540", "610", "430"}},
			{fields: linked(higherIs("GYZJ", "规模以上工业增加值增速", "%"), "CY12"), zone: lastMonthOf("CY12"),
				peers: []string{"9.4", "8.8", "6.2", "7.5", "5.9", "7.2", "8.3", "4.8", "6.6", "7.7", "5.1"}},
			{fields: peers.IndicatorFields{Code: "KBYS", Name: "企业开办平均用时", UOM: "个工作日", Direction: peers.Lower, PlanCode: "GG02"},
				zone: lastMonthOf("GG02"), source: "山东省市场监管局 企业开办便利度通报（演示数据）",
				peers: []string{"1", "0.5", "2", "1.5", "1", "2", "1.5", "3", "2", "3", "2"}},
		},
	},
	{
		level: peers.National, name: "全国国家级高新区", period: "2019年1-6月", lastMonth: 6,
		source:  "科技部火炬中心 国家高新区统计快报（演示数据）",
		members: []string{"常州高新区", "宁波高新区", "昆山高新区", "江阴高新区", "株洲高新区", "襄阳高新区", "洛阳高新区", "芜湖高新区", "绵阳高新区", "烟台高新区", "佛山高新区"},
		indicators: []peerIndicator{
			{fields: higherIs("YYSR", "营业收入增速", "%"), zone: given("9.3"),
				peers: []string{"11.4", "10.6", "8.2", "9.7", "12.1", "8.8", "7.4", "10.9", "9.0", "9.5", "8.5"}},
			{fields: higherIs("GQS", "高新技术企业数", "家"), zone: given("312"),
				peers: []string{"598", "472", "655", "311", "286", "264", "239", "301", "198", "287", "402"}},
			{fields: linked(higherIs("ZLSQ", "专利申请量", "件"), "KJ01"), zone: summed("KJ01"),
				peers: []string{"1890", "1520", "2310", "1180", "860", "740", "920", "1240", "680", "1150", "1290"}},
			// 佛山 has not published its research intensity for the half year.
			{fields: higherIs("YFQD", "研究与试验发展经费投入强度", "%"), zone: given("4.1"),
				peers: []string{"3.6", "3.9", "3.2", "2.8", "4.0", "3.1", "3.7", "3.8", "5.2", "3.4", ""}},
		},
	},
}

// loadPeers writes the demo's benchmark groups at city, province and
// national level through the store, as the assessment office.
func loadPeers(ctx context.Context, d *db.DB, ids map[string]int64, who actors) error {
	store := peers.NewStore(d)
	// The groups are filled in once the peers' figures for the autumn are out.
	store.SetClock(fixed(at(Year, 11, 12, 15)))
	for _, spec := range peerGroups2019 {
		if err := loadPeerGroup(ctx, d, store, spec, who); err != nil {
			return fmt.Errorf("demo peer group %s: %w", spec.name, err)
		}
	}
	return nil
}

func loadPeerGroup(ctx context.Context, d *db.DB, store *peers.Store, spec peerGroupSpec, who actors) error {
	g, err := store.CreateGroup(ctx, who.office, peers.GroupFields{Year: Year, Level: spec.level, Name: spec.name, Zone: "潍坊高新区"})
	if err != nil {
		return err
	}
	for _, name := range spec.members {
		if _, err := store.AddMember(ctx, who.office, g.ID, name); err != nil {
			return err
		}
	}
	sheet, err := store.Sheet(ctx, g.ID)
	if err != nil {
		return err
	}
	for _, pi := range spec.indicators {
		in, err := store.AddIndicator(ctx, who.office, g.ID, pi.fields)
		if err != nil {
			return err
		}
		zone, err := pi.zone.value(ctx, d, spec.lastMonth)
		if err != nil {
			return err
		}
		texts := append([]string{zone}, pi.peers...)
		inputs := make([]peers.Input, len(texts))
		for i, text := range texts {
			inputs[i] = peers.Input{Member: sheet.Members[i].ID, Text: text}
		}
		note := peers.Note{Period: spec.period, Source: spec.source}
		if pi.source != "" {
			note.Source = pi.source
		}
		if _, err := store.SetValues(ctx, who.office, g.ID, in.ID, note, inputs); err != nil {
			return fmt.Errorf("%s: %w", in.Code, err)
		}
	}
	return nil
}

// value is the zone's value: as given, or from the figures it reported in
// its plan up to lastMonth.
func (z zoneValue) value(ctx context.Context, d *db.DB, lastMonth int) (string, error) {
	if z.plan == "" {
		return z.given, nil
	}
	q := `SELECT COALESCE(SUM(f.value), 0), COUNT(f.value), COALESCE(MAX(i.precision), 0) FROM figures f
		JOIN periods p ON p.id = f.period_id JOIN assignments a ON a.id = f.assignment_id
		JOIN indicators i ON i.id = a.indicator_id JOIN plans pl ON pl.id = i.plan_id
		WHERE pl.year = $1 AND p.year = $1 AND i.code = $2 AND f.value IS NOT NULL
		AND f.status IN ('submitted', 'confirmed', 'approved') AND `
	if z.sum {
		q += "p.month <= $3"
	} else {
		q += "p.month = $3"
	}
	var total float64
	var n, precision int
	if err := d.QueryRow(ctx, q, Year, z.plan, lastMonth).Scan(&total, &n, &precision); err != nil {
		return "", err
	}
	if n == 0 {
		return "", nil
	}
	if !z.sum {
		total /= float64(n) // a ratio reported by several units: their mean
	}
	return strconv.FormatFloat(total, 'f', precision, 64), nil
}
