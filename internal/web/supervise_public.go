package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/i18n"
	"gaoxin/internal/supervise"
)

// The public pages let a firm send a request and rate its handling with
// no account: no session, so no CSRF token to check, and nothing on them
// but the form. The store limits how many requests one address sends in
// an hour, which answers a flood without a CAPTCHA (no third-party
// service is reachable on an intranet anyway).

func (s *Server) publicRequestPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "requests.public_title", "")
	p.Data = requestFormView{Request: supervise.Request{Category: "approval"}, Categories: supervise.RequestCategories, Public: true}
	s.render(w, r, http.StatusOK, "supervise_request_form", p)
}

func (s *Server) submitPublicRequest(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	req := requestFromForm(r)
	p := s.newPage(r, "requests.public_title", "")
	sent, err := s.tasks().Submit(r.Context(), current(r).address, req)
	if err != nil {
		p.Data = requestFormView{Request: req, Categories: supervise.RequestCategories, Public: true}
		var verr *i18n.Error
		if errors.As(err, &verr) && verr.Key == supervise.FloodKey {
			p.Error = verr.In(p.lang)
			p.Form = r.PostForm
			w.Header().Set("Retry-After", "3600")
			s.render(w, r, http.StatusTooManyRequests, "supervise_request_form", p)
			return
		}
		s.refuse(w, r, "supervise_request_form", p, err)
		return
	}
	p.Data = requestFormView{Categories: supervise.RequestCategories, Public: true, Sent: &sent}
	s.render(w, r, http.StatusOK, "supervise_request_form", p)
}

// rateView is the firm's rating page of a closed request.
type rateView struct {
	Request supervise.Request
	Token   string
	Done    bool
}

func (s *Server) ratePage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	req, err := s.tasks().ByToken(r.Context(), token)
	p := s.newPage(r, "requests.rate_title", "")
	if err != nil {
		p.Error = i18n.T(p.lang, "request.err.link")
		p.Data = rateView{}
		s.render(w, r, http.StatusNotFound, "supervise_rate", p)
		return
	}
	p.Data = rateView{Request: req, Token: token}
	s.render(w, r, http.StatusOK, "supervise_rate", p)
}

func (s *Server) rateRequest(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	stars, _ := strconv.Atoi(r.PostFormValue("rating"))
	p := s.newPage(r, "requests.rate_title", "")
	req, err := s.tasks().Rate(r.Context(), token, stars, r.PostFormValue("comment"))
	if err != nil {
		before, lookErr := s.tasks().ByToken(r.Context(), token)
		if lookErr != nil {
			p.Error = i18n.T(p.lang, "request.err.link")
			p.Data = rateView{}
			s.render(w, r, http.StatusNotFound, "supervise_rate", p)
			return
		}
		p.Data = rateView{Request: before, Token: token}
		s.refuse(w, r, "supervise_rate", p, err)
		return
	}
	p.Data = rateView{Request: req, Done: true}
	s.render(w, r, http.StatusOK, "supervise_rate", p)
}
