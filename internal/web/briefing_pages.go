package web

import (
	"errors"
	"gaoxin/internal/audit"
	"net/http"
	"net/url"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/briefing"
	"gaoxin/internal/db"
)

// briefingView is one briefing as a page shows it: the draft computed now
// or a published version, with the month's versions beside it.
type briefingView struct {
	B          *briefing.Briefing
	Title      string
	Subtitle   string
	Draft      bool
	Version    int
	Latest     *briefing.Published // the month's latest version, for a draft
	Same       bool                // the draft is what the latest version holds
	Versions   []briefing.Published
	Export     string
	DraftPath  string
	CanPublish bool
	// Anchor is the audit entry that published this version: printed with
	// it, it proves the trail up to the publication.
	Anchor string
}

// briefingDraftPage computes the month's briefing now and shows it, with
// what is published of the month and, to the office, the publish button.
func (s *Server) briefingDraftPage(w http.ResponseWriter, r *http.Request) {
	year, month, ok := s.briefingMonth(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "briefing.draft_title", "assess")
	view, err := s.draftView(r, p, year, month)
	if err != nil {
		s.briefingError(w, r, err)
		return
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "briefing_show", p)
}

// draftView builds the draft and compares it with the latest version.
func (s *Server) draftView(r *http.Request, p *page, year, month int) (*briefingView, error) {
	ctx := r.Context()
	st := s.briefings()
	b, err := st.Build(ctx, year, month)
	if err != nil {
		return nil, err
	}
	ed := briefing.Edition{AsOf: st.Today()}
	view := &briefingView{B: b, Title: b.Title(p.lang), Subtitle: ed.Subtitle(p.lang), Draft: true,
		Export: briefingPath(year, month, 0) + "/briefing.xlsx", DraftPath: briefingPath(year, month, 0),
		CanPublish: auth.Can(p.User, auth.PermAssessManage)}
	if view.Versions, err = s.monthVersions(r, year, month); err != nil {
		return nil, err
	}
	if len(view.Versions) > 0 {
		view.Latest = &view.Versions[0]
		sum, err := briefing.Digest(b)
		if err != nil {
			return nil, err
		}
		view.Same = sum == view.Latest.SHA256
	}
	return view, nil
}

// monthVersions lists a month's published versions, newest first.
func (s *Server) monthVersions(r *http.Request, year, month int) ([]briefing.Published, error) {
	all, err := s.briefings().Year(r.Context(), year)
	var out []briefing.Published
	for _, pub := range all {
		if pub.Month == month {
			out = append(out, pub)
		}
	}
	return out, err
}

// briefingVersionPage shows a published version from its snapshot, as it
// was published, whatever has changed since.
func (s *Server) briefingVersionPage(w http.ResponseWriter, r *http.Request) {
	year, month, ok := s.briefingMonth(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "briefing.version_title", "assess")
	pub, b, ok := s.publishedBriefing(w, r, year, month)
	if !ok {
		return
	}
	ed := briefing.Edition{AsOf: pub.AsOf, Version: pub.Version, PublishedOn: pub.PublishedAt.In(s.location).Format("2006-01-02")}
	view := &briefingView{B: b, Title: b.Title(p.lang), Subtitle: ed.Subtitle(p.lang), Version: pub.Version,
		Export: briefingPath(year, month, pub.Version) + "/briefing.xlsx", DraftPath: briefingPath(year, month, 0)}
	var err error
	if view.Versions, err = s.monthVersions(r, year, month); err != nil {
		s.serverError(w, r, err)
		return
	}
	if a, ok, err := audit.AnchorOf(r.Context(), s.db, "briefing.publish", strconv.FormatInt(pub.ID, 10)); err != nil {
		s.serverError(w, r, err)
		return
	} else if ok {
		view.Anchor = a.String()
	}
	p.Data = view
	s.render(w, r, http.StatusOK, "briefing_show", p)
}

// publishedBriefing reads {version} of the month and decodes its snapshot;
// a version that does not exist is not found.
func (s *Server) publishedBriefing(w http.ResponseWriter, r *http.Request, year, month int) (briefing.Published, *briefing.Briefing, bool) {
	version, err := strconv.Atoi(r.PathValue("version"))
	if err != nil || version < 1 {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return briefing.Published{}, nil, false
	}
	pub, err := s.briefings().Version(r.Context(), year, month, version)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return pub, nil, false
	} else if err != nil {
		s.serverError(w, r, err)
		return pub, nil, false
	}
	b, err := pub.Briefing()
	if err != nil {
		s.serverError(w, r, err)
		return pub, nil, false
	}
	return pub, b, true
}

// publishBriefing computes the month's briefing now and keeps it as the
// next version, or as none when it is what the latest version holds. A
// refusal (the month is not over) shows the draft with the reason.
func (s *Server) publishBriefing(w http.ResponseWriter, r *http.Request) {
	year, month, ok := s.briefingMonth(w, r)
	if !ok {
		return
	}
	st := s.briefings()
	b, err := st.Build(r.Context(), year, month)
	if err != nil {
		s.briefingError(w, r, err)
		return
	}
	v := current(r)
	pub, added, err := st.Publish(r.Context(), v.user.Actor(v.address), b)
	if err != nil {
		p := s.newPage(r, "briefing.draft_title", "assess")
		view, verr := s.draftView(r, p, year, month)
		if verr != nil {
			s.briefingError(w, r, verr)
			return
		}
		p.Data = view
		s.refuse(w, r, "briefing_show", p, err)
		return
	}
	done := "briefing_published"
	if !added {
		done = "briefing_unchanged"
	}
	http.Redirect(w, r, briefingPath(year, month, pub.Version)+"?"+url.Values{"done": {done}}.Encode(), http.StatusSeeOther)
}
