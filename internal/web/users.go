package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

type usersView struct {
	Users []*auth.User
	User  *auth.User
	Roles []auth.Role
	Units []org.Unit
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "users.title", "users")
	users, err := s.users.List(r.Context(), current(r).user.Unit)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = usersView{Users: users}
	s.render(w, r, http.StatusOK, "users", p)
}

func (s *Server) loadUserForm(r *http.Request, p *page) error {
	units, err := s.units.Subtree(r.Context(), current(r).user.Unit)
	p.Data = usersView{Roles: auth.Roles, Units: units}
	return err
}

func (s *Server) newUserPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "user.new", "users")
	if err := s.loadUserForm(r, p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user_new", p)
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	p := s.newPage(r, "user.new", "users")
	if err := s.loadUserForm(r, p); err != nil {
		s.serverError(w, r, err)
		return
	}
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	unit, err := s.units.Get(r.Context(), unitID)
	if err != nil || !unit.Within(v.user.Unit) {
		s.refuse(w, r, "user_new", p, i18n.Invalid("unit", "user.err.unit_required"))
		return
	}
	u, err := s.users.Create(r.Context(), v.user.Actor(v.address), auth.NewUser{
		Login: r.PostFormValue("login"), DisplayName: r.PostFormValue("display_name"),
		Role: auth.Role(r.PostFormValue("role")), UnitID: unitID, Password: r.PostFormValue("password"),
		Lang: i18n.Parse(r.PostFormValue("lang")), MustChange: true,
	})
	if err != nil {
		r.PostForm.Del("password")
		s.refuse(w, r, "user_new", p, err)
		return
	}
	http.Redirect(w, r, "/users/"+itoa(u.ID)+"?done=user_created", http.StatusSeeOther)
}

// userInScope loads the user named in the path, if their unit is in scope.
func (s *Server) userInScope(w http.ResponseWriter, r *http.Request) (*auth.User, bool) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	u, err := s.users.Get(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return nil, false
	} else if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	if !auth.CanInUnit(current(r).user, auth.PermUsersManage, u.Unit) {
		s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
		return nil, false
	}
	return u, true
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request) {
	u, ok := s.userInScope(w, r)
	if !ok {
		return
	}
	p := s.newPage(r, "user.title", "users")
	p.Data = usersView{User: u}
	s.render(w, r, http.StatusOK, "user", p)
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	u, ok := s.userInScope(w, r)
	if !ok {
		return
	}
	v := current(r)
	if err := s.users.ResetPassword(r.Context(), v.user.Actor(v.address), u.ID, r.PostFormValue("password")); err != nil {
		p := s.newPage(r, "user.title", "users")
		p.Data = usersView{User: u}
		r.PostForm.Del("password")
		s.refuse(w, r, "user", p, err)
		return
	}
	http.Redirect(w, r, "/users/"+itoa(u.ID)+"?done=password_reset", http.StatusSeeOther)
}

func (s *Server) setUserActive(w http.ResponseWriter, r *http.Request) {
	u, ok := s.userInScope(w, r)
	if !ok {
		return
	}
	v := current(r)
	if u.ID == v.user.ID {
		p := s.newPage(r, "user.title", "users")
		p.Data = usersView{User: u}
		s.refuse(w, r, "user", p, i18n.Invalid("", "user.err.disable_self"))
		return
	}
	if err := s.users.SetActive(r.Context(), v.user.Actor(v.address), u.ID, r.PostFormValue("active") == "true"); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/users/"+itoa(u.ID)+"?done=user_saved", http.StatusSeeOther)
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "tokens.title", "users")
	tokens, err := s.users.Tokens(r.Context(), 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = tokens
	s.render(w, r, http.StatusOK, "tokens", p)
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	err := s.users.RevokeToken(r.Context(), v.user.Actor(v.address), id, 0)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/tokens?done=token_revoked", http.StatusSeeOther)
}
