package web

import (
	"net/http"

	"gaoxin/internal/auth"
)

// route is one page: its method and path, the permission it needs ("" for
// the public sign-in pages) and its handler.
type route struct {
	pattern string
	perm    auth.Permission
	handler http.HandlerFunc
}

// Route describes a page for tests that walk every route.
type Route struct {
	Pattern string
	Perm    auth.Permission
}

// Routes lists every page route with its permission.
func (s *Server) Routes() []Route {
	var list []Route
	for _, rt := range s.routes() {
		list = append(list, Route{Pattern: rt.pattern, Perm: rt.perm})
	}
	return list
}

const public auth.Permission = ""

// routes lists every page. Each module keeps its own list in its own file
// (assessRoutes, recordRoutes, peerRoutes) so that its pages and their
// permissions are read in one place.
func (s *Server) routes() []route {
	list := s.coreRoutes()
	list = append(list, s.assessRoutes()...)
	list = append(list, s.recordRoutes()...)
	list = append(list, s.peerRoutes()...)
	list = append(list, s.projectRoutes()...)
	list = append(list, s.enterpriseRoutes()...)
	list = append(list, s.attractRoutes()...)
	list = append(list, s.superviseRoutes()...)
	list = append(list, s.notifyRoutes()...)
	list = append(list, s.briefingRoutes()...)
	// Anything else: the site's own "not found" page, in the visitor's language.
	return append(list, route{"/", public, s.notFound})
}

func (s *Server) coreRoutes() []route {
	return []route{
		{"GET /signin", public, s.signinPage},
		{"POST /signin", public, s.signin},
		{"POST /lang", public, s.switchLang},
		{"POST /signout", auth.PermHome, s.signout},
		{"GET /{$}", auth.PermHome, s.home},

		{"GET /account", auth.PermHome, s.accountPage},
		{"POST /account/password", auth.PermHome, s.changePassword},
		{"POST /account/tokens", auth.PermHome, s.createOwnToken},
		{"POST /account/tokens/{id}/revoke", auth.PermHome, s.revokeOwnToken},

		{"GET /units", auth.PermUnitsView, s.unitsPage},
		{"GET /units/export", auth.PermUnitsView, s.exportUnits},
		{"GET /units/new", auth.PermUnitsManage, s.newUnitPage},
		{"POST /units", auth.PermUnitsManage, s.createUnit},
		{"GET /units/import", auth.PermUnitsManage, s.importUnitsPage},
		{"POST /units/import", auth.PermUnitsManage, s.importUnits},
		{"GET /units/{id}", auth.PermUnitsView, s.unitPage},
		{"POST /units/{id}", auth.PermUnitsManage, s.updateUnit},
		{"POST /units/{id}/move", auth.PermUnitsManage, s.moveUnit},
		{"POST /units/{id}/active", auth.PermUnitsManage, s.setUnitActive},

		{"GET /users", auth.PermUsersManage, s.usersPage},
		{"GET /users/new", auth.PermUsersManage, s.newUserPage},
		{"POST /users", auth.PermUsersManage, s.createUser},
		{"GET /users/{id}", auth.PermUsersManage, s.userPage},
		{"POST /users/{id}/reset", auth.PermUsersManage, s.resetPassword},
		{"POST /users/{id}/active", auth.PermUsersManage, s.setUserActive},
		{"GET /tokens", auth.PermUsersManage, s.tokensPage},
		{"POST /tokens/{id}/revoke", auth.PermUsersManage, s.revokeToken},

		{"GET /audit", auth.PermAuditView, s.auditPage},
		{"GET /import-reports/{token}", auth.PermHome, s.importReport},
		{"POST /audit/verify", auth.PermAuditVerify, s.auditVerify},
		{"POST /audit/checks/{id}/resolve", auth.PermAuditVerify, s.auditResolve},
		{"POST /audit/anchor/send", auth.PermAuditVerify, s.auditSendAnchor},

		{"GET /plan", auth.PermPlanView, s.latestPlan},
		{"GET /plan/{year}", auth.PermPlanView, s.planPage},
		{"GET /plan/{year}/indicators/{id}", auth.PermPlanView, s.indicatorPage},
		{"GET /plan/{year}/indicators/{id}/chart.svg", auth.PermPlanView, s.indicatorChart},
		{"GET /plan/{year}/indicators/{id}/units.svg", auth.PermPlanView, s.unitsChart},
		{"GET /plan/{year}/units/{unit}", auth.PermPlanView, s.planUnitPage},
		{"POST /plan/{year}/indicators/{id}/targets", auth.PermPlanManage, s.setTarget},
		{"POST /plan/{year}/indicators/{id}/assign", auth.PermPlanManage, s.assignUnit},
		{"GET /plan/{year}/periods", auth.PermPlanManage, s.periodsPage},
		{"POST /plan/{year}/periods", auth.PermPlanManage, s.openPeriods},
		{"POST /plan/{year}/periods/{month}/lock", auth.PermPlanManage, s.lockPeriod},
		{"POST /plan/{year}/periods/thresholds", auth.PermPlanManage, s.saveThresholds},
		{"POST /plan/{year}/copy", auth.PermPlanManage, s.copyPlan},

		{"GET /report", auth.PermPlanView, s.myWork},
		{"GET /report/{year}/{month}/{unit}", auth.PermPlanView, s.gridPage},
		{"POST /report/{year}/{month}/{unit}", auth.PermReport, s.saveGrid},
		{"GET /report/{year}/{month}/{unit}/template.xlsx", auth.PermPlanView, s.gridWorkbook},
		{"POST /report/{year}/{month}/{unit}/upload", auth.PermReport, s.uploadGrid},
		{"POST /report/{year}/{month}/{unit}/{action}", auth.PermPlanView, s.reviewGrid},
		{"GET /report/{year}/{month}/{unit}/figures/{assignment}", auth.PermPlanView, s.figurePage},
		{"POST /report/{year}/{month}/{unit}/figures/{assignment}/attach", auth.PermPlanView, s.attachEvidence},
		{"POST /report/{year}/{month}/{unit}/figures/{assignment}/correct", auth.PermReview, s.correctFigure},
		{"GET /attachments/{id}", auth.PermPlanView, s.attachment},
	}
}
