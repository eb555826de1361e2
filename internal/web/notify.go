package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/notify"
)

// notifyRoutes are notifications. Every signed-in user has the bell, the
// list of their own notifications and their choice of what is e-mailed;
// the administrator sets up the mail server and the chat-tool webhooks and
// watches the outbox, as they do users and tokens.
func (s *Server) notifyRoutes() []route {
	return []route{
		{"GET /notifications", auth.PermHome, s.notificationsPage},
		{"POST /notifications/read-all", auth.PermHome, s.readAllNotifications},
		{"POST /notifications/{id}/open", auth.PermHome, s.openNotification},
		{"GET /account/notifications", auth.PermHome, s.notifyPrefsPage},
		{"POST /account/notifications", auth.PermHome, s.saveNotifyPrefs},
		{"GET /admin/notifications", auth.PermUsersManage, s.notifyAdminPage},
		{"POST /admin/notifications/mail", auth.PermUsersManage, s.saveMailSettings},
		{"POST /admin/notifications/mail/test", auth.PermUsersManage, s.testMail},
		{"GET /admin/notifications/webhooks/new", auth.PermUsersManage, s.newWebhookPage},
		{"POST /admin/notifications/webhooks/new", auth.PermUsersManage, s.createWebhook},
		{"GET /admin/notifications/webhooks/{id}", auth.PermUsersManage, s.webhookPage},
		{"POST /admin/notifications/webhooks/{id}", auth.PermUsersManage, s.updateWebhook},
		{"POST /admin/notifications/webhooks/{id}/delete", auth.PermUsersManage, s.deleteWebhook},
		{"POST /admin/notifications/webhooks/{id}/test", auth.PermUsersManage, s.testWebhook},
		{"GET /admin/notifications/outbox", auth.PermUsersManage, s.outboxPage},
		{"POST /admin/notifications/outbox/{id}/retry", auth.PermUsersManage, s.retryDelivery},
	}
}

// notices is the notification store. It keeps the real clock rather than
// the demo's pinned one: a notification is read when it is read.
func (s *Server) notices() *notify.Store { return notify.NewStore(s.db) }

// Unread is the bell's count for the header: one COUNT over the partial
// index of unread rows, made only when a page for a signed-in user is
// drawn. A failure costs the count, not the page.
func (p *page) Unread() int {
	if p.User == nil || p.server == nil || p.ctx == nil {
		return 0
	}
	n, err := p.server.notices().Unread(p.ctx, p.User.ID)
	if err != nil {
		p.server.log.Warn("notify: counting unread notifications", "user", p.User.ID, "err", err)
		return 0
	}
	return n
}

// notificationsPerPage is how many notifications the list shows at once.
const notificationsPerPage = 20

// notificationsView is a page of the user's notifications, newest first.
type notificationsView struct {
	Items      []notify.Notification
	UnreadOnly bool
	Older      string // the next page, "" on the last
	Paged      bool   // this is not the first page
	CanAdmin   bool
}

func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request) {
	u := current(r).user
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	view := notificationsView{UnreadOnly: q.Get("unread") == "1", Paged: before > 0, CanAdmin: auth.Can(u, auth.PermUsersManage)}
	items, err := s.notices().List(r.Context(), u.ID, notify.Page{Before: before, Limit: notificationsPerPage, UnreadOnly: view.UnreadOnly})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view.Items = items
	if len(items) == notificationsPerPage {
		next := url.Values{"before": {itoa(items[len(items)-1].ID)}}
		if view.UnreadOnly {
			next.Set("unread", "1")
		}
		view.Older = "/notifications?" + next.Encode()
	}
	p := s.newPage(r, "notifications.title", "notifications")
	p.Data = view
	s.render(w, r, http.StatusOK, "notify_list", p)
}

// openNotification marks one of the user's notifications read and follows
// its link. Another user's is not found, as if it did not exist.
func (s *Server) openNotification(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	n, err := s.notices().Open(r.Context(), current(r).user.ID, id)
	if errors.Is(err, db.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, localLink(n.Link), http.StatusSeeOther)
}

// localLink is where following a notification may lead: a path of this
// site, or back to the list when there is none. Enqueue takes paths only,
// but a row is not trusted to have come through it: an address elsewhere
// ("https://…", "//host", "/\host") would make the bell an open redirect.
func localLink(link string) string {
	const list = "/notifications"
	if !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") || strings.ContainsAny(link, "\\\r\n\t") {
		return list
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return list
	}
	return link
}

func (s *Server) readAllNotifications(w http.ResponseWriter, r *http.Request) {
	if _, err := s.notices().MarkAllRead(r.Context(), current(r).user.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/notifications?done=notify_all_read", http.StatusSeeOther)
}

// NotifyTicked reports whether a checkbox shows ticked: as posted after a
// refusal, else as the record holds it.
func (p *page) NotifyTicked(field, value string, held bool) bool {
	if p.Form != nil {
		return slices.Contains(p.Form[field], value)
	}
	return held
}

// KindTicked is NotifyTicked for a kind of event among those a record
// holds (a user's e-mail choice, a webhook's subscription).
func (p *page) KindTicked(field string, held []notify.Kind, k notify.Kind) bool {
	return p.NotifyTicked(field, string(k), slices.Contains(held, k))
}
