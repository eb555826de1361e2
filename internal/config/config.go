// Package config holds the options gaoxin starts with: typed, with
// defaults, read from command-line flags and GAOXIN_* environment variables
// (a flag wins over the environment). Settings that the assessment office
// changes while the system runs live in the database, not here.
//
// It imports nothing of gaoxin's own.
package config

import (
	"flag"
	"os"
	"strconv"
)

// Config is what serve and demo need.
type Config struct {
	DB            string // GAOXIN_DB: a path, sqlite:PATH or postgres://…
	Addr          string // GAOXIN_ADDR: where to listen
	SecureCookies bool   // GAOXIN_SECURE_COOKIES: set when served over HTTPS
	LogJSON       bool   // GAOXIN_LOG_JSON: logs as JSON lines instead of text
	// MetricsFrom lists the addresses or networks (CIDR) that may read
	// /metrics without a token, e.g. a Prometheus server's; GAOXIN_METRICS_FROM,
	// comma-separated. Anyone else needs an administrator's API token.
	MetricsFrom string
}

// DefaultAddr listens on loopback only; an intranet server sets 0.0.0.0:8080.
const DefaultAddr = "127.0.0.1:8080"

// FromEnv fills a Config from the environment, with defaults.
func FromEnv(defaultDB string) Config {
	return Config{
		DB:            env("GAOXIN_DB", defaultDB),
		Addr:          env("GAOXIN_ADDR", DefaultAddr),
		SecureCookies: envBool("GAOXIN_SECURE_COOKIES"),
		LogJSON:       envBool("GAOXIN_LOG_JSON"),
		MetricsFrom:   env("GAOXIN_METRICS_FROM", ""),
	}
}

// DBFlag registers --db on fs, defaulting to the environment's value.
func (c *Config) DBFlag(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "database: a file path, sqlite:PATH or postgres://… (env GAOXIN_DB)")
}

// ServeFlags registers the flags of a command that serves pages.
func (c *Config) ServeFlags(fs *flag.FlagSet) {
	c.DBFlag(fs)
	fs.StringVar(&c.Addr, "addr", c.Addr, "address to listen on, HOST:PORT (env GAOXIN_ADDR)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "mark cookies Secure, for HTTPS (env GAOXIN_SECURE_COOKIES)")
	fs.BoolVar(&c.LogJSON, "log-json", c.LogJSON, "write logs as JSON lines (env GAOXIN_LOG_JSON)")
	fs.StringVar(&c.MetricsFrom, "metrics-from", c.MetricsFrom,
		"addresses or CIDR networks that may read /metrics without an admin token, comma-separated (env GAOXIN_METRICS_FROM)")
}

func env(name, fallback string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return fallback
}

func envBool(name string) bool {
	b, _ := strconv.ParseBool(os.Getenv(name))
	return b
}
