package notify_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"gaoxin/internal/notify"
)

// receiver is a webhook endpoint on 127.0.0.1 that keeps every call.
type receiver struct {
	srv   *httptest.Server
	mu    sync.Mutex
	calls []call
	// reply answers the n-th call (from 1); nil answers 200 {"errcode":0}.
	reply func(n int, c call) (int, string)
}

type call struct {
	id     string // the delivery id header
	url    *url.URL
	header http.Header
	body   []byte
}

func newReceiver(t testing.TB, reply func(n int, c call) (int, string)) *receiver {
	r := &receiver{reply: reply}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		c := call{id: req.Header.Get(notify.DeliveryHeader), url: req.URL, header: req.Header, body: body}
		r.mu.Lock()
		r.calls = append(r.calls, c)
		n := len(r.calls)
		r.mu.Unlock()
		status, text := http.StatusOK, `{"errcode":0,"errmsg":"ok"}`
		if r.reply != nil {
			status, text = r.reply(n, c)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, text)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) url(path string) string { return r.srv.URL + path }

func (r *receiver) received() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]call(nil), r.calls...)
}

// ids counts the calls of each delivery id.
func (r *receiver) ids() map[string]int {
	seen := map[string]int{}
	for _, c := range r.received() {
		seen[c.id]++
	}
	return seen
}
