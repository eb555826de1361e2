package web

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"gaoxin/internal/auth"
	"gaoxin/internal/db"
	"gaoxin/internal/notify"
)

// metrics is what /metrics serves in Prometheus's text format: requests
// by route and status with their latency, the database's pools, the
// outbox's depth by state, the figures submitted, and the Go runtime's and
// the process's own figures.
type metrics struct {
	registry  *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	submitted prometheus.Counter
	allowed   []*net.IPNet // who may read without a token
}

func newMetrics(d *db.DB, from string) (*metrics, error) {
	m := &metrics{registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "gaoxin_http_requests_total",
		Help: "HTTP requests answered, by route pattern, method and status."}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "gaoxin_http_request_duration_seconds",
		Help:    "Time to answer an HTTP request, by route pattern.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"route"})
	m.submitted = prometheus.NewCounter(prometheus.CounterOpts{Name: "gaoxin_figures_submitted_total",
		Help: "Figures submitted by units through the pages and the API since the process started."})
	for _, c := range []prometheus.Collector{m.requests, m.latency, m.submitted, poolCollector{d}, outboxCollector{d},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})} {
		if err := m.registry.Register(c); err != nil {
			return nil, err
		}
	}
	for _, part := range strings.Split(from, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			if ip := net.ParseIP(part); ip != nil && ip.To4() != nil {
				part += "/32"
			} else {
				part += "/128"
			}
		}
		_, n, err := net.ParseCIDR(part)
		if err != nil {
			return nil, err
		}
		m.allowed = append(m.allowed, n)
	}
	return m, nil
}

// measure counts and times every request by the route pattern that served
// it, never by its path: the label's values stay few, and no id or query
// reaches the metrics.
func (m *metrics) measure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		status := sw.status
		if status == 0 {
			status = http.StatusOK
		}
		m.requests.WithLabelValues(route, r.Method, strconv.Itoa(status)).Inc()
		m.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

// serve answers /metrics for an allowed address or an administrator's API
// token; anyone else gets 403 (401 with no token), and nothing is said of
// what is measured.
func (m *metrics) serve(users *auth.Users) http.Handler {
	h := promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ip := net.ParseIP(clientAddress(r)); ip != nil {
			for _, n := range m.allowed {
				if n.Contains(ip) {
					h.ServeHTTP(w, r)
					return
				}
			}
		}
		secret, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="gaoxin metrics"`)
			http.Error(w, "an administrator's API token is needed", http.StatusUnauthorized)
			return
		}
		u, err := users.TokenUser(r.Context(), secret)
		if err != nil || !auth.Can(u, auth.PermUsersManage) {
			http.Error(w, "an administrator's API token is needed", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// poolCollector reads the database's pools at each scrape.
type poolCollector struct{ d *db.DB }

var (
	poolOpen    = prometheus.NewDesc("gaoxin_db_connections_open", "Open connections of a pool.", []string{"pool"}, nil)
	poolInUse   = prometheus.NewDesc("gaoxin_db_connections_in_use", "Connections of a pool in use.", []string{"pool"}, nil)
	poolWaits   = prometheus.NewDesc("gaoxin_db_wait_total", "Times a request waited for a connection of a pool.", []string{"pool"}, nil)
	poolWaited  = prometheus.NewDesc("gaoxin_db_wait_seconds_total", "Time spent waiting for a connection of a pool.", []string{"pool"}, nil)
	outboxDepth = prometheus.NewDesc("gaoxin_outbox_messages", "Messages in the notification outbox, by state.", []string{"state"}, nil)
)

func (c poolCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- poolOpen
	ch <- poolInUse
	ch <- poolWaits
	ch <- poolWaited
}

func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	for name, st := range c.d.Pools() {
		ch <- prometheus.MustNewConstMetric(poolOpen, prometheus.GaugeValue, float64(st.OpenConnections), name)
		ch <- prometheus.MustNewConstMetric(poolInUse, prometheus.GaugeValue, float64(st.InUse), name)
		ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(st.WaitCount), name)
		ch <- prometheus.MustNewConstMetric(poolWaited, prometheus.CounterValue, st.WaitDuration.Seconds(), name)
	}
}

// outboxCollector counts the outbox by state at each scrape.
type outboxCollector struct{ d *db.DB }

func (c outboxCollector) Describe(ch chan<- *prometheus.Desc) { ch <- outboxDepth }

func (c outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := notify.NewStore(c.d).OutboxCounts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(outboxDepth, err)
		return
	}
	for _, st := range notify.States {
		ch <- prometheus.MustNewConstMetric(outboxDepth, prometheus.GaugeValue, float64(counts[st]), string(st))
	}
}
