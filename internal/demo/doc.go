// Package demo loads the Weifang National High-tech Zone's 2019 — the year
// the seed report describes — so that a newcomer meets a living system:
// its departments, streets and parks, and a user for every role. Data the
// report states is used as stated; the rest is plausible and marked as
// generated where it is shown.
//
// It imports the domain packages and internal/db.
package demo
