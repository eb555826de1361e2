package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"gaoxin/internal/db"
	"gaoxin/internal/notify"
)

// deliveriesPerPage is how many outbox rows the page shows at once.
const deliveriesPerPage = 50

// outboxView is the outbox: counts by state and the latest rows of one
// state or all, newest first.
type outboxView struct {
	State  notify.State // "" for all
	Counts []outboxCount
	Rows   []notify.Delivery
	Older  string // the next page, "" on the last
	Paged  bool
}

func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	state := notify.State(q.Get("state"))
	if !slices.Contains(notify.States, state) {
		state = ""
	}
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	st := s.notices()
	rows, err := st.Outbox(r.Context(), notify.OutboxFilter{State: state, Before: before, Limit: deliveriesPerPage})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	counts, err := st.OutboxCounts(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	view := outboxView{State: state, Counts: outboxCounts(counts, state), Rows: rows, Paged: before > 0}
	if len(rows) == deliveriesPerPage {
		next := url.Values{"before": {itoa(rows[len(rows)-1].ID)}}
		if state != "" {
			next.Set("state", string(state))
		}
		view.Older = "/admin/notifications/outbox?" + next.Encode()
	}
	p := s.newPage(r, "notifyadmin.outbox_title", "users")
	p.Data = view
	s.render(w, r, http.StatusOK, "notify_outbox", p)
}

// retryDelivery puts a failed row back in the queue with a full set of
// attempts; a row that is not failed is not found.
func (s *Server) retryDelivery(w http.ResponseWriter, r *http.Request) {
	v := current(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		err = s.notices().Retry(r.Context(), v.user.Actor(v.address), id)
	}
	if errors.Is(err, db.ErrNotFound) || errors.Is(err, strconv.ErrSyntax) || errors.Is(err, strconv.ErrRange) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	} else if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/notifications/outbox?state=pending&done=notify_retried", http.StatusSeeOther)
}
