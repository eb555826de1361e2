package demo

import (
	"context"
	"errors"
	"fmt"

	"gaoxin/internal/audit"
	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/org"
	"gaoxin/internal/report"
	"gaoxin/internal/settings"
)

// Password is every demo account's password. It is printed by gaoxin demo
// and must never be used outside a demonstration.
const Password = "gaoxin2019"

// Account is a demo user as gaoxin demo prints it.
type Account struct {
	Login, Name string
	Role        auth.Role
	UnitCode    string
	UnitName    string
}

// Accounts has one or more users for every role.
var Accounts = []Account{
	{"admin", "系统管理员", auth.RoleAdmin, ZoneCode, "潍坊高新区"},
	{"kaohe", "考核办 王敏", auth.RoleAssessor, ZoneCode, "潍坊高新区"},
	{"lingdao", "管委会领导 李明", auth.RoleLeader, ZoneCode, "潍坊高新区"},
	{"jingji.fzr", "经发局 张强", auth.RoleHead, "JFJ", "经济发展局"},
	{"jingji.tb", "经发局 刘芳", auth.RoleReporter, "JFJ", "经济发展局"},
	{"xincheng.fzr", "新城街道 赵刚", auth.RoleHead, "XCJD", "新城街道"},
	{"xincheng.tb", "新城街道 陈静", auth.RoleReporter, "XCJD", "新城街道"},
	{"qingchi.fzr", "清池街道 王磊", auth.RoleHead, "QCJD", "清池街道"},
	{"xiangmu", "项目办 周涛", auth.RoleProjects, ZoneCode, "潍坊高新区"},
	{"touzi.fzr", "投资促进局 吴刚", auth.RoleHead, "TCJ", "投资促进局"},
	{"touzi.tb", "投资促进局 郑洁", auth.RoleReporter, "TCJ", "投资促进局"},
	{"chakan", "科创局 孙丽", auth.RoleViewer, "KCJ", "科技创新局"},
}

// Load fills d with the demo unless it is there already, and reports
// whether it loaded anything.
func Load(ctx context.Context, d *db.DB) (bool, error) { return load(ctx, d, true) }

// LoadOrganisation loads only the units and the accounts, for tests that
// need people and a tree but not the year's figures.
func LoadOrganisation(ctx context.Context, d *db.DB) (bool, error) { return load(ctx, d, false) }

func load(ctx context.Context, d *db.DB, withYear bool) (bool, error) {
	store := org.NewStore(d)
	if _, err := store.ByCode(ctx, ZoneCode); err == nil {
		return false, nil
	} else if !errors.Is(err, db.ErrNotFound) {
		return false, err
	}
	zone, err := store.Create(ctx, audit.System, org.Fields{Code: ZoneCode, Name: "潍坊高新区", Kind: org.KindZone}, 0)
	if err != nil {
		return false, fmt.Errorf("demo zone: %w", err)
	}
	ids := map[string]int64{ZoneCode: zone.ID}
	for i, u := range units {
		created, err := store.Create(ctx, audit.System, org.Fields{Code: u.code, Name: u.name, Kind: u.kind, Class: u.class, Order: (i + 1) * 10}, zone.ID)
		if err != nil {
			return false, fmt.Errorf("demo unit %s: %w", u.code, err)
		}
		ids[u.code] = created.ID
	}
	who, err := createUsers(ctx, d, ids)
	if err != nil {
		return false, err
	}
	if withYear {
		if err := loadYear(ctx, d, ids, who); err != nil {
			return false, err
		}
	}
	return true, nil
}

// createUsers adds the demo accounts and returns them as the workflow's actors.
func createUsers(ctx context.Context, d *db.DB, ids map[string]int64) (actors, error) {
	users := auth.NewUsers(d)
	who := actors{reporter: map[string]audit.Actor{}, head: map[string]audit.Actor{}}
	for _, a := range Accounts {
		u, err := users.Create(ctx, audit.System, auth.NewUser{Login: a.Login, DisplayName: a.Name, Role: a.Role,
			UnitID: ids[a.UnitCode], Password: Password})
		if err != nil {
			return who, fmt.Errorf("demo user %s: %w", a.Login, err)
		}
		actor := u.Actor("demo")
		switch a.Role {
		case auth.RoleReporter:
			who.reporter[a.UnitCode] = actor
		case auth.RoleHead:
			who.head[a.UnitCode] = actor
		case auth.RoleAssessor:
			who.office = actor
		}
	}
	return who, nil
}

// loadYear writes the 2019 plan, opens its periods, reports January to
// November through the workflow, makes one correction, locks the first
// three quarters, writes the key projects, the register of enterprises,
// the investment leads and the supervised tasks that produce the bound
// indicators' figures, writes the assessment, publishes October's and
// November's briefings and sets the demo's "today".
func loadYear(ctx context.Context, d *db.DB, ids map[string]int64, who actors) error {
	planned, err := loadPlan(ctx, d, ids)
	if err != nil {
		return err
	}
	rs := report.NewStore(d)
	periods, err := rs.OpenYear(ctx, audit.System, Year, 10, 3)
	if err != nil {
		return err
	}
	if err := runMonths(ctx, rs, newGenerator(planned), periods, who); err != nil {
		return err
	}
	if err := correct(ctx, rs, periods[8], planned["KJ01"], "KCJ", who.office); err != nil {
		return err
	}
	for _, p := range periods[:9] {
		if err := rs.SetLocked(ctx, who.office, p.ID, true); err != nil {
			return err
		}
	}
	if err := loadPortfolio(ctx, d, ids, who, periods, planned); err != nil {
		return err
	}
	if err := loadRegister(ctx, d, planned); err != nil {
		return err
	}
	if err := loadLeads(ctx, d, planned); err != nil {
		return err
	}
	if err := loadSupervision(ctx, d, planned); err != nil {
		return err
	}
	if err := loadAssessment(ctx, d, ids, who); err != nil {
		return err
	}
	if err := loadBriefings(ctx, d, who); err != nil {
		return err
	}
	return settings.Set(ctx, d, audit.System, settings.Today, Today)
}
