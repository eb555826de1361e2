package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/i18n"
	"gaoxin/internal/peers"
)

// createPeerGroup adds a group with the zone as its first member.
func (s *Server) createPeerGroup(w http.ResponseWriter, r *http.Request) {
	year, ok := s.peerYear(w, r)
	if !ok || !s.managePeers(w, r) {
		return
	}
	v := current(r)
	f := peers.GroupFields{Year: year, Level: peers.Level(r.PostFormValue("level")), Name: r.PostFormValue("name"), Zone: r.PostFormValue("zone")}
	g, err := s.peerStore().CreateGroup(r.Context(), v.user.Actor(v.address), f)
	if err != nil {
		p := s.newPage(r, "peers.title", "assess")
		if lerr := s.loadPeers(r, p, year); lerr != nil {
			s.serverError(w, r, lerr)
			return
		}
		s.refuse(w, r, "peers", p, err)
		return
	}
	http.Redirect(w, r, peersPath(year)+"/"+itoa(g.ID)+"?done=peer_group_created", http.StatusSeeOther)
}

func (s *Server) addPeerMember(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.peerSheet(w, r)
	if !ok || !s.managePeers(w, r) {
		return
	}
	v := current(r)
	_, err := s.peerStore().AddMember(r.Context(), v.user.Actor(v.address), sh.ID, r.PostFormValue("member"))
	if err != nil {
		s.refusePeerGroup(w, r, sh, renamed(err, "name", "member"))
		return
	}
	http.Redirect(w, r, peerGroupPath(sh)+"?done=peer_member_added", http.StatusSeeOther)
}

func (s *Server) addPeerIndicator(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.peerSheet(w, r)
	if !ok || !s.managePeers(w, r) {
		return
	}
	v := current(r)
	f := peers.IndicatorFields{Code: r.PostFormValue("code"), Name: r.PostFormValue("indicator"), UOM: r.PostFormValue("uom"),
		Direction: peers.Direction(r.PostFormValue("direction")), PlanCode: r.PostFormValue("plan_code")}
	if _, err := s.peerStore().AddIndicator(r.Context(), v.user.Actor(v.address), sh.ID, f); err != nil {
		s.refusePeerGroup(w, r, sh, renamed(err, "name", "indicator"))
		return
	}
	http.Redirect(w, r, peerGroupPath(sh)+"?done=peer_indicator_added", http.StatusSeeOther)
}

// renamed points a field error at the form's own name for the field: the
// group page has two forms, each with a name of its own.
func renamed(err error, from, to string) error {
	var verr *i18n.Error
	if errors.As(err, &verr) && verr.Field == from {
		return &i18n.Error{Field: to, Msg: verr.Msg}
	}
	return err
}

func (s *Server) refusePeerGroup(w http.ResponseWriter, r *http.Request, sh *peers.Sheet, err error) {
	p := s.newPage(r, "peers.title", "assess")
	if lerr := s.loadPeerGroup(r, p, sh); lerr != nil {
		s.serverError(w, r, lerr)
		return
	}
	s.refuse(w, r, "peers_group", p, err)
}

// peerValuesView is the form for one indicator's values, a line per member.
type peerValuesView struct {
	Sheet     *peers.Sheet
	Indicator peers.Indicator
	Rows      []peerValueInput
	Period    string // the note most values carry, offered for the next save
	Source    string
}

type peerValueInput struct {
	Member peers.Member
	Field  string // the input's name
	Value  string // the stored value, formatted
}

// peerIndicator finds the indicator in the path among the group's.
func (s *Server) peerIndicator(w http.ResponseWriter, r *http.Request, sh *peers.Sheet) (peers.Indicator, bool) {
	id, _ := strconv.ParseInt(r.PathValue("indicator"), 10, 64)
	for _, in := range sh.Indicators {
		if in.ID == id {
			return in, true
		}
	}
	s.errorPage(w, r, http.StatusNotFound, "error.not_found")
	return peers.Indicator{}, false
}

func valuesView(sh *peers.Sheet, in peers.Indicator) peerValuesView {
	view := peerValuesView{Sheet: sh, Indicator: in}
	periods, sources := map[string]int{}, map[string]int{}
	places := valuePlaces(sh, in)
	for _, m := range sh.Members {
		row := peerValueInput{Member: m, Field: "v_" + itoa(m.ID)}
		if v, ok := sh.Value(in.ID, m.ID); ok {
			row.Value = amountIn(v.Amount, places)
			periods[v.Period]++
			sources[v.Source]++
		}
		view.Rows = append(view.Rows, row)
	}
	view.Period, view.Source = mostCommon(periods), mostCommon(sources)
	return view
}

// mostCommon is the text counted most often, the first in order on a tie.
func mostCommon(counts map[string]int) string {
	best, n := "", 0
	for text, c := range counts {
		if c > n || c == n && text < best {
			best, n = text, c
		}
	}
	return best
}

func (s *Server) peerValuesPage(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.peerSheet(w, r)
	if !ok || !s.managePeers(w, r) {
		return
	}
	in, ok := s.peerIndicator(w, r, sh)
	if !ok {
		return
	}
	p := s.newPage(r, "peers.values_title", "assess")
	p.Data = valuesView(sh, in)
	s.render(w, r, http.StatusOK, "peers_values", p)
}

// savePeerValues enters or corrects the indicator's values, all or
// nothing: the page comes back with every value as typed and a message
// beside each that did not read.
func (s *Server) savePeerValues(w http.ResponseWriter, r *http.Request) {
	sh, ok := s.peerSheet(w, r)
	if !ok || !s.managePeers(w, r) {
		return
	}
	in, ok := s.peerIndicator(w, r, sh)
	if !ok {
		return
	}
	v := current(r)
	var inputs []peers.Input
	for _, m := range sh.Members {
		inputs = append(inputs, peers.Input{Member: m.ID, Text: r.PostFormValue("v_" + itoa(m.ID))})
	}
	note := peers.Note{Period: r.PostFormValue("period"), Source: r.PostFormValue("source")}
	_, err := s.peerStore().SetValues(r.Context(), v.user.Actor(v.address), sh.ID, in.ID, note, inputs)
	if err == nil {
		http.Redirect(w, r, peerGroupPath(sh)+"?done=peer_values_saved", http.StatusSeeOther)
		return
	}
	p := s.newPage(r, "peers.values_title", "assess")
	p.Data = valuesView(sh, in)
	var problems peers.Problems
	if !errors.As(err, &problems) {
		s.refuse(w, r, "peers_values", p, err)
		return
	}
	p.Errors = map[string]string{}
	for id, perr := range problems {
		p.Errors["v_"+itoa(id)] = perr.In(p.lang)
	}
	p.Error = p.T("peers.err.values", len(problems))
	p.Form = r.PostForm
	s.render(w, r, http.StatusUnprocessableEntity, "peers_values", p)
}
