package demo

import (
	"context"
	_ "embed"
	"fmt"
	"math/rand/v2"
	"time"

	"gaoxin/internal/attract"
	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
)

// The investment pipeline of 2019 (双招双引): 100 leads over the four
// channels, 75 of them signed this year — month by month as many as
// 签约引进项目 (SZ04) reports for each unit, so that the bound indicator's
// figures are the plan's — the rest 线索 and 在谈. Eight signed leads of
// 投资促进局 are the key projects the portfolio already holds, linked to
// them; a few leads that came in this week wait past their deadlines.

// LeadBindings are the plan indicators the pipeline produces.
var LeadBindings = map[string]string{"SZ04": "attract:signed"}

//go:embed reward2019.yaml
var rewardPolicy2019 []byte

// BrowserLead is a signed lead not yet converted, which the browser test
// turns into a key project.
const BrowserLead = "ZS-2019-TCJ-003"

// signedByMonth are the leads each unit signs in each month, January to
// November; two more of 投资促进局 sign in the first days of December.
var signedByMonth = map[string][11]int{
	"TCJ": {3, 3, 4, 4, 5, 5, 4, 5, 4, 5, 5},
	"GDY": {1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1},
	"SWY": {1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	"DLY": {1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0},
}

var leadUnits = []string{"TCJ", "GDY", "SWY", "DLY"}

var leadOwners = map[string][]string{"TCJ": {"touzi.tb", "touzi.fzr"}}

var leadOwnerNames = map[string][]string{"GDY": {"光电园 韩雪"}, "SWY": {"生物园 邵峰"}, "DLY": {"动力园 曹阳"}}

var leadIndustries = map[string][]string{
	"TCJ": {"高端装备", "新一代信息技术", "现代服务业", "新材料", "生命健康"},
	"GDY": {"新一代信息技术", "光电"}, "SWY": {"生命健康", "医疗器械"}, "DLY": {"新能源动力", "高端装备"},
}

var agencies = []string{"世邦魏理仕", "戴德梁行", "高力国际"}

var leadNames = []string{"智能制造产业园", "光电显示模组", "高端医疗器械", "氢燃料电池系统", "新材料研发中心", "工业互联网平台",
	"精密传动", "生物医药研发基地", "汽车电子", "区域总部", "数字经济产业园", "半导体封测", "智慧物流中心", "声学器件"}

var leadInvestors = []string{"华东", "北方", "鲁信", "中科", "金石", "远景", "蓝海", "恒通", "天元", "瑞丰", "博远", "星河"}

var talentNames = []string{"张伟教授团队", "李博士（泰山产业领军人才）", "王研究员", "陈教授课题组", "刘博士（海外高层次人才）", "赵院士工作站"}

// loadLeads writes the pipeline, links the signed leads the portfolio
// holds, stores the reward policy and binds SZ04 to the leads.
func loadLeads(ctx context.Context, d *db.DB, planned map[string]planned) error {
	office, err := projectOffice(ctx, d)
	if err != nil {
		return err
	}
	users := auth.NewUsers(d)
	ids := map[string]int64{}
	for _, list := range leadOwners {
		for _, login := range list {
			u, err := users.ByLogin(ctx, login)
			if err != nil {
				return err
			}
			ids[login] = u.ID
		}
	}
	units, err := unitIDs(ctx, d, leadUnits)
	if err != nil {
		return err
	}
	s := attract.NewStore(d)
	s.SetClock(func() time.Time { return todayAt(9) })
	rnd := rand.New(rand.NewPCG(2019, 100))
	leads := planLeads(rnd)
	var signedTCJ []int64
	err = s.Write(ctx, office, func(t *attract.Tx) error {
		for _, pl := range leads {
			pl.lead.OwnerUnitID = units[pl.unit]
			if logins := leadOwners[pl.unit]; logins != nil {
				pl.lead.OwnerUserID = ids[logins[rnd.IntN(len(logins))]]
			} else {
				pl.lead.OwnerName = leadOwnerNames[pl.unit][0]
			}
			l, err := t.Create(pl.lead)
			if err != nil {
				return fmt.Errorf("demo lead %s: %w", pl.lead.Code, err)
			}
			for _, a := range pl.activities {
				a.LeadID = l.ID
				if _, err := t.Log(a); err != nil {
					return fmt.Errorf("demo lead %s: %w", l.Code, err)
				}
			}
			for _, m := range pl.moves {
				if err := t.MoveTo(l.ID, m.To, m.On, m.Reason); err != nil {
					return fmt.Errorf("demo lead %s to %s: %w", l.Code, m.To, err)
				}
			}
			if pl.unit == "TCJ" && pl.signed != "" && l.Code != BrowserLead {
				signedTCJ = append(signedTCJ, l.ID)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := linkPortfolio(ctx, d, s, office, signedTCJ); err != nil {
		return err
	}
	if _, err := s.SavePolicy(ctx, office, "2019年双招双引重奖办法.yaml", rewardPolicy2019); err != nil {
		return fmt.Errorf("demo reward policy: %w", err)
	}
	for code, b := range LeadBindings {
		if err := s.Bind(ctx, office, planned[code].indicator.ID, b); err != nil {
			return fmt.Errorf("bind %s: %w", code, err)
		}
	}
	return nil
}

func unitIDs(ctx context.Context, d *db.DB, codes []string) (map[string]int64, error) {
	out := map[string]int64{}
	for _, c := range codes {
		var id int64
		if err := d.QueryRow(ctx, "SELECT id FROM units WHERE code = $1", c).Scan(&id); err != nil {
			return nil, fmt.Errorf("demo unit %s: %w", c, err)
		}
		out[c] = id
	}
	return out, nil
}

// linkPortfolio links eight of 投资促进局's signed leads to the projects of
// the portfolio that start in 2019: the lead takes the project's name and
// total investment, as the office would have entered it.
func linkPortfolio(ctx context.Context, d *db.DB, s *attract.Store, office audit.Actor, leads []int64) error {
	rows, err := d.Query(ctx, `SELECT p.id, p.name, p.total_investment FROM projects p JOIN units u ON u.id = p.lead_unit_id
		WHERE u.code = 'TCJ' AND p.start_year = $1 ORDER BY p.code LIMIT 8`, Year)
	if err != nil {
		return err
	}
	type proj struct {
		id    int64
		name  string
		total float64
	}
	var list []proj
	for rows.Next() {
		var p proj
		if err := rows.Scan(&p.id, &p.name, &p.total); err != nil {
			rows.Close()
			return err
		}
		list = append(list, p)
	}
	rows.Close()
	for i, p := range list {
		if i >= len(leads) {
			break
		}
		l, err := s.Lead(ctx, leads[i])
		if err != nil {
			return err
		}
		l.Name, l.ExpectedInvestment = p.name, p.total
		if _, err := s.Update(ctx, office, l); err != nil {
			return err
		}
		if err := s.Link(ctx, office, l.ID, p.id); err != nil {
			return fmt.Errorf("demo link %s: %w", l.Code, err)
		}
	}
	return nil
}

// plannedLead is a lead as the demo writes it: the record, then its
// activities and moves in order.
type plannedLead struct {
	unit       string
	lead       attract.Lead
	activities []attract.Activity
	moves      []attract.Move
	signed     string
}

// planLeads makes the 100 leads: for every signing of signedByMonth a
// lead signed on a day of that month and moved on as far as its age
// allows; then the two December signings; then 25 leads still 线索 or
// 在谈, four of them in this week and three of those past a deadline.
func planLeads(rnd *rand.Rand) []*plannedLead {
	var out []*plannedLead
	n := map[string]int{}
	next := func(unit string) string {
		n[unit]++
		return "ZS-2019-" + unit + "-" + fmt.Sprintf("%03d", n[unit])
	}
	for _, unit := range leadUnits {
		for m, count := range signedByMonth[unit] {
			for i := 0; i < count; i++ {
				out = append(out, signedLead(rnd, unit, next(unit), day(m+1, 3+rnd.IntN(24))))
			}
		}
	}
	for _, on := range []string{day(12, 2), day(12, 5)} {
		out = append(out, signedLead(rnd, "TCJ", next("TCJ"), on))
	}
	for i := 0; i < 25; i++ {
		unit := leadUnits[i%len(leadUnits)]
		if i%3 == 0 {
			unit = "TCJ"
		}
		pl := newLead(rnd, unit, next(unit))
		switch {
		case i < 3: // came in this week and nobody has answered: overdue
			pl.lead.ReceivedOn = day(12, 5+i)
		case i == 3: // answered, not assessed in three days
			pl.lead.ReceivedOn = day(12, 4)
			pl.activities = []attract.Activity{{On: day(12, 4), Kind: attract.Call, Note: "电话联系对接人，约定走访时间"}}
		case i == 4: // in today, still within its day
			pl.lead.ReceivedOn = day(12, 9)
		default:
			pl.lead.ReceivedOn = day(6+rnd.IntN(5), 1+rnd.IntN(28))
			pl.answer(rnd)
			if i%2 == 0 {
				pl.moves = append(pl.moves, attract.Move{To: attract.Talks, On: shift(pl.lead.ReceivedOn, 10+rnd.IntN(20))})
			}
		}
		out = append(out, pl)
	}
	return out
}

func newLead(rnd *rand.Rand, unit, code string) *plannedLead {
	l := attract.Lead{Code: code, Kind: attract.Company, Channel: attract.Channels[rnd.IntN(len(attract.Channels))]}
	switch r := rnd.IntN(100); {
	case r < 10:
		l.Kind, l.Name = attract.Talent, talentNames[rnd.IntN(len(talentNames))]
		l.ExpectedInvestment = float64(100 + 100*rnd.IntN(20))
	case r < 18:
		l.Kind, l.Name = attract.Team, talentNames[rnd.IntN(len(talentNames))]+"创业项目"
		l.ExpectedInvestment = float64(500 + 500*rnd.IntN(10))
	default:
		l.Name = leadInvestors[rnd.IntN(len(leadInvestors))] + leadNames[rnd.IntN(len(leadNames))] + "项目"
		l.ExpectedInvestment = float64(5000 * (1 + rnd.IntN(60)))
	}
	if l.Channel == attract.ByAgency {
		l.Agency = agencies[rnd.IntN(len(agencies))]
	}
	switch r := rnd.IntN(100); {
	case r < 5:
		l.Flags = []attract.Flag{attract.Fortune500}
	case r < 13:
		l.Flags = []attract.Flag{attract.China500}
	case r < 23:
		l.Flags = []attract.Flag{attract.IndustryLeader}
	}
	inds := leadIndustries[unit]
	l.Industry = inds[rnd.IntN(len(inds))]
	return &plannedLead{unit: unit, lead: l}
}

// answer logs the first call the next day and the assessment two days on.
func (pl *plannedLead) answer(rnd *rand.Rand) {
	on := pl.lead.ReceivedOn
	pl.activities = append(pl.activities,
		attract.Activity{On: shift(on, rnd.IntN(2)), Kind: attract.Call, Note: "首次对接，了解投资意向和用地需求"},
		attract.Activity{On: shift(on, 2+rnd.IntN(2)), Kind: attract.Assessment, Note: "研判：符合园区产业定位，建议推进"})
}

// signedLead is a lead signed on a day, received one to four months
// before, and moved on to 拟开工, 到资 and 竣工投产 as time has allowed.
func signedLead(rnd *rand.Rand, unit, code, signed string) *plannedLead {
	pl := newLead(rnd, unit, code)
	pl.signed = signed
	pl.lead.ReceivedOn = shift(signed, -(30 + rnd.IntN(90)))
	pl.answer(rnd)
	talks := shift(pl.lead.ReceivedOn, 7+rnd.IntN(14))
	pl.activities = append(pl.activities, attract.Activity{On: shift(talks, 3), Kind: attract.Visit, Note: "带队赴企业总部洽谈"})
	pl.moves = append(pl.moves, attract.Move{To: attract.Talks, On: talks})
	if code == "ZS-2019-TCJ-010" { // a signing that came apart once and was renegotiated
		pl.moves = append(pl.moves, attract.Move{To: attract.Signed, On: shift(talks, 3)},
			attract.Move{To: attract.Talks, On: shift(talks, 6), Reason: "投资方调整投资规模，协议重新谈判"})
	}
	pl.moves = append(pl.moves, attract.Move{To: attract.Signed, On: signed})
	left := int(todayAt(0).Sub(mustDay(signed)).Hours() / 24)
	on := signed
	for _, st := range []attract.Stage{attract.Starting, attract.Funded, attract.Producing} {
		step := 30 + rnd.IntN(60)
		if code == BrowserLead || left < step || rnd.IntN(4) == 0 {
			break
		}
		left -= step
		on = shift(on, step)
		pl.moves = append(pl.moves, attract.Move{To: st, On: on})
		if st == attract.Funded {
			pl.lead.ArrivedInvestment = float64(int(pl.lead.ExpectedInvestment*float64(30+rnd.IntN(71))/100/100) * 100)
		}
	}
	return pl
}

func mustDay(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}
