package web

import (
	"net/http"
	"strconv"

	"gaoxin/internal/i18n"
	"gaoxin/internal/peers"
	"gaoxin/internal/xlsx"
)

// importPeers reads a file of peer values for the year: all or nothing,
// every problem listed by row and column on the page.
func (s *Server) importPeers(w http.ResponseWriter, r *http.Request) {
	year, ok := s.peerYear(w, r)
	if !ok || !s.managePeers(w, r) {
		return
	}
	v := current(r)
	p := s.newPage(r, "peers.title", "assess")
	if err := s.loadPeers(r, p, year); err != nil {
		s.serverError(w, r, err)
		return
	}
	upload, err := s.uploaded(r)
	if err != nil {
		s.refuse(w, r, "peers", p, err)
		return
	}
	table, err := upload.Table()
	if err != nil {
		s.refuse(w, r, "peers", p, err) // the reader's refusal is in the user's language
		return
	}
	defer table.Close()
	dry := r.PostFormValue("dry") == "1"
	res, err := s.peerStore().Import(r.Context(), v.user.Actor(v.address), table, year, dry)
	if err != nil {
		s.refuse(w, r, "peers", p, err)
		return
	}
	if err := s.loadPeers(r, p, year); err != nil {
		s.serverError(w, r, err)
		return
	}
	view := p.Data.(peersView)
	view.Imported, view.Dry = &res, dry
	p.Data = view
	s.render(w, r, http.StatusOK, "peers", p)
}

// exportPeers writes the year's groups in the layout the import reads.
func (s *Server) exportPeers(w http.ResponseWriter, r *http.Request) {
	year, ok := s.peerYear(w, r)
	if !ok {
		return
	}
	sheets, err := s.peerStore().Year(r.Context(), year)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	lang := current(r).lang
	header, rows := peers.ExportTable(sheets, lang)
	name := "peers-" + strconv.Itoa(year)
	if r.URL.Query().Get("format") == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		err = xlsx.WriteCSV(w, header, rows)
	} else {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
		err = xlsx.WriteXLSX(w, i18n.T(lang, "peers.title"), header, rows)
	}
	if err != nil {
		s.log.Error("export peers", "err", err)
	}
}
