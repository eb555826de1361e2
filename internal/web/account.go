package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

type accountView struct {
	Tokens   []auth.Token
	NewToken string // the secret of a token just made, shown once
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "account.title", "")
	if err := s.loadAccount(r, p, ""); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account", p)
}

func (s *Server) loadAccount(r *http.Request, p *page, newToken string) error {
	tokens, err := s.users.Tokens(r.Context(), current(r).user.ID)
	p.Data = accountView{Tokens: tokens, NewToken: newToken}
	return err
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	old, next := r.PostFormValue("old"), r.PostFormValue("new")
	p := s.newPage(r, "account.title", "")
	if err := s.loadAccount(r, p, ""); err != nil {
		s.serverError(w, r, err)
		return
	}
	var err error
	if next != r.PostFormValue("again") {
		err = i18n.Invalid("again", "user.err.password_mismatch")
	} else {
		err = s.users.ChangePassword(r.Context(), v.user.Actor(v.address), v.user, old, next, v.token)
	}
	if err != nil {
		// Passwords are never sent back into the form.
		r.PostForm.Del("old")
		r.PostForm.Del("new")
		r.PostForm.Del("again")
		s.refuse(w, r, "account", p, err)
		return
	}
	http.Redirect(w, r, "/account?done=password", http.StatusSeeOther)
}

func (s *Server) createOwnToken(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	secret, _, err := s.users.CreateToken(r.Context(), v.user.Actor(v.address), v.user.ID, r.PostFormValue("name"))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p := s.newPage(r, "account.title", "")
	p.Notice = "done.token"
	if err := s.loadAccount(r, p, secret); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account", p)
}

func (s *Server) revokeOwnToken(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	err := s.users.RevokeToken(r.Context(), v.user.Actor(v.address), id, v.user.ID)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account?done=token_revoked", http.StatusSeeOther)
}
