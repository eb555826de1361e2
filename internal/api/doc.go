// Package api serves the JSON API under /api/v1 for scripts and other
// systems. Callers authenticate with an API token (Authorization: Bearer
// gx_…, made by `gaoxin token create`); every route declares the
// permission it needs and goes through auth's policy, like the pages do.
// openapi.json describes the routes.
//
// It imports the domain packages and internal/db.
package api
