package web

import (
	"net/http"

	"gaoxin/internal/notify"
)

// notifyPrefsView is a user's choice of what reaches them by e-mail; the
// bell gets everything.
type notifyPrefsView struct {
	Prefs  notify.Preferences
	Kinds  []notify.Kind
	MailOn bool // the administrator has set up a mail server
}

func (s *Server) loadNotifyPrefs(r *http.Request, p *page) error {
	st := s.notices()
	prefs, err := st.Preferences(r.Context(), current(r).user.ID)
	if err != nil {
		return err
	}
	cfg, err := st.Config(r.Context())
	p.Data = notifyPrefsView{Prefs: prefs, Kinds: notify.Kinds, MailOn: cfg.MailOn()}
	return err
}

func (s *Server) notifyPrefsPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "notifyprefs.title", "")
	if err := s.loadNotifyPrefs(r, p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notify_prefs", p)
}

func (s *Server) saveNotifyPrefs(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	prefs := notify.Preferences{UserID: v.user.ID, Email: r.PostFormValue("email")}
	for _, k := range r.PostForm["kinds"] {
		prefs.EmailKinds = append(prefs.EmailKinds, notify.Kind(k))
	}
	if _, err := s.notices().SetPreferences(r.Context(), v.user.Actor(v.address), prefs); err != nil {
		p := s.newPage(r, "notifyprefs.title", "")
		if lerr := s.loadNotifyPrefs(r, p); lerr != nil {
			s.serverError(w, r, lerr)
			return
		}
		s.refuse(w, r, "notify_prefs", p, err)
		return
	}
	http.Redirect(w, r, "/account/notifications?done=notify_prefs_saved", http.StatusSeeOther)
}
