// Package auth owns who someone is and what they may do: users and their
// roles, argon2id passwords, sessions kept in the database, API tokens,
// sign-in throttling, and the policy (policy.go) that every page and API
// route consults. Nothing else decides permissions.
//
// It imports internal/db, internal/audit, internal/org and internal/i18n.
package auth
