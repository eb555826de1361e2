package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"gaoxin/internal/db"
	"gaoxin/internal/enterprise"
	"gaoxin/internal/xlsx"
)

// The demo's register of enterprises: the firms the seed names and
// generated ones, each with a valid credit code, holding the tiers the
// seed counts on 9 December 2019 — 53 firms over 1 亿元 of revenue by 2018
// and 3 more in 2019, 10 隐形冠军 and 34 in reserve, 天瑞重工 制造业单项冠军
// (2018), 41 瞪羚 before 2019 and 8 more, 27 high-tech certificates of
// 2019 among 160 held — and the plan's indicators of those counts bound
// to it.

// EnterpriseBindings are the plan indicators the register produces.
var EnterpriseBindings = map[string]string{
	"CY11": "enterprise:holding over_100m",
	"KJ04": "enterprise:granted hightech",
	"KJ05": "enterprise:holding gazelle",
	"KJ06": "enterprise:holding hidden_champion",
}

// Register sizes.
const (
	registerFirms      = 400
	overHundredMBefore = 53
	overHundredMIn2019 = 3
	championsBefore    = 10
	championsIn2019    = 1
	championPool       = 34
	gazellesBefore     = 41
	gazellesIn2019     = 8
	highTechHeld       = 160
	highTechIn2019     = 27
	highTechExpiring   = 12 // certificates of December 2016, expiring this December
	aboveScale         = 186
)

// namedFirm is a firm the seed names, with the unit it sits in.
type namedFirm struct{ name, unit, industry string }

var namedFirms = []namedFirm{
	{"潍柴动力股份有限公司", "DLY", "新能源动力"},
	{"北汽福田汽车股份有限公司潍坊工厂", "DLY", "新能源动力"},
	{"盛瑞传动股份有限公司", "DLY", "高端装备"},
	{"华丰动力股份有限公司", "DLY", "新能源动力"},
	{"歌尔股份有限公司", "GDY", "新一代信息技术"},
	{"山东银轮热交换系统有限公司", "XCJD", "高端装备"},
	{"天瑞重工有限公司", "XCJD", "高端装备"},
	{"海王医药潍坊有限公司", "SWY", "生命健康"},
	{"沃华医药科技股份有限公司", "SWY", "生命健康"},
	{"华辰制药股份有限公司", "SWY", "生命健康"},
}

// firmUnits spread the generated firms: the parks hold the larger share.
var firmUnits = []string{"DLY", "DLY", "GDY", "GDY", "SWY", "SWY", "XCJD", "QCJD", "BHJD", "DMJD", "SYJD", "BTJD"}

var firmIndustry = map[string][]string{
	"DLY": {"新能源动力", "高端装备"}, "GDY": {"新一代信息技术"}, "SWY": {"生命健康"},
}

// demoFirm is a firm as the demo generates it.
type demoFirm struct {
	enterprise.Enterprise
	unit    string
	revenue float64 // 2018, 万元
	staff   int
	grants  []enterprise.Tier
}

// loadRegister writes the register and binds the plan's indicators to it.
func loadRegister(ctx context.Context, d *db.DB, planned map[string]planned) error {
	office, err := projectOffice(ctx, d) // the 项目办's account keeps the register in the demo too
	if err != nil {
		return err
	}
	firms := generateFirms(rand.New(rand.NewPCG(2019, 400)))
	var clock time.Time
	s := enterprise.NewStore(d)
	s.SetClock(func() time.Time { return clock })
	clock = todayAt(9)
	// The register comes in as an office keeps it: one file, imported.
	if _, err := s.Import(ctx, office, 2018, xlsx.Bytes("2019年企业培育名录.csv", registerFile(firms))); err != nil {
		return fmt.Errorf("demo register: %w", err)
	}
	codes := make([]string, 0, len(EnterpriseBindings))
	for c := range EnterpriseBindings {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		if err := s.Bind(ctx, office, planned[c].indicator.ID, EnterpriseBindings[c]); err != nil {
			return fmt.Errorf("bind %s: %w", c, err)
		}
	}
	return nil
}

// generateFirms makes the register: the named firms first, then generated
// ones, and shares the tiers out so that the seed's counts hold exactly.
func generateFirms(rnd *rand.Rand) []*demoFirm {
	var out []*demoFirm
	seen := map[string]bool{}
	codes := map[string]bool{}
	code := func() string {
		for {
			if c := creditCode(rnd); !codes[c] {
				codes[c] = true
				return c
			}
		}
	}
	for _, n := range namedFirms {
		out = append(out, &demoFirm{Enterprise: enterprise.Enterprise{Name: n.name, Industry: n.industry, CreditCode: code()}, unit: n.unit})
		seen[n.name] = true
	}
	for len(out) < registerFirms {
		unit := firmUnits[rnd.IntN(len(firmUnits))]
		industries := firmIndustry[unit]
		if industries == nil {
			industries = []string{"高端装备", "新一代信息技术", "生命健康", "现代服务业", "新材料"}
		}
		industry := pick(rnd, industries)
		name := pick(rnd, firmPrefixes) + pick(rnd, investorHeads) + pick(rnd, firmTails[industry]) + pick(rnd, firmForms)
		if seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, &demoFirm{Enterprise: enterprise.Enterprise{Name: name, Industry: industry, CreditCode: code()}, unit: unit})
	}
	// Revenue falls with the order of the list: the named firms are the
	// largest, and the tiers of size follow it.
	for i, f := range out {
		f.revenue = float64(int64(2_000_000/float64(i+1)*(0.8+rnd.Float64()*0.4)/10)) * 10
		f.staff = max(20, int(f.revenue/60))
	}
	grant := func(f *demoFirm, k enterprise.Kind, on string) {
		f.grants = append(f.grants, enterprise.Tier{Kind: k, GrantedOn: on})
	}
	for i, f := range out {
		switch {
		case i < overHundredMBefore:
			grant(f, enterprise.OverHundredM, date(2010+i%8, 1+i%12, 1+i%27))
		case i < overHundredMBefore+overHundredMIn2019:
			grant(f, enterprise.OverHundredM, day(3*(i-overHundredMBefore+1)+2, 30))
		}
		if i < aboveScale {
			grant(f, enterprise.AboveScale, date(2008+i%10, 1, 1))
		}
	}
	// 天瑞重工: 制造业单项冠军 of 2018.
	tianrui := out[6]
	grant(tianrui, enterprise.SingleChampion, "2018-11-26")
	champions := pickFirms(out, 10, 120, championsBefore+championsIn2019, rnd, tianrui)
	for i, f := range champions {
		on := date(2015+i%4, 9, 10+i)
		if i >= championsBefore {
			on = day(9, 12)
		}
		grant(f, enterprise.HiddenChampion, on)
	}
	for i, f := range pickFirms(out, 40, 250, championPool, rnd, champions...) {
		grant(f, enterprise.ChampionPool, date(2018, 3+i%6, 1+i%25))
	}
	for i, f := range pickFirms(out, 20, 300, gazellesBefore+gazellesIn2019, rnd) {
		on := date(2016+i%3, 6, 1+i%25)
		if i >= gazellesBefore {
			on = day(6, 18)
		}
		grant(f, enterprise.Gazelle, on)
	}
	// High-tech certificates: this year's batch of 28 November, the
	// certificates of December 2016 that expire this December, and the
	// rest granted in 2017 and 2018.
	for i, f := range pickFirms(out, 0, registerFirms, highTechHeld, rnd) {
		switch {
		case i < highTechIn2019:
			grant(f, enterprise.HighTech, "2019-11-28")
		case i < highTechIn2019+highTechExpiring:
			grant(f, enterprise.HighTech, date(2016, 12, 12+i%10))
		default:
			grant(f, enterprise.HighTech, date(2017+i%2, 11, 20+i%8))
		}
	}
	return out
}

// Generated names: a place, a head, what the firm does, its legal form;
// some 8,000 names for the 390 the register needs.
var (
	firmPrefixes = []string{"潍坊", "山东", "潍坊高新区", "潍坊市"}
	firmForms    = []string{"有限公司", "股份有限公司"}
)

var firmTails = map[string][]string{
	"新能源动力":   {"动力科技", "新能源汽车零部件", "电驱动系统", "氢能装备"},
	"高端装备":    {"智能装备", "精密机械", "液压科技", "机器人"},
	"新一代信息技术": {"电子科技", "光电科技", "声学科技", "微电子"},
	"生命健康":    {"生物科技", "医疗器械", "药业", "健康科技"},
	"现代服务业":   {"供应链管理", "检验检测", "信息服务"},
	"新材料":     {"新材料科技", "复合材料", "高分子材料"},
}

// pickFirms chooses n distinct firms among out[from:to], none of skip.
func pickFirms(out []*demoFirm, from, to, n int, rnd *rand.Rand, skip ...*demoFirm) []*demoFirm {
	taken := map[*demoFirm]bool{}
	for _, f := range skip {
		taken[f] = true
	}
	var list []*demoFirm
	for len(list) < n {
		f := out[from+rnd.IntN(to-from)]
		if !taken[f] {
			taken[f] = true
			list = append(list, f)
		}
	}
	return list
}

// creditCode makes a valid code of a firm registered in 潍坊高新区
// (370700): a company (9 1), an org code of the MA series, and its check
// character.
func creditCode(rnd *rand.Rand) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	b := []byte("91370700MA3")
	for len(b) < 17 {
		b = append(b, chars[rnd.IntN(len(chars))])
	}
	return string(b) + string(enterprise.CheckChar(string(b)))
}

// registerColumns are the register file's tier columns, in Kinds order.
var registerColumns = map[enterprise.Kind]string{
	enterprise.HighTech: "高新技术企业认定日期", enterprise.Gazelle: "瞪羚企业认定日期", enterprise.HiddenChampion: "隐形冠军认定日期",
	enterprise.ChampionPool: "隐形冠军后备入库日期", enterprise.SingleChampion: "制造业单项冠军认定日期",
	enterprise.AboveScale: "规上入库日期", enterprise.OverHundredM: "过亿元日期",
}

// registerFile writes the firms as the CSV an office keeps, with their
// 2018 revenue and staff and the day each tier was granted.
func registerFile(firms []*demoFirm) []byte {
	var b strings.Builder
	b.WriteString("统一社会信用代码,企业名称,所属单位,行业,营业收入（万元）,从业人员")
	for _, k := range enterprise.Kinds {
		b.WriteString("," + registerColumns[k])
	}
	b.WriteString("\r\n")
	for _, f := range firms {
		fmt.Fprintf(&b, "%s,%s,%s,%s,%.0f,%d", f.CreditCode, f.Name, f.unit, f.Industry, f.revenue, f.staff)
		for _, k := range enterprise.Kinds {
			b.WriteString(",")
			for _, g := range f.grants {
				if g.Kind == k {
					b.WriteString(g.GrantedOn)
				}
			}
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}
