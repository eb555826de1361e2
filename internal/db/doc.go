// Package db opens gaoxin's database — the embedded SQLite file by default,
// PostgreSQL for larger installations — and owns everything that differs
// between the two: connection pools and pragmas, the numbered migration
// history, placeholder and type differences, and the translation of driver
// errors into the sentinel errors below, so that no caller ever sees a
// driver type.
//
// It imports nothing of gaoxin's own. Every domain package imports it.
package db
