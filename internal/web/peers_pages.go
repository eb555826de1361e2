package web

import (
	"net/http"

	"gaoxin/internal/peers"
)

// peersView is a year's benchmarks: every group, and every indicator with
// the zone's place in each group side by side.
type peersView struct {
	Year     int
	Sheets   []*peers.Sheet
	Rows     []peerCompareRow
	Manage   bool
	Zone     string // the name a new group gives the zone
	Levels   []peers.Level
	Imported *peers.ImportResult
	Dry      bool
}

func (s *Server) peersPage(w http.ResponseWriter, r *http.Request) {
	year, ok := s.peerYear(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "peers.title", "assess")
	if err := s.loadPeers(r, p, year); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "peers", p)
}

// loadPeers fills the page with the year's groups.
func (s *Server) loadPeers(r *http.Request, p *page, year int) error {
	sheets, err := s.peerStore().Year(r.Context(), year)
	if err != nil {
		return err
	}
	links, err := s.planLinks(r.Context(), year)
	if err != nil {
		return err
	}
	u := current(r).user
	view := peersView{Year: year, Sheets: sheets, Rows: compareRows(sheets, links, p.lang),
		Manage: mayManagePeers(u), Levels: peers.Levels}
	if view.Manage {
		view.Zone = u.Unit.Name
	}
	p.Data = view
	return nil
}

func (s *Server) peerGroupPage(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.peerSheet(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "peers.title", "assess")
	if err := s.loadPeerGroup(r, p, sh); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "peers_group", p)
}

func (s *Server) loadPeerGroup(r *http.Request, p *page, sh *peers.Sheet) error {
	links, err := s.planLinks(r.Context(), sh.Year)
	if err != nil {
		return err
	}
	view := peerGroupView{Sheet: sh, Manage: mayManagePeers(current(r).user), Directions: []peers.Direction{peers.Higher, peers.Lower}}
	view.Columns, view.Rows = groupTable(sh, links, p.lang)
	p.Data = view
	return nil
}
