// Package arch holds no code, only a test that keeps the import rules
// written in docs/ARCHITECTURE.md true: web, api and cli depend on the
// domains, the domains on db, and never the other way round.
package arch
