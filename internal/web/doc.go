// Package web serves gaoxin's pages: server-rendered HTML that works
// without JavaScript, in Chinese by default and in English.
//
// routes.go is the single list of pages, each with the permission it needs;
// middleware.go resolves the session, checks that permission and the CSRF
// token, and sets the security headers, so no handler can forget them.
// Handlers are grouped by domain (units.go, users.go, audit.go, account.go)
// and stay thin: parse the form, call the domain store, render.
//
// It imports the domain packages, internal/api (mounted at /api/v1) and
// internal/db; nothing imports it but internal/cli.
package web
