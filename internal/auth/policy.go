package auth

import (
	"strings"

	"gaoxin/internal/org"
)

// Role is what a user does in the zone's year.
type Role string

const (
	RoleAdmin    Role = "admin"          // 系统管理员: users, settings, everything
	RoleAssessor Role = "assessor"       // 考核办: plan, indicators, schemes, review, publish
	RoleProjects Role = "project_office" // 项目办: the key-project portfolio, its reviews and bindings
	RoleLeader   Role = "leader"         // 管委会领导: reads everything in scope
	RoleHead     Role = "unit_head"      // 单位负责人: confirms the unit's figures
	RoleReporter Role = "reporter"       // 填报员: fills in the unit's figures
	RoleViewer   Role = "viewer"         // 查看: reads what is in scope
)

// Roles lists every role, most powerful first.
var Roles = []Role{RoleAdmin, RoleAssessor, RoleProjects, RoleLeader, RoleHead, RoleReporter, RoleViewer}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	_, ok := grants[r]
	return ok
}

// Permission is one thing a role may do.
type Permission string

const (
	PermHome        Permission = "home"            // see the home page and own account
	PermUnitsView   Permission = "units.view"      // see the unit tree within scope
	PermUnitsManage Permission = "units.manage"    // create, rename, move, deactivate, import units
	PermUsersManage Permission = "users.manage"    // add users, reset passwords, revoke any token
	PermAuditView   Permission = "audit.view"      // browse the audit trail; see a failed verification on every page
	PermAuditVerify Permission = "audit.verify"    // verify the trail against the tables from the page, resolve a failed check, send the anchor
	PermPlanView    Permission = "plan.view"       // see the year plan, targets and progress
	PermPlanManage  Permission = "plan.manage"     // edit plans, indicators, targets, periods
	PermReport      Permission = "figures.report"  // fill in and submit the unit's figures
	PermConfirm     Permission = "figures.confirm" // confirm or return the unit's submitted figures
	PermReview      Permission = "figures.review"  // approve, return or correct figures for the zone
	// Assessment (考核). Published results are read by every role, as a
	// 通报 is circulated to every unit; a unit's scorecard only within scope.
	PermAssessView    Permission = "assess.view"    // see published results, own scorecards, peer groups
	PermAssessManage  Permission = "assess.manage"  // schemes, compute, publish, records, rating rounds, peer groups
	PermAssessApprove Permission = "assess.approve" // approve or reject bonus, deduction and veto records
	PermAssessRate    Permission = "assess.rate"    // fill in the rating forms one is invited to
	PermAssessClaim   Permission = "assess.claim"   // propose the unit's honours (加分) with evidence
	// Key projects (重点项目). Every role reads the portfolio within scope;
	// the lead unit reports (figures.report) and its head confirms
	// (figures.confirm) as it does its figures; the 项目办 keeps the records,
	// reviews the reports and binds plan indicators to the portfolio.
	PermProjectsView   Permission = "projects.view"   // see projects, programmes and lights within scope
	PermProjectsManage Permission = "projects.manage" // create, edit and import projects, plans, nodes, problems, programmes, bindings
	PermProjectsReview Permission = "projects.review" // approve, return or correct projects' monthly reports
	PermFirmsView      Permission = "firms.view"      // see the register of enterprises within scope
	PermFirmsManage    Permission = "firms.manage"    // register and import firms, grant and end their tiers
	PermLeadsView      Permission = "leads.view"      // see investment leads and the pipeline within scope
	PermLeadsWork      Permission = "leads.work"      // register the unit's leads, log their activities, move their stages
	PermLeadsManage    Permission = "leads.manage"    // import leads, convert signed ones into key projects, upload reward policies
	PermLeadsRewards   Permission = "leads.rewards"   // see the rewards the policy gives
	// Supervision (督查督办) and enterprise requests (企业诉求). Every role
	// reads the tasks and requests within scope (a task is in a unit's
	// scope when the unit leads it or cooperates); the lead unit reports
	// progress and asks to close; the office (督查室, here the assessment
	// office's role) gives, closes, reopens and proposes deductions, and
	// logs, routes and closes the firms' requests, which the units answer.
	PermTasksView      Permission = "tasks.view"      // see supervised tasks within scope; a leader sees the escalated ones
	PermTasksWork      Permission = "tasks.work"      // report progress on the unit's tasks and ask to close them
	PermTasksManage    Permission = "tasks.manage"    // give, edit, close (销号), reopen tasks and propose deductions
	PermRequestsView   Permission = "requests.view"   // see enterprise requests routed within scope
	PermRequestsWork   Permission = "requests.work"   // answer the requests routed to the unit
	PermRequestsManage Permission = "requests.manage" // log, route and close requests; see every one
)

// grants is the whole policy: which role may do what. A permission is
// always further limited to the user's unit subtree by CanInUnit.
var grants = map[Role][]Permission{
	RoleAdmin: {PermHome, PermUnitsView, PermUnitsManage, PermUsersManage, PermAuditView, PermAuditVerify,
		PermPlanView, PermPlanManage, PermReview, PermAssessView, PermAssessManage, PermAssessApprove,
		PermProjectsView, PermProjectsManage, PermProjectsReview, PermFirmsView, PermFirmsManage,
		PermLeadsView, PermLeadsWork, PermLeadsManage, PermLeadsRewards,
		PermTasksView, PermTasksManage, PermRequestsView, PermRequestsManage},
	RoleAssessor: {PermHome, PermUnitsView, PermUnitsManage, PermAuditView,
		PermPlanView, PermPlanManage, PermReview, PermAssessView, PermAssessManage, PermAssessApprove,
		PermProjectsView, PermProjectsManage, PermProjectsReview, PermFirmsView, PermFirmsManage,
		PermLeadsView, PermLeadsWork, PermLeadsManage, PermLeadsRewards,
		PermTasksView, PermTasksManage, PermRequestsView, PermRequestsManage},
	RoleProjects: {PermHome, PermUnitsView, PermPlanView, PermAssessView,
		PermProjectsView, PermProjectsManage, PermProjectsReview, PermFirmsView, PermFirmsManage,
		PermLeadsView, PermLeadsWork, PermLeadsManage, PermLeadsRewards, PermTasksView, PermRequestsView},
	RoleLeader: {PermHome, PermUnitsView, PermPlanView, PermAssessView, PermAssessApprove, PermAssessRate, PermProjectsView, PermFirmsView,
		PermLeadsView, PermLeadsRewards, PermTasksView, PermRequestsView},
	RoleHead: {PermHome, PermUnitsView, PermPlanView, PermReport, PermConfirm, PermAssessView, PermAssessRate, PermAssessClaim, PermProjectsView, PermFirmsView,
		PermLeadsView, PermLeadsWork, PermTasksView, PermTasksWork, PermRequestsView, PermRequestsWork},
	RoleReporter: {PermHome, PermUnitsView, PermPlanView, PermReport, PermAssessView, PermAssessClaim, PermProjectsView, PermFirmsView,
		PermLeadsView, PermLeadsWork, PermTasksView, PermTasksWork, PermRequestsView, PermRequestsWork},
	RoleViewer: {PermHome, PermUnitsView, PermPlanView, PermAssessView, PermProjectsView, PermFirmsView, PermLeadsView,
		PermTasksView, PermRequestsView},
}

// Can reports whether u's role carries p. A nil or inactive user can do nothing.
func Can(u *User, p Permission) bool {
	if u == nil || !u.Active {
		return false
	}
	for _, g := range grants[u.Role] {
		if g == p {
			return true
		}
	}
	return false
}

// CanInUnit reports whether u may do p to something belonging to unit:
// the role must carry p and the unit must lie within u's scope.
func CanInUnit(u *User, p Permission, unit org.Unit) bool {
	return Can(u, p) && unit.Within(u.Unit)
}

// CanSeeFirm reports whether u may see the register's firms of unit.
// Firms belong to streets and parks, but a department works with the firms
// of the whole zone it belongs to (科技创新局 certifies high-tech firms,
// 投资促进局 follows the investment of all of them), so a department's scope
// in the register is the unit above it; every other role keeps its own.
func CanSeeFirm(u *User, unit org.Unit) bool {
	if !Can(u, PermFirmsView) {
		return false
	}
	scope := u.Unit
	if scope.Kind == org.KindDepartment {
		scope.Path = parentPath(scope.Path)
	}
	return unit.Within(scope)
}

// parentPath is the path of a unit's parent ("/1/4/" of "/1/4/12/"), or
// the path itself for a root.
func parentPath(path string) string {
	trimmed := strings.TrimSuffix(path, "/")
	i := strings.LastIndex(trimmed, "/")
	if i <= 0 {
		return path
	}
	return trimmed[:i+1]
}
