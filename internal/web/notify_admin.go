package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"gaoxin/internal/i18n"
	"gaoxin/internal/notify"
	"gaoxin/internal/org"
)

// notifyAdminView is the administrator's page: the mail server, the
// webhooks and how the outbox stands.
type notifyAdminView struct {
	Config   notify.Config
	TLSModes []notify.TLSMode
	Hooks    []webhookRow
	Counts   []outboxCount
}

// webhookRow is a webhook as the list shows it: its address cut to the
// host, since the rest carries the robot's token.
type webhookRow struct {
	notify.Webhook
	Host     string
	UnitName string // "" for the whole zone
}

// outboxCount is one state's count with the link to its rows.
type outboxCount struct {
	State   notify.State // "" for all
	Count   int
	Link    string
	Current bool
}

func (s *Server) loadNotifyAdmin(ctx context.Context, p *page) error {
	st := s.notices()
	cfg, err := st.Config(ctx)
	if err != nil {
		return err
	}
	hooks, err := st.Webhooks(ctx)
	if err != nil {
		return err
	}
	units, err := s.units.ByID(ctx)
	if err != nil {
		return err
	}
	counts, err := st.OutboxCounts(ctx)
	if err != nil {
		return err
	}
	view := notifyAdminView{Config: cfg, TLSModes: notify.TLSModes, Counts: outboxCounts(counts, "")}
	for _, h := range hooks {
		view.Hooks = append(view.Hooks, webhookRow{Webhook: h, Host: hookHost(h.URL), UnitName: units[h.UnitID].Name})
	}
	p.Data = view
	return nil
}

// outboxCounts lists every state's count, all first, marking the one
// the outbox page shows.
func outboxCounts(counts map[notify.State]int, showing notify.State) []outboxCount {
	total := 0
	for _, n := range counts {
		total += n
	}
	list := []outboxCount{{Count: total, Link: "/admin/notifications/outbox", Current: showing == ""}}
	for _, st := range notify.States {
		list = append(list, outboxCount{State: st, Count: counts[st], Link: "/admin/notifications/outbox?state=" + string(st),
			Current: showing == st})
	}
	return list
}

// hookHost is the scheme and host of a webhook's address, which is all
// a list may show of it.
func hookHost(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return "…"
	}
	return u.Scheme + "://" + u.Host + "/…"
}

func (s *Server) notifyAdminPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "notifyadmin.title", "users")
	if err := s.loadNotifyAdmin(r.Context(), p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "notify_admin", p)
}

// refuseNotifyAdmin re-renders the administrator's page with a refusal;
// secrets typed are never sent back.
func (s *Server) refuseNotifyAdmin(w http.ResponseWriter, r *http.Request, refusal error) {
	r.PostForm.Del("smtp_password")
	p := s.newPage(r, "notifyadmin.title", "users")
	if err := s.loadNotifyAdmin(r.Context(), p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.refuse(w, r, "notify_admin", p, refusal)
}

// configFromForm reads the mail settings as the form posts them.
func configFromForm(r *http.Request) (notify.Config, error) {
	c := notify.Config{BaseURL: r.PostFormValue("base_url"), SMTPHost: r.PostFormValue("smtp_host"),
		SMTPFrom: r.PostFormValue("smtp_from"), SMTPUsername: r.PostFormValue("smtp_username"),
		SMTPPassword: r.PostFormValue("smtp_password"), ClearPassword: r.PostFormValue("clear_password") == "1",
		SMTPTLS: notify.TLSMode(r.PostFormValue("smtp_tls"))}
	if port := strings.TrimSpace(r.PostFormValue("smtp_port")); port != "" {
		n, err := strconv.Atoi(port)
		if err != nil {
			return c, i18n.Invalid("smtp_port", "notifyadmin.err.port", port)
		}
		c.SMTPPort = n
	}
	return c, nil
}

func (s *Server) saveMailSettings(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	c, err := configFromForm(r)
	if err == nil {
		_, err = s.notices().SetConfig(r.Context(), v.user.Actor(v.address), c)
	}
	if err != nil {
		s.refuseNotifyAdmin(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/notifications?done=notify_mail_saved", http.StatusSeeOther)
}

// testMail sends a test e-mail with the saved settings and shows what the
// mail server answered: accepted, or its own words of refusal.
func (s *Server) testMail(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	err := s.notices().TestMail(r.Context(), v.lang, r.PostFormValue("email"))
	if err == nil {
		http.Redirect(w, r, "/admin/notifications?done=notify_mail_tested", http.StatusSeeOther)
		return
	}
	if _, _, isInput := userErrorText(v.lang, err); isInput {
		s.refuseNotifyAdmin(w, r, err)
		return
	}
	s.showNotifyTest(w, r, i18n.T(v.lang, "notifyadmin.mail_test_failed", strings.TrimSpace(r.PostFormValue("email")), err.Error()))
}

// showNotifyTest shows the administrator's page with a test that failed.
// The test ran as asked, so the answer is the page, not an error status.
func (s *Server) showNotifyTest(w http.ResponseWriter, r *http.Request, failure string) {
	p := s.newPage(r, "notifyadmin.title", "users")
	if err := s.loadNotifyAdmin(r.Context(), p); err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Error = failure
	p.Form = r.PostForm
	s.render(w, r, http.StatusOK, "notify_admin", p)
}

// unitsForHooks are the units a webhook may be narrowed to: the active
// ones within the administrator's scope.
func (s *Server) unitsForHooks(ctx context.Context, p *page) ([]org.Unit, error) {
	subtree, err := s.units.Subtree(ctx, p.User.Unit)
	if err != nil {
		return nil, err
	}
	var list []org.Unit
	for _, u := range subtree {
		if u.Active && u.Kind != org.KindZone {
			list = append(list, u)
		}
	}
	return list, nil
}
