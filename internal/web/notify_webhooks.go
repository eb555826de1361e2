package web

import (
	"errors"
	"net/http"
	"strconv"

	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
	"gaoxin/internal/org"
)

// webhookFormView is the form that adds or changes a webhook.
type webhookFormView struct {
	Hook  notify.Webhook // as stored; its secret is never here, only HasSecret
	New   bool
	Kinds []notify.HookKind
	Event []notify.Kind
	Units []org.Unit
}

func (s *Server) renderWebhookForm(w http.ResponseWriter, r *http.Request, h notify.Webhook, refusal error) {
	isNew := h.ID == 0
	title := "notifyadmin.hook_edit"
	if isNew {
		title = "notifyadmin.hook_new"
	}
	p := s.newPage(r, title, "users")
	units, err := s.unitsForHooks(r.Context(), p)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Data = webhookFormView{Hook: h, New: isNew, Kinds: notify.HookKinds, Event: notify.Kinds, Units: units}
	if refusal != nil {
		// The secret typed goes nowhere but the store.
		r.PostForm.Del("secret")
		s.refuse(w, r, "notify_webhook", p, refusal)
		return
	}
	s.render(w, r, http.StatusOK, "notify_webhook", p)
}

func (s *Server) newWebhookPage(w http.ResponseWriter, r *http.Request) {
	s.renderWebhookForm(w, r, notify.Webhook{Kind: notify.DingTalk, Active: true}, nil)
}

// webhookFromForm reads a webhook as the form posts it. A unit outside
// the administrator's scope is refused as not found.
func (s *Server) webhookFromForm(r *http.Request) (notify.Webhook, error) {
	h := notify.Webhook{Name: r.PostFormValue("name"), Kind: notify.HookKind(r.PostFormValue("kind")),
		URL: r.PostFormValue("url"), Secret: r.PostFormValue("secret"), ClearSecret: r.PostFormValue("clear_secret") == "1",
		Active: r.PostFormValue("active") == "1"}
	for _, k := range r.PostForm["events"] {
		h.Events = append(h.Events, notify.Kind(k))
	}
	if unit := r.PostFormValue("unit"); unit != "" {
		id, err := strconv.ParseInt(unit, 10, 64)
		if err != nil {
			return h, i18n.Invalid("unit", "notify.err.unit")
		}
		u, err := s.units.Get(r.Context(), id)
		if err != nil || !u.Within(current(r).user.Unit) {
			return h, i18n.Invalid("unit", "notify.err.unit")
		}
		h.UnitID = id
	}
	return h, nil
}

func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	h, err := s.webhookFromForm(r)
	if err == nil {
		_, err = s.notices().CreateWebhook(r.Context(), v.user.Actor(v.address), h)
	}
	if err != nil {
		s.renderWebhookForm(w, r, notify.Webhook{Kind: notify.DingTalk, Active: true}, err)
		return
	}
	http.Redirect(w, r, "/admin/notifications?done=notify_hook_created#webhooks", http.StatusSeeOther)
}

// storedWebhook loads the webhook named in the path, answering 404 when
// there is none.
func (s *Server) storedWebhook(w http.ResponseWriter, r *http.Request) (notify.Webhook, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return notify.Webhook{}, false
	}
	h, err := s.notices().Webhook(r.Context(), id)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return h, false
	} else if err != nil {
		s.serverError(w, r, err)
		return h, false
	}
	return h, true
}

func (s *Server) webhookPage(w http.ResponseWriter, r *http.Request) {
	if h, ok := s.storedWebhook(w, r); ok {
		s.renderWebhookForm(w, r, h, nil)
	}
}

func (s *Server) updateWebhook(w http.ResponseWriter, r *http.Request) {
	stored, ok := s.storedWebhook(w, r)
	if !ok {
		return
	}
	v := current(r)
	h, err := s.webhookFromForm(r)
	if err == nil {
		h.ID = stored.ID
		_, err = s.notices().UpdateWebhook(r.Context(), v.user.Actor(v.address), h)
	}
	if err != nil {
		s.renderWebhookForm(w, r, stored, err)
		return
	}
	http.Redirect(w, r, "/admin/notifications?done=notify_hook_saved#webhooks", http.StatusSeeOther)
}

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	h, ok := s.storedWebhook(w, r)
	if !ok {
		return
	}
	v := current(r)
	err := s.notices().DeleteWebhook(r.Context(), v.user.Actor(v.address), h.ID)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/notifications?done=notify_hook_deleted#webhooks", http.StatusSeeOther)
}

// testWebhook sends a test message to a webhook at once and shows what
// the receiver or chat tool answered.
func (s *Server) testWebhook(w http.ResponseWriter, r *http.Request) {
	h, ok := s.storedWebhook(w, r)
	if !ok {
		return
	}
	err := s.notices().TestWebhook(r.Context(), h.ID)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	} else if err != nil {
		s.showNotifyTest(w, r, i18n.T(current(r).lang, "notifyadmin.hook_test_failed", h.Name, err.Error()))
		return
	}
	http.Redirect(w, r, "/admin/notifications?done=notify_hook_tested#webhooks", http.StatusSeeOther)
}
