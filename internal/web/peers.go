package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/peers"
)

// peerRoutes are the benchmark groups: peers' values of zone-level
// indicators at city, province and national level, and the zone's rank.
// Everyone in the assessment may read them; the office maintains them.
func (s *Server) peerRoutes() []route {
	return []route{
		{"GET /assess/{year}/peers", auth.PermAssessView, s.peersPage},
		{"GET /assess/{year}/peers/export", auth.PermAssessView, s.exportPeers},
		{"POST /assess/{year}/peers", auth.PermAssessManage, s.createPeerGroup},
		{"POST /assess/{year}/peers/import", auth.PermAssessManage, s.importPeers},
		{"GET /assess/{year}/peers/{group}", auth.PermAssessView, s.peerGroupPage},
		{"POST /assess/{year}/peers/{group}/members", auth.PermAssessManage, s.addPeerMember},
		{"POST /assess/{year}/peers/{group}/indicators", auth.PermAssessManage, s.addPeerIndicator},
		{"GET /assess/{year}/peers/{group}/values/{indicator}", auth.PermAssessManage, s.peerValuesPage},
		{"POST /assess/{year}/peers/{group}/values/{indicator}", auth.PermAssessManage, s.savePeerValues},
	}
}

// peerYear reads the year in the path; anything else is not found.
func (s *Server) peerYear(w http.ResponseWriter, r *http.Request) (int, bool) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 2100 {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return 0, false
	}
	return year, true
}

// peerSheet loads the group in the path, which must belong to the year in it.
func (s *Server) peerSheet(w http.ResponseWriter, r *http.Request) (*peers.Sheet, bool) {
	year, ok := s.peerYear(w, r)
	if !ok {
		return nil, false
	}
	id, err := strconv.ParseInt(r.PathValue("group"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	}
	sh, err := s.peerStore().Sheet(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) || err == nil && sh.Year != year {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	} else if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return sh, true
}

// mayManagePeers is whether the user maintains the groups: they compare
// the whole zone, so the office must be scoped to the whole tree.
func mayManagePeers(u *auth.User) bool {
	return u != nil && auth.Can(u, auth.PermAssessManage) && u.Unit.ParentID == 0
}

// managePeers refuses, with the error page, anyone who may not maintain
// the groups.
func (s *Server) managePeers(w http.ResponseWriter, r *http.Request) bool {
	if !mayManagePeers(current(r).user) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return false
	}
	return true
}

func peersPath(year int) string { return "/assess/" + strconv.Itoa(year) + "/peers" }

func peerGroupPath(sh *peers.Sheet) string { return peersPath(sh.Year) + "/" + itoa(sh.ID) }

// peerStore dates changes by gaoxin's clock, which the demo pins to its year.
func (s *Server) peerStore() *peers.Store {
	st := peers.NewStore(s.db)
	st.SetClock(s.reports.Now)
	return st
}
